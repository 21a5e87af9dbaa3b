/**
 * Filters the mongo store writes with. The client runs with `ignoreUndefined` (an absent optional
 * field stays absent), which also drops an undefined value from a *filter*: `{ _id: undefined }`
 * becomes `{}`, and a completion, release or read would hit whatever document comes first. So
 * every filter the store builds goes through `strictFilter` (a write throws: the caller has a
 * bug), and reads by id go through `idFilter` (no id finds nothing).
 */
import type { Document } from 'mongodb';
import { InvalidArgumentError } from '../../errors.js';

/** The filter unchanged when no value in it (at any depth, in `$in` lists too) is undefined. */
export function strictFilter<F extends Document>(what: string, filter: F): F {
  const hole = undefinedPath(filter, '');
  if (hole !== undefined) {
    throw new InvalidArgumentError(`${what}${hole}`, 'is undefined: a filter on it would match every document');
  }
  return filter;
}

/** `{ _id: id }` for a real id; undefined (find nothing) for anything else. */
export function idFilter(id: unknown): { _id: string } | undefined {
  return typeof id === 'string' ? { _id: id } : undefined;
}

function undefinedPath(value: unknown, path: string): string | undefined {
  if (value === undefined) return path || '(the filter)';
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) === null) return undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const hole = undefinedPath(item, `${path}[${i}]`);
      if (hole !== undefined) return hole;
    }
    return undefined;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined; // ObjectId, Date, RegExp
  for (const [k, v] of Object.entries(value)) {
    const hole = undefinedPath(v, `${path}.${k}`);
    if (hole !== undefined) return hole;
  }
  return undefined;
}
