import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, sqliteStore } from '../../../engine/index.js';
import { lintConfig } from '../../../engine/model/lint/ruleSet.js';
import { PROBLEM_CODES, problemCode } from '../../../engine/model/problemCodes.js';
import { MIWG_CORPUS, miwgFiles, miwgSkipReason } from '../../support/miwgCorpus.js';

const MODEL = join(import.meta.dirname, '../../../engine/model');

/** Every problem the compiler can word: the template of each report(…) in engine/model, its ${…} filled with a word. */
function templates(): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  for (const file of readdirSync(MODEL).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(MODEL, file), 'utf8');
    for (const m of source.matchAll(/(?:report\([^,`]+,\s*|problems\.push\(\{ elementId: [^,]+, message: )`((?:[^`\\]|\\.|\$\{(?:[^{}]|\{[^{}]*\})*\})*)`/g)) {
      // A template nesting another (`${a ? `(${b}) ` : ''}`) is cut at the inner backtick: read its whole line.
      const line = source.slice(m.index, source.indexOf('\n', m.index));
      const raw = m[1]!.includes('${') ? line.slice(line.indexOf('`') + 1, line.lastIndexOf('`')) : m[1]!;
      found.push({ file, text: raw.replace(/\$\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}/g, 'x') });
    }
  }
  return found;
}

describe('problem codes', () => {
  it("gives every problem the compiler can word a code of its own, not the catch-all", () => {
    const all = templates();
    expect(all.length).toBeGreaterThan(70);
    expect(all.filter((t) => problemCode(t.text) === 'model.invalid').map((t) => `${t.file}: ${t.text}`)).toEqual([]);
  });

  it('codes a lint problem by its rule, and keeps specific codes before general ones', () => {
    expect(problemCode('a back-office task needs a ps:candidateGroup (the officials it is drawn among) (tereze/back-office-group)')).toBe('lint.back-office-group');
    expect(problemCode('Element is missing label/name (bpmnlint/label-required)')).toBe('lint.label-required');
    expect(problemCode("condition 'income >' of sequence flow f3 is not valid FEEL: the expression ends too early (at character 9)")).toBe('feel.invalid');
    expect(problemCode("review names calendar 'moon', which does not exist (known: agency, centre)")).toBe('calendar.unknown');
    expect(problemCode('multi-instance userTask is not supported (element x)')).toBe('multi-instance.invalid');
    expect(problemCode('sequence flow f leaves event-based gateway g and cannot carry a condition: the first event to come chooses the way')).toBe('event-gateway.invalid');
    expect(problemCode('something new the compiler says')).toBe('model.invalid');
  });

  it("has the designer's words for every code and every lint rule, in each language", () => {
    const codes = [...PROBLEM_CODES.map(([code]) => code), 'model.invalid', ...Object.keys(lintConfig.rules).map((rule) => `lint.${rule.slice(rule.indexOf('/') + 1)}`)];
    for (const lang of ['kk', 'ru', 'en']) {
      const words = JSON.parse(readFileSync(join(import.meta.dirname, `../../../designer/src/i18n/catalogue/${lang}/problem.json`), 'utf8')) as Record<string, string>;
      expect(codes.filter((code) => !words[`problem.${code}`]), lang).toEqual([]);
    }
  });

  it.skipIf(miwgSkipReason !== undefined)(`codes every problem of the 21 MIWG models${miwgSkipReason ? ` — skipped: ${miwgSkipReason}` : ''}`, async () => {
    const engine = await createEngine({ store: sqliteStore(':memory:') });
    const uncoded: string[] = [];
    for (const file of miwgFiles) {
      for (const p of (await engine.validate(readFileSync(join(MIWG_CORPUS, file), 'utf8'))).problems) if (problemCode(p.message) === 'model.invalid') uncoded.push(`${file}: ${p.message}`);
    }
    await engine.close();
    expect(uncoded).toEqual([]);
  });
});
