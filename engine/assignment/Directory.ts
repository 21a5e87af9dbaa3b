import { z } from 'zod';
import { InvalidArgumentError, NotFoundError } from '../errors.js';
import { DATE_FORMAT, isCalendarDate } from '../isoTime.js';
import type { PolicyDocuments } from '../PolicyDocuments.js';

export const ROLES = ['designer', 'clerk', 'official', 'supervisor', 'coordinator', 'auditor', 'operator', 'admin', 'integration'] as const;
export type Role = (typeof ROLES)[number];

const id = z.string().regex(/^[A-Za-z0-9][\w.@-]{0,63}$/, 'letters, digits, . _ @ -, at most 64');
// A regex would let `2026-13-45` in, and a period that never comes removes no one from the draw.
const isoDate = z.string().refine(isCalendarDate, { error: (issue) => `${JSON.stringify(issue.input)} is not ${DATE_FORMAT}` });

/** The languages of the UI a user may choose (Kazakh, the state language; Russian; English). */
export const USER_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

export const userSchema = z.object({
  id,
  name: z.string().min(1).max(200),
  roles: z.array(z.enum(ROLES)).min(1),
  groups: z.array(id).default([]),
  agency: id.optional(),
  centre: id.optional(),
  active: z.boolean().default(true),
  /** The UI language the user chose; absent until they choose (the browser's language then). */
  language: z.enum(USER_LANGUAGES).optional(),
});
export type DirectoryUser = z.output<typeof userSchema>;
export type DirectoryUserInput = z.input<typeof userSchema>;

