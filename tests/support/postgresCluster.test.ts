import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPostgresBinaries } from './postgresCluster.js';

const dir = mkdtempSync(join(tmpdir(), 'tereze-pgbin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('findPostgresBinaries', () => {
  it('should say why when there are no server binaries, so the pg tests report a skip and not a pass', () => {
    const found = findPostgresBinaries(join(dir, 'none'), join(dir, 'empty'));
    expect(found).toEqual({ missing: expect.stringContaining('no PostgreSQL server binaries') });
  });

  it('should take the newest installed version, then PATH', () => {
    for (const v of ['13', '15']) {
      mkdirSync(join(dir, 'lib', v, 'bin'), { recursive: true });
      writeFileSync(join(dir, 'lib', v, 'bin', 'initdb'), '');
    }
    expect(findPostgresBinaries(join(dir, 'lib'), '')).toEqual({ bin: join(dir, 'lib', '15', 'bin') });
    mkdirSync(join(dir, 'path'));
    for (const tool of ['initdb', 'pg_ctl']) writeFileSync(join(dir, 'path', tool), '');
    expect(findPostgresBinaries(join(dir, 'none'), `/nowhere:${join(dir, 'path')}`)).toEqual({ bin: join(dir, 'path') });
  });
});
