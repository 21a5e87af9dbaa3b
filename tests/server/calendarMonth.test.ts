import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer.js';

interface Month {
  days: { date: string; working: boolean; hours: string[]; holiday?: string; transfer?: string }[];
  sample?: { dueAt: string; dueDate: string };
}

describe('GET /api/calendars/:id/month', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('should give every day of the month with its hours and holidays, weekends closed', async () => {
    const response = await server.api('/api/calendars/agency/month?month=2026-03', { as: 'coordinator' });
    expect(response.status).toBe(200);
    const { days } = (await response.json()) as Month;
    expect(days).toHaveLength(31);
    const byDate = new Map(days.map((d) => [d.date, d]));
    // 2026-03-02 is a Monday, 2026-03-01 a Sunday
    expect(byDate.get('2026-03-02')).toMatchObject({ working: true });
    expect(byDate.get('2026-03-02')!.hours.length).toBeGreaterThan(0);
    expect(byDate.get('2026-03-01')).toMatchObject({ working: false, hours: [] });
    // Nauryz (21–23 March) is a public holiday
    expect(byDate.get('2026-03-23')).toMatchObject({ working: false });
    expect(byDate.get('2026-03-23')!.holiday).toBeTruthy();
  });

  it("should place a sample application's deadline with the engine's arithmetic, past the holidays", async () => {
    // Received on Friday 20 March 2026 at 10:00 Astana time, due in 2 working days
    const month = (await (await server.api('/api/calendars/agency/month?month=2026-03&receivedAt=2026-03-20T05:00:00Z&duration=2&unit=workingDays', { as: 'coordinator' })).json()) as Month;
    const due = month.sample!;
    const working = month.days.filter((d) => d.working && d.date > '2026-03-20').map((d) => d.date);
    // The day of receipt is not counted: the second working day after it
    expect(due.dueDate).toBe(working[1]);
    expect(due.dueDate > '2026-03-23').toBe(true);
  });

  it('should answer 400 naming the field for a bad month, and for a sample without its term', async () => {
    const bad = await server.api('/api/calendars/agency/month?month=2026-13', { as: 'coordinator' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('month');
    const partial = await server.api('/api/calendars/agency/month?month=2026-03&receivedAt=2026-03-20T05:00:00Z', { as: 'coordinator' });
    expect(partial.status).toBe(400);
    expect(JSON.stringify(await partial.json())).toContain('receivedAt');
  });
});
