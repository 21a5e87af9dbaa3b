import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const passport = fixture(import.meta.url, 'fixtures/passport.bpmn');

describe('/api/applications', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, passport)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  const start = (json: unknown) => server.api('/api/applications', { method: 'POST', json, as: 'clerk' });

  it('should start the latest definition carrying the service code and answer 201 with id and tracking number', async () => {
    const response = await start({ serviceCode: 'PS-001', channel: 'centre', applicant: { name: 'Aigerim' }, documents: ['passport-old', 'photo'], variables: { urgent: false } });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; trackingNumber: string };
    expect(body).toEqual({ id: expect.any(String), trackingNumber: expect.any(String) });
    expect(response.headers.get('location')).toBe(`/api/applications/${body.id}`);

    const view = await server.api(`/api/applications/${body.id}`, { as: 'clerk' });
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({
      id: body.id,
      key: 'passport_issue',
      state: 'active',
      channel: 'centre',
      trackingNumber: body.trackingNumber,
      variables: { urgent: false, documents: ['passport-old', 'photo'] },
    });
    const [audit] = await server.engine.audit({ subject: body.id });
    expect(audit).toMatchObject({ action: 'instance.start', actor: 'clerk' });
  });

  it('should fall back to a process key equal to the service code', async () => {
    const response = await start({ serviceCode: 'passport_issue', channel: 'centre' });
    expect(response.status).toBe(201);
  });

  it('should answer 404 naming an unknown service', async () => {
    const response = await start({ serviceCode: 'PS-404', channel: 'centre' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found', message: "service 'PS-404' not found" } });
  });

  it('should answer 400 naming the field for a bad body', async () => {
    const response = await start({ channel: 'centre', documents: 'photo' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; details: { issues: { in: string; path: string; message: string }[] } } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/^body\.serviceCode: /);
    expect(body.error.details.issues.map((i) => i.path)).toEqual(['serviceCode', 'documents']);
  });

  it('should answer 400 for an unknown channel, listing the channels', async () => {
    const response = await start({ serviceCode: 'PS-001', channel: 'fax' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; details: { issues: { path: string }[] } } };
    expect(body.error.message).toBe('body.channel: expected one of centre, agency, portal, got "fax"');
    expect(body.error.details.issues[0]!.path).toBe('channel');
  });

  it("should answer 403 naming the agency when an official's desk takes in a service of no agency of theirs", async () => {
    const response = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'PS-001', channel: 'agency' }, as: 'official' });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toContain('your desk takes in only the services of social');
  });

  it('should refuse unknown fields rather than drop them silently', async () => {
    const response = await start({ serviceCode: 'PS-001', channel: 'centre', aplicant: {} });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('aplicant');
  });

  it('should answer malformed JSON with 400 without echoing it, and an XML body with 415', async () => {
    const malformed = await server.api('/api/applications', { method: 'POST', body: '{"serviceCode": "secret', headers: { 'Content-Type': 'application/json' }, as: 'clerk' });
    expect(malformed.status).toBe(400);
    const text = await malformed.text();
    expect(text).toContain('bad_request');
    expect(text).not.toContain('secret');
    const xml = await server.api('/api/applications', { method: 'POST', body: '<a/>', headers: { 'Content-Type': 'application/xml' }, as: 'clerk' });
    expect(xml.status).toBe(415);
  });

  it('should refuse a JSON body over 1 MB with 413', async () => {
    const response = await start({ serviceCode: 'PS-001', channel: 'centre', variables: { blob: 'x'.repeat(1024 * 1024) } });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large', details: { limit: 1024 * 1024 } } });
  });

  it('should answer 404 for an unknown application', async () => {
    const response = await server.api('/api/applications/no-such-id', { as: 'supervisor' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found', details: { kind: 'instance', id: 'no-such-id' } } });
  });
});
