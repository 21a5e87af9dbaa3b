import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../../engine/store/port.js';
import { packHistory, unpackHistory } from '../../../../engine/store/shared/historyRows.js';

const I = '01a23b89-964b-7001-9a0b-2b334ab9b5c7';
const AT = '2026-12-03T10:53:22.379Z';
const commit: HistoryEntry[] = [
  { instanceId: I, at: AT, elementId: 'no_criminal_record', event: 'start', data: { startEvent: 'start_centre' } },
  { instanceId: I, at: AT, elementId: 'start_centre', event: 'enter', tokenId: 't1' },
  { instanceId: I, at: '2026-12-03T10:53:22.380Z', elementId: 'start_centre', event: 'leave', tokenId: 't1' },
];

describe('history rows', () => {
  it('should give back the entries a commit wrote, each with its instance and moment', () => {
    expect(unpackHistory(I, JSON.parse(JSON.stringify(packHistory(commit))))).toStrictEqual(commit);
  });

  it('should say the instance nowhere in the row and the shared moment once', () => {
    const text = JSON.stringify(packHistory(commit));
    expect(text).not.toContain(I);
    expect(text.split(AT)).toHaveLength(2);
    expect(text.length).toBeLessThan(JSON.stringify(commit).length * 0.65);
  });

  it('should read the rows written before: an array of entries, or one entry', () => {
    expect(unpackHistory(I, commit)).toStrictEqual(commit);
    expect(unpackHistory(I, commit[1]!)).toStrictEqual([commit[1]]);
  });
});
