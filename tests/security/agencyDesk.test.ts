import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/testServer.js';
import { startSecurityServer } from './securityServer.js';

/** Issue 9, item 4: an official opens applications only for their own agency's services. */
describe("the agency desk", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSecurityServer(['BIRTH-REG', 'COMPANY-REG']);
    // Alternative access, so the desks are open at all.
    for (const code of ['BIRTH-REG', 'COMPANY-REG']) await server.engine.routing.set(code, { mode: 'alternative', reason: 'test', by: 'coordinator' });
  });
  afterAll(() => server.dispose());

  const start = (serviceCode: string, as: string) =>
    server.api('/api/applications', { method: 'POST', json: { serviceCode, channel: 'agency', applicant: { iin: '900101300123' } }, as });

  it("should refuse a social-protection official a BIRTH-REG application, naming the service's agency", async () => {
    const before = (await server.engine.audit({ limit: 1000 })).filter((e) => e.action === 'instance.start').length;
    const response = await start('BIRTH-REG', 'social-1');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('BIRTH-REG is a service of rags');
    expect((await server.engine.audit({ limit: 1000 })).filter((e) => e.action === 'instance.start').length).toBe(before);
  });

  it("should take in a justice official's own service at their desk", async () => {
    expect((await start('COMPANY-REG', 'mj-1')).status).toBe(201);
    expect((await start('BIRTH-REG', 'mj-1')).status).toBe(403);
  });
});
