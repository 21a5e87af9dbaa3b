import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../server/routes.js';
import { fixture } from '../support/harness.js';
import { deploy, recordedResponses, startTestServer, type TestServer } from './testServer.js';

const benefit = fixture(import.meta.url, 'fixtures/benefit.bpmn');

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

/** `/api/tasks/{id}/claim` matches `/api/tasks/t-1/claim`. */
function templateOf(doc: Doc, path: string): string | undefined {
  const bare = path.split('?')[0]!;
  return Object.keys(doc.paths).find((template) => new RegExp('^' + template.replace(/\{\w+\}/g, '[^/]+') + '$').test(bare));
}

describe('GET /api/openapi.json', () => {
  let server: TestServer;
  let doc: Doc;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, benefit)).status).toBe(201);
    doc = (await (await server.api('/api/openapi.json')).json()) as Doc;
  });
  afterAll(() => server.dispose());

  it('should describe every declared route, with its security', () => {
    expect(doc).toMatchObject({ openapi: '3.1.0', components: { securitySchemes: { cookieAuth: expect.any(Object), bearerAuth: expect.any(Object) } } });
    for (const [resource, routes] of Object.entries(ROUTES)) {
      for (const [name, spec] of Object.entries(routes)) {
        const operation = doc.paths[spec.path.replace(/:(\w+)/g, '{$1}')]?.[spec.method] as unknown as { operationId: string; security: unknown[] };
        expect(operation?.operationId, `${resource}.${name}`).toBe(`${resource}.${name}`);
        expect(operation.security.length, `${resource}.${name}`).toBe(spec.access === 'public' ? 0 : 2);
      }
    }
  });

  it('should match the answers of a working session (every 2xx JSON body against its response schema)', async () => {
    // A day at the office through the main routes.
    const started = (await (await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre', documents: ['id'] }, as: 'clerk' })).json()) as {
      id: string;
      trackingNumber: string;
    };
    const inbox = (await (await server.api('/api/tasks?scope=group', { as: 'clerk' })).json()) as { id: string }[];
    await server.api(`/api/tasks/${inbox[0]!.id}/claim`, { method: 'POST', as: 'clerk' });
    await server.api(`/api/tasks/${inbox[0]!.id}/complete`, { method: 'POST', json: {}, as: 'clerk' });
    const [review] = await server.engine.tasks({ instanceId: started.id });
    await server.engine.directory.putUser({ id: 'official-2', name: 'Second benefits official', roles: ['official'], groups: ['social-benefits'], agency: 'social' });
    await server.api(`/api/tasks/${review!.id}/reassign`, { method: 'POST', json: { to: 'official-2', reason: 'check' }, as: 'supervisor' });
    await server.api('/api/tasks', { as: 'official' });
    await server.api('/api/tasks', { as: 'supervisor' });
    for (const as of ['clerk', 'official', 'supervisor', 'auditor']) {
      await server.api(`/api/applications/${started.id}`, { as });
      await server.api('/api/applications?serviceCode=TEST-BENEFIT', { as });
    }
    await server.api(`/api/applications/${started.id}/receipt`, { as: 'clerk' });
    await server.api(`/api/track/${started.trackingNumber}`);
    await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'single', reason: 'pilot' }, as: 'coordinator' });
    await server.api('/api/routing', { as: 'coordinator' });
    await server.api('/api/routing/TEST-BENEFIT/history', { as: 'coordinator' });
    const centre = (await (await server.api('/api/calendars/centre', { as: 'coordinator' })).json()) as Record<string, unknown>;
    await server.api('/api/calendars/centre', { method: 'PUT', json: { ...centre, id: undefined, reason: 'same' }, as: 'coordinator' });
    await server.api('/api/calendars', { as: 'coordinator' });
    await server.api('/api/calendars/centre/versions', { as: 'coordinator' });
    for (const by of ['agency', 'service', 'channel', 'official']) await server.api(`/api/stats/sla?by=${by}`, { as: 'auditor' });
    await server.api('/api/definitions/benefit/heatmap', { as: 'designer' });
    await server.api('/api/definitions', { as: 'designer' });
    await server.api('/api/definitions/benefit', { as: 'designer' });
    await server.api(`/api/audit?instance=${started.id}`, { as: 'auditor' });
    await server.api('/api/audit/verify', { as: 'auditor' });
    await server.api('/api/groups', { as: 'designer' });
    await server.api('/api/absences/official', { method: 'PUT', json: { from: '2030-01-01', to: '2030-01-02' }, as: 'supervisor' });
    await server.api('/api/users/me', { as: 'auditor' });
    await server.api('/api/session', { as: 'auditor' });
    await server.api('/api/health');

    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(doc as object, 'openapi.json');
    const checked = new Set<string>();
    const failures: string[] = [];
    for (const seen of recordedResponses) {
      if (seen.status >= 300 || !seen.contentType.includes('application/json')) continue;
      const template = templateOf(doc, seen.path);
      const method = seen.method.toLowerCase();
      const schema = template && doc.paths[template]?.[method]?.responses[String(seen.status)]?.content?.['application/json'];
      if (!template || !schema) continue;
      const pointer = `openapi.json#/paths/${template.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}/responses/${seen.status}/content/application~1json/schema`;
      const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
      if (!validate(JSON.parse(seen.text))) failures.push(`${seen.method} ${seen.path} ${seen.status}: ${ajv.errorsText(validate.errors)}`);
      checked.add(`${method} ${template}`);
    }
    expect(failures).toEqual([]);
    // …and the schemas do refuse what does not fit.
    const taskList = ajv.getSchema('openapi.json#/paths/~1api~1tasks/get/responses/200/content/application~1json/schema')!;
    expect(taskList([{ id: 't', state: 'lost' }])).toBe(false);
    // The main routes were all checked, not skipped for want of a schema.
    for (const route of ['get /api/tasks', 'post /api/tasks/{id}/complete', 'post /api/applications', 'get /api/applications/{id}', 'get /api/applications', 'get /api/track/{trackingNumber}', 'put /api/routing/{serviceCode}', 'get /api/stats/sla', 'get /api/audit/verify', 'get /api/calendars/{id}']) {
      expect(checked, route).toContain(route);
    }
    expect(checked.size).toBeGreaterThanOrEqual(25);
  });

  it('should be public and the same document every time', async () => {
    const again = await fetch(`${server.url}/api/openapi.json`);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(doc);
  });
});
