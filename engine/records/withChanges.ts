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
