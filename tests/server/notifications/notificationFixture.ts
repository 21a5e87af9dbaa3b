/** A catalogue service on a real engine, an application with a contact, driven to where the applicant is told. */
import { loadOrganisation, seedOrganisation } from '../../../processes/demo/seedOrganisation.js';
import { loadCatalogue, type CatalogueEntry } from '../../../processes/standard.js';
import type { Engine } from '../../../engine/index.js';
import { approveToHandBack, intake } from '../../processes/scenario.js';
import type { Logger } from '../../../server/logger.js';

export const entry: CatalogueEntry = loadCatalogue().find((c) => c.code === 'LARGE-FAMILY')!;
export const services = loadCatalogue().map((c) => c.standard);

export async function prepare(engine: Engine): Promise<void> {
  const org = loadOrganisation();
  const groups = new Set([...entry.xml.matchAll(/ps:candidateGroup="([^"]+)"/g)].map((m) => m[1]!));
  await seedOrganisation(engine, { ...org, users: org.users.filter((u) => u.groups.some((g) => groups.has(g))), routing: [] });
  await engine.deploy(entry.xml);
}

export async function apply(engine: Engine, applicant: Record<string, unknown>) {
  return engine.start(entry.standard.processKey, { channel: 'centre', applicant: { name: 'Айгерим Сейтова', iin: '900101300123', ...applicant }, variables: { documents: entry.standard.requiredDocuments } });
}

/** Through the intake and an approval to the hand-back: the result is at the centre. */
export async function readyForCollection(engine: Engine, instanceId: string): Promise<void> {
  await intake(engine, instanceId, entry);
  await approveToHandBack(engine, instanceId, entry);
}

export const quietLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
