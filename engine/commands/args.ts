import { InvalidArgumentError } from '../errors.js';

/** Retries a commit that lost a version race this many times before answering 409. */
export const MAX_RETRIES = 5;

export function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new InvalidArgumentError(field, 'is required');
  return value;
}

/** A plain JSON object (variables, applicant), copied so the caller cannot change it under us. */
export function plainObject(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidArgumentError(field, 'must be an object');
  try {
    return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  } catch {
    throw new InvalidArgumentError(field, 'must be plain JSON');
  }
}
