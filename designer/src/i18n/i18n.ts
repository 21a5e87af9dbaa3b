import { LitElement } from 'lit';
import { LANGUAGES, MESSAGES, type Language, type MessageKey } from './messages.js';

const STORAGE_KEY = 'tereze.lang';
const listeners = new Set<() => void>();

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  return globalThis.navigator?.language?.startsWith('ru') ? 'ru' : 'en';
}

let current: Language = initialLanguage();

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message key built from data (a status, a channel), when the catalogue has it. */
export function tMaybe(key: string, fallback: string): string {
  return key in MESSAGES.en ? t(key as MessageKey) : fallback;
}

/** An instant as the centre reads it: Astana time, in the UI's language. */
export function formatInstant(iso: string | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(current === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Almaty' }).format(new Date(iso));
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
