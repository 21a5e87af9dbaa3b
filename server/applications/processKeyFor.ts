import { NotFoundError, type Engine } from '../../engine/index.js';

/**
 * The process key that serves a service code: the latest definition whose `ps:serviceCode` is
 * the code (the most recently deployed, should two keys share it), else a process key equal to it.
 * Reads the latest of every key on each start; fine for a catalogue of hundreds of services.
 */
export async function processKeyFor(engine: Engine, serviceCode: string): Promise<string> {
  const latest = await engine.definitions();
  const byCode = latest.filter((d) => d.serviceCode === serviceCode).sort((a, b) => b.deployedAt.localeCompare(a.deployedAt));
  const found = byCode[0] ?? latest.find((d) => d.key === serviceCode);
  if (!found) throw new NotFoundError('service', serviceCode);
  return found.key;
}
