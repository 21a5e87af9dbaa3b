import { z } from 'zod';
import { FLAG_KINDS, VERDICTS, type AssignmentIntegrityReport } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const seqs = z.array(z.number().int());
const verdict = z.enum(VERDICTS);

/** The report's shape (engine/reports/integrity/types.ts), for the OpenAPI document and the tests. */
export const AssignmentIntegritySchema = z
  .looseObject({
    from: localDate.optional(),
    to: localDate.optional(),
    group: z.string().optional(),
    thresholds: z.looseObject({ alpha: z.number(), lateAbsenceHours: z.number(), minEvents: z.number().int() }),
    groups: z.array(
      z.looseObject({
        group: z.string(),
        draws: z.number().int(),
        test: z.looseObject({ statistic: z.number(), degreesOfFreedom: z.number().int(), p: z.number() }).optional(),
        verdict,
        officials: z.array(z.looseObject({ official: z.string(), received: z.number().int(), expected: z.number(), z: z.number().nullable(), flagged: z.boolean(), seqs })),
        unverified: seqs,
      }),
    ),
    lateAbsences: z.array(
      z.looseObject({
        seq: z.number().int(),
        official: z.string(),
        setBy: z.string(),
        setAt: z.string(),
        from: localDate,
        to: localDate,
        group: z.string(),
        hoursBefore: z.number(),
        draws: z.array(z.looseObject({ seq: z.number().int(), pick: z.string() })),
      }),
    ),
    absenceBeneficiaries: z.array(
      z.looseObject({ official: z.string(), group: z.string(), received: z.number().int(), expectedWithColleagues: z.number(), p: z.number(), verdict, flagged: z.boolean(), absenceSeqs: seqs, seqs }),
    ),
    picks: z.array(
      z.looseObject({
        supervisor: z.string(),
        group: z.string(),
        picks: z.number().int(),
        redraws: z.number().int(),
        recipients: z.array(
          z.looseObject({ official: z.string(), picks: z.number().int(), expected: z.number(), p: z.number(), verdict, flagged: z.boolean(), seqs, reasons: z.array(z.string()) }),
        ),
      }),
    ),
    pairs: z.array(
      z.looseObject({ officials: z.tuple([z.string(), z.string()]), group: z.string(), observed: z.number().int(), expected: z.number(), p: z.number(), verdict, flagged: z.boolean(), seqs }),
    ),
    flags: z.array(
      z.looseObject({ kind: z.enum(FLAG_KINDS), group: z.string(), officials: z.array(z.string()), actors: z.array(z.string()), p: z.number().optional(), verdict, count: z.number().int(), seqs }),
    ),
    names: z.record(z.string(), z.string()),
  })
  .meta({ id: 'AssignmentIntegrity' });

export const assignmentRoutes = {
  assignment: {
    method: 'get',
    path: '/api/stats/assignment',
    summary:
      'Assignment integrity, computed from the audit trail alone: random draws received against expected per official with a chi-square test per group, ' +
      'absences set shortly before draws they steered, named picks and re-draws per supervisor and to whom, and pairs of officials who recur in four-eyes reviews; ' +
      'every flag with the sequence numbers of its audit entries. `from` / `to`: local dates (inclusive). Auditors only — it names officials and who reviews whom ' +
      '(supervisors are among those it audits); an auditor of one agency sees the groups of the processes they oversee.',
    access: { roles: ['auditor'] },
    query: z
      .object({ from: localDate.optional(), to: localDate.optional(), group: z.string().min(1).max(64).optional() })
      .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] }),
    responses: [200],
    responseBody: AssignmentIntegritySchema,
  },
} as const satisfies Record<string, RouteSpec>;

/**
 * The schema and the engine's type agree: whatever the schema accepts is a whole report, so a
 * field the engine adds or retypes without the schema following fails to compile here.
 */
function schemaIsWhole(parsed: z.output<typeof AssignmentIntegritySchema>): AssignmentIntegrityReport {
  return parsed;
}
void schemaIsWhole;
