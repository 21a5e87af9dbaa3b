import pino from 'pino';
import type { LogLevel } from './env.js';

/**
 * The server's logger: structured JSON lines by pino, behind the same small interface as
 * before, so callers do not know pino. Lines read `{ level: 'info', time, message, …fields }`.
 * Never pass request bodies as fields; credentials are censored anyway, at any depth pino's
 * redaction reaches (`authorization`, `cookie`, `password`, `token` and under `headers`).
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Level = Exclude<LogLevel, 'silent'>;

const SECRETS = ['authorization', 'cookie', 'password', 'token', 'csrfToken', 'newPassword'];
export const REDACTED_PATHS = [
  ...SECRETS,
  ...SECRETS.map((key) => `*.${key}`),
  ...['headers.authorization', 'headers.cookie', '*.headers.authorization', '*.headers.cookie', 'req.headers.authorization', 'req.headers.cookie'],
];

/**
 * Writes one JSON object a line; to stdout, warnings and errors to stderr. `write` (tests)
 * receives each line instead. Writes are synchronous: a line logged just before exit is not lost.
 */
export function jsonLogger(options: { level?: LogLevel; write?: (line: string, level: Level) => void } = {}): Logger {
  const { write } = options;
  const destination = write
    ? { write: (line: string) => write(line.trimEnd(), (JSON.parse(line) as { level: Level }).level) }
    : pino.multistream(
        [
          { level: 'debug', stream: pino.destination({ fd: 1, sync: true }) },
          { level: 'warn', stream: pino.destination({ fd: 2, sync: true }) },
        ],
        { dedupe: true },
      );
  const log = pino(
    {
      level: options.level ?? 'info',
      messageKey: 'message',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.err },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
  const at = (level: Level) => (message: string, fields: Record<string, unknown> = {}) => log[level](fields, message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
