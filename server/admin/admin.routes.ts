import { z } from 'zod';
import { ROLES, orgUnitSchema } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';

const id = z.string().regex(/^[A-Za-z0-9][\w.@-]{0,63}$/, 'letters, digits, . _ @ -, at most 64, starting with a letter or digit');
const name = z.string().trim().min(1).max(200);

/** A user as the administrator edits them: who, which roles and groups, where they work. */
const UserFields = {
  name,
  roles: z.array(z.enum(ROLES)).min(1, 'at least one role').max(ROLES.length),
  groups: z.array(id).max(50).default([]),
  centre: id.optional(),
  agency: id.optional(),
};

export const CreateUserBody = z.strictObject({
  id,
  ...UserFields,
  /** The temporary password: the user must change it at the first login. */
  password: z.string().min(1).max(1024),
});

export const UpdateUserBody = z.strictObject({ ...UserFields, active: z.boolean() });

export const ResetPasswordBody = z.strictObject({ password: z.string().min(1).max(1024) });

/** A unit as the administrator edits it; `translations` (kk, ru, en) replace the unit's when given, else those of the fields left unchanged stay. */
export const UnitBody = z.strictObject({
  name,
  agency: id.optional(),
  city: z.string().trim().min(1).max(100).optional(),
  address: z.string().trim().min(1).max(300).optional(),
  translations: orgUnitSchema.shape.translations,
});

export const AdminUserSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    groups: z.array(z.string()),
    agency: z.string().optional(),
    centre: z.string().optional(),
    active: z.boolean(),
    hasPassword: z.boolean(),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'AdminUser' });

export const OrgUnitSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    agency: z.string().optional(),
    city: z.string().optional(),
    address: z.string().optional(),
    translations: orgUnitSchema.shape.translations,
    members: z.number().int().optional(),
  })
  .meta({ id: 'OrgUnit' });

const admin = { roles: ['admin'] } as const;
const kind = z.enum(['groups', 'centres', 'agencies']);

export const adminRoutes = {
  listUsers: {
    method: 'get',
    path: '/api/admin/users',
    summary: 'Every user of the directory with whether they can log in and must change their password (never a hash). `search` matches id or name.',
    access: admin,
    query: z.strictObject({ search: z.string().trim().max(100).optional() }),
    responses: [200],
    responseBody: z.array(AdminUserSchema),
  },
  createUser: {
    method: 'post',
    path: '/api/admin/users',
    summary:
      'Create a user with a temporary password (the password policy applies: 400 `weak_password` naming the rule); they must change it at the first login. ' +
      'Groups, centre and agency must exist (400 naming the field); 409 when the id is taken. Audited as `user.put` and `credential.set`.',
    access: admin,
    body: { kind: 'json', schema: CreateUserBody },
    responses: [201],
    responseBody: AdminUserSchema,
  },
  updateUser: {
    method: 'put',
    path: '/api/admin/users/:id',
    summary:
      'Change a user: name, roles, groups, centre or agency, and `active` (false deactivates: their sessions stop working at once; true reactivates). ' +
      'A new version of the user, audited as `user.put`. An administrator cannot take away their own admin role or deactivate themselves (400).',
    access: admin,
    params: z.object({ id }),
    body: { kind: 'json', schema: UpdateUserBody },
    responses: [200],
    responseBody: AdminUserSchema,
  },
  resetPassword: {
    method: 'post',
    path: '/api/admin/users/:id/password',
    summary: "Give a user a new temporary password (password policy applies); they must change it at the next login. Audited as `credential.set` (origin `reset`), never the password.",
    access: admin,
    params: z.object({ id }),
    body: { kind: 'json', schema: ResetPasswordBody },
    responses: [200],
    responseBody: AdminUserSchema,
  },
  listUnits: {
    method: 'get',
    path: '/api/admin/:kind',
    summary: 'The groups, centres or agencies of the directory (`kind`: groups, centres, agencies), each with its active members.',
    access: admin,
    params: z.object({ kind }),
    responses: [200],
    responseBody: z.array(OrgUnitSchema),
  },
  putUnit: {
    method: 'put',
    path: '/api/admin/:kind/:id',
    summary: 'Create or change a group, centre or agency (a new version, audited as `group.put`, `centre.put`, `agency.put`). A group may name its agency, which must exist.',
    access: admin,
    params: z.object({ kind, id }),
    body: { kind: 'json', schema: UnitBody },
    responses: [200, 201],
    responseBody: OrgUnitSchema,
  },
} as const satisfies Record<string, RouteSpec>;
