import type { OpeningInterval } from '../api/oversightApi.js';

const INTERVAL = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-4]):([0-5]\d)$/;

/** A day's hours as the coordinator types them: "09:00–13:00, 14:00–18:00"; empty: closed. */
export function formatHours(hours: readonly OpeningInterval[] | undefined): string {
  return (hours ?? []).map((h) => `${h.from}–${h.to}`).join(', ');
}

/** The intervals of `text`, or the part that is not an interval ("from–to", from before to). */
export function parseHours(text: string): { hours: OpeningInterval[] } | { bad: string } {
  const hours: OpeningInterval[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = INTERVAL.exec(part);
    if (!m) return { bad: part };
    const from = `${m[1]}:${m[2]}`;
    const to = `${m[3]}:${m[4]}`;
    if (from >= to) return { bad: part };
    hours.push({ from, to });
  }
  return { hours };
}
