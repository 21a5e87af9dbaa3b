import { describe, expect, it } from 'vitest';
import { workloadPage, type WorkloadCounts, type WorkloadQuery } from '../../../designer/src/supervisor/workloadView.js';

const row = (official: string, open: number, overdue: number, groups: string[] = ['mj-registration']): WorkloadCounts => ({ official, open, overdue, atRisk: 0, groups });
const ROWS = [row('u1', 5, 2), row('u2', 1, 0, ['social']), row('u3', 9, 0), row('', 4, 4)];
const NAMES = new Map([['u1', 'Zhanna Abenova'], ['u2', 'Bolat Serikov'], ['u3', 'Aigerim Nurlanova']]);
const query = (over: Partial<WorkloadQuery> = {}): WorkloadQuery => ({ names: NAMES, filter: '', sort: 'name', descending: false, page: 0, pageSize: 25, ...over });

describe('workloadPage', () => {
  it('should show officials by name, sorted by name, with the unassigned queue last', () => {
    expect(workloadPage(ROWS, query()).rows.map((r) => r.name)).toEqual(['Aigerim Nurlanova', 'Bolat Serikov', 'Zhanna Abenova', '']);
  });

  it('should sort by a count either way, the queue still last', () => {
    expect(workloadPage(ROWS, query({ sort: 'open', descending: true })).rows.map((r) => r.official)).toEqual(['u3', 'u1', 'u2', '']);
    expect(workloadPage(ROWS, query({ sort: 'overdue' })).rows.map((r) => r.official)).toEqual(['u3', 'u2', 'u1', '']); // a tie goes by name
  });

  it('should filter by name, id or group, case-insensitively', () => {
    expect(workloadPage(ROWS, query({ filter: 'bolat' })).rows.map((r) => r.official)).toEqual(['u2']);
    expect(workloadPage(ROWS, query({ filter: 'SOCIAL' })).rows.map((r) => r.official)).toEqual(['u2']);
    expect(workloadPage(ROWS, query({ filter: 'u3' })).total).toBe(1);
  });

  it('should cut into pages and keep the page in range', () => {
    const second = workloadPage(ROWS, query({ pageSize: 3, page: 1 }));
    expect(second).toMatchObject({ total: 4, pages: 2, page: 1 });
    expect(second.rows.map((r) => r.official)).toEqual(['']);
    expect(workloadPage(ROWS, query({ pageSize: 3, page: 7 })).page).toBe(1);
  });
});
