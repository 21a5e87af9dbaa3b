import { describe, expect, it } from 'vitest';
import { DEPLOY_CHECK, mergeVerdict, type LintReports } from '../../../designer/src/modeler/lint/verdictReports.js';

const local: LintReports = {
  'tereze/back-office-group': [{ id: 'review', message: 'a back-office task needs a ps:candidateGroup', category: 'error' }],
  'label-required': [{ id: 'start', message: 'Element is missing label/name', category: 'warn' }],
};

describe("the canvas's reports: the deploy's verdict with the live lint's advice", () => {
  it("shows the server's problems instead of the live lint's errors (the verdict holds them), and keeps the lint's warnings", () => {
    const merged = mergeVerdict(local, {
      valid: false,
      problems: [
        { elementId: 'review', message: 'a back-office task needs a ps:candidateGroup (tereze/back-office-group)' },
        { elementId: 'review', message: "review names calendar 'moon', which does not exist (known: agency, centre)" },
      ],
      warnings: [],
    });
    expect(merged).toEqual({
      'label-required': local['label-required'],
      [DEPLOY_CHECK]: [
        { id: 'review', message: 'a back-office task needs a ps:candidateGroup (tereze/back-office-group)', category: 'error' },
        { id: 'review', message: "review names calendar 'moon', which does not exist (known: agency, centre)", category: 'error' },
      ],
    });
  });

  it("adds the server's own warnings on their element, not the lint's a second time", () => {
    const merged = mergeVerdict(
      { 'label-required': local['label-required']! },
      {
        valid: true,
        problems: [],
        warnings: ['start: Element is missing label/name (label-required)', "f1: the condition 'is defined(x)' of sequence flow f1 calls is defined(), which FEEL does not have"],
      },
    );
    expect(merged[DEPLOY_CHECK]).toEqual([{ id: 'f1', message: "the condition 'is defined(x)' of sequence flow f1 calls is defined(), which FEEL does not have", category: 'warn' }]);
    expect(merged['label-required']).toEqual(local['label-required']);
  });

  it('keeps the live lint whole when the server cannot be reached, and says so', () => {
    const merged = mergeVerdict(local, { unreachable: 'The deploy check could not be reached' });
    expect(merged['tereze/back-office-group']).toEqual(local['tereze/back-office-group']);
    expect(merged[DEPLOY_CHECK]).toEqual([expect.objectContaining({ category: 'info', message: expect.stringContaining('could not be reached') })]);
  });

  it('says each report through the given words: a lint warning by its rule, a server problem by its code', () => {
    const say = (code: string | undefined, message: string) => `[${code}] ${message}`;
    const merged = mergeVerdict(local, { valid: false, problems: [{ elementId: 'f3', message: "condition 'x >' is not valid FEEL", code: 'feel.invalid' }], warnings: [] }, say);
    expect(merged['label-required']).toEqual([{ id: 'start', message: '[lint.label-required] Element is missing label/name', category: 'warn' }]);
    expect(merged[DEPLOY_CHECK]).toEqual([{ id: 'f3', message: "[feel.invalid] condition 'x >' is not valid FEEL", category: 'error' }]);
  });
});
