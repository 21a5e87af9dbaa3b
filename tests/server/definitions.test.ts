import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_XML_BYTES } from '../../engine/index.js';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const passport = fixture(import.meta.url, 'fixtures/passport.bpmn');
const broken = fixture(import.meta.url, 'fixtures/broken.bpmn');

describe('/api/definitions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('should deploy a new version with 201, then answer the same XML with 200 and the same version', async () => {
    const first = await deploy(server, passport);
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe('/api/definitions/passport_issue');
    expect(await first.json()).toMatchObject({ key: 'passport_issue', version: 1, id: 'passport_issue:1', warnings: [], created: true });

    const again = await deploy(server, passport, 'text/xml; charset=utf-8');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ key: 'passport_issue', version: 1, id: 'passport_issue:1', created: false });

    const changed = await deploy(server, passport.replace('name="Passport issue"', 'name="Passport issue (v2)"'));
    expect(changed.status).toBe(201);
    expect(await changed.json()).toMatchObject({ version: 2, created: true });
  });

  it('should list the latest of each key without the XML, its versions, and its XML', async () => {
    const list = (await (await server.api('/api/definitions', { as: 'supervisor' })).json()) as Record<string, unknown>[];
    expect(list).toEqual([
      expect.objectContaining({ key: 'passport_issue', version: 2, id: 'passport_issue:2', name: 'Passport issue (v2)', serviceCode: 'PS-001', deployedBy: 'designer' }),
    ]);
    expect(list[0]).not.toHaveProperty('xml');
    expect(list[0]).not.toHaveProperty('graph');
    expect(typeof list[0]!.deployedAt).toBe('string');

    const versions = (await (await server.api('/api/definitions/passport_issue', { as: 'designer' })).json()) as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual([2, 1]);

    const latest = await server.api('/api/definitions/passport_issue/xml', { as: 'designer' });
    expect(latest.status).toBe(200);
    expect(latest.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await latest.text()).toContain('Passport issue (v2)');
    const v1 = await server.api('/api/definitions/passport_issue/xml?version=1', { as: 'designer' });
    expect(await v1.text()).toBe(passport);
  });

  it('should answer 404 for an unknown key or version and 400 for a bad version', async () => {
    expect((await server.api('/api/definitions/nothing', { as: 'designer' })).status).toBe(404);
    const missing = await server.api('/api/definitions/passport_issue/xml?version=9', { as: 'designer' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const bad = await server.api('/api/definitions/passport_issue/xml?version=zero', { as: 'designer' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_request', details: { issues: [expect.objectContaining({ in: 'query', path: 'version' })] } } });
  });

  it('should refuse an invalid model with 422 listing every problem by element id', async () => {
    const response = await deploy(server, broken);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { elementId: string; message: string }[]; error: { code: string; details: { errors: unknown[] } } };
    expect(body.error.code).toBe('invalid_model');
    expect(body.errors.map((e) => e.elementId)).toEqual(['lookup', 'review']);
    expect(body.errors[0]!.message).toContain('no-such-handler');
    expect(body.error.details.errors).toEqual(body.errors);
  });

  it("should give the deploy's verdict without deploying: the same problems for a refused model, valid with warnings for a good one", async () => {
    const validate = (xml: string) => server.api('/api/definitions/validate', { as: 'designer', method: 'POST', body: xml, headers: { 'Content-Type': 'application/xml' } });
    const refused = await validate(broken);
    expect(refused.status).toBe(200);
    const verdict = (await refused.json()) as { valid: boolean; problems: { elementId: string; message: string }[] };
    const deployed = (await (await deploy(server, broken)).json()) as { errors: { elementId: string; message: string }[] };
    expect(verdict.valid).toBe(false);
    expect(verdict.problems).toEqual(deployed.errors);

    const fresh = passport.replace(/passport_issue/g, 'passport_checked');
    const good = (await (await validate(fresh)).json()) as { valid: boolean; problems: unknown[]; warnings: unknown[] };
    expect(good).toEqual({ valid: true, problems: [], warnings: [] });
    // Nothing was deployed by asking.
    expect((await server.api('/api/definitions/passport_checked', { as: 'designer' })).status).toBe(404);

    const garbage = (await (await validate('<bpmn:definitions')).json()) as { valid: boolean; problems: unknown[] };
    expect(garbage.valid).toBe(false);
    expect(garbage.problems.length).toBeGreaterThan(0);
    expect((await validate('')).status).toBe(400);
  });

  it('should refuse XML that does not parse with 422, and an empty body with 400', async () => {
    const garbage = await deploy(server, '<bpmn:definitions');
    expect(garbage.status).toBe(422);
    expect(((await garbage.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    const empty = await deploy(server, '');
    expect(empty.status).toBe(400);
  });

  it('should refuse a body over the XML limit with 413 naming the limit', async () => {
    const huge = passport.replace('</bpmn:definitions>', `<!-- ${'x'.repeat(MAX_XML_BYTES)} --></bpmn:definitions>`);
    const response = await deploy(server, huge);
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string; details: { limit: number } } };
    expect(body.error).toMatchObject({ code: 'payload_too_large', details: { limit: MAX_XML_BYTES } });
    expect(body.error.message).toContain(String(MAX_XML_BYTES));
  });

  it('should refuse a JSON body to the deploy route with 415', async () => {
    const response = await server.api('/api/definitions', { method: 'POST', json: { xml: passport }, as: 'designer' });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type', details: { accepts: ['application/xml', 'text/xml'] } } });
  });
});
