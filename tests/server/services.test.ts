import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer.js';

const CATALOGUE = resolve(import.meta.dirname, '../../processes');

describe('GET /api/services', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Two real services: their standards and models, copied into this server's catalogue folder.
    server = await startTestServer({
      catalogue: (dir) => {
        for (const code of ['BIRTH-REG', 'LAND-USE-CHANGE']) cpSync(join(CATALOGUE, code), join(dir, code), { recursive: true });
        cpSync(join(CATALOGUE, 'standard.ts'), join(dir, 'standard.ts'));
      },
    });
  }, 60_000);
  afterAll(() => server.dispose());

  it('should tell anyone, without a login, the standards of the deployed services', async () => {
    const response = await fetch(`${server.url}/api/services`);
    expect(response.status).toBe(200);
    const services = (await response.json()) as Array<{ code: string; names: { kk: string }; requiredDocuments: unknown[]; term: { duration: number; unit: string } }>;
    expect(services.map((s) => s.code)).toEqual(['BIRTH-REG', 'LAND-USE-CHANGE']);
    const birth = services[0]!;
    expect(birth.names.kk).toBeTruthy();
    expect(birth.requiredDocuments).toContain('medical certificate of birth');
    expect(birth.term).toMatchObject({ duration: 2, unit: 'workingDays' });
  });

  it('should answer one standard, 404 for a service not deployed and 400 naming the field for a malformed code', async () => {
    expect(await (await fetch(`${server.url}/api/services/LAND-USE-CHANGE`)).json()).toMatchObject({ code: 'LAND-USE-CHANGE', term: { duration: 30, unit: 'calendarDays' } });
    expect((await fetch(`${server.url}/api/services/ID-CARD`)).status).toBe(404);
    const bad = await fetch(`${server.url}/api/services/not%20a%20code`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('code');
  });
});
