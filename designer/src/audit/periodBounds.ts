/** The offset the agencies' days are counted in (Almaty, UTC+5 all year). */
const ALMATY = '+05:00';

/** The instant a local date's day starts at in Almaty: `2026-04-13` → `2026-04-13T00:00:00+05:00`. */
export function startOfDay(date: string): string {
  return `${date}T00:00:00${ALMATY}`;
}

/** The instant after a local date's day ends (the next day's start), for an exclusive `to`. */
export function endOfDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return startOfDay(next.toISOString().slice(0, 10));
}
