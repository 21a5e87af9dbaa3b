import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { dayFromParts } from '../../../engine/sla/LocalDate.js';
import { localDayOf } from '../../../engine/sla/ZonedClock.js';

/** The local date as Temporal says it, one instant at a time: what the cached offsets must agree with. */
function temporalDay(zone: string, epochMs: number): number {
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);
  return dayFromParts(zoned.year, zoned.month, zoned.day);
}

const at = (iso: string) => Date.parse(iso);

describe('localDayOf', () => {
  it('should give the date on the wall in Almaty on either side of its move from UTC+6 to UTC+5 (midnight of 1 March 2024, back to 23:00)', () => {
    const almaty = (iso: string) => localDayOf('Asia/Almaty', at(iso));
    expect(almaty('2024-02-28T18:30:00Z')).toBe(dayFromParts(2024, 2, 29)); // 00:30 at UTC+6
    expect(almaty('2024-02-29T17:59:00Z')).toBe(dayFromParts(2024, 2, 29)); // 23:59 at UTC+6
    expect(almaty('2024-02-29T18:30:00Z')).toBe(dayFromParts(2024, 2, 29)); // 23:30 again, at UTC+5
    expect(almaty('2024-02-29T19:30:00Z')).toBe(dayFromParts(2024, 3, 1)); // 00:30 at UTC+5
    // asked again, now answered from the kept stretches, in the other order
    expect(almaty('2024-02-29T18:30:00Z')).toBe(dayFromParts(2024, 2, 29));
    expect(almaty('2024-02-28T18:30:00Z')).toBe(dayFromParts(2024, 2, 29));
    expect(almaty('2024-02-28T17:59:00Z')).toBe(dayFromParts(2024, 2, 28));
  });

  it('should agree with Temporal at every hour around daylight-saving changes, exact transition instants included', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Almaty', 'Australia/Lord_Howe', 'UTC'];
    const transitions = [at('2026-03-29T01:00:00Z'), at('2026-10-25T01:00:00Z'), at('2026-03-08T07:00:00Z'), at('2026-11-01T06:00:00Z'), at('2026-04-04T15:00:00Z')];
    for (const zone of zones) {
      // an exact transition first, so its stretch starts there and not at the transition before
      for (const t of transitions) expect(localDayOf(zone, t), `${zone} at ${new Date(t).toISOString()}`).toBe(temporalDay(zone, t));
      for (let t = at('2026-01-01T00:00:00Z'); t < at('2027-01-01T00:00:00Z'); t += 3_600_000 + 60_000) {
        if (localDayOf(zone, t) !== temporalDay(zone, t)) expect.fail(`${zone} at ${new Date(t).toISOString()}: ${localDayOf(zone, t)} ≠ ${temporalDay(zone, t)}`);
        const justBefore = t - 1;
        if (localDayOf(zone, justBefore) !== temporalDay(zone, justBefore)) expect.fail(`${zone} at ${new Date(justBefore).toISOString()}`);
      }
    }
  });
});
