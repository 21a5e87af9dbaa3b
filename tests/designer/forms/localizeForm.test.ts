import { describe, expect, it } from 'vitest';
import { answerOf, formData, localizeForm, taskScope } from '../../../designer/src/forms/localizeForm.js';
import { handBackForm } from '../../../processes/tools/taskForms.js';

describe('localizeForm', () => {
  it("should show a catalogue form's labels, texts and option labels in Russian, and leave English as written", () => {
    const form = handBackForm();
    const components = localizeForm(form, 'ru').components as { key?: string; label?: string; text?: string; values?: { label: string }[] }[];
    const byKey = (key: string) => components.find((c) => c.key === key)!;
    expect(byKey('rating').label).toBe('Оценка заявителя');
    expect(byKey('rating').values!.map((v) => v.label)).toEqual(['★ 1', '★★ 2', '★★★ 3', '★★★★ 4', '★★★★★ 5']);
    expect(byKey('outcome').values!.map((v) => v.label)).toEqual(['Выдано заявителю']);
    expect(components[0]!.text).toBe('Решение: **отказ**. Основание: {{refusalGrounds}}');
    expect(localizeForm(form, 'en')).toEqual(form);
  });
});

describe('the data a form opens with and the answer it gives', () => {
  it("should give the previous task's outcome as lastOutcome and keep this task's outcome out of the form", () => {
    expect(formData({ outcome: 'refuse', refusalGrounds: 'x', documents: ['a'] })).toEqual({ refusalGrounds: 'x', documents: ['a'], lastOutcome: 'refuse' });
  });

  it('should send the outcome field as outcome, the other fields as variables, and leave empty fields out', () => {
    expect(answerOf({ outcome: 'refuse', refusalGrounds: 'forged', decisionNote: '', rating: undefined, ratingDeclined: false })).toEqual({
      outcome: 'refuse',
      variables: { refusalGrounds: 'forged', ratingDeclined: false },
    });
    expect(answerOf({ note: 'seen' })).toEqual({ variables: { note: 'seen' } });
  });
});

describe('the variables a task sees', () => {
  it("should overlay the application's variables with the local ones of the inner instances around the task's token", () => {
    const application = {
      variables: { documents: ['a'], outcome: 'approve' },
      tokens: [
        { id: 't1', scopeId: null },
        { id: 't2', scopeId: 't1', locals: { loopCounter: 2, department: 'architecture' } },
        { id: 't3', scopeId: 't2' },
      ],
    };
    expect(taskScope(application, 't3')).toEqual({ documents: ['a'], outcome: 'approve', loopCounter: 2, department: 'architecture' });
    expect(taskScope(application, 't1')).toEqual({ documents: ['a'], outcome: 'approve' });
    expect(taskScope({ variables: { x: 1 } }, 'gone')).toEqual({ x: 1 });
  });
});
