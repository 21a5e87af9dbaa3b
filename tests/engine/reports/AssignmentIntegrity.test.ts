import { describe, expect, it } from 'vitest';
import { poolHash as poolHashOf } from '../../../engine/assignment/index.js';
import { assignmentIntegrity } from '../../../engine/index.js';
import { AuditTrail } from './auditTrail.js';
import { seeded } from '../../support/seeded.js';

const GROUP = 'mj-registration';
const FIVE = ['ana', 'bek', 'dana', 'erlan', 'gulnar'] as const;

/** A trail with the group's five members and `n` draws among all of them, picked by `pick`. */
function drawsOf(n: number, pick: (i: number) => string): AuditTrail {
  const trail = new AuditTrail().members(GROUP, FIVE);
  for (let i = 0; i < n; i++) trail.advance(1).draw(GROUP, FIVE, pick(i));
  return trail;
}

describe('assignmentIntegrity', () => {
  describe('draws received against draws expected', () => {
    it('should find nothing to flag in a fair draw', () => {
      // Given 100 draws from a uniform source
      const random = seeded(42);
      const trail = drawsOf(100, () => FIVE[Math.floor(random() * FIVE.length)]!);

      // When the auditor reads the report
      const report = assignmentIntegrity(trail.entries);

      // Then the group reads "as chance would have it", and nobody is flagged
      const [group] = report.groups;
      expect(group).toMatchObject({ group: GROUP, draws: 100, verdict: 'chance' });
      expect(group!.test!.p).toBeGreaterThan(0.05);
      for (const official of group!.officials) expect(official.expected).toBeCloseTo(20);
      expect(group!.officials.reduce((a, o) => a + o.received, 0)).toBe(100);
      expect(report.flags).toEqual([]);
    });

    it('should flag the official a biased draw favours, with a small p and the draws behind it', () => {
      // Given 60 draws where every third goes to dana whatever the pool
      const random = seeded(7);
      const trail = drawsOf(60, (i) => (i % 3 === 0 ? 'dana' : FIVE[Math.floor(random() * FIVE.length)]!));

      const report = assignmentIntegrity(trail.entries);

      const group = report.groups[0]!;
      expect(group.verdict).toBe('unlikely');
      expect(group.test!.p).toBeLessThan(0.001);
      expect(group.test!.degreesOfFreedom).toBe(4);
      const dana = group.officials.find((o) => o.official === 'dana')!;
      expect(dana.flagged).toBe(true);
      expect(group.officials.filter((o) => o.flagged).map((o) => o.official)).toEqual(['dana']);
      const [flag] = report.flags;
      expect(flag).toMatchObject({ kind: 'draws', group: GROUP, officials: ['dana'], count: dana.received });
      expect(flag!.seqs).toEqual(dana.seqs);
      for (const seq of flag!.seqs) expect(trail.entries[seq - 1]).toMatchObject({ action: 'task.assign', data: { pick: 'dana' } });
    });

    it('should expect less of an official absent part of the period', () => {
      // Given erlan away on the second of two days (set the day before), and 10 draws each day
      const trail = new AuditTrail().members(GROUP, FIVE);
      for (let i = 0; i < 10; i++) trail.advance(0.5).draw(GROUP, FIVE, FIVE[i % 5]!);
      trail.absence('erlan', 'erlan', new AuditTrail().advance(24).today);
      trail.advance(24);
      const present = FIVE.filter((id) => id !== 'erlan');
      for (let i = 0; i < 10; i++) trail.advance(0.25).draw(GROUP, present, present[i % 4]!);

      const group = assignmentIntegrity(trail.entries).groups[0]!;

      expect(group.officials.find((o) => o.official === 'erlan')!.expected).toBeCloseTo(2);
      expect(group.officials.find((o) => o.official === 'ana')!.expected).toBeCloseTo(2 + 2.5);
      expect(group.unverified).toEqual([]);
    });

    it('should say when there are too few draws to judge', () => {
      const report = assignmentIntegrity(drawsOf(8, (i) => FIVE[i % 5]!).entries);
      expect(report.groups[0]).toMatchObject({ verdict: 'insufficient', draws: 8 });
      expect(report.groups[0]!.test).toBeUndefined();
    });

    it('should flag draws whose recorded pool the trail cannot reconstruct', () => {
      // Given a draw recorded with a pool that holds someone the directory never had in the group
      const trail = new AuditTrail().members(GROUP, FIVE);
      const { seq } = trail.draw(GROUP, FIVE, 'ana', { hashOf: [...FIVE, 'nephew'] });

      const report = assignmentIntegrity(trail.entries);

      expect(report.groups[0]).toMatchObject({ draws: 0, unverified: [seq] });
      expect(report.flags).toEqual([expect.objectContaining({ kind: 'unverifiedPool', seqs: [seq] })]);
    });

    it('should count only the period and the group asked for', () => {
      const trail = drawsOf(6, (i) => FIVE[i % 5]!);
      const firstDay = trail.today;
      trail.advance(48);
      trail.members('other', ['zh']).draw('other', ['zh'], 'zh');
      for (let i = 0; i < 4; i++) trail.draw(GROUP, FIVE, 'ana');

      expect(assignmentIntegrity(trail.entries, { to: firstDay }).groups.map((g) => [g.group, g.draws])).toEqual([[GROUP, 6]]);
      expect(assignmentIntegrity(trail.entries, { from: trail.today }).groups.map((g) => [g.group, g.draws])).toEqual([[GROUP, 4], ['other', 1]]);
      expect(assignmentIntegrity(trail.entries, { group: 'other' }).groups.map((g) => g.group)).toEqual(['other']);
    });
  });

  describe('absences declared shortly before draws', () => {
    /** Each morning the supervisor marks every colleague of gulnar absent an hour before the files are drawn. */
    function steered(days: number): { trail: AuditTrail; absences: number[]; draws: number[] } {
      const trail = new AuditTrail().members(GROUP, FIVE);
      const absences: number[] = [];
      const draws: number[] = [];
      for (let d = 0; d < days; d++) {
        for (const colleague of ['ana', 'bek', 'dana', 'erlan']) absences.push(trail.absence(colleague, 'boss').seq);
        trail.advance(1);
        for (let i = 0; i < 2; i++) draws.push(trail.advance(0.1).draw(GROUP, ['gulnar'], 'gulnar').seq);
        trail.advance(24);
      }
      return { trail, absences, draws };
    }

    it('should list an absence set an hour before the draws it kept the person out of', () => {
      const { trail, absences, draws } = steered(1);

      const report = assignmentIntegrity(trail.entries);

      const late = report.lateAbsences.find((a) => a.seq === absences[0]);
      expect(late).toMatchObject({ official: 'ana', setBy: 'boss', group: GROUP, draws: [{ seq: draws[0], pick: 'gulnar' }, { seq: draws[1], pick: 'gulnar' }] });
      expect(late!.hoursBefore).toBeCloseTo(1.1);
    });

    it('should not call an absence set days ahead late', () => {
      const trail = new AuditTrail().members(GROUP, FIVE);
      trail.absence('ana', 'ana', '2026-04-20', '2026-04-24');
      trail.advance(7 * 24);
      for (let i = 0; i < 5; i++) trail.draw(GROUP, ['bek', 'dana', 'erlan', 'gulnar'], 'bek');

      const report = assignmentIntegrity(trail.entries);

      expect(report.groups[0]!.unverified).toEqual([]);
      expect(report.lateAbsences).toEqual([]);
      expect(report.absenceBeneficiaries).toEqual([]);
    });

    it('should flag the official on whom a pattern of late absences lands the files, naming who set them', () => {
      const { trail, absences, draws } = steered(3);

      const report = assignmentIntegrity(trail.entries);

      // The draws themselves were fair given their pool: no draws flag
      expect(report.flags.map((f) => f.kind)).toEqual(['absencePattern']);
      const [flag] = report.flags;
      expect(flag).toMatchObject({ group: GROUP, officials: ['gulnar'], actors: ['boss'], count: 6 });
      expect(flag!.p).toBeLessThan(0.001); // 6 of 6 where a full pool gives 1 in 5
      expect(flag!.seqs).toEqual([...absences, ...draws].sort((a, b) => a - b));
      expect(report.absenceBeneficiaries[0]).toMatchObject({ official: 'gulnar', received: 6, verdict: 'unlikely' });
      expect(report.absenceBeneficiaries[0]!.expectedWithColleagues).toBeCloseTo(1.2);
    });

    it('should not flag one late absence (someone fell ill this morning)', () => {
      const trail = new AuditTrail().members(GROUP, FIVE);
      trail.absence('ana', 'ana');
      trail.advance(1);
      const rest = FIVE.filter((id) => id !== 'ana');
      for (let i = 0; i < 4; i++) trail.draw(GROUP, rest, rest[i]!);

      const report = assignmentIntegrity(trail.entries);

      expect(report.lateAbsences).toHaveLength(1);
      expect(report.flags).toEqual([]);
    });
  });

  describe('manual picks and reassignments', () => {
    it('should flag a supervisor who keeps handing files to one official by named pick', () => {
      // Given six files drawn fairly, five of them then handed to gulnar by the same supervisor
      const trail = new AuditTrail().members(GROUP, FIVE);
      const picks: number[] = [];
      for (let i = 0; i < 6; i++) {
        const from = FIVE[i % 4]!;
        const { taskId } = trail.advance(1).draw(GROUP, FIVE, from);
        if (i < 5) picks.push(trail.reassign(taskId, 'boss', from, 'gulnar', { reason: 'knows the case', mode: 'pick' }).seq);
      }

      const report = assignmentIntegrity(trail.entries);

      const boss = report.picks.find((s) => s.supervisor === 'boss')!;
      expect(boss).toMatchObject({ group: GROUP, picks: 5, redraws: 0 });
      expect(boss.recipients[0]).toMatchObject({ official: 'gulnar', picks: 5, flagged: true, reasons: ['knows the case'] });
      expect(boss.recipients[0]!.expected).toBeCloseTo(5 / 4);
      expect(report.flags).toEqual([expect.objectContaining({ kind: 'picks', officials: ['gulnar'], actors: ['boss'], count: 5, seqs: picks })]);
    });

    it('should not flag picks spread over the group, and count legacy entries without a mode as picks', () => {
      const trail = new AuditTrail().members(GROUP, FIVE);
      for (let i = 0; i < 8; i++) {
        const { taskId } = trail.advance(1).draw(GROUP, FIVE, 'ana');
        trail.reassign(taskId, 'boss', 'ana', FIVE[1 + (i % 4)]!, { reason: 'ana on a course' });
      }

      const report = assignmentIntegrity(trail.entries);

      expect(report.picks[0]).toMatchObject({ supervisor: 'boss', picks: 8, redraws: 0 });
      expect(report.picks[0]!.recipients.map((r) => [r.official, r.picks])).toEqual([['bek', 2], ['dana', 2], ['erlan', 2], ['gulnar', 2]]);
      expect(report.flags.filter((f) => f.kind === 'picks')).toEqual([]);
    });

    it('should count a random re-draw as a re-draw and as a draw, not as a pick', () => {
      const trail = new AuditTrail().members(GROUP, FIVE);
      const { taskId } = trail.draw(GROUP, FIVE, 'ana');
      const rest = FIVE.filter((id) => id !== 'ana');
      const redraw = trail.reassign(taskId, 'boss', 'ana', 'bek', { reason: 'ana ill', mode: 'redraw', poolSize: 4, poolHash: poolHashOf(rest) });

      const report = assignmentIntegrity(trail.entries);

      expect(report.picks[0]).toMatchObject({ supervisor: 'boss', picks: 0, redraws: 1, recipients: [] });
      expect(report.groups[0]).toMatchObject({ draws: 2, unverified: [] });
      expect(report.groups[0]!.officials.find((o) => o.official === 'bek')!.seqs).toEqual([redraw.seq]);
    });
    it('should check a re-draw against its recorded pool, four-eyes exclusions included, and flag one that does not match', () => {
      const trail = new AuditTrail().members(GROUP, FIVE);
      const second = trail.draw(GROUP, FIVE.filter((id) => id !== 'ana'), 'bek', { excluded: ['ana'] });
      const fair = trail.reassign(second.taskId, 'boss', 'bek', 'dana', { reason: 'bek ill', mode: 'redraw', poolHash: poolHashOf(['dana', 'erlan', 'gulnar']) });
      // A re-draw whose recorded pool held ana, whom the four-eyes rule keeps out, and bek, whom it was taken from
      const odd = trail.reassign(second.taskId, 'boss', 'dana', 'ana', { reason: 'dana ill', mode: 'redraw', poolHash: poolHashOf(FIVE) });

      const report = assignmentIntegrity(trail.entries);

      expect(report.groups[0]).toMatchObject({ draws: 2, unverified: [odd.seq] });
      expect(report.groups[0]!.officials.find((o) => o.official === 'dana')!.seqs).toEqual([fair.seq]);
      expect(report.flags).toEqual([expect.objectContaining({ kind: 'unverifiedPool', seqs: [odd.seq] })]);
    });
  });

  describe('pairs in four-eyes reviews', () => {
    /** `n` applications: `first` does the review, the second review is drawn without them and done by `second(i)`. */
    function reviews(n: number, first: (i: number) => string, second: (i: number) => string): AuditTrail {
      const trail = new AuditTrail().members(GROUP, FIVE);
      for (let i = 0; i < n; i++) {
        const a = first(i);
        const review = trail.advance(1).draw(GROUP, FIVE, a, { instanceId: `app${i}` });
        trail.complete(review.taskId, a);
        const pool = FIVE.filter((id) => id !== a);
        const b = second(i);
        const check = trail.draw(GROUP, pool, b, { excluded: [a], instanceId: `app${i}` });
        trail.complete(check.taskId, b);
      }
      return trail;
    }

    it('should flag a pair that meets far more often than the draws would allow', () => {
      // Given ana's files reviewed by bek every time (8 of 8, where chance gives 1 in 4)
      const trail = reviews(8, (i) => (i % 2 ? 'ana' : 'bek'), (i) => (i % 2 ? 'bek' : 'ana'));

      const report = assignmentIntegrity(trail.entries);

      const pair = report.pairs[0]!;
      expect(pair).toMatchObject({ officials: ['ana', 'bek'], observed: 8, flagged: true, verdict: 'unlikely' });
      expect(pair.expected).toBeCloseTo(2);
      expect(pair.seqs).toHaveLength(16);
      expect(report.flags.find((f) => f.kind === 'pair')).toMatchObject({ officials: ['ana', 'bek'], count: 8 });
    });

    it('should not flag pairs the draw mixes', () => {
      const random = seeded(3);
      const trail = reviews(
        20,
        (i) => FIVE[i % 5]!,
        (i) => {
          const pool = FIVE.filter((id) => id !== FIVE[i % 5]);
          return pool[Math.floor(random() * pool.length)]!;
        },
      );

      const report = assignmentIntegrity(trail.entries);

      expect(report.pairs.length).toBeGreaterThan(3);
      expect(report.pairs.every((p) => !p.flagged)).toBe(true);
      expect(report.flags).toEqual([]);
    });
  });
});
