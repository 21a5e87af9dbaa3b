import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** What the designer bundle is made of: its own sources and what it imports from the engine and the catalogue. */
const INPUTS = ['designer', 'engine', 'processes', 'contracts', 'package-lock.json'];
const SKIP = new Set(['node_modules', 'dist', '.vite']);
const CACHE = join(REPO, 'node_modules', '.cache', 'tereze-designer');

/**
 * The designer built once per content: the end-to-end files of one run (and of later runs on
 * unchanged sources) share one build instead of each paying vite's ~20 s on two cores. The key
 * is a hash of every input file's path and bytes, so an edit to any of them builds afresh.
 * Concurrent workers may both build; each builds into its own folder and the first rename wins.
 */
export async function designerBuild(): Promise<string> {
  const key = inputsHash();
  const dist = join(CACHE, key);
  if (existsSync(join(dist, 'index.html'))) return dist;
  mkdirSync(CACHE, { recursive: true });
  const scratch = join(CACHE, `${key}.${process.pid}.${Date.now()}`);
  await build({ configFile: join(REPO, 'designer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: scratch, emptyOutDir: true } });
  try {
    renameSync(scratch, dist);
  } catch {
    // Another worker's build of the same inputs landed first: same bytes, keep theirs.
    rmSync(scratch, { recursive: true, force: true });
  }
  pruneOthers(key);
  return dist;
}

function inputsHash(): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!SKIP.has(name)) walk(join(path, name));
      return;
    }
    hash.update(relative(REPO, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const input of INPUTS) walk(join(REPO, input));
  return hash.digest('hex').slice(0, 16);
}

/** Builds of older sources are never read again: keep the cache to the current one. */
function pruneOthers(key: string): void {
  for (const name of readdirSync(CACHE)) {
    if (name === key || name.startsWith(`${key}.`)) continue;
    const age = Date.now() - statSync(join(CACHE, name)).mtimeMs;
    // A sibling still building (another worker, other sources) is left alone for a while.
    if (age > 10 * 60_000) rmSync(join(CACHE, name), { recursive: true, force: true });
  }
}
