import { describe, expect, it } from 'vitest';
import { findBrokenLink, GENESIS } from '../../../../engine/audit/chain.js';
import { ConflictError } from '../../../../engine/errors.js';
import { chainAudit, checkNextVersion, checkPolicyVersion, dropsPrevious, historyByInstance } from '../../../../engine/store/shared/batchRules.js';
import type { PolicyWrite } from '../../../../engine/store/port.js';

const input = (n: number) => ({ at: '2026-03-20T04:00:00.000Z', actor: 'ann', action: `act${n}`, subject: `s${n}` });

describe('batchRules', () => {
  it('should chain audit entries after the stored tail, or from GENESIS on an empty trail', () => {
    const first = chainAudit([input(1), input(2)], undefined);
    expect(first.map((e) => e.seq)).toEqual([1, 2]);
    expect(first[0]?.prev).toBe(GENESIS);
    const next = chainAudit([input(3)], { seq: 2, hash: first[1]!.hash });
    expect(next[0]).toMatchObject({ seq: 3, prev: first[1]!.hash });
    expect(findBrokenLink([...first, ...next])).toBeUndefined();
  });

  it('should refuse a record version that is not expected + 1 as a caller bug, not a conflict', () => {
    expect(() => checkNextVersion('task', 't1', 3, 1)).toThrow('task t1: record.version 3 must be expectedVersion + 1 (2)');
    expect(() => checkNextVersion('task', 't1', 3, 1)).not.toThrow(ConflictError);
    expect(() => checkNextVersion('instance', 'i1', 2, 1)).not.toThrow();
  });

  it('should take policy version n only on n - 1, and drop the previous only without history', () => {
    const p = (version: number, keepHistory: boolean): PolicyWrite => ({ kind: 'rotation', id: 'g', version, at: 'x', doc: {}, keepHistory });
    expect(() => checkPolicyVersion(p(1, true), 0)).not.toThrow();
    expect(() => checkPolicyVersion(p(3, true), 1)).toThrow(ConflictError);
    expect(() => checkPolicyVersion(p(2, true), 2)).toThrow('rotation g is at version 2, not 1');
    expect([dropsPrevious(p(2, false), 1), dropsPrevious(p(2, true), 1), dropsPrevious(p(1, false), 0)]).toEqual([true, false, false]);
  });

  it('should group history per instance, keeping the writing order', () => {
    const h = (instanceId: string, elementId: string) => ({ instanceId, at: 'x', elementId, event: 'enter' as const });
    const grouped = historyByInstance([h('i1', 'a'), h('i2', 'b'), h('i1', 'c')]);
    expect([...grouped.entries()].map(([id, list]) => [id, list.map((e) => e.elementId)])).toEqual([['i1', ['a', 'c']], ['i2', ['b']]]);
  });
});
