import type { ElementFacts } from './elementFacts.js';

export interface ElementChange {
  readonly id: string;
  /** The element's name now (or before, for a removed one); the id when it has none. */
  readonly label: string;
  readonly type: string;
  /** What differs, for a changed element: `name`, `type`, `flow`, or a `ps:` fact's name. */
  readonly fields: readonly string[];
}

export interface VersionDiff {
  readonly added: readonly ElementChange[];
  readonly removed: readonly ElementChange[];
  readonly changed: readonly ElementChange[];
}

export function isEmptyDiff(diff: VersionDiff): boolean {
  return !diff.added.length && !diff.removed.length && !diff.changed.length;
}

const labelOf = (facts: ElementFacts) => facts.name || facts.id;
const change = (facts: ElementFacts, fields: readonly string[] = []): ElementChange => ({ id: facts.id, label: labelOf(facts), type: facts.type, fields });

function changedFields(before: ElementFacts, after: ElementFacts): string[] {
  const fields: string[] = [];
  if (before.type !== after.type) fields.push('type');
  if (before.name !== after.name) fields.push('name');
  if (before.flow !== after.flow) fields.push('flow');
  const names = new Set([...Object.keys(before.ps), ...Object.keys(after.ps)]);
  for (const name of [...names].sort()) if (before.ps[name] !== after.ps[name]) fields.push(name);
  return fields;
}

/** What changed from `before` to `after`, element by element (matched by id), each list in `after`'s (or `before`'s) order. */
export function versionDiff(before: ReadonlyMap<string, ElementFacts>, after: ReadonlyMap<string, ElementFacts>): VersionDiff {
  const added: ElementChange[] = [];
  const changed: ElementChange[] = [];
  for (const [id, facts] of after) {
    const old = before.get(id);
    if (!old) added.push(change(facts));
    else {
      const fields = changedFields(old, facts);
      if (fields.length) changed.push(change(facts, fields));
    }
  }
  const removed = [...before.values()].filter((facts) => !after.has(facts.id)).map((facts) => change(facts));
  return { added, removed, changed };
}
