import { InvalidArgumentError } from '../errors.js';

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
