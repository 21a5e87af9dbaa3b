import { z } from 'zod';
import { TaskSchema } from './contracts/tasks.js';
import { DATE_FORMAT, INSTANT_FORMAT, isCalendarDate, parseInstant } from '../engine/index.js';

/**
 * Response shapes shared by several resources, for /api/openapi.json (openapi/document.ts) and
 * the test that checks real answers against it. Loose on purpose where the engine may add
 * fields (names may grow, not shrink): objects allow more properties than they list.
 */
export const Instant = z.string().meta({ format: 'date-time' });

/**
 * Instants and dates a caller sends: the engine's own rules (engine/isoTime.ts), so the route
 * answers 400 naming the field before the engine is asked, and both refuse the same values.
 */
export const InstantInput = z
  .string()
  .refine((text) => parseInstant(text) !== undefined, { error: (issue) => `${JSON.stringify(issue.input)} is not ${INSTANT_FORMAT}` })
  .meta({ format: 'date-time' });

export const CalendarDateInput = z
  .string()
  .refine(isCalendarDate, { error: (issue) => `${JSON.stringify(issue.input)} is not ${DATE_FORMAT}` })
  .meta({ format: 'date' });

/** Declared once in contracts/tasks.ts, which the designer imports too. */
export { TaskSchema };

/** Declared once in contracts/applications.ts, which the designer imports too. */
export { ApplicationSchema } from './contracts/applications.js';

export const UserSchema = z
  .looseObject({ id: z.string(), name: z.string(), roles: z.array(z.string()), groups: z.array(z.string()), agency: z.string().optional(), centre: z.string().optional(), language: z.enum(['kk', 'ru', 'en']).optional() })
  .meta({ id: 'User' });

export const DefinitionSummarySchema = z
  .looseObject({ key: z.string(), version: z.number().int(), id: z.string(), name: z.string().optional(), serviceCode: z.string().optional(), deployedAt: z.string() })
  .meta({ id: 'DefinitionSummary' });
