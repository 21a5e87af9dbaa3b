import { hash, randomInt } from 'node:crypto';

/** Uniform whole number in [0, n): from the engine's injected source, else a cryptographic one. */
export function drawIndex(n: number, random?: () => number): number {
  if (random) return Math.min(n - 1, Math.floor(random() * n));
  return randomInt(n);
}

/** The next member after `last` in the (sorted) pool, wrapping; the first when `last` is gone. */
export function nextInRotation(pool: readonly string[], last: string | undefined): string {
  if (last === undefined) return pool[0]!;
  const after = pool.find((id) => id > last);
  return after ?? pool[0]!;
}

/** The members with the fewest open tasks, for a random tie-break. */
export function leastLoaded(pool: readonly string[], openTasks: Readonly<Record<string, number>>): string[] {
  const min = Math.min(...pool.map((id) => openTasks[id] ?? 0));
  return pool.filter((id) => (openTasks[id] ?? 0) === min);
}

/** A fingerprint of the candidate pool behind a draw, so an auditor can check it later (one-shot `crypto.hash`: no Hash object per draw). */
export function poolHash(pool: readonly string[]): string {
  return hash('sha256', [...pool].sort().join('\n'), 'hex');
}
