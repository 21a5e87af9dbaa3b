import type { LogLevel } from './env.js';

/**
 * The server's logger: structured JSON lines. Small on purpose, so pino can replace the
 * console-based one without touching callers. Never pass request bodies or secrets as fields.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

type Level = Exclude<LogLevel, 'silent'>;

/** Writes one JSON object a line; `write` defaults to stdout (stderr for warnings and errors). */
export function jsonLogger(options: { level?: LogLevel; write?: (line: string, level: Level) => void } = {}): Logger {
  const threshold = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string, level: Level) => (RANK[level] >= RANK.warn ? process.stderr : process.stdout).write(line + '\n'));
  const log = (level: Level) => (message: string, fields: Record<string, unknown> = {}) => {
    if (RANK[level] < threshold) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...serialise(fields) }), level);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Errors do not survive JSON.stringify; logs are internal, so the stack is kept here. */
function serialise(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}
