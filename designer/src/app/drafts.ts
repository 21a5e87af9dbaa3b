/**
 * Drafts of half-filled forms, so a reload (or a browser that restarts the page) loses nothing.
 *
 * Kept in sessionStorage, not localStorage: a registration draft holds an applicant's name and
 * IIN, and a counter's computer is shared. sessionStorage lives only as long as the tab (closing
 * it drops the draft), is never sent to the server, and is cleared here at logout and when
 * another user logs in in the same tab, so no personal data is left behind for the next person.
 * Each draft is keyed by its owner (the logged-in user) and the form's name.
 */
const PREFIX = 'tereze.draft.';
let owner: string | undefined;

/** A form's fields by name: every value of the name (a checkbox group's checked ones, possibly none). */
export type DraftFields = Record<string, string[]>;

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

function keysOf(store: Storage): string[] {
  return Array.from({ length: store.length }, (_, i) => store.key(i)).filter((k): k is string => k !== null && k.startsWith(PREFIX));
}

/** The logged-in user (undefined: nobody). Drops every draft that belongs to someone else. */
export function setDraftOwner(userId: string | undefined): void {
  owner = userId;
  const store = storage();
  if (!store) return;
  for (const key of keysOf(store)) if (!userId || !key.startsWith(`${PREFIX}${userId}.`)) store.removeItem(key);
}

/** At logout: every draft of this tab is gone. */
export function clearDrafts(): void {
  owner = undefined;
  const store = storage();
  if (store) for (const key of keysOf(store)) store.removeItem(key);
}

const slot = (name: string) => (owner ? `${PREFIX}${owner}.${name}` : undefined);

export function readDraft(name: string): DraftFields | undefined {
  const key = slot(name);
  const raw = key ? storage()?.getItem(key) : null;
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as DraftFields) : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(name: string, fields: DraftFields): void {
  const key = slot(name);
  if (key) storage()?.setItem(key, JSON.stringify(fields));
}

export function dropDraft(name: string): void {
  const key = slot(name);
  if (key) storage()?.removeItem(key);
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function fieldsOf(form: HTMLFormElement): Field[] {
  return Array.from(form.elements).filter(
    (e): e is Field => (e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement) && e.name !== '' && !(e instanceof HTMLInputElement && ['password', 'file', 'hidden', 'submit', 'button'].includes(e.type)),
  );
}

const isChoice = (e: Field): e is HTMLInputElement => e instanceof HTMLInputElement && (e.type === 'checkbox' || e.type === 'radio');

/** Whatever fields the form has now (generic: a field added to the form is kept too). */
export function formFields(form: HTMLFormElement): DraftFields {
  const fields: DraftFields = {};
  for (const e of fieldsOf(form)) {
    const values = (fields[e.name] ??= []);
    if (isChoice(e)) {
      if (e.checked) values.push(e.value);
    } else if (e instanceof HTMLSelectElement && e.multiple) values.push(...Array.from(e.selectedOptions, (o) => o.value));
    else values.push(e.value);
  }
  return fields;
}

/** True when nothing was entered (every text empty, no choice made beyond the defaults). */
export function isBlank(fields: DraftFields, form: HTMLFormElement): boolean {
  const defaults = new Set(fieldsOf(form).filter((e) => isChoice(e) && e.defaultChecked).map((e) => `${e.name}=${e.value}`));
  return Object.entries(fields).every(([name, values]) => values.every((v) => v === '' || defaults.has(`${name}=${v}`)));
}

/**
 * Puts a draft back, telling the form's component of each change (input and change events, as a
 * user's typing would). Fields that appear only after another is set (a service's document
 * checklist) are filled on the next pass, once `settle` has let the component render.
 */
export async function restoreFields(form: HTMLFormElement, fields: DraftFields, settle: () => Promise<unknown>): Promise<void> {
  const done = new Set<Field>();
  for (let pass = 0; pass < 3; pass++) {
    for (const e of fieldsOf(form)) {
      if (done.has(e) || !(e.name in fields)) continue;
      done.add(e);
      const values = fields[e.name] ?? [];
      if (isChoice(e)) {
        const checked = values.includes(e.value);
        if (e.checked === checked) continue;
        e.checked = checked;
      } else {
        const value = values[0] ?? '';
        if (e.value === value) continue;
        e.value = value;
        e.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }
      e.dispatchEvent(new Event('change', { bubbles: true }));
    }
    await settle();
  }
}
