import { z } from 'zod';

/**
 * The server's environment, parsed once at boot (CONVENTIONS.md 6). Nothing else reads
 * `process.env`: whatever the server needs from its surroundings is in `Env`.
 */
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** An unset variable and an empty one mean the same (`PORT= npm start`). */
const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

const port = z
  .string()
  .default('3000')
  .transform((raw, ctx) => {
    const n = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || n > 65_535) {
      ctx.addIssue({ code: 'custom', message: `expected a number between 0 and 65535, got '${raw}'` });
      return z.NEVER;
    }
    return n;
  });

/** `on`/`off` (also true/false, 1/0, yes/no) to a boolean. */
function onOff(fallback: 'on' | 'off') {
  return z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      const value = raw.trim().toLowerCase();
      if (['on', 'true', '1', 'yes'].includes(value)) return true;
      if (['off', 'false', '0', 'no'].includes(value)) return false;
      ctx.addIssue({ code: 'custom', message: `expected on or off, got '${raw}'` });
      return z.NEVER;
    });
}

export const EnvSchema = z.object({
  PORT: z.preprocess(unsetWhenEmpty, port),
  /** Loopback by default: listening on the network is a decision to make, not a default. */
  HOST: z.preprocess(unsetWhenEmpty, z.string().default('127.0.0.1')),
  DATA_DIR: z.preprocess(unsetWhenEmpty, z.string().default('./data')),
  /** When set, the MongoDB store is used instead of the embedded sqlite file in DATA_DIR. */
  MONGODB_URI: z.preprocess(
    unsetWhenEmpty,
    z
      .string()
      .refine((uri) => /^mongodb(\+srv)?:\/\//.test(uri), { message: "expected a URI starting with 'mongodb://' or 'mongodb+srv://'" })
      .optional(),
  ),
  /**
   * The demo organisation (a user per role, password `demo`), created on first start with an
   * empty store. `off`: none is created, and demo passwords left from an earlier run are removed.
   */
  DEMO_DATA: z.preprocess(unsetWhenEmpty, onOff('on')),
  /** `Secure` on the session cookies: `auto` when the request came over https (see TRUST_PROXY). */
  COOKIE_SECURE: z.preprocess(
    unsetWhenEmpty,
    z.enum(['auto', 'on', 'off'], { error: (issue) => `expected auto, on or off, got '${String(issue.input)}'` }).default('auto'),
  ),
  /** Behind a reverse proxy: trust X-Forwarded-For / -Proto for the client address and https. */
  TRUST_PROXY: z.preprocess(unsetWhenEmpty, onOff('off')),
  SESSION_HOURS: z.preprocess(
    unsetWhenEmpty,
    z.coerce.number({ error: (issue) => `expected hours from 0.1 to 720, got '${String(issue.input)}'` }).min(0.1).max(720).default(12),
  ),
  /** GET /metrics from anywhere with `Authorization: Bearer <token>`; unset: loopback only. */
  METRICS_TOKEN: z.preprocess(unsetWhenEmpty, z.string().min(16, 'expected at least 16 characters').optional()),
  LOG_LEVEL: z.preprocess(
    unsetWhenEmpty,
    z.enum(LOG_LEVELS, { error: (issue) => `expected one of ${LOG_LEVELS.join(', ')}, got '${String(issue.input)}'` }).default('info'),
  ),
  /**
   * The key the audit checkpoints are signed with (docs/audit-chain.md): kept where the store's
   * administrators cannot read it. Or AUDIT_KEY_FILE, a file holding it, outside DATA_DIR.
   * Neither: on loopback a key is generated beside DATA_DIR (with a warning); elsewhere the
   * server refuses to start.
   */
  AUDIT_KEY: z.preprocess(unsetWhenEmpty, z.string().min(32, 'expected at least 32 characters').optional()),
  AUDIT_KEY_FILE: z.preprocess(unsetWhenEmpty, z.string().optional()),
  /** The append-only file of signed checkpoints; by default `<DATA_DIR>-audit/checkpoints.jsonl`. */
  AUDIT_CHECKPOINT_FILE: z.preprocess(unsetWhenEmpty, z.string().optional()),
  /** How often a checkpoint is written when the trail has grown; 60 s by default, at most 60. */
  AUDIT_CHECKPOINT_SECONDS: z.preprocess(
    unsetWhenEmpty,
    z.coerce.number({ error: (issue) => `expected seconds from 0.1 to 60, got '${String(issue.input)}'` }).min(0.1).max(60).optional(),
  ),
}).superRefine((env, ctx) => {
  if (env.AUDIT_KEY !== undefined && env.AUDIT_KEY_FILE !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['AUDIT_KEY_FILE'], message: 'set AUDIT_KEY or AUDIT_KEY_FILE, not both' });
  }
});

export type Env = z.output<typeof EnvSchema>;
export type LogLevel = Env['LOG_LEVEL'];

/** A bad environment: `message` names every bad variable, one a line, ready to print. */
export class EnvError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses the environment (`process.env` by default); throws `EnvError` naming each bad variable. */
export function parseEnv(source: Readonly<Record<string, string | undefined>> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
}
