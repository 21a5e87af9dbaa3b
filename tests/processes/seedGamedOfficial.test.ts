import { describe, expect, it } from 'vitest';
import { createEngine, manualClock, sqliteStore } from '../../engine/index.js';
import { GAMED, seedGamedOfficial } from '../../processes/demo/seedGamedOfficial.js';
import { loadOrganisation, seedOrganisation } from '../../processes/demo/seedOrganisation.js';
import { loadCatalogue } from '../../processes/standard.js';

describe('the demo seed’s gamed official', () => {
  it('should leave a trail on which the auditor finds the steering absences and the named picks, and fair draws otherwise', { timeout: 60_000 }, async () => {
    // Given the demo organisation and catalogue on a fresh engine
    const clock = manualClock('2026-04-14T03:30:00Z'); // Tue 08:30 in Almaty
    // A seeded random: the fair draws are the same at every run (no 1-in-100 false alarm).
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const engine = await createEngine({ store: sqliteStore(':memory:'), clock, random });
    try {
      await seedOrganisation(engine, loadOrganisation());
      for (const { xml } of loadCatalogue()) await engine.deploy(xml);

      // When the gamed morning is played through the engine's own commands
      const seeded = await seedGamedOfficial(engine, { now: () => clock.now(), advance: (ms) => clock.advance(ms) });
      const report = await engine.assignmentIntegrity({ group: GAMED.group });

      // Then every draw of the morning checks out against its recorded pool
      expect(seeded).toMatchObject({ steeredFiles: 6, picks: 5 });
      const group = report.groups.find((g) => g.group === GAMED.group)!;
      expect(group.unverified).toEqual([]);
      // …the absences set minutes before the draws are listed, set by the supervisor…
      expect(report.lateAbsences.length).toBe(12);
      expect(new Set(report.lateAbsences.map((a) => a.setBy))).toEqual(new Set([GAMED.supervisor]));
      // …and the official is flagged twice: files steered by absences, files handed by name
      const about = report.flags.filter((f) => f.officials.includes(GAMED.official)).map((f) => [f.kind, f.actors]);
      expect(about).toEqual(expect.arrayContaining([['absencePattern', [GAMED.supervisor]], ['picks', [GAMED.supervisor]]]));
      expect(report.flags.filter((f) => !f.officials.includes(GAMED.official))).toEqual([]);
      expect(report.names[GAMED.official]).toBe('Serik Nurpeisov');
    } finally {
      await engine.close();
    }
  });
});
