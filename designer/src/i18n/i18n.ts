import { LitElement } from 'lit';
import { LANGUAGES, MESSAGES, type Language, type MessageKey } from './messages.js';

const STORAGE_KEY = 'tereze.lang';
const listeners = new Set<() => void>();

/** The BCP 47 locale each language formats dates and numbers with. */
export const LOCALES: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The first of the browser's languages the UI speaks (`navigator.languages`, in the user's
 * order: "kk-KZ" reads as kk, "ru" as ru); Kazakh, the state language, when none matches.
 */
export function browserLanguage(preferred: readonly string[] | undefined): Language {
  for (const tag of preferred ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'kk';
}

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  const nav = globalThis.navigator;
  return browserLanguage(nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : []);
}

let current: Language = initialLanguage();

export function language(): Language {
  return current;
}

/** The locale of the current language, for `Intl`. */
export function locale(): string {
  return LOCALES[current];
}

/** Switch the UI's language; remembered in this browser (the login page reads it before anyone logs in). */
export function setLanguage(next: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  if (next === current) return;
  current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

/**
 * A message's text with its arguments: `{name}` placeholders, and ICU plurals
 * `{count, plural, one {# file} few {# files} many {# files} other {# files}}` chosen by
 * `Intl.PluralRules` of the language (Russian one/few/many/other, Kazakh and English one/other);
 * `=0 {…}` exact matches come first, `#` is the number in the language's digits.
 */
export function formatMessage(text: string, params: Record<string, string | number>, lang: Language): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    out += text.slice(i, open);
    const close = matchingBrace(text, open);
    if (close < 0) return out + text.slice(open);
    out += argument(text.slice(open + 1, close), params, lang) ?? text.slice(open, close + 1);
    i = close + 1;
  }
  return out + text.slice(i);
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function argument(body: string, params: Record<string, string | number>, lang: Language): string | undefined {
  const simple = /^\s*(\w+)\s*$/.exec(body)?.[1];
  if (simple !== undefined) return simple in params ? String(params[simple]) : undefined;
  const plural = /^\s*(\w+)\s*,\s*plural\s*,/.exec(body);
  const name = plural?.[1];
  if (!plural || name === undefined || !(name in params)) return undefined;
  const value = Number(params[name]);
  const forms = pluralForms(body.slice(plural[0].length));
  const form = forms.get(`=${value}`) ?? forms.get(new Intl.PluralRules(LOCALES[lang]).select(value)) ?? forms.get('other');
  if (form === undefined) return undefined;
  const number = new Intl.NumberFormat(LOCALES[lang]).format(value);
  return formatMessage(form, params, lang).replace(/#/g, number);
}

/** `one {…} few {…} other {…}` as selector → text. */
export function pluralForms(spec: string): Map<string, string> {
  const forms = new Map<string, string>();
  let i = 0;
  while (i < spec.length) {
    const head = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(spec.slice(i));
    const selector = head?.[1];
    if (!head || selector === undefined) break;
    const open = i + head[0].length - 1;
    const close = matchingBrace(spec, open);
    if (close < 0) break;
    forms.set(selector, spec.slice(open + 1, close));
    i = close + 1;
  }
  return forms;
}

/** The message in the current language, its placeholders and plurals filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return formatMessage(text, params, current);
}

/** A message key built from data (a status, a channel), when the catalogue has it. */
export function tMaybe(key: string, fallback: string): string {
  return key in MESSAGES.en ? t(key as MessageKey) : fallback;
}

/** An instant as the centre reads it: Astana time; dd.mm.yyyy, hh:mm in Kazakh and Russian. */
export function formatInstant(iso: string | undefined, lang: Language = current): string {
  if (!iso) return '—';
  const options: Intl.DateTimeFormatOptions =
    lang === 'en' ? { dateStyle: 'medium', timeStyle: 'short' } : { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: 'Asia/Almaty' }).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD): dd.mm.yyyy in Kazakh and Russian, "2 Dec 2026" in English. */
export function formatDate(day: string | undefined, lang: Language = current): string {
  if (!day) return '—';
  const options: Intl.DateTimeFormatOptions = lang === 'en' ? { dateStyle: 'medium' } : { day: '2-digit', month: '2-digit', year: 'numeric' };
  return new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: 'UTC' }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** A number in the language's digits grouping and decimal sign (12 345,6 in kk and ru). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}, lang: Language = current): string {
  return new Intl.NumberFormat(LOCALES[lang], options).format(value);
}

export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A lit element that re-renders when the language changes (every component with text). */
export class LocalizedElement extends LitElement {
  private unsubscribe: (() => void) | undefined;

  override connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = onLanguageChange(() => this.requestUpdate());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }
}

if (typeof document !== 'undefined') document.documentElement.lang = current;
