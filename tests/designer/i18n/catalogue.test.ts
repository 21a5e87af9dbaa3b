import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argumentsOf } from '../../../designer/src/i18n/format.js';

const ROOT = join(import.meta.dirname, '../../../designer/src');
const CATALOGUE = join(ROOT, 'i18n/catalogue');
const LANGS = ['en', 'ru', 'kk'] as const;

type Catalogue = Map<string, string>;

/** One language's files: feature → its keys and texts. */
function read(lang: string): Map<string, Record<string, string>> {
  const dir = join(CATALOGUE, lang);
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, string>]));
}

const files = new Map(LANGS.map((lang) => [lang, read(lang)]));
const merged = new Map<string, Catalogue>(LANGS.map((lang) => [lang, new Map([...files.get(lang)!.values()].flatMap((f) => Object.entries(f)))]));
const en = merged.get('en')!;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.ts$/.test(name) ? [path] : [];
  });
}
const code = new Map(sources(ROOT).map((path) => [relative(ROOT, path), readFileSync(path, 'utf8')]));

/**
 * The keys the code builds from data, each with the file that builds it; `keys` when the data's
 * values are known (the rest of the prefix then still counts as unused). A new `prefix${…}`
 * in the code fails below until it is listed here, so "used" never means "looks like a key".
 */
const DYNAMIC: readonly { prefix: string; where: string; keys?: readonly string[] }[] = [
  { prefix: 'admin.add.', where: 'admin/' },
  { prefix: 'admin.role.', where: 'admin/, pages/PlaceholderHome.ts' },
  { prefix: 'admin.tab.', where: 'admin/' },
  { prefix: 'auditTrail.filter.', where: 'audit/' },
  { prefix: 'calendar.day.', where: 'coordinator/' },
  { prefix: 'calendar.kind.', where: 'coordinator/' },
  { prefix: 'calendar.name.', where: 'coordinator/' },
  { prefix: 'calendar.unit.', where: 'coordinator/' },
  { prefix: 'casefile.decision.', where: 'casefile/' },
  { prefix: 'casefile.detail.', where: 'casefile/' },
  { prefix: 'casefile.kind.', where: 'casefile/ (the timeline entry kinds)' },
  { prefix: 'casefile.kind.sla.', where: 'casefile/caseWords.ts (the term changes)' },
  { prefix: 'casefile.outcome.', where: 'casefile/, operator/diagramNames.ts (the flows named after an outcome)' },
  { prefix: 'casefile.side.', where: 'casefile/' },
  { prefix: 'casefile.state.', where: 'casefile/' },
  { prefix: 'channel.', where: 'clerk/, dashboards/' },
  { prefix: 'dash.by.', where: 'dashboards/' },
  { prefix: 'dash.filter.', where: 'dashboards/' },
  { prefix: 'dash.state.', where: 'dashboards/' },
  { prefix: 'diff.', where: 'modeler/ (diff kinds)', keys: ['diff.added', 'diff.changed', 'diff.removed'] },
  { prefix: 'error.', where: 'api/errorWords.ts (the server codes, checked in tests/designer/api/errorWords.test.ts)' },
  { prefix: 'error.status.', where: 'api/errorWords.ts (by HTTP status)' },
  { prefix: 'home.placeholder.', where: 'app/', keys: ['home.placeholder.supervisor', 'home.placeholder.coordinator', 'home.placeholder.auditor'] },
  { prefix: 'integrity.flag.', where: 'integrity/' },
  { prefix: 'integrity.p.', where: 'integrity/' },
  { prefix: 'lang.', where: 'app/, print/', keys: LANGS.map((l) => `lang.${l}`) },
  { prefix: 'notifications.channel.', where: 'operator/' },
  { prefix: 'notifications.kind.', where: 'operator/' },
  { prefix: 'notifications.tab.', where: 'operator/' },
  { prefix: 'notify.language.', where: 'clerk/ApplicationForm.ts', keys: LANGS.map((l) => `notify.language.${l}`) },
  { prefix: 'ops.event.', where: 'operator/ (the history events)' },
  { prefix: 'ops.filter.', where: 'operator/' },
  { prefix: 'ops.state.', where: 'operator/' },
  { prefix: 'outcome.', where: 'print/, public/ (the outcome itself)', keys: ['outcome.approved', 'outcome.refused', 'outcome.withdrawn'] },
  { prefix: 'outcome.decision.', where: 'print/' },
  { prefix: 'outcome.doc.', where: 'print/' },
  { prefix: 'problem.', where: 'modeler/lint/problemWords.ts (the deploy problem codes, checked in tests/engine/model/problemCodes.test.ts)' },
  { prefix: 'problemDetail.', where: 'modeler/lint/detailWords.ts (the deploy problems\' detail keys, checked in tests/engine/model/problemCodes.test.ts)' },
  { prefix: 'outcome.reason.', where: 'print/outcomeText.ts' },
  { prefix: 'register.iin.', where: 'clerk/ (the IIN check result)' },
  { prefix: 'routing.channel.', where: 'coordinator/' },
  { prefix: 'routing.mode.', where: 'coordinator/' },
  { prefix: 'status.', where: 'public/ (the public status words)' },
  { prefix: 'unit.', where: 'clerk/ (the standard term unit)' },
  { prefix: 'bpmn.', where: 'modeler/translate.ts (bpmn-js and the properties panel look their English strings up)' },
];

