import type { Language } from './messages.js';

/** The BCP 47 locale each language formats dates and numbers with. */
export const LOCALES: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

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

export function matchingBrace(text: string, open: number): number {
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
  return formatMessage(form.replace(/#/g, number), params, lang);
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

/**
 * The argument names a message uses: `{name}` and the `{count, plural, …}` selector, with those
 * inside plural forms. Every language's text of a key must use the same set.
 */
export function argumentsOf(text: string): Set<string> {
  const names = new Set<string>();
  const walk = (part: string) => {
    let i = 0;
    while (i < part.length) {
      const open = part.indexOf('{', i);
      if (open < 0) return;
      const close = matchingBrace(part, open);
      if (close < 0) return;
      const body = part.slice(open + 1, close);
      const simple = /^\s*(\w+)\s*$/.exec(body)?.[1];
      const plural = /^\s*(\w+)\s*,\s*plural\s*,/.exec(body);
      if (simple !== undefined) names.add(simple);
      else if (plural?.[1] !== undefined) {
        names.add(plural[1]);
        for (const form of pluralForms(body.slice(plural[0].length)).values()) walk(form);
      }
      i = close + 1;
    }
  };
  walk(text);
  return names;
}
