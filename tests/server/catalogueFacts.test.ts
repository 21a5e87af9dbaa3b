import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer.js';

const CATALOGUE = resolve(import.meta.dirname, '../../processes');

interface CatalogueEntry {
  key: string;
  service?: { code: string; names?: { en: string } };
  running: number;
  incidents: number;
  versions: { version: number; running: number; incidents: number }[];
}
interface ServiceFacts {
  serviceCode: string;
  names?: { en: string };
  hasAgencyChannel: boolean;
  byChannel: Record<string, number>;
  channelShare: Record<string, number>;
  waiting: number;
  total: number;
}

describe("the designer's catalogue and the coordinator's service facts", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      catalogue: (dir) => {
        for (const code of ['BIRTH-REG', 'CHILDCARE-BENEFIT']) cpSync(join(CATALOGUE, code), join(dir, code), { recursive: true });
        cpSync(join(CATALOGUE, 'standard.ts'), join(dir, 'standard.ts'));
      },
    });
    // Given three birth registrations (two at a centre, one at the agency's desk) and one childcare benefit
    for (const channel of ['centre', 'centre', 'agency'] as const) await server.engine.start('birth_reg', { channel, by: 'clerk' });
    await server.engine.start('childcare_benefit', { channel: 'centre', by: 'clerk' });
  }, 60_000);
  afterAll(() => server.dispose());

  it("GET /api/catalogue should list each process with its service's full name, its versions and its running applications", async () => {
    const response = await server.api('/api/catalogue', { as: 'designer' });
    expect(response.status).toBe(200);
    const entries = (await response.json()) as CatalogueEntry[];
    const birth = entries.find((e) => e.key === 'birth_reg');
    expect(birth?.service?.code).toBe('BIRTH-REG');
    expect(birth?.service?.names?.en).toMatch(/birth/i);
    expect(birth).toMatchObject({ running: 3, incidents: 0, versions: [{ version: 1, running: 3, incidents: 0 }] });
    expect(entries.find((e) => e.key === 'childcare_benefit')).toMatchObject({ running: 1 });
  });

  it('GET /api/catalogue should count a new version apart from the one its applications run on', async () => {
    const xml = await (await server.api('/api/definitions/birth_reg/xml', { as: 'designer' })).text();
    const changed = xml.replace(/(<bpmn:process [^>]*name=")([^"]*)"/, '$1$2 (v2)"');
    expect(changed).not.toBe(xml);
    expect((await server.api('/api/definitions', { method: 'POST', as: 'designer', body: changed, headers: { 'Content-Type': 'application/xml' } })).status).toBe(201);
    const entries = (await (await server.api('/api/catalogue', { as: 'designer' })).json()) as CatalogueEntry[];
    expect(entries.find((e) => e.key === 'birth_reg')?.versions).toEqual([
      expect.objectContaining({ version: 2, running: 0 }),
      expect.objectContaining({ version: 1, running: 3 }),
    ]);
  });

  it("GET /api/routing/facts should give each service's channel share and waiting applications, and whether it has an agency channel", async () => {
    const response = await server.api('/api/routing/facts', { as: 'coordinator' });
    expect(response.status).toBe(200);
    const facts = (await response.json()) as ServiceFacts[];
    const birth = facts.find((f) => f.serviceCode === 'BIRTH-REG');
    expect(birth).toMatchObject({ hasAgencyChannel: true, total: 3, waiting: 3, byChannel: { centre: 2, agency: 1 } });
    expect(birth?.channelShare.agency).toBeCloseTo(1 / 3);
    expect(birth?.names?.en).toMatch(/birth/i);
    expect(facts.find((f) => f.serviceCode === 'CHILDCARE-BENEFIT')).toMatchObject({ hasAgencyChannel: false, total: 1, byChannel: { centre: 1 } });
  });

  it('should refuse the catalogue to a clerk and the facts to a designer', async () => {
    expect((await server.api('/api/catalogue', { as: 'clerk' })).status).toBe(403);
    expect((await server.api('/api/routing/facts', { as: 'designer' })).status).toBe(403);
    expect((await server.api('/api/routing/facts')).status).toBe(401);
  });
});
