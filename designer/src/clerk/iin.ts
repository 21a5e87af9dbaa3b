/**
 * The Kazakh individual identification number (ИИН): 12 digits, the last a check digit.
 * Check digit: the sum of the first 11 digits weighted 1..11, mod 11; when that is 10, again
 * with weights 3..11, 1, 2; a second 10 means the number is never issued.
 */
export type IinProblem = 'length' | 'checksum';

const FIRST = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

export function iinCheckDigit(first11: string): number | undefined {
  const digits = [...first11].map(Number);
  const weighted = (weights: readonly number[]) => digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
  const first = weighted(FIRST);
  if (first !== 10) return first;
  const second = weighted(SECOND);
  return second === 10 ? undefined : second;
}

/** `undefined` when valid; spaces are allowed between digit groups. */
export function iinProblem(input: string): IinProblem | undefined {
  const iin = input.replace(/\s/g, '');
  if (!/^\d{12}$/.test(iin)) return 'length';
  const check = iinCheckDigit(iin.slice(0, 11));
  return check !== undefined && check === Number(iin[11]) ? undefined : 'checksum';
}
