import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, sqliteStore } from '../../../engine/index.js';
import { lintConfig } from '../../../engine/model/lint/ruleSet.js';
import { PROBLEM_CODES, codedProblems, problemCode } from '../../../engine/model/problemCodes.js';
import { PROBLEM_TEXTS, say } from '../../../engine/model/problemTexts.js';
import { MIWG_CORPUS, miwgFiles, miwgSkipReason } from '../../support/miwgCorpus.js';

const MODEL = join(import.meta.dirname, '../../../engine/model');

/** Every problem the compiler can word: each template of problemTexts.ts, its {…} filled with a word. */
function templates(): { key: string; text: string }[] {
  return Object.entries(PROBLEM_TEXTS).map(([key, template]) => ({ key, text: template.replace(/\{\w+\}/g, 'x') }));
}

/** Where deploy problems are worded: engine/model, `ps:notify` (engine/notifications), the calendars (engine/definitions). */
const SOURCES = [
  ...readdirSync(MODEL).filter((f) => f.endsWith('.ts')).map((f) => join(MODEL, f)),
  join(MODEL, '../notifications/readNotify.ts'),
  join(MODEL, '../definitions/Definitions.ts'),
].map((path) => ({ path, text: readFileSync(path, 'utf8') }));

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((n, i, all) => all.indexOf(n) === i).sort();

describe('problem codes', () => {
  it("gives every problem the compiler can word a code of its own, not the catch-all", () => {
    const all = templates();
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((t) => problemCode(t.text) === 'model.invalid').map((t) => `${t.key}: ${t.text}`)).toEqual([]);
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

  it('words every problem through problemTexts.ts: no message written at a report site, every key said somewhere', () => {
    const written = SOURCES.flatMap(({ path, text }) =>
      [...text.matchAll(/(?:report|fail)\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*[`'"]|fail\(\s*[`'"]|problems\.push\(\{[^}]*message:/g)].map((m) => `${path}: ${m[0]}`),
    );
    expect(written).toEqual([]);
    const said = SOURCES.map((s) => s.text).join('\n');
    expect(Object.keys(PROBLEM_TEXTS).filter((key) => !said.includes(`'${key}'`))).toEqual([]);
  });

  it('has the designer\'s words for every detail, in each language, with the template\'s placeholders (English: the template itself)', () => {
    for (const lang of ['kk', 'ru', 'en']) {
      const words = JSON.parse(readFileSync(join(import.meta.dirname, `../../../designer/src/i18n/catalogue/${lang}/problemDetail.json`), 'utf8')) as Record<string, string>;
      const wrong = Object.entries(PROBLEM_TEXTS).filter(([key, template]) => {
        const text = words[`problemDetail.${key}`];
        return text === undefined || placeholders(text).join() !== placeholders(template).join() || (lang === 'en' && text !== template);
      });
      expect(wrong.map(([key]) => key), lang).toEqual([]);
    }
  });

  it('makes each message from its template and carries the detail beside it, not among its own fields', async () => {
    const engine = await createEngine({ store: sqliteStore(':memory:') });
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
    <bpmn:userTask id="t" ps:office="middle" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;
    const { problems } = await engine.validate(xml);
    await engine.close();
    const office = problems.find((p) => p.detail?.key === 'attribute.office');
    expect(office?.detail).toEqual({ key: 'attribute.office', params: { value: 'middle', id: 't', allowed: 'front, back' } });
    expect(office?.message).toBe("ps:office 'middle' on t must be one of front, back");
    expect(say('attribute.office', { value: 'middle', id: 't', allowed: 'front, back' }).message).toBe(office?.message);
    expect(Object.keys(office!)).toEqual(['elementId', 'message']);
    expect(codedProblems([office!])).toEqual([{ elementId: 't', message: office!.message, code: 'attribute.invalid', detail: office!.detail }]);
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
