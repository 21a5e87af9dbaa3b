/**
 * `npm run seed:demo`: a day of sample applications in various states, so that inboxes and
 * dashboards have something to show. Opens the same store as the server (MONGODB_URI, else
 * `DATA_DIR/tereze.db`), deploys the catalogue and seeds the organisation (both idempotent),
 * then starts 120 applications spread over the twelve services and leaves them at different
 * steps: waiting at the counter, in review, waiting for documents, at the hand-back, completed
 * or refused — and backdated ones whose review is already overdue (the sweep flags them); and
 * one gamed official in the Ministry of Justice for the auditor's assignment-integrity page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, manualClock, mongoStore, sqliteStore } from '../../engine/index.js';
import { loadCatalogue } from '../standard.js';
import { seedGamedOfficial } from './seedGamedOfficial.js';
import { loadOrganisation, seedOrganisation } from './seedOrganisation.js';

const COUNT = Number(process.env.DEMO_APPLICATIONS ?? 120);

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR || './data';
  if (!process.env.MONGODB_URI) mkdirSync(dataDir, { recursive: true });
  const store = process.env.MONGODB_URI ? mongoStore(process.env.MONGODB_URI) : sqliteStore(join(dataDir, 'tereze.db'));
  // A manual clock starting three weeks back: the oldest applications are overdue today.
  const clock = manualClock(new Date(Date.now() - 21 * 86_400_000));
  const engine = await createEngine({ store, clock });
  try {
    const catalogue = loadCatalogue();
    for (const { xml } of catalogue) await engine.deploy(xml, { by: 'catalogue' });
    const seeded = await seedOrganisation(engine, loadOrganisation());
    const counts: Record<string, number> = {};
    const step = Math.floor((21 * 86_400_000) / COUNT);
    for (let i = 0; i < COUNT; i++) {
      const entry = catalogue[i % catalogue.length]!;
      const { id, trackingNumber } = await engine.start(entry.standard.processKey, { channel: 'centre', by: 'clerk', variables: { documents: entry.standard.requiredDocuments } });
      const stage = ['counter', 'review', 'documents', 'handBack', 'completed', 'refused', 'review', 'review'][i % 8]!;
      const open = async (elementId: string) => (await engine.tasks({ instanceId: id })).find((t) => t.elementId === elementId);
      const done = async (elementId: string, outcome?: string, variables?: Record<string, unknown>) => {
        const task = await open(elementId);
        if (task) await engine.completeTask(task.id, { by: task.assignee ?? 'clerk', ...(outcome ? { outcome } : {}), ...(variables ? { variables } : {}) });
      };
      // What the tasks' forms ask for besides the outcome (processes/tools/taskForms.ts).
      const firstDocument = [entry.standard.requiredDocuments[0]];
      if (stage !== 'counter') {
        await done('check_completeness', stage === 'refused' && i % 3 === 0 ? 'incomplete' : 'complete', stage === 'refused' && i % 3 === 0 ? { missingDocuments: firstDocument } : undefined);
        await done('agency_check', 'in order');
        if (stage === 'documents') await done('review', 'request documents', { requestedDocuments: firstDocument });
        if (stage === 'refused') await done('review', 'refuse', { refusalGrounds: entry.standard.groundsForRefusal[0] });
        if (stage === 'handBack' || stage === 'completed') {
          await done('review', 'approve');
          // Land: every department's concurrence (one task per department, multi-instance).
          for (const task of (await engine.tasks({ instanceId: id })).filter((t) => t.elementId === 'concurrence')) {
            await engine.completeTask(task.id, { by: task.assignee ?? 'official', outcome: 'concur' });
          }
          await done('second_review', 'confirm');
          await done('offer_place', undefined, { placeOffered: 'Kindergarten No. 12' });
        }
        if (stage === 'completed' || stage === 'refused') await done('hand_back', 'handed over', i % 4 === 0 ? { ratingDeclined: true } : { rating: 3 + (i % 3) });
      }
      counts[stage] = (counts[stage] ?? 0) + 1;
      void trackingNumber;
      clock.advance(step);
    }
    // One gamed official for the auditor's assignment-integrity page (seedGamedOfficial.ts).
    const gamed = await seedGamedOfficial(engine, { now: () => clock.now(), advance: (ms) => clock.advance(ms) });
    clock.set(new Date());
    await engine.runDueJobs();
    const swept = await engine.sweepSla();
    console.log(JSON.stringify({ applications: COUNT, stages: counts, organisation: seeded, gamed, sweep: swept }));
  } finally {
    await engine.close();
  }
}

await main();
