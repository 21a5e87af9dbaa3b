/**
 * Every catalogue service tells the applicant from its model (ps:notify): received at the
 * start, documents needed, ready for collection at the centre, moved to the archive.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrganisation, seedOrganisation } from '../../processes/demo/seedOrganisation.js';
import { loadCatalogue } from '../../processes/standard.js';
import { openHarness, type Harness } from '../support/harness.js';
import { approveToHandBack, complete, intake } from './scenario.js';

const org = loadOrganisation();

describe.each(loadCatalogue().map((entry) => [entry.code, entry] as const))('%s tells the applicant', (_code, entry) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-04-13T04:00:00Z');
    const groups = new Set([...entry.xml.matchAll(/ps:candidateGroup="([^"]+)"/g)].map((m) => m[1]!));
    await seedOrganisation(h.engine, { ...org, users: org.users.filter((u) => u.groups.some((g) => groups.has(g))), routing: [] });
    await h.engine.deploy(entry.xml);
  });
  afterEach(() => h.dispose());

  const kinds = async (id: string) => (await h.engine.notifications(id)).map((n) => n.kind);

  it('should notify received, documents needed, ready for collection and uncollected', async () => {
    const { id, trackingNumber } = await h.engine.start(entry.standard.processKey, { channel: 'centre', variables: { documents: entry.standard.requiredDocuments } });
    expect(await kinds(id)).toEqual(['received']);
    await intake(h.engine, id, entry);
    await complete(h.engine, id, 'review', 'request documents', { requestedDocuments: [entry.standard.requiredDocuments.at(-1)!] });
    expect(await kinds(id)).toEqual(['received', 'documentsNeeded']);
    expect((await h.engine.notifications(id))[1]!.payload).toEqual({ requestedDocuments: [entry.standard.requiredDocuments.at(-1)] });
    await h.engine.correlate('documentsProvided', { trackingNumber });
    await approveToHandBack(h.engine, id, entry);
    expect(await kinds(id)).toEqual(['received', 'documentsNeeded', 'readyForCollection']);
    h.clock.advance('P31D');
    await h.engine.runDueJobs();
    expect(await kinds(id)).toEqual(['received', 'documentsNeeded', 'readyForCollection', 'uncollected']);
    expect((await h.engine.outbox.countDeliveries()).pending).toBe(4);
  });
});
