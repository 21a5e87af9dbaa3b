import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, IDEMPOTENCY_KEY_RETENTION_MS, IdempotencyKeyReusedError, InvalidArgumentError, manualClock, sqliteStore, type Engine } from '../../engine/index.js';
import { fixture, openHarness, type Harness } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from '../server/testServer.js';

const benefit = fixture(import.meta.url, '../server/fixtures/benefit.bpmn');

/** A double click at the counter sends the same request twice: it must start one application. */
describe('POST /api/applications with an Idempotency-Key', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, benefit)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  const request = { serviceCode: 'TEST-BENEFIT', channel: 'centre', applicant: { name: 'Aigerim' }, documents: ['id-card'] };
  const start = (key: string | undefined, json: unknown = request, as = 'clerk') =>
    server.api('/api/applications', { method: 'POST', json, as, ...(key === undefined ? {} : { headers: { 'Idempotency-Key': key } }) });
  const starts = async () => (await server.engine.audit({ limit: 10_000 })).filter((e) => e.action === 'instance.start').length;

  it('should answer a repeat with the first answer (status, body, Location) and start one application', async () => {
    const before = await starts();
    const first = await start('counter-7-click-1');
    expect(first.status).toBe(201);
    const body = (await first.json()) as { id: string; trackingNumber: string };
    const again = await start('counter-7-click-1');
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await starts()).toBe(before + 1);
  });

  it('should take the same body with its keys in another order as the same request', async () => {
    const first = (await (await start('reordered', request)).json()) as { id: string };
    const reordered = { documents: ['id-card'], applicant: { name: 'Aigerim' }, channel: 'centre', serviceCode: 'TEST-BENEFIT' };
    const again = await start('reordered', reordered);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
  });

  it('should start one application for concurrent repeats, answering each with it', async () => {
    const before = await starts();
    const answers = await Promise.all(Array.from({ length: 6 }, () => start('concurrent-double-click')));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await starts()).toBe(before + 1);
  });

  it('should refuse the same key with another body (422 naming the key) and start nothing', async () => {
    expect((await start('one-key-two-bodies')).status).toBe(201);
    const before = await starts();
    const other = await start('one-key-two-bodies', { ...request, applicant: { name: 'Someone else' } });
    expect(other.status).toBe(422);
    const { error } = (await other.json()) as { error: { code: string; message: string; details: Record<string, unknown> } };
    expect(error.code).toBe('idempotency_key_reused');
    expect(error.message).toContain('one-key-two-bodies');
    expect(error.details).toMatchObject({ header: 'Idempotency-Key', key: 'one-key-two-bodies' });
    expect(await starts()).toBe(before);
  });

  it('should keep keys apart per user: another clerk with the same key starts their own application', async () => {
    const mine = (await (await start('shared-looking-key', request, 'clerk')).json()) as { id: string };
    const theirs = await start('shared-looking-key', request, 'clerk-almaty');
    expect(theirs.status).toBe(201);
    expect(((await theirs.json()) as { id: string }).id).not.toBe(mine.id);
  });

  it('should start a new application for each request without a key, as before', async () => {
    const before = await starts();
    await start(undefined);
    await start(undefined);
    expect(await starts()).toBe(before + 2);
  });

  for (const [what, key] of [
    ['empty', ''],
    ['over 255 characters', 'k'.repeat(256)],
    ['with a character outside printable ASCII', 'klick-ä'],
  ] as const) {
    it(`should refuse a key ${what} with 400 naming the header, and start nothing`, async () => {
      const before = await starts();
      const response = await start(key);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { message: string } };
      expect(error.message.toLowerCase()).toContain('idempotency-key');
      expect(await starts()).toBe(before);
    });
  }

  it('should not record a refused start under the key: the repeat is answered afresh', async () => {
    const unknown = await start('refused-first', { ...request, serviceCode: 'NO-SUCH-SERVICE' });
    expect(unknown.status).toBe(404);
    expect((await start('refused-first', { ...request, serviceCode: 'NO-SUCH-SERVICE' })).status).toBe(404);
  });
});

describe('engine.start with an idempotencyKey', () => {
  const xml = benefit;
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(xml);
  });
  afterEach(() => h.dispose());

  it('should return the first result for a repeat, also after a restart, and audit the one start with its key', async () => {
    const first = await h.engine.start('benefit', { channel: 'centre', by: 'clerk', idempotencyKey: 'k1' });
    expect(await h.engine.start('benefit', { channel: 'centre', by: 'clerk', idempotencyKey: 'k1' })).toEqual(first);
    await h.restart();
    expect(await h.engine.start('benefit', { channel: 'centre', by: 'clerk', idempotencyKey: 'k1' })).toEqual(first);
    const audit = (await h.engine.audit({ limit: 1000 })).filter((e) => e.action === 'instance.start');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ idempotencyKey: 'k1' });
  });

  it('should refuse the key for a different request with an error naming it', async () => {
    await h.engine.start('benefit', { channel: 'centre', by: 'clerk', idempotencyKey: 'k2', variables: { amount: 1 } });
    const error = await h.engine.start('benefit', { channel: 'centre', by: 'clerk', idempotencyKey: 'k2', variables: { amount: 2 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(error).toMatchObject({ key: 'k2' });
  });

  it('should refuse a key that is not 1 to 255 printable ASCII characters', async () => {
    await expect(h.engine.start('benefit', { channel: 'centre', idempotencyKey: '' })).rejects.toMatchObject({ field: 'idempotencyKey' });
    await expect(h.engine.start('benefit', { channel: 'centre', idempotencyKey: 'x'.repeat(256) })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it(`should forget a key after its retention (${IDEMPOTENCY_KEY_RETENTION_MS / 3_600_000} hours): then it starts anew`, async () => {
    const first = await h.engine.start('benefit', { channel: 'centre', by: 'clerk', idempotencyKey: 'k3' });
    h.clock.advance(IDEMPOTENCY_KEY_RETENTION_MS - 1000);
    expect((await h.engine.start('benefit', { channel: 'centre', by: 'clerk', idempotencyKey: 'k3' })).id).toBe(first.id);
    h.clock.advance(2000);
    const later = await h.engine.start('benefit', { channel: 'centre', by: 'clerk', idempotencyKey: 'k3', variables: { another: 'request' } });
    expect(later.id).not.toBe(first.id);
    expect((await h.engine.start('benefit', { channel: 'centre', by: 'clerk', idempotencyKey: 'k3', variables: { another: 'request' } })).id).toBe(later.id);
  });
});

describe('an idempotencyKey across several engines on one store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-idem-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should let exactly one of the racing starts happen; every engine answers with it', async () => {
    const file = join(dir, 'shared.db');
    const clock = manualClock('2026-03-02T04:00:00Z');
    const engines: Engine[] = [];
    try {
      for (let i = 0; i < 3; i++) engines.push(await createEngine({ store: sqliteStore(file), clock }));
      await engines[0]!.deploy(benefit);
      const results = await Promise.all(engines.flatMap((engine) => [1, 2].map(() => engine.start('benefit', { channel: 'centre', by: 'clerk', idempotencyKey: 'race' }))));
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      const audit = (await engines[1]!.audit({ limit: 1000 })).filter((e) => e.action === 'instance.start');
      expect(audit).toHaveLength(1);
    } finally {
      for (const engine of engines) await engine.close();
    }
  });
});
