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

const MAX_PROXY_HOPS = 10;

/** `auto`, or on/off in any spelling `onOff` takes, kept as `on` / `off`: whether it was said matters. */
function autoOnOff() {
  return z
    .string()
    .default('auto')
    .transform((raw, ctx) => {
      const value = raw.trim().toLowerCase();
      if (value === 'auto') return 'auto' as const;
      if (['on', 'true', '1', 'yes'].includes(value)) return 'on' as const;
      if (['off', 'false', '0', 'no'].includes(value)) return 'off' as const;
      ctx.addIssue({ code: 'custom', message: `expected auto, on or off, got '${raw}'` });
      return z.NEVER;
    });
}

export const EnvSchema = z.object({
  PORT: z.preprocess(unsetWhenEmpty, port),
  /** Loopback by default: listening on the network is a decision to make, not a default. */
  HOST: z.preprocess(unsetWhenEmpty, z.string().default('127.0.0.1')),
  DATA_DIR: z.preprocess(unsetWhenEmpty, z.string().default('./data')),
  /**
   * The sqlite store's `synchronous`: `full` (the default: an acknowledged step survives a power
   * cut) or `normal` (survives a killed process; an OS crash may lose the last commits).
   */
  SQLITE_SYNCHRONOUS: z.preprocess(unsetWhenEmpty, z.enum(['full', 'normal']).optional()),
  /**
   * Where the sqlite store applies its group commits: `main` (the default, on the event loop)
   * or `thread` (a writer thread of its own beside the steps: more steps a second on two cores
   * or more; engine/store/sqlite/writerThread.ts).
   */
  SQLITE_WRITER: z.preprocess(unsetWhenEmpty, z.enum(['main', 'thread']).optional()),
  /** When set, the MongoDB store is used instead of the embedded sqlite file in DATA_DIR. */
  MONGODB_URI: z.preprocess(
    unsetWhenEmpty,
    z
      .string()
      .refine((uri) => /^mongodb(\+srv)?:\/\//.test(uri), { message: "expected a URI starting with 'mongodb://' or 'mongodb+srv://'" })
      .optional(),
  ),
  /**
   * When set, the PostgreSQL store is used (any number of nodes on one database): a
   * `postgres://` or `postgresql://` URL. Not together with MONGODB_URI.
   */
  DATABASE_URL: z.preprocess(
    unsetWhenEmpty,
    z
      .string()
      .refine((url) => /^postgres(ql)?:\/\//.test(url), { message: "expected a URL starting with 'postgres://' or 'postgresql://'" })
      .optional(),
  ),
  /**
   * The demo organisation (a user per role, password `demo`), created on first start with an
   * empty store. `auto` (unset): only when HOST is a loopback address, and a store that still
   * has demo passwords is refused on any other HOST. `on`: also on the network, with a loud
   * warning. `off`: none is created, and demo passwords left from an earlier run are removed.
   */
  DEMO_DATA: z.preprocess(unsetWhenEmpty, autoOnOff()),
  /** `Secure` on the session cookies: `auto` when the request came over https (see TRUST_PROXY). */
  COOKIE_SECURE: z.preprocess(
    unsetWhenEmpty,
    z.enum(['auto', 'on', 'off'], { error: (issue) => `expected auto, on or off, got '${String(issue.input)}'` }).default('auto'),
  ),
  /** The old spelling of TRUST_PROXY_HOPS=1 (`on`), kept working; TRUST_PROXY_HOPS says more. */
  TRUST_PROXY: z.preprocess(unsetWhenEmpty, onOff('off')),
  /**
   * Behind reverse proxies: how many of them stand in front of the server (0: none, X-Forwarded-*
   * ignored). The client address is the X-Forwarded-For entry that many hops from the right: each
   * proxy appends the address it was reached from, while everything left of what the first
   * proxy appended was written by the client and proves nothing. It feeds the per-address login
   * throttle and the audit trail, so a count too high lets a client choose its address.
   * X-Forwarded-Proto is trusted for https too. Unset: 1 with TRUST_PROXY=on, else 0.
   */
  TRUST_PROXY_HOPS: z.preprocess(
    unsetWhenEmpty,
    z
      .string()
      .transform((raw, ctx) => {
        const n = Number(raw.trim());
        if (!/^\d+$/.test(raw.trim()) || n > MAX_PROXY_HOPS) {
          ctx.addIssue({ code: 'custom', message: `expected a whole number of proxies from 0 to ${MAX_PROXY_HOPS}, got '${raw}'` });
          return z.NEVER;
        }
        return n;
      })
      .optional(),
  ),
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
  /**
   * Telling applicants (server/notifications): e-mail through this SMTP server
   * (`smtp://user:pass@host:587`, `smtps://…:465`) from SMTP_FROM; SMS through an HTTP gateway
   * (POST JSON) with SMS_GATEWAY_TOKEN as its bearer token. A channel left unset keeps its
   * notices pending (the operators' notifications page and /api/health say so), never dropped.
   */
  SMTP_URL: z.preprocess(unsetWhenEmpty, z.string().refine((url) => /^smtps?:\/\/[^/\s]+/.test(url), { message: "expected a URL starting with 'smtp://' or 'smtps://'" }).optional()),
  SMTP_FROM: z.preprocess(unsetWhenEmpty, z.string().refine((from) => /^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>$/.test(from.trim()), { message: "expected an address ('noreply@example.kz' or 'Name <noreply@example.kz>')" }).optional()),
  SMS_GATEWAY_URL: z.preprocess(unsetWhenEmpty, z.string().refine((url) => /^https?:\/\/[^/\s]+/.test(url), { message: "expected a URL starting with 'http://' or 'https://'" }).optional()),
  SMS_GATEWAY_TOKEN: z.preprocess(unsetWhenEmpty, z.string().min(8, 'expected at least 8 characters').optional()),
}).superRefine((env, ctx) => {
  if (env.MONGODB_URI !== undefined && env.DATABASE_URL !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'set DATABASE_URL (PostgreSQL) or MONGODB_URI (MongoDB), not both: which store to use cannot be guessed' });
  }
  if (env.AUDIT_KEY !== undefined && env.AUDIT_KEY_FILE !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['AUDIT_KEY_FILE'], message: 'set AUDIT_KEY or AUDIT_KEY_FILE, not both' });
  }
  if ((env.SMTP_URL === undefined) !== (env.SMTP_FROM === undefined)) {
    ctx.addIssue({ code: 'custom', path: [env.SMTP_URL === undefined ? 'SMTP_URL' : 'SMTP_FROM'], message: 'e-mail needs both SMTP_URL and SMTP_FROM' });
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
  if (result.success) {
    const contradiction = proxyContradiction(result.data);
    if (contradiction) throw new EnvError([contradiction]);
    return result.data;
  }
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
}

/** The store the environment names: PostgreSQL (DATABASE_URL), MongoDB (MONGODB_URI), else sqlite in DATA_DIR. */
export function storeKindOf(env: Pick<Env, 'DATABASE_URL' | 'MONGODB_URI'>): 'postgres' | 'mongo' | 'sqlite' {
  if (env.DATABASE_URL) return 'postgres';
  if (env.MONGODB_URI) return 'mongo';
  return 'sqlite';
}

/** How many reverse proxies the server trusts: TRUST_PROXY_HOPS, else 1 for TRUST_PROXY=on, else 0. */
export function proxyHopsOf(env: Pick<Env, 'TRUST_PROXY' | 'TRUST_PROXY_HOPS'>): number {
  return env.TRUST_PROXY_HOPS ?? (env.TRUST_PROXY ? 1 : 0);
}

/** TRUST_PROXY=on (one proxy) beside TRUST_PROXY_HOPS=0 (none): which was meant cannot be guessed. */
function proxyContradiction(env: Env): string | undefined {
  if (env.TRUST_PROXY && env.TRUST_PROXY_HOPS === 0) return 'TRUST_PROXY_HOPS: 0 contradicts TRUST_PROXY=on (one proxy): set one of them';
  return undefined;
}
