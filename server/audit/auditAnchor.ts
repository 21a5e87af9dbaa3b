import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';

/** Where the audit chain is anchored: the signing key and the checkpoint file (docs/audit-chain.md). */
export interface AuditAnchor {
  /** Absent: no key (the CLI without one); then no checkpoint is written or trusted. */
  readonly key?: Buffer;
  readonly keySource: 'AUDIT_KEY' | 'AUDIT_KEY_FILE' | 'generated' | 'none';
  readonly checkpointFile: string;
}

/** The anchor cannot be set up as configured: the message says what to change. */
export class AuditAnchorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditAnchorError';
  }
}

/**
 * The folder beside (never inside) DATA_DIR for the defaults: `./data` -> `./data-audit`.
 * Beside, so that a backup or a copy of the data folder does not carry the key with it.
 */
export function anchorFolder(env: Env): string {
  const data = resolve(env.DATA_DIR);
  return join(dirname(data), `${basename(data)}-audit`);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * The key, in this order: AUDIT_KEY; AUDIT_KEY_FILE (must be outside DATA_DIR); on a loopback
 * HOST (the local demo), a key generated once into `<DATA_DIR>-audit/audit.key` (mode 0600) with
 * a warning; on any other HOST the server refuses to start, as an unanchored trail in production
 * would be a silent loss of what the chain is for. `generate: false` (the CLI) never creates a
 * key: it reads the generated one if present, else verifies without anchors.
 */
export function resolveAuditAnchor(env: Env, logger: Logger, options: { generate: true }): AuditAnchor & { readonly key: Buffer };
export function resolveAuditAnchor(env: Env, logger: Logger, options: { generate: false }): AuditAnchor;
export function resolveAuditAnchor(env: Env, logger: Logger, options: { generate: boolean }): AuditAnchor {
  const folder = anchorFolder(env);
  const checkpointFile = resolve(env.AUDIT_CHECKPOINT_FILE ?? join(folder, 'checkpoints.jsonl'));
  refuseInsideDataDir('AUDIT_CHECKPOINT_FILE', checkpointFile, env);
  if (env.AUDIT_KEY) return { key: Buffer.from(env.AUDIT_KEY, 'utf8'), keySource: 'AUDIT_KEY', checkpointFile };
  if (env.AUDIT_KEY_FILE) {
    const file = resolve(env.AUDIT_KEY_FILE);
    refuseInsideDataDir('AUDIT_KEY_FILE', file, env);
    return { key: readKeyFile(file, 'AUDIT_KEY_FILE', logger), keySource: 'AUDIT_KEY_FILE', checkpointFile };
  }
  const generated = join(folder, 'audit.key');
  if (!options.generate) {
    return existsSync(generated) ? { key: readKeyFile(generated, 'the generated key', logger), keySource: 'generated', checkpointFile } : { keySource: 'none', checkpointFile };
  }
  if (!LOOPBACK.test(env.HOST)) {
    throw new AuditAnchorError(
      `audit: no AUDIT_KEY or AUDIT_KEY_FILE, and HOST ${env.HOST} is not loopback: set one (a key of at least 32 characters, kept where the store's administrators cannot read it; see docs/audit-chain.md)`,
    );
  }
  if (!existsSync(generated)) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(generated, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  logger.warn('audit key generated for local use', {
    keyFile: generated,
    hint: 'checkpoints signed with a key beside the data: whoever can read this file can forge them. In production set AUDIT_KEY or AUDIT_KEY_FILE (docs/audit-chain.md)',
  });
  return { key: readKeyFile(generated, 'the generated key', logger), keySource: 'generated', checkpointFile };
}

function readKeyFile(file: string, name: string, logger: Logger): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new AuditAnchorError(`audit: ${name} ${file} cannot be read: ${(error as Error).message}`);
  }
  if (text.length < 32) throw new AuditAnchorError(`audit: ${name} ${file} holds ${text.length} characters, expected at least 32`);
  if ((statSync(file).mode & 0o077) !== 0) logger.warn('audit key file readable by others', { keyFile: file, hint: 'chmod 600' });
  return Buffer.from(text, 'utf8');
}

/** The key and the checkpoints must not be in reach of whoever can change the store's files. */
function refuseInsideDataDir(variable: string, file: string, env: Env): void {
  const data = realish(resolve(env.DATA_DIR));
  const rel = relative(data, realish(file));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new AuditAnchorError(`audit: ${variable} ${file} is inside DATA_DIR ${env.DATA_DIR}: put it where the store's administrators cannot write it (see docs/audit-chain.md)`);
  }
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest (symlinks resolved). */
function realish(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realish(parent), basename(path));
  }
}
