/**
 * `{ ...record, ...change, ...more }` for a record with an `id`, built so that the keys the
 * changes add stay cheap. V8 (Node 20) makes an object literal that opens with a spread by
 * cloning the source's hidden class, and every key the source lacks, added in the same literal
 * or assigned later, then takes a slow runtime path: about a microsecond a key (an open task
 * closed with completedAt, completedBy and outcome: 4 µs). A literal that opens with a plain key
 * copies the spreads into an ordinary object instead: 0.43 µs for the same task. A spread that
 * only overwrites keys its source has (`{ ...state, version }`) is fast either way.
 */
export function withChanges<T extends { readonly id: string }>(record: T, change: Partial<T>, more?: Partial<T>): T {
  return { id: record.id, ...(record as Omit<T, 'id'>), ...change, ...more } as T;
}

/**
 * A copy of a record without some of its keys, built key by key for the same reason: the
 * rest-and-spread it replaces (`const { hidden, ...rest } = record; { ...rest, extra }`) took
 * the slow path for every key added after it (an instance view: 5 µs against 0.25).
 */
export function copyWithout(record: object, leaveOut: ReadonlySet<string>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  // for…in, not Object.entries (an array a key: 0.68 against 0.43 µs a view); records are plain objects.
  for (const key in record) if (!leaveOut.has(key)) copy[key] = (record as Record<string, unknown>)[key];
  return copy;
}
