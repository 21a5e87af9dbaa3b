import { describe, expect, it } from 'vitest';
import { iinCheckDigit, iinProblem } from '../../designer/src/clerk/iin.js';

// A unit test of the designer's IIN check, kept beside the end-to-end tests that drive the form.
describe('IIN validation (designer/src/clerk/iin.ts)', () => {
  it('should accept 12 digits whose last is the check digit, spaces allowed', () => {
    expect(iinProblem('900515401230')).toBeUndefined();
    expect(iinProblem('9005 1540 1230')).toBeUndefined();
    expect(iinProblem('881212300453')).toBeUndefined();
  });

  it('should refuse a wrong length or anything but digits', () => {
    expect(iinProblem('')).toBe('length');
    expect(iinProblem('90051540123')).toBe('length');
    expect(iinProblem('9005154012301')).toBe('length');
    expect(iinProblem('90051540123a')).toBe('length');
  });

  it('should refuse a wrong check digit', () => {
    expect(iinProblem('900515401231')).toBe('checksum');
  });

  it('should weigh 3..11,1,2 when the first sum leaves 10, and never issue a number when both do', () => {
    // An 11-digit prefix whose sum weighted 1..11 leaves 10
    const prefixes = Array.from({ length: 20000 }, (_, i) => String(90051540000 + i));
    const second = prefixes.find((p) => [...p].reduce((s, d, i) => s + Number(d) * (i + 1), 0) % 11 === 10)!;
    const check = iinCheckDigit(second);
    const expected = [...second].reduce((s, d, i) => s + Number(d) * ([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2][i] ?? 0), 0) % 11;
    expect(check).toBe(expected === 10 ? undefined : expected);
    if (check !== undefined) expect(iinProblem(`${second}${check}`)).toBeUndefined();
  });
});
