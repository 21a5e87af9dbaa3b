import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localizedValidationModule, viewerWords } from '../../../designer/src/forms/formViewerWords.js';

/** The viewer's messages as form-js 1.23 writes them (core/Validator.js and its components), parameters filled in. */
const VIEWER_TEXTS = [
  'Field is required.',
  'Value is not a number.',
  'Value is expected to be an integer.',
  'Value is expected to have at most 2 decimal digits.',
  'Please select a valid value, the two nearest valid values are 10 and 15.',
  'Field must match pattern ^\\d{12}$.',
  'Field must have minimum value of 1.',
  'Field must have maximum value of 99.',
  'Min validation value is not a valid number.',
  'Max validation value is not a valid number.',
  'Field must have minimum length of 3.',
  'Field must have maximum length of 500.',
  'Field must be a valid  international phone number. (e.g. +4930664040900)',
  'Field must be a valid email.',
  'Document reference is not defined.',
  'Select',
  'Search',
  'No results',
  'All values selected',
  'Remove tag',
  'Nothing to show.',
  'Browse',
  'Add new',
  'Collapse',
  'Expand all (3)',
  'Remove list item 2',
  'Increment',
  'Decrement',
  'Previous page',
  'Next page',
  'Download spravka.pdf',
];

describe("the form viewer's own words", () => {
  it('should say every message and text of the viewer in Kazakh and in Russian, in their letters', () => {
    const said = (lang: 'kk' | 'ru') => VIEWER_TEXTS.map((english) => viewerWords(english, lang));
    const [kk, ru] = [said('kk'), said('ru')];
    VIEWER_TEXTS.forEach((english, i) => {
      expect(kk[i], `kk: ${english}`).toMatch(/[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
      expect(ru[i], `ru: ${english}`).toMatch(/[А-Яа-яЁё]/);
      expect(kk[i], `kk is not ru: ${english}`).not.toBe(ru[i]);
      // No word of the English left (a file name, a pattern or a number may stay)
      expect(`${kk[i]} ${ru[i]}`, english).not.toMatch(/\b(Field|Value|Please|Select|Search|No|All|Remove|Nothing|Browse|Add|Collapse|Expand|Increment|Decrement|Previous|Next|Download|Document)\b/);
    });
  });

  it('should carry the parameters into the sentence', () => {
    expect(viewerWords('Field is required.', 'ru')).toBe('Обязательное поле.');
    expect(viewerWords('Field must have minimum value of 18.', 'ru')).toBe('Значение должно быть не меньше 18.');
    expect(viewerWords('Value is expected to have at most 5 decimal digits.', 'ru')).toBe('Допускается не более 5 знаков после запятой.');
    expect(viewerWords('Value is expected to have at most 1 decimal digit.', 'ru')).toBe('Допускается не более 1 знака после запятой.');
    expect(viewerWords('Field is required.', 'kk')).toBe('Міндетті өріс.');
    expect(viewerWords('Please select a valid value, the two nearest valid values are 10 and 15.', 'kk')).toBe('Рұқсат етілген мәнді таңдаңыз: ең жақын рұқсат етілген мәндер — 10 және 15.');
  });

  it("should leave the form's own texts alone (they are translated with the form)", () => {
    expect(viewerWords('Өтініш берушінің бағасы', 'kk')).toBeUndefined();
    expect(viewerWords('Registry shows two children', 'kk')).toBeUndefined();
  });

  it("should word every fixed message the installed viewer pushes as an error", () => {
    const bundle = readFileSync(new URL('../../../node_modules/@bpmn-io/form-js-viewer/dist/index.es.js', import.meta.url), 'utf8');
    const fixed = [...bundle.matchAll(/errors\.push\('([^']+)'\)/g)].map((m) => m[1]!);
    expect(fixed.length).toBeGreaterThan(5);
    for (const english of fixed) expect(viewerWords(english, 'ru'), english).toBeDefined();
  });

  it("should hand the viewer's validator back its errors in the reader's language", () => {
    const [, localize] = localizedValidationModule('kk').localizedValidation;
    const validator = {
      validateField: () => ['Field is required.'],
      validateFieldInstance: () => ['Field must have maximum length of 10.', 'Жарамсыз ЖСН'],
    };
    localize(validator);
    expect(validator.validateField()).toEqual(['Міндетті өріс.']);
    // The form's own pattern message (its designer's words) stays as written.
    expect(validator.validateFieldInstance()).toEqual(['Ең үлкен ұзындық — 10 таңба.', 'Жарамсыз ЖСН']);
  });
});
