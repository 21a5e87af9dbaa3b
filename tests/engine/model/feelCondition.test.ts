import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../../engine/model/feel.js';

describe('evaluateCondition', () => {
  const now = new Date('2026-03-02T04:00:00Z');

  it('should tell a false condition from one that has no boolean value', () => {
    expect(evaluateCondition('income < 100000', { income: 200_000 }, now)).toEqual({ value: false });
    expect(evaluateCondition('income < 100000', {}, now)).toEqual({ problem: "it evaluated to null (Variable 'income' not found)" });
    expect(evaluateCondition('income != null and income < 100000', {}, now)).toEqual({ value: false }); // the guarded form
    expect(evaluateCondition('amount', { amount: 5 }, now)).toEqual({ problem: 'it returned 5, not a boolean' });
  });

  it("should read today() and now() from the clock it is given, not the wall clock", () => {
    expect(evaluateCondition('today() = date("2026-03-02")', {}, now)).toEqual({ value: true });
    expect(evaluateCondition('now() < date and time("2026-03-02T04:00:01Z")', {}, now)).toEqual({ value: true });
    expect(evaluateCondition('date(deadline) < today()', { deadline: '2026-03-01' }, now)).toEqual({ value: true });
  });
});
