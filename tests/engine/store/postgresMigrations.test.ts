import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../engine/store/postgres/schema.js';

describe('PostgreSQL migrations', () => {
  it('should be numbered 1, 2, 3… in order, so two features adding "the next one" cannot share a number', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });
});
