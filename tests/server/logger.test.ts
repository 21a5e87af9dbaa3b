import { describe, expect, it } from 'vitest';
import { jsonLogger } from '../../server/logger.js';

describe('jsonLogger (pino)', () => {
  const capture = (level: 'debug' | 'info' | 'warn' = 'debug') => {
    const lines: Record<string, unknown>[] = [];
    return { lines, logger: jsonLogger({ level, write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }) };
  };

  it('should write one JSON object a line: level label, ISO time, message, fields', () => {
    const { lines, logger } = capture();
    logger.info('deployed', { file: 'a.bpmn' });
    expect(lines).toEqual([expect.objectContaining({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), message: 'deployed', file: 'a.bpmn' })]);
  });

  it('should censor passwords, tokens, cookies and authorization headers at any depth', () => {
    const { lines, logger } = capture();
    logger.warn('odd', { password: 'demo', token: 't0k', user: { token: 'abc', password: 'x' }, headers: { authorization: 'Bearer s3cret', cookie: 'tereze_session=1' } });
    const text = JSON.stringify(lines);
    for (const secret of ['demo', 't0k', 'abc', 's3cret', 'tereze_session=1']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ password: '[redacted]', headers: { authorization: '[redacted]' } });
  });

  it('should keep errors readable and drop lines under the level', () => {
    const { lines, logger } = capture('info');
    logger.debug('hidden');
    logger.error('failed', { error: new Error('boom') });
    expect(lines).toEqual([expect.objectContaining({ level: 'error', error: expect.objectContaining({ message: 'boom', stack: expect.any(String) }) })]);
  });
});
