import { LitElement } from 'lit';
import { formatMessage, LOCALES } from './format.js';
import { LANGUAGES, MESSAGES, type Language, type MessageKey } from './messages.js';

export { formatMessage, LOCALES } from './format.js';

const STORAGE_KEY = 'tereze.lang';
const listeners = new Set<() => void>();


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

/** The message in the current language, its placeholders and plurals filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return formatMessage(text, params, current);
}

/** The language an application's applicant chose at registration (`applicant.language`), when it recorded one. */
export function applicantLanguage(applicant: unknown): Language | undefined {
  const chosen = typeof applicant === 'object' && applicant !== null ? (applicant as { language?: unknown }).language : undefined;
  return isLanguage(chosen) ? chosen : undefined;
}

/** The three languages with `first` first (the PDF's links: the applicant's, then the others). */
export function languagesFrom(first: Language): Language[] {
  return [first, ...LANGUAGES.filter((l) => l !== first)];
}

/** The message in a given language, whatever the UI's: what is handed to the applicant (the receipt) is in theirs. */
export function tIn(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
  return formatMessage(text, params, lang);
}

/** A message key built from data (a status, a channel), when the catalogue has it. */
export function tMaybe(key: string, fallback: string): string {
  return key in MESSAGES.en ? t(key as MessageKey) : fallback;
}

/** Data's words in other languages, beside the one they are written in: `{ kk, ru }`, any missing. */
export type InLanguages = Partial<Readonly<Record<Language, string>>>;

/**
 * Data written in one language with translations beside it (a holiday's `names`, a centre's
 * `translations.kk.name`): the reader's language when it has one, else the text as written.
 */
export function inLanguage(text: string, translations: InLanguages | undefined, lang: Language = current): string {
  return translations?.[lang] || text;
}

/** An instant as the centre reads it: Astana time; dd.mm.yyyy, hh:mm in Kazakh and Russian. */
export function formatInstant(iso: string | undefined, lang: Language = current): string {
  if (!iso) return '—';
  if (lang === 'en') return new Intl.DateTimeFormat(LOCALES.en, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Almaty' }).format(new Date(iso));
  const p = dateParts(new Date(iso), 'Asia/Almaty', true);
  return `${p.day}.${p.month}.${p.year}, ${p.hour}:${p.minute}`;
}

/**
 * The day, month, year (and hour, minute) digits of an instant in a zone. dd.mm.yyyy is written
 * out here rather than left to the locale: browsers' ICU data differ (Chromium's kk-KZ gives
 * 2026-12-03 where Node's gives 03.12.2026).
 */
function dateParts(at: Date, timeZone: string, withTime: boolean): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    timeZone,
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  return { day: part('day'), month: part('month'), year: part('year'), hour: part('hour'), minute: part('minute') };
}

/** A calendar day (YYYY-MM-DD): dd.mm.yyyy in Kazakh and Russian, "2 Dec 2026" in English. */
export function formatDate(day: string | undefined, lang: Language = current): string {
  if (!day) return '—';
  const at = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (lang === 'en') return new Intl.DateTimeFormat(LOCALES.en, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
  const p = dateParts(at, 'UTC', false);
  return `${p.day}.${p.month}.${p.year}`;
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