/** Every `feature.something.${` the code writes, where feature is a catalogue feature. */
function prefixesInCode(): Map<string, string> {
  const features = new Set(files.get('en')!.keys());
  const found = new Map<string, string>();
  for (const [file, text] of code)
    for (const [, prefix] of text.matchAll(/[`'"]((?:[a-zA-Z]+\.)+)\$\{/g))
      if (features.has(prefix!.split('.')[0]!)) found.set(prefix!, file);
  return found;
}

function usedLiterally(key: string): boolean {
  const quoted = [`'${key}'`, `"${key}"`, `\`${key}\``];
  for (const text of code.values()) if (quoted.some((q) => text.includes(q))) return true;
  return false;
}

function usedDynamically(key: string): boolean {
  return DYNAMIC.some((d) => key.startsWith(d.prefix) && (d.keys ? d.keys.includes(key) : true));
}

describe('the UI catalogues', () => {
  it('has the same features in every language', () => {
    for (const lang of LANGS) expect([...files.get(lang)!.keys()].sort(), lang).toEqual([...files.get('en')!.keys()].sort());
  });

  it('has every key of every feature in every language, and no extra key', () => {
    for (const lang of LANGS)
      for (const [feature, enTexts] of files.get('en')!) {
        const texts = files.get(lang)!.get(feature) ?? {};
        expect({ lang, feature, missing: Object.keys(enTexts).filter((k) => !(k in texts)) }).toEqual({ lang, feature, missing: [] });
        expect({ lang, feature, extra: Object.keys(texts).filter((k) => !(k in enTexts)) }).toEqual({ lang, feature, extra: [] });
      }
  });

  it('keeps each key in the file of its feature (the key starts with the feature)', () => {
    for (const lang of LANGS)
      for (const [feature, texts] of files.get(lang)!) expect(Object.keys(texts).filter((k) => k.split('.')[0] !== feature), `${lang}/${feature}.json`).toEqual([]);
  });

  it('has no empty text', () => {
    for (const lang of LANGS) expect([...merged.get(lang)!].filter(([, text]) => typeof text !== 'string' || !text.trim()).map(([k]) => k), lang).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    const mismatched: string[] = [];
    for (const [key, text] of en) {
      const want = [...argumentsOf(text)].sort().join(',');
      for (const lang of LANGS) {
        const got = [...argumentsOf(merged.get(lang)!.get(key) ?? '')].sort().join(',');
        if (got !== want) mismatched.push(`${lang} ${key}: {${got}} instead of {${want}}`);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('lists every prefix the code builds keys from, and only those', () => {
    const inCode = prefixesInCode();
    expect([...inCode.keys()].filter((p) => !DYNAMIC.some((d) => d.prefix === p)).map((p) => `${p} in ${inCode.get(p)}`)).toEqual([]);
    expect(DYNAMIC.filter((d) => !inCode.has(d.prefix)).map((d) => d.prefix)).toEqual([]);
  });

  it('has no unused key: each is written in designer/src or built from a listed prefix', () => {
    expect([...en.keys()].filter((key) => !usedLiterally(key) && !usedDynamically(key))).toEqual([]);
  });

  it('has a key for every literal key the code asks for', () => {
    const asked = new Set<string>();
    for (const text of code.values()) for (const [, key] of text.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[\w ]+)+)'/g)) asked.add(key!);
    expect([...asked].filter((k) => !en.has(k))).toEqual([]);
  });

  it('writes Kazakh in Kazakh: not a copy of Russian or English', () => {
    const kk = merged.get('kk')!;
    const ru = merged.get('ru')!;
    // Texts with words, leaving out those the same in Russian and English (names: Tereze, SLA, Русский).
    const words = [...kk].filter(([key, text]) => ru.get(key) !== en.get(key) && /\p{L}{3,}/u.test(text.replace(/\{[^}]*\}/g, '')));
    const kazakhLetters = words.filter(([, text]) => /[әғқңөұүһі]/i.test(text));
    const sameAsRu = words.filter(([key, text]) => text === ru.get(key));
    const sameAsEn = words.filter(([key, text]) => text === en.get(key));
    // Loanwords Kazakh shares with Russian (процесс, ведомство, аудитор) are allowed, and few.
    expect(kazakhLetters.length / words.length).toBeGreaterThan(0.75);
    expect(sameAsRu.length / words.length).toBeLessThan(0.05);
    expect(sameAsEn.map(([key]) => key)).toEqual([]);
    // No English sentence left in (code words such as task.complete or GET /api/groups are fine).
    expect([...kk].filter(([, text]) => /\b(the|and|of|to|is|for|with|not|from)\b/i.test(text.replace(/\{[^}]*\}/g, ''))).map(([k, text]) => `${k}: ${text}`)).toEqual([]);
  });
});
