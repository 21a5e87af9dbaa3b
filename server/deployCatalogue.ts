import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DefinitionError, type Engine } from '../engine/index.js';
import type { Logger } from './logger.js';

export interface CatalogueResult {
  readonly deployed: readonly { readonly file: string; readonly id: string; readonly created: boolean }[];
  readonly failed: readonly string[];
}

/**
 * Deploys every `*.bpmn` under the catalogue folder, in path order. A bad file is logged with
 * its problems and skipped: one broken model must not keep the other services down.
 * Deploying unchanged XML is a no-op in the engine (same hash, same version).
 */
export async function deployCatalogue(engine: Engine, dir: string, logger: Logger): Promise<CatalogueResult> {
  const files = await bpmnFiles(dir);
  const deployed: { file: string; id: string; created: boolean }[] = [];
  const failed: string[] = [];
  for (const path of files) {
    const file = relative(dir, path);
    try {
      const result = await engine.deploy(await readFile(path, 'utf8'), { by: 'catalogue' });
      for (const p of result.processes) {
        logger.info(p.created ? 'deployed' : 'already deployed', { file, definition: `${p.key}@${p.version}` });
        deployed.push({ file, id: p.id, created: p.created });
      }
      for (const warning of result.warnings) logger.warn('model warning', { file, warning });
    } catch (error) {
      failed.push(file);
      if (error instanceof DefinitionError) logger.error('model not deployed', { file, problems: error.problems });
      else logger.error('model not deployed', { file, error });
    }
  }
  return { deployed, failed };
}

async function bpmnFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((name) => name.endsWith('.bpmn')).sort().map((name) => join(dir, name));
}
