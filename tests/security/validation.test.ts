import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError } from '../../engine/index.js';
import { fixture, openHarness, type Harness } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from '../server/testServer.js';

const benefit = fixture(import.meta.url, '../server/fixtures/benefit.bpmn');

/** Instants and dates that look plausible to a regex but are not a moment anyone meant. */
const BAD_INSTANTS = ['0000-01-01T00:00:00Z', '1000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-03-09T24:30:00Z', '2026-03-09'];
const BAD_DATES = ['2026-13-45', '2026-02-29', '2026-04-31', '0000-01-01', '9999-01-01', '2026-1-5'];

interface ErrorAnswer {
  error: { code: string; message: string; details?: { issues?: { path: string }[]; field?: string; kind?: string; id?: string } };
}

/** The field a 400 blames: the route's schema names it in `issues`, the engine in `field`. */
async function blamed(response: Response): Promise<string | undefined> {
  const { error } = (await response.json()) as ErrorAnswer;
  return error.details?.field ?? error.details?.issues?.[0]?.path;
}

describe('date and instant fields over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, benefit)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  const switchRouting = (code: string, json: Record<string, unknown>) => server.api(`/api/routing/${code}`, { method: 'PUT', json: { mode: 'single', reason: 'pilot', ...json }, as: 'coordinator' });

  for (const effectiveFrom of BAD_INSTANTS) {
    it(`should refuse routing effectiveFrom ${effectiveFrom} with 400 naming the field`, async () => {
      const response = await switchRouting('TEST-BENEFIT', { effectiveFrom });
      expect(response.status).toBe(400);
      expect(await blamed(response)).toBe('effectiveFrom');
    });
  }

  it('should still take a real instant, with an offset too, and record it in UTC', async () => {
    const response = await switchRouting('TEST-BENEFIT', { effectiveFrom: '2026-03-09T09:00:00+05:00' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ effectiveFrom: '2026-03-09T04:00:00.000Z' });
  });

  it('should answer 404 naming the service for a service code no deployed process carries, and record nothing', async () => {
    const response = await switchRouting('NOPE', {});
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found', details: { kind: 'service', id: 'NOPE' } } });
    expect(await server.engine.routing.history('NOPE')).toEqual([]);
    expect((await server.api('/api/routing/NOPE/history', { as: 'coordinator' })).status).toBe(404);
  });

  for (const from of BAD_DATES) {
    it(`should refuse an absence from ${from} with 400 naming the field`, async () => {
      const response = await server.api('/api/absences/official', { method: 'PUT', json: { from, to: '2026-04-30' }, as: 'supervisor' });
      expect(response.status).toBe(400);
      expect(await blamed(response)).toBe('from');
    });
  }

  it('should refuse an absence that ends on a date that does not exist, and one that ends before it starts', async () => {
    const before = await server.engine.directory.absences('official');
    const unreal = await server.api('/api/absences/official', { method: 'PUT', json: { from: '2026-04-01', to: '2026-04-31' }, as: 'supervisor' });
    expect(unreal.status).toBe(400);
    expect(await blamed(unreal)).toBe('to');
    const backwards = await server.api('/api/absences/official', { method: 'PUT', json: { from: '2026-04-10', to: '2026-04-01' }, as: 'supervisor' });
    expect(backwards.status).toBe(400);
    expect(await server.engine.directory.absences('official')).toEqual(before);
  });

  it('should refuse to end absences on a date that does not exist', async () => {
    const response = await server.api('/api/absences/official?date=2026-02-30', { method: 'DELETE', as: 'supervisor' });
    expect(response.status).toBe(400);
    expect(await blamed(response)).toBe('date');
  });

  it('should still record a real absence, a leap day included', async () => {
    const response = await server.api('/api/absences/official', { method: 'PUT', json: { from: '2028-02-28', to: '2028-02-29' }, as: 'supervisor' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { absences: unknown[] }).absences).toContainEqual(expect.objectContaining({ from: '2028-02-28', to: '2028-02-29', by: 'supervisor' }));
  });
});

/** The engine is a library too: it refuses the same values, whoever calls it. */
describe('date and instant fields through the engine', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.directory.putUser({ id: 'aida', name: 'Aida', roles: ['official'] });
  });
  afterEach(() => h.dispose());

  for (const effectiveFrom of [...BAD_INSTANTS, 'tomorrow', '1', new Date(Date.UTC(0, 0, 1) - 1000 * 86_400_000), new Date(Number.NaN)]) {
    it(`should refuse routing effectiveFrom ${String(effectiveFrom)} naming the field, recording nothing`, async () => {
      const error = await h.engine.routing.set('LAND-USE', { mode: 'single', reason: 'pilot', by: 'c', effectiveFrom }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error).toMatchObject({ field: 'effectiveFrom' });
      expect(await h.engine.routing.history('LAND-USE')).toEqual([]);
    });
  }

  it('should take a Date and an ISO instant with an offset', async () => {
    expect((await h.engine.routing.set('LAND-USE', { mode: 'single', reason: 'a', by: 'c', effectiveFrom: new Date('2026-03-09T04:00:00Z') })).effectiveFrom).toBe('2026-03-09T04:00:00.000Z');
    expect((await h.engine.routing.set('LAND-USE', { mode: 'single', reason: 'b', by: 'c', effectiveFrom: '2026-03-09T09:00+05:00' })).effectiveFrom).toBe('2026-03-09T04:00:00.000Z');
  });

  for (const from of BAD_DATES) {
    it(`should refuse an absence from ${from} naming the field, recording nothing`, async () => {
      const error = await h.engine.directory.setAbsence('aida', { from, to: '2026-04-30' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error).toMatchObject({ field: 'from' });
      expect(await h.engine.directory.absences('aida')).toEqual([]);
    });
  }

  it('should refuse to clear absences on a date that does not exist', async () => {
    await expect(h.engine.directory.clearAbsence('aida', '2026-13-45')).rejects.toMatchObject({ field: 'date' });
    expect(await h.engine.audit({ subject: 'absence:aida' })).toEqual([]);
  });

  it('should still not know a user it was never told about', async () => {
    await expect(h.engine.directory.setAbsence('nobody', { from: '2026-04-01', to: '2026-04-02' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
