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

  it('should order numbers with numbers, strings with strings, dates and durations of a kind, and nothing across types (FEEL null, not feelin\'s true)', () => {
    expect(evaluateCondition('income < 100000', { income: '' }, now)).toEqual({ problem: 'it evaluated to null ("" < 100000: a string and a number are not ordered against each other)' });
    expect(evaluateCondition('count >= 2', { count: true }, now)).toMatchObject({ problem: expect.stringContaining('a boolean and a number') });
    expect(evaluateCondition('name > "M"', { name: 'Nurlan' }, now)).toEqual({ value: true });
    expect(evaluateCondition('date("2026-01-01") < today() and duration("P1D") <= duration("PT24H")', {}, now)).toEqual({ value: true });
    expect(evaluateCondition('date("2026-01-01") < 5', {}, now)).toMatchObject({ problem: expect.stringContaining('date and a number') });
    // Nested and inside iterations, with the iteration's variables
    expect(evaluateCondition('some i in [1, 5] satisfies i > limit', { limit: 3 }, now)).toEqual({ value: true });
    expect(evaluateCondition('(a < b) = true and not(c > d)', { a: 1, b: 2, c: 1, d: 2 }, now)).toEqual({ value: true });
  });

  it("should read today() and now() from the clock it is given, not the wall clock", () => {
    expect(evaluateCondition('today() = date("2026-03-02")', {}, now)).toEqual({ value: true });
    expect(evaluateCondition('now() < date and time("2026-03-02T04:00:01Z")', {}, now)).toEqual({ value: true });
    expect(evaluateCondition('date(deadline) < today()', { deadline: '2026-03-01' }, now)).toEqual({ value: true });
  });
});
