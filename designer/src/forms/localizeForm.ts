import type { Language } from '../i18n/messages.js';

type Json = Record<string, unknown>;

/** The texts of a component that a reader sees: translated when the form says how. */
const TEXTS = ['label', 'text', 'description', 'dateLabel', 'timeLabel', 'placeholder'] as const;

/**
 * A form-js schema in the reader's language. form-js has no translations of its own, so a form
 * may carry `translations: { ru: { "<English text>": "<Russian text>" } }` (the catalogue's do,
 * processes/tools/taskForms.ts); texts without an entry stay as written. Returns a copy.
 */
export function localizeForm(schema: Readonly<Json>, lang: Language): Json {
  const dictionary = ((schema.translations as Json | undefined)?.[lang] ?? {}) as Record<string, string>;
  const translate = (text: unknown) => (typeof text === 'string' && Object.hasOwn(dictionary, text) ? dictionary[text] : text);
  const walk = (component: Json): Json => {
    const copy: Json = { ...component };
    for (const name of TEXTS) if (copy[name] !== undefined) copy[name] = translate(copy[name]);
    if (Array.isArray(copy.values)) copy.values = (copy.values as Json[]).map((v) => ({ ...v, label: translate(v.label) }));
    if (Array.isArray(copy.components)) copy.components = (copy.components as Json[]).map(walk);
    return copy;
  };
  return walk(schema as Json);
}

/**
 * The data a task's form opens with: the application's variables as the viewer may see them,
 * except `outcome`, which is this task's answer; the previous task's reads as `lastOutcome`
 * (the server's check reads the same, engine/forms/checkCompletion.ts).
 */
export function formData(variables: Readonly<Json>): Json {
  const { outcome, ...rest } = variables;
  return { ...rest, lastOutcome: outcome ?? null };
}

/** What the application view tells of a token (the instance view's tokens: they come with it). */
export interface ScopedToken {
  readonly id: string;
  readonly scopeId: string | null;
  readonly locals?: Json;
}

/**
 * The variables a task sees: the application's, overlaid by the local variables of the
 * multi-instance inner instances around its token (`department` of a department's concurrence),
 * as the engine reads them (engine/runtime/scopes.ts).
 */
export function taskScope(application: { readonly variables: Readonly<Json>; readonly tokens?: readonly ScopedToken[] }, tokenId: string | undefined): Json {
  const layers: Json[] = [];
  const seen = new Set<string>();
  for (let id = tokenId ?? null; id !== null && !seen.has(id); ) {
    seen.add(id);
    const token = application.tokens?.find((t) => t.id === id);
    if (!token) break;
    if (token.locals) layers.unshift(token.locals);
    id = token.scopeId;
  }
  return Object.assign({}, application.variables, ...layers) as Json;
}

/**
 * Splits what the form submits into the task's answer: the `outcome` field apart, the other
 * fields as variables; empty fields (form-js sends them as undefined or '') are left out.
 */
export function answerOf(data: Readonly<Json>): { outcome?: string; variables: Json } {
  const variables: Json = {};
  let outcome: string | undefined;
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'outcome') outcome = String(value);
    else variables[key] = value;
  }
  return outcome === undefined ? { variables } : { outcome, variables };
}
