import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Which words of another language show on a page: the catalogue's texts of the language the
 * page must not speak, looked for in what a person reads on it. Shared by language.test.ts and
 * everyPage.test.ts, so the rule lives once.
 */

export type Language = 'kk' | 'ru' | 'en';

const CATALOGUE = join(import.meta.dirname, '../../designer/src/i18n/catalogue');

/** A language's whole catalogue, every feature's file merged. */
export function catalogue(lang: Language): Record<string, string> {
  return Object.assign({}, ...readdirSync(join(CATALOGUE, lang)).map((f) => JSON.parse(readFileSync(join(CATALOGUE, lang, f), 'utf8')) as Record<string, string>));
}

export const EN = catalogue('en');
export const RU = catalogue('ru');
export const KK = catalogue('kk');

/** An ICU placeholder, one level of nesting deep (`{count, plural, one {# x} other {# y}}`). */
const PLACEHOLDER = /\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/;

/**
 * The texts of `foreign` that must not show on a page in `own`: each value's fixed parts (between
 * placeholders), of at least two words, where the page's language says it otherwise ("Tereze",
 * "English" on the switcher are the same in every language).
 */
export function fragmentsOf(foreign: Record<string, string>, own: Record<string, string>): string[] {
  return [
    ...new Set(
      Object.entries(foreign)
        .filter(([key, text]) => own[key] !== text)
        .flatMap(([, text]) => text.split(PLACEHOLDER))
        .map((part) => part.trim().replace(/^[\s:;,.()–—-]+|[\s:;,.()–—-]+$/g, ''))
        .filter((part) => /\p{L}+\s+\p{L}+/u.test(part)),
    ),
  ];
}

const ENGLISH_ON: Record<Exclude<Language, 'en'>, readonly string[]> = { kk: fragmentsOf(EN, KK), ru: fragmentsOf(EN, RU) };

/** The English catalogue texts found in `text` of a page in `lang`. */
export function englishOn(text: string, lang: Exclude<Language, 'en'> = 'kk'): string[] {
  return ENGLISH_ON[lang].filter((fragment) => text.includes(fragment));
}

/**
 * What a person reads on the page: its text, and the labels only a screen reader or a hover
 * shows. The components draw in shadow roots, which `body.innerText` leaves out: each root's
 * shown children are read as well, and their labels.
 */
export function visibleText(page: Page): Promise<string> {
  // Run in the page (the test's tsconfig has no DOM types, hence `any`).
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const texts: string[] = [doc.body.innerText];
    const visit = (root: any) => {
      for (const el of root.querySelectorAll('*')) {
        for (const a of ['title', 'aria-label', 'placeholder']) {
          const value = el.getAttribute(a);
          if (value) texts.push(value);
        }
        if (!el.shadowRoot) continue;
        for (const node of el.shadowRoot.childNodes) {
          if (node.nodeType === 3) texts.push(node.textContent);
          else if (node.nodeType === 1 && node.localName !== 'style' && node.checkVisibility()) texts.push(node.innerText);
        }
        visit(el.shadowRoot);
      }
    };
    visit(doc);
    return texts.join('\n');
  });
}
