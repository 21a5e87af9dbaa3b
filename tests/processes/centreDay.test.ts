import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChannelClosedError, createEngine, manualClock, sqliteStore } from '../../engine/index.js';
import { loadOrganisation, seedOrganisation } from '../../processes/demo/seedOrganisation.js';
import { loadCatalogue } from '../../processes/standard.js';
import { approveToHandBack, complete, handBack, intake, intakeTask, requestDocuments } from './scenario.js';

const APPLICATIONS = 1_200;

describe("one centre's day", () => {
  it('should take 1,200 applications over the twelve services to completion, each with its deadlines set', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tereze-day-'));
    const clock = manualClock('2026-04-14T04:00:00Z'); // Tue 14 April 2026, 09:00 in Almaty
    // A seeded random: the day is the same at every run.
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const engine = await createEngine({ store: sqliteStore(join(dir, 'day.db')), clock, random });
    const began = performance.now();
    try {
      const catalogue = loadCatalogue();
      await seedOrganisation(engine, loadOrganisation());
      for (const { xml } of catalogue) await engine.deploy(xml);
      const ids: string[] = [];
      // Arrivals spread over the centre's 11 open hours (09:00–20:00), 33 seconds apart.
      for (let i = 0; i < APPLICATIONS; i++) {
        const entry = catalogue[i % catalogue.length]!;
        const channel = entry.standard.channels[i % entry.standard.channels.length]!;
        // Single access closes the agency's desk: those applicants go to the centre.
        const started = await engine
          .start(entry.standard.processKey, { channel, variables: { documents: entry.standard.requiredDocuments } })
          .catch((error: unknown) => {
            if (!(error instanceof ChannelClosedError)) throw error;
            return engine.start(entry.standard.processKey, { channel: 'centre', variables: { documents: entry.standard.requiredDocuments } });
          });
        expect(started.dueAt, entry.code).toBeDefined();
        ids.push(started.id);
        clock.advance(33_000);
      }
      // Every tenth package is incomplete, every seventh asks for documents, every ninth is refused.
      for (const [i, id] of ids.entries()) {
        const entry = catalogue[i % catalogue.length]!;
        if (i % 10 === 9) {
          await complete(engine, id, await intakeTask(engine, id), 'incomplete', { missingDocuments: [entry.standard.requiredDocuments[0]] });
          continue;
        }
        await intake(engine, id, entry);
        const review = (await engine.tasks({ instanceId: id })).find((t) => t.elementId === 'review')!;
        expect(review.dueAt, entry.code).toBeDefined();
        expect(review.assignee, entry.code).toBeTruthy();
        if (i % 7 === 3) {
          await requestDocuments(engine, id, entry);
          const view = await engine.instance(id);
          await engine.correlate('documentsProvided', { trackingNumber: view.trackingNumber });
        }
        if (i % 9 === 4) await complete(engine, id, 'review', 'refuse', { refusalGrounds: entry.standard.groundsForRefusal[0] });
        else await approveToHandBack(engine, id, entry);
        await handBack(engine, id, 4);
      }
      const states = await Promise.all(ids.map(async (id) => (await engine.instance(id)).state));
      expect(states.filter((s) => s !== 'completed')).toEqual([]);
      const withoutDeadline = (await Promise.all(ids.map((id) => engine.instance(id)))).filter((v) => !v.dueAt);
      expect(withoutDeadline).toEqual([]);
      console.log(`centre day: ${APPLICATIONS} applications in ${Math.round(performance.now() - began)} ms`);
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
