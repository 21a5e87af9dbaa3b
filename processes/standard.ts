import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The service standard of one catalogue service (`processes/<CODE>/standard.json`): what the
 * applicant is promised (DOMAIN.md, "A service standard holds…"). The BPMN model beside it
 * must agree with it; tests/processes/catalogue.test.ts checks that they do.
 */
const CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const ID = /^[a-z][a-z0-9-]{0,63}$/;

const text = z.string().trim().min(1);
/** A standard's wording in another language, item by item in the English lists' order (the English stays the key the data holds). */
const translation = z.object({
  groundsForRefusal: z.array(text).optional(),
  requiredDocuments: z.array(text).optional(),
  result: text.optional(),
  /** The model's user tasks by id: the BPMN name is the English (tests/processes/catalogue.test.ts checks each task has one). */
  tasks: z.record(z.string().regex(/^[A-Za-z_][\w.-]*$/), text).optional(),
  /** The model's other named elements by id (service tasks, events, gateways: the case timeline shows them). */
  elements: z.record(z.string().regex(/^[A-Za-z_][\w.-]*$/), text).optional(),
});
const unit = z.enum(['workingDays', 'calendarDays', 'workingHours', 'minutes']);

/** A term: how long the agency (or one stage) has, in the standard's unit. */
export const termSchema = z.object({
  duration: z.number().int().positive(),
  unit,
  /** The calendar it is counted on; `agency` for working units, `centre` otherwise (the engine's default). */
  calendar: z.string().regex(/^[A-Za-z0-9][\w.-]{0,63}$/).optional(),
  note: text.optional(),
});

export const standardSchema = z
  .object({
    /** The catalogue code, also the process's `ps:serviceCode` and the folder name. */
    code: z.string().regex(CODE, 'uppercase letters and digits in hyphen-separated words, e.g. BIRTH-REG'),
    /** The BPMN process id: the code in lowercase with '_' for '-' (BIRTH-REG → birth_reg). */
    processKey: z.string().regex(/^[a-z][a-z0-9_]*$/),
    names: z.object({ en: text, ru: text, kk: text }),
    /** The responsible agency's id in the demo organisation (`ps:agency`). */
    agency: z.string().regex(ID),
    channels: z
      .array(z.enum(['centre', 'agency', 'portal']))
      .min(1)
      .refine((c) => new Set(c).size === c.length, 'each channel once'),
    /** The applicant's term: the process-level `ps:sla`. */
    term: termSchema,
    /** Terms of single stages (a completeness check, a queue registration), by task id. */
    stageTerms: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), termSchema).default({}),
    requiredDocuments: z.array(text).min(1),
    result: text,
    fee: z.object({ amount: z.number().nonnegative(), currency: z.enum(['KZT', 'MRP']), note: text.optional() }),
    groundsForRefusal: z.array(text).min(1),
    /** The legal article that names the grounds for refusal: printed on every refusal. */
    refusalArticle: z.object({ en: text, ru: text, kk: text }).optional(),
    /** The standard's wording in the other languages, item by item in the same order. */
    translations: z
      .object({ ru: translation.optional(), kk: translation.optional() })
      .default({}),
    /** Minutes an applicant may wait in the queue (15–30 in the standards). */
    maxQueueWaitMinutes: z.number().int().min(1).max(60),
    /** Minutes of service at the counter (15–20 in the standards). */
    maxCounterMinutes: z.number().int().min(1).max(60),
    /** Calendar days the case waits for missing documents before it is refused (rule 5: at most 30). */
    documentsPauseDays: z.number().int().min(1).max(30).default(30),
    /** A second official, not the first reviewer, confirms the decision (four eyes). */
    secondReview: z.boolean().default(false),
    notes: z.array(text).default([]),
  })
  .refine((s) => s.processKey === processKeyOf(s.code), { message: 'must be the code in lowercase with _ for - ', path: ['processKey'] })
  .refine((s) => Object.values(s.translations).every((t) => !t?.groundsForRefusal || t.groundsForRefusal.length === s.groundsForRefusal.length), {
    message: 'a translation lists as many grounds as groundsForRefusal, in the same order',
    path: ['translations'],
  })
  .refine((s) => Object.values(s.translations).every((t) => !t?.requiredDocuments || t.requiredDocuments.length === s.requiredDocuments.length), {
    message: 'a translation lists as many documents as requiredDocuments, in the same order',
    path: ['translations'],
  });

export type ServiceStandard = z.output<typeof standardSchema>;
export type ServiceTerm = z.output<typeof termSchema>;

/** The process-id rule: `BIRTH-REG` → `birth_reg`. */
export function processKeyOf(code: string): string {
  return code.toLowerCase().replaceAll('-', '_');
}

export interface CatalogueEntry {
  readonly code: string;
  readonly standard: ServiceStandard;
  readonly bpmnPath: string;
  readonly xml: string;
}

export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field}: ${detail}`);
  }
}

/** The folder of this file: the catalogue. */
export const CATALOGUE_DIR = dirname(fileURLToPath(import.meta.url));

/** Parses one standard.json (its text), naming the file and the first bad field on failure. */
export function parseStandard(json: string, file: string): ServiceStandard {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new CatalogueError(file, '(json)', (error as Error).message);
  }
  const result = standardSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new CatalogueError(file, issue.path.join('.') || '(root)', issue.message);
}

/**
 * Every service of the catalogue: each folder of `dir` holding a `standard.json`, with the
 * model `<CODE>/<CODE>.bpmn` beside it. Sorted by code. Throws a CatalogueError naming the
 * file and field when a standard is invalid, its folder is misnamed or its model is missing.
 */
export function loadCatalogue(dir: string = CATALOGUE_DIR): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    const folder = join(dir, name);
    if (!statSync(folder).isDirectory()) continue;
    const standardPath = join(folder, 'standard.json');
    let json: string;
    try {
      json = readFileSync(standardPath, 'utf8');
    } catch {
      continue; // not a service folder (tools/, demo/)
    }
    const file = relative(process.cwd(), standardPath) || standardPath;
    const standard = parseStandard(json, file);
    if (standard.code !== name) throw new CatalogueError(file, 'code', `'${standard.code}' does not match its folder '${name}'`);
    const bpmnPath = join(folder, `${standard.code}.bpmn`);
    let xml: string;
    try {
      xml = readFileSync(bpmnPath, 'utf8');
    } catch {
      throw new CatalogueError(file, 'code', `the model ${relative(process.cwd(), bpmnPath)} is missing`);
    }
    entries.push({ code: standard.code, standard, bpmnPath, xml });
  }
  return entries;
}
