import { randomInt } from 'node:crypto';
import { dammCheckDigit } from './isValidTrackingNumber.js';

export { dammCheckDigit, isValidTrackingNumber } from './isValidTrackingNumber.js';

/**
 * A fresh tracking number from a cryptographic source (first digit never 0): 12 digits an
 * applicant can read over the phone, in three groups, the last a Damm check digit
 * (isValidTrackingNumber.ts). Example: `4829-1057-3316`.
 */
export function newTrackingNumber(): string {
  const body = String(randomInt(1, 10)) + String(randomInt(0, 10_000_000_000)).padStart(10, '0');
  const full = body + String(dammCheckDigit(body));
  return `${full.slice(0, 4)}-${full.slice(4, 8)}-${full.slice(8)}`;
}
