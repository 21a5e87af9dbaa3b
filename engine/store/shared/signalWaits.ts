import type { InstanceRecord } from '../port.js';

/**
 * The signals an instance waits for, as the stores index them (sqlite: the `signal_waits` table,
 * PostgreSQL: the `signals` column's GIN index, MongoDB: the `_signals` field): its tokens'
 * signal catches and the signal boundaries armed on them. Undefined when none (or not active),
 * so the many instances that wait for no signal cost the index nothing.
 */
export function signalNamesOf(record: InstanceRecord): string[] | undefined {
  if (record.status !== 'active') return undefined;
  const names = new Set<string>();
  for (const token of record.tokens) {
    if (token.wait?.kind === 'signal') names.add(token.wait.signalName);
    for (const armed of token.boundaries ?? []) if (armed.signalName !== undefined) names.add(armed.signalName);
  }
  return names.size ? [...names].sort() : undefined;
}
