import type { ApplicationView } from '../api/ApiClient.js';

export interface TrendPoint {
  readonly day: string;
  readonly overdue: number;
}

const DAY = 86_400_000;

/**
 * Applications open past their deadline at the end of each of the last `days` days (UTC),
 * from what the search returned: overdue at a day's end = due before it, not ended by it.
 * A sketch from at most 200 applications, until the server keeps a daily series.
 */
export function overdueTrend(applications: readonly ApplicationView[], now: number, days = 14): TrendPoint[] {
  const today = Math.floor(now / DAY) * DAY;
  const points: TrendPoint[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const end = Math.min(today + DAY - i * DAY, now);
    const overdue = applications.filter((a) => {
      if (!a.dueAt || Date.parse(a.startedAt) > end) return false;
      const ended = a.endedAt ? Date.parse(a.endedAt) : Infinity;
      return Date.parse(a.dueAt) < end && ended > end;
    }).length;
    points.push({ day: new Date(today - i * DAY).toISOString().slice(0, 10), overdue });
  }
  return points;
}