/** The organisation's units besides users: the groups tasks go to, the centres and the agencies. */
export const ORG_UNIT_KINDS = ['group', 'centre', 'agency'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

const unitWords = {
  name: z.string().trim().min(1).max(200),
  /** A centre's city. */
  city: z.string().trim().min(1).max(100).optional(),
  /** A centre's street address: where an applicant collects a result. */
  address: z.string().trim().min(1).max(300).optional(),
};

/** A unit's name (a centre's city and address) in one of the UI's languages. */
const unitTranslation = z.object({ name: unitWords.name.optional(), city: unitWords.city, address: unitWords.address });

export const orgUnitSchema = z.object({
  id,
  ...unitWords,
  /** A group's agency (back office) or none (a centre's front office). */
  agency: id.optional(),
  /**
   * The words above in other languages (`kk`, `ru`, `en`), any missing: each screen says the
   * unit in its reader's language, else as written (`name` is the default). A unit recorded
   * before they existed has none.
   */
  translations: z.partialRecord(z.enum(USER_LANGUAGES), unitTranslation).optional(),
});
export type OrgUnit = z.output<typeof orgUnitSchema>;
export type OrgUnitTranslations = NonNullable<OrgUnit['translations']>;

/** A unit's name in the languages the directory gives it (`{ kk, ru }`), for an answer that carries only names; undefined when none. */
export function unitNamesOf(unit: Pick<OrgUnit, 'translations'>): Partial<Record<UserLanguage, string>> | undefined {
  const names = Object.fromEntries(Object.entries(unit.translations ?? {}).flatMap(([lang, words]) => (words?.name ? [[lang, words.name]] : [])));
  return Object.keys(names).length ? names : undefined;
}

/** A unit's name, city or address in `lang` when the directory gives it, else as written. */
export function unitTextIn(unit: Pick<OrgUnit, 'name' | 'city' | 'address' | 'translations'>, field: 'name' | 'city' | 'address', lang: UserLanguage): string | undefined {
  return unit.translations?.[lang]?.[field] ?? unit[field];
}

const absenceSchema = z
  .object({ from: isoDate, to: isoDate, reason: z.string().max(500).optional() })
  .refine((a) => a.from <= a.to, { message: 'from must not be after to', path: ['to'] });

export interface Absence {
  readonly from: string;
  readonly to: string;
  readonly reason?: string;
  readonly by: string;
  readonly at: string;
}

/**
 * The organisation the public-service semantics read: users with their roles, groups and
 * offices, and their absences. Every change is a new version with an audit entry, so
 * auditors can see who marked whom absent, and when (absences steer the random draw).
 */
export class Directory {
  constructor(
    private readonly documents: PolicyDocuments,
    private readonly now: () => Date,
  ) {}

  async putUser(input: DirectoryUserInput, options: { by?: string } = {}): Promise<DirectoryUser> {
    const parsed = parse(userSchema, input);
    let user = parsed;
    // An administrator's edit does not carry the user's own choice of language: it stays.
    await this.documents.write<DirectoryUser>('user', parsed.id, (current) => (user = parsed.language || !current?.doc.language ? parsed : { ...parsed, language: current.doc.language }), {
      by: options.by ?? 'system',
      action: 'user.put',
      data: { roles: user.roles, groups: user.groups, active: user.active },
    });
    return user;
  }

  /** The user's own choice of UI language: a new version of their record, audited as `user.language`. */
  async setLanguage(userId: string, language: UserLanguage, options: { by?: string } = {}): Promise<DirectoryUser> {
    const lang = parse(z.enum(USER_LANGUAGES), language);
    let user: DirectoryUser | undefined;
    await this.documents.write<DirectoryUser>(
      'user',
      userId,
      (current) => {
        if (!current) throw new NotFoundError('user', userId);
        return (user = { ...current.doc, language: lang });
      },
      { by: options.by ?? userId, action: 'user.language', data: { language: lang } },
    );
    return user!;
  }

  async getUser(userId: string): Promise<DirectoryUser> {
    const record = await this.documents.get<DirectoryUser>('user', userId);
    if (!record) throw new NotFoundError('user', userId);
    return record.doc;
  }

  async findUser(userId: string): Promise<DirectoryUser | undefined> {
    return (await this.documents.get<DirectoryUser>('user', userId))?.doc;
  }

  async listUsers(filter: { group?: string; role?: Role; active?: boolean } = {}): Promise<DirectoryUser[]> {
    const all = (await this.documents.list<DirectoryUser>('user')).map((r) => r.doc);
    return all.filter(
      (u) =>
        (filter.group === undefined || u.groups.includes(filter.group)) &&
        (filter.role === undefined || u.roles.includes(filter.role)) &&
        (filter.active === undefined || u.active === filter.active),
    );
  }

  /** Creates or changes a group, centre or agency: a new version, audited as `<kind>.put`. */
  async putUnit(kind: OrgUnitKind, input: OrgUnit, options: { by?: string } = {}): Promise<OrgUnit> {
    const unit = parse(orgUnitSchema, input);
    await this.documents.write<OrgUnit>(kind, unit.id, () => unit, { by: options.by ?? 'system', action: `${kind}.put`, data: { name: unit.name } });
    return unit;
  }

  async findUnit(kind: OrgUnitKind, unitId: string): Promise<OrgUnit | undefined> {
    return (await this.documents.get<OrgUnit>(kind, unitId))?.doc;
  }

  /** Every group, centre or agency of a kind, by id. */
  async listUnits(kind: OrgUnitKind): Promise<OrgUnit[]> {
    return (await this.documents.list<OrgUnit>(kind)).map((r) => r.doc);
  }

  /** Records an absence (leave, sickness) from one date to another, inclusive. */
  async setAbsence(userId: string, period: { from: string; to: string; reason?: string; by?: string }): Promise<Absence[]> {
    await this.getUser(userId);
    const checked = parse(absenceSchema, period);
    const by = period.by ?? 'system';
    const absence: Absence = { ...checked, by, at: this.now().toISOString() };
    const record = await this.documents.write<{ periods: Absence[] }>(
      'absence',
      userId,
      (current) => ({ periods: [...(current?.doc.periods ?? []), absence] }),
      { by, action: 'absence.set', data: { userId, from: checked.from, to: checked.to } },
    );
    return record.doc.periods;
  }

  /** Ends the absences that cover a date (the official came back early). */
  async clearAbsence(userId: string, onDate: string, options: { by?: string } = {}): Promise<Absence[]> {
    if (!isCalendarDate(onDate)) throw new InvalidArgumentError('date', `${JSON.stringify(onDate)} is not ${DATE_FORMAT}`);
    const by = options.by ?? 'system';
    const record = await this.documents.write<{ periods: Absence[] }>(
      'absence',
      userId,
      (current) => ({ periods: (current?.doc.periods ?? []).filter((p) => !(p.from <= onDate && onDate <= p.to)) }),
      { by, action: 'absence.clear', data: { userId, date: onDate } },
    );
    return record.doc.periods;
  }

  async absences(userId: string): Promise<Absence[]> {
    return (await this.documents.get<{ periods: Absence[] }>('absence', userId))?.doc.periods ?? [];
  }

  /** Active members of a group not absent on a local date, sorted by id (a stable pool). */
  async available(group: string, localDate: string): Promise<DirectoryUser[]> {
    const members = (await this.listUsers({ group, active: true })).sort((a, b) => (a.id < b.id ? -1 : 1));
    const absences = await this.documents.list<{ periods: Absence[] }>('absence');
    const away = new Set(absences.filter((r) => r.doc.periods.some((p) => p.from <= localDate && localDate <= p.to)).map((r) => r.id));
    return members.filter((m) => !away.has(m.id));
  }
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InvalidArgumentError(issue.path.join('.') || 'input', issue.message);
}
