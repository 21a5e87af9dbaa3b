import { describe, expect, it } from 'vitest';
import { readCheckpoints, signCheckpoint } from '../../../engine/audit/index.js';

const key = Buffer.from('k'.repeat(32));
const line = (value: unknown) => JSON.stringify(value);

describe('audit checkpoints', () => {
  const genuine = signCheckpoint({ seq: 7, hash: 'a'.repeat(64), at: '2026-03-02T04:00:00.000Z' }, key);

  it('should accept a checkpoint signed with the key, and skip blank lines', () => {
    expect(readCheckpoints([line(genuine), ''], key)).toEqual({ valid: [genuine], forged: [] });
  });

  it('should name, by line, a checkpoint whose fields were changed after signing', () => {
    const moved = { ...genuine, seq: 6 };
    expect(readCheckpoints([line(genuine), line(moved)], key).forged).toEqual([{ line: 2, reason: expect.stringContaining('signature') }]);
  });

  it('should refuse a checkpoint signed with another key', () => {
    const other = signCheckpoint(genuine, Buffer.from('o'.repeat(32)));
    expect(readCheckpoints([line(other)], key)).toEqual({ valid: [], forged: [{ line: 1, reason: expect.stringContaining('another key') }] });
  });

  it('should name a line that is not a checkpoint at all (cut short, or another shape)', () => {
    const { forged } = readCheckpoints([line(genuine).slice(0, 20), line({ seq: 7, hash: genuine.hash })], key);
    expect(forged).toEqual([
      { line: 1, reason: 'not JSON' },
      { line: 2, reason: expect.stringContaining('not a version 1 checkpoint') },
    ]);
  });
});
