import { describe, expect, it } from 'vitest';
import { newId } from '../../engine/ids.js';

describe('newId', () => {
  it('should make version-7 UUIDs that sort in the order they were made, even within one millisecond', () => {
    const ids = Array.from({ length: 5_000 }, () => newId(1_780_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 10)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newId(1_780_000_000_000 + 60_000) > ids.at(-1)!).toBe(true);
  });
});
