/**
 * The check of a tracking number, with no Node import: the designer validates the number a
 * clerk types with this very function (TrackingNumber.ts makes the numbers).
 * 12 digits in three groups, the last a Damm check digit, which catches every single-digit
 * error and every swap of adjacent digits. Example: `4829-1057-3316`.
 */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
] as const;

export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![Number(ch)]!;
  return interim;
}

/** True when the text is a well-formed tracking number whose check digit matches (dashes and spaces ignored). */
export function isValidTrackingNumber(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{12}$/.test(digits) && dammCheckDigit(digits) === 0;
}
