import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSentence } from '../../designer/src/api/errorSentence.js';
import kk from '../../designer/src/i18n/catalogue/kk/error.json' with { type: 'json' };
import { errorLanguage, errorMessageIn } from '../../server/errorLanguage.js';
import { startTestServer, type TestServer } from './testServer.js';

describe('errorLanguage', () => {
  it('takes the first language of Accept-Language the server speaks, by q and then order', () => {
    expect(errorLanguage('kk-KZ,kk;q=0.9,ru;q=0.8,en;q=0.7')).toBe('kk');
    expect(errorLanguage('de-DE, ru;q=0.5, en;q=0.4')).toBe('ru');
    expect(errorLanguage('en;q=0.3, ru;q=0.9')).toBe('ru');
    expect(errorLanguage('kk;q=0, en')).toBe('en');
  });

  it("falls back to the user's saved language when none is asked for, then to English", () => {
    expect(errorLanguage('*', { language: 'kk' })).toBe('kk');
    expect(errorLanguage(undefined, { language: 'ru' })).toBe('ru');
    expect(errorLanguage('de', {})).toBe('en');
    expect(errorLanguage('en-GB', { language: 'kk' })).toBe('en');
  });
});

describe('errorMessageIn', () => {
  it("puts the catalogue's sentence first and the server's detail after it, and the UI shows it once", () => {
    const message = errorMessageIn('kk', 'bad_request', 400, 'body.language: expected one of kk, ru, en');
    expect(message).toBe(`${kk['error.bad_request']} (body.language: expected one of kk, ru, en)`);
    // The UI words the same error in the same language: not twice
    expect(errorSentence(kk, 'bad_request', 400, message)).toBe(message);
    // A 500's server text is never shown: the words alone
    expect(errorMessageIn('kk', 'internal', 500, 'internal error')).toBe(kk['error.internal']);
    expect(errorMessageIn('en', 'internal', 500, 'internal error')).toBe('internal error');
  });
});

describe('the user language and the server errors in it', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it("keeps the user's language on their record, audited, and answers it with the user", async () => {
    const put = await server.api('/api/users/me/language', { method: 'PUT', json: { language: 'kk' }, as: 'clerk' });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ id: 'clerk', language: 'kk' });
    expect(await (await server.api('/api/users/me', { as: 'clerk' })).json()).toMatchObject({ id: 'clerk', language: 'kk' });
    // A new login (another computer) brings it with the user.
    const login = await fetch(server.url + '/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'demo' }) });
    expect(((await login.json()) as { user: unknown }).user).toMatchObject({ id: 'clerk', language: 'kk' });
    const entries = (await server.engine.audit({ subject: 'user:clerk' })).filter((e) => e.action === 'user.language');
    expect(entries.at(-1)).toMatchObject({ actor: 'clerk', action: 'user.language', data: { language: 'kk' } });
  });

  it("keeps the user's language when an administrator edits their record", async () => {
    await server.api('/api/users/me/language', { method: 'PUT', json: { language: 'ru' }, as: 'official' });
    const user = await server.engine.directory.getUser('official');
    const { language: _, ...rest } = user;
    await server.engine.directory.putUser(rest, { by: 'admin' });
    expect((await server.engine.directory.getUser('official')).language).toBe('ru');
  });

  it('refuses a language the UI does not speak, naming the field and the choices', async () => {
    const response = await server.api('/api/users/me/language', { method: 'PUT', json: { language: 'de' }, as: 'clerk' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain('kk, ru, en');
  });

  it('words an error in the language of Accept-Language, the code unchanged', async () => {
    const ask = (lang?: string) => fetch(server.url + '/api/no-such-route', { headers: lang ? { 'Accept-Language': lang } : {} });
    const kk = await ask('kk-KZ,kk;q=0.9');
    expect(kk.status).toBe(404);
    expect(kk.headers.get('content-language')).toBe('kk');
    const kkBody = (await kk.json()) as { error: { code: string; message: string } };
    expect(kkBody.error.code).toBe('not_found');
    expect(kkBody.error.message).toMatch(/^Табылмады: .* \(no route for GET \/api\/no-such-route\)$/);
    const ru = (await (await ask('ru-RU')).json()) as { error: { code: string; message: string } };
    expect(ru.error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/^Не найдено/) });
    const en = (await (await ask()).json()) as { error: { code: string; message: string } };
    expect(en.error).toEqual({ code: 'not_found', message: 'no route for GET /api/no-such-route' });
  });

  it("words a logged-in user's error in their saved language when the request names none", async () => {
    const response = await server.api('/api/applications/no-such-application', { as: 'clerk', headers: { 'Accept-Language': '*' } });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/^Табылмады/);
  });
});
