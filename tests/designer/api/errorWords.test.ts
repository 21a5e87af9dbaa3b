import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorWords } from '../../../designer/src/api/errorWords.js';
import { LANGUAGES, MESSAGES, type MessageKey } from '../../../designer/src/i18n/messages.js';

const SERVER = join(import.meta.dirname, '../../../server');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every error code the server can answer, read from its source: each `new HttpProblem(status,
 * 'code'`, each `problem(status, 'code'` of errors.ts (the engine's errors mapped), and the
 * codes of the answers node's HTTP parser gets (clientError.ts). A new code without words fails here.
 */
function serverCodes(): Map<string, number> {
  const codes = new Map<string, number>();
  const patterns = [/HttpProblem\(\s*(\d{3}),\s*'([a-z_]+)'/g, /\bproblem\(\s*(\d{3}),\s*'([a-z_]+)'/g, /\[\s*(\d{3}),\s*'[^']*',\s*'([a-z_]+)'/g];
  for (const file of sources(SERVER)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const [, status, code] of text.matchAll(pattern)) codes.set(code!, Number(status));
  }
  return codes;
}

describe("the server's errors in words", () => {
  const codes = serverCodes();

  it('should find the codes the server answers with', () => {
    // The scan itself must work: these are known to exist.
    for (const code of ['bad_request', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'channel_closed', 'store_unavailable', 'internal', 'too_many_attempts', 'headers_too_large', 'migration_refused']) {
      expect(codes.has(code), code).toBe(true);
    }
    expect(codes.size).toBeGreaterThanOrEqual(20);
  });

  it.each(LANGUAGES)('should have a sentence for every code in %s, never the code itself', (lang) => {
    const missing = [...codes.keys()].filter((code) => !(`error.${code}` in MESSAGES[lang]));
    expect(missing).toEqual([]);
    for (const [code, status] of codes) {
      const words = errorWords(code, status, 'internal detail for the log', lang);
      expect(words).not.toContain(code);
      expect(words).toBe(MESSAGES[lang][`error.${code}` as MessageKey] + (status < 500 && ['bad_request', 'conflict', 'forbidden', 'not_found', 'channel_closed', 'weak_password', 'migration_refused', 'invalid_model', 'too_many_attempts', 'too_many_streams'].includes(code) ? ' (internal detail for the log)' : ''));
    }
  });

  it('should write Russian in Russian', () => {
    for (const code of codes.keys()) expect(MESSAGES.ru[`error.${code}` as MessageKey], code).toMatch(/[а-яё]/i);
  });

  it('should keep the detail that names what to fix, and drop what is for the log', () => {
    expect(errorWords('bad_request', 400, "body.applicant.iin: expected 12 digits", 'ru')).toBe("Часть отправленных данных неверна (body.applicant.iin: expected 12 digits)");
    // A 500's message is "internal error" with a request id: the user gets words, the log the cause.
    expect(errorWords('internal', 500, 'internal error', 'en')).toBe(MESSAGES.en['error.internal']);
    expect(errorWords('store_unavailable', 503, 'the store is unavailable: disk full', 'en')).toBe(MESSAGES.en['error.store_unavailable']);
  });

  it('should fall back on the status for a code it does not know, in words', () => {
    expect(errorWords('shiny_new_refusal', 409, '', 'en')).toBe(MESSAGES.en['error.status.4xx']);
    expect(errorWords('shiny_new_refusal', 422, 'the field x is wrong', 'ru')).toBe(`${MESSAGES.ru['error.status.4xx']} (the field x is wrong)`);
    expect(errorWords('http_502', 502, '502 Bad Gateway', 'ru')).toBe(MESSAGES.ru['error.status.5xx']);
    expect(errorWords('http_429', 429, '', 'en')).toBe(MESSAGES.en['error.status.429']);
    expect(errorWords('unreachable', 0, '', 'ru')).toBe(MESSAGES.ru['error.status.network']);
  });
});
