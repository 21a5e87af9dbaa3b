import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sqliteUnavailable } from './sqliteUnavailable.js';

/**
 * Creates the database's folder, or says in words why not. Node's recursive mkdir reports a
 * read-only or forbidden parent as ENOENT (it retries the parent and keeps the last error), so
 * the nearest folder that exists is asked directly, and named.
 */
export function createFolder(path: string): void {
  const folder = dirname(resolve(path));
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const parent = nearestExisting(folder);
    const cause = (error as NodeJS.ErrnoException).code === 'ENOENT' ? (refusal(parent) ?? error) : error;
    throw sqliteUnavailable(cause, path, { folder, blocking: parent }) ?? error;
  }
}

function nearestExisting(folder: string): string {
  let at = folder;
  while (dirname(at) !== at && !statSync(at, { throwIfNoEntry: false })) at = dirname(at);
  return at;
}

/** Why a folder refuses a new entry (a file in the way, a read-only disk, no permission), if it does. */
function refusal(folder: string): unknown {
  if (!statSync(folder).isDirectory()) return Object.assign(new Error(`${folder} is a file`), { code: 'ENOTDIR' });
  try {
    accessSync(folder, constants.W_OK);
    return undefined;
  } catch (error) {
    return error;
  }
}
