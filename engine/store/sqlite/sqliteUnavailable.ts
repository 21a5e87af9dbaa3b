/**
 * SQLite's and the file system's ways of saying "this store cannot keep a change", in words:
 * what is wrong (`reason`, no path: it reaches the public health check), then which file and
 * which code and what to do (`detail`, for the operator). Other errors are not ours to name.
 */
import { dirname, resolve } from 'node:path';
import { StoreUnavailableError } from '../../errors.js';

/** A full disk frees up without the server's help (logs rotate, someone cleans up): retry later. */
const FULL_RETRY_S = 60;
/** An I/O error may be a moment's hiccup (a network disk); if it lasts, health keeps saying so. */
const IO_RETRY_S = 30;

/**
 * `where.folder` is the database's folder (by default the file's); `where.blocking`, when it
 * could not be created, is the existing folder above it that refused.
 */
export function sqliteUnavailable(error: unknown, path: string, where: { folder?: string; blocking?: string } = {}): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return undefined;
  const file = resolve(path);
  const folder = where.blocking && where.blocking !== where.folder ? `${where.blocking} (so ${where.folder ?? dirname(file)} cannot be created)` : (where.folder ?? dirname(file));
  const make = (reason: string, detail: string, retryAfterSeconds?: number) =>
    new StoreUnavailableError({ reason, detail, cause: error, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });

  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return make('the disk holding the database is full', `${file} (${code}): free space on that disk; writes resume by themselves`, FULL_RETRY_S);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return make('the disk holding the database failed to read or write', `${file} (${code}): check the disk and the system log`, IO_RETRY_S);
  }
  if (code === 'EROFS') {
    return make('the database folder is on a read-only file system', `${folder} (EROFS): mount it read-write, or point the store at a writable folder`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return make('the server may not write to the database folder', `${folder} (${code}): give ${userName()} write access to it, or point the store at a folder it may write`);
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return make('the path to the database folder runs through a file, not a folder', `${folder} (${code}): point the store at a folder, or move the file out of the way`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return make('the database is read-only', `${file} (${code}): make the file, its -wal and -shm files and their folder writable by ${userName()}`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return make('the database file cannot be opened', `${file} (${code}): check that its folder exists and that ${userName()} may read and write it`);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return make('the database file is damaged or is not a database', `${file} (${code}): restore it from a backup`);
  }
  return undefined;
}

/** "uid 1000", so the advice names who needs the access (no uid on Windows). */
function userName(): string {
  return typeof process.getuid === 'function' ? `the server's user (uid ${process.getuid()})` : "the server's user";
}
