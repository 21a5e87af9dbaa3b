import { NotFoundError, type DefinitionRecord, type Engine } from '../../engine/index.js';

/**
 * The definition that serves a service code: the latest one whose `ps:serviceCode` is the code
 * (the most recently deployed, should two keys share it), else the latest of a process key equal
 * to it. Reads the latest of every key on each call; fine for a catalogue of hundreds of services.
 */
export async function definitionFor(engine: Engine, serviceCode: string): Promise<DefinitionRecord> {
  const latest = await engine.definitions();
  const byCode = latest.filter((d) => d.serviceCode === serviceCode).sort((a, b) => b.deployedAt.localeCompare(a.deployedAt));
  const found = byCode[0] ?? latest.find((d) => d.key === serviceCode);
  if (!found) throw new NotFoundError('service', serviceCode);
  return found;
}

/** The process key that serves a service code (see definitionFor). */
export async function processKeyFor(engine: Engine, serviceCode: string): Promise<string> {
  return (await definitionFor(engine, serviceCode)).key;
}
