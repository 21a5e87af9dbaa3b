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

export const EnvSchema = z.object({
  PORT: z.preprocess(unsetWhenEmpty, port),
  /**
   * Loopback by default: this first server has no authentication (the acting user is a header),
   * so it must not be reachable from the network until accounts land.
   */
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
  LOG_LEVEL: z.preprocess(
    unsetWhenEmpty,
    z.enum(LOG_LEVELS, { error: (issue) => `expected one of ${LOG_LEVELS.join(', ')}, got '${String(issue.input)}'` }).default('info'),
  ),
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
