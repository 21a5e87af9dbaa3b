import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditText, canonical, chainEntry, chainText, findBrokenLink, GENESIS } from '../../../engine/audit/chain.js';
import type { AuditInput } from '../../../engine/store/port.js';

const draw: AuditInput = {
  at: '2026-03-02T04:00:00.000Z',
  actor: 'engine',
  action: 'task.assign',
  subject: 'task-1',
  data: { pick: 'ana', poolSize: 3, pool: { group: 'reviewers', excluded: ['bek'] } },
};

/** Three entries chained from the start of the trail. */
function trail() {
  const first = chainEntry(draw, 1, GENESIS);
  const second = chainEntry({ ...draw, action: 'task.complete', actor: 'ana', data: { outcome: 'approve' } }, 2, first.hash);
  const third = chainEntry({ ...draw, action: 'instance.end', data: undefined }, 3, second.hash);
  return [first, second, third];
}

describe('audit chain', () => {
  it('should hash exactly sha256 of the canonical JSON of format 2, so stored trails stay verifiable', () => {
    // The format is a contract with every trail already written: a change breaks them all.
    const text = `{"action":"task.assign","actor":"engine","at":"2026-03-02T04:00:00.000Z","data":{"pick":"ana","pool":{"excluded":["bek"],"group":"reviewers"},"poolSize":3},"format":2,"prev":"${GENESIS}","seq":1,"subject":"task-1"}`;
    const entry = chainEntry(draw, 1, GENESIS);
    expect(entry).toEqual({ ...draw, format: 2, seq: 1, prev: GENESIS, hash: createHash('sha256').update(text).digest('hex') });
    const bare = chainEntry({ ...draw, data: undefined }, 2, entry.hash);
    expect(bare.hash).toBe(
      createHash('sha256').update(`{"action":"task.assign","actor":"engine","at":"2026-03-02T04:00:00.000Z","format":2,"prev":"${entry.hash}","seq":2,"subject":"task-1"}`).digest('hex'),
    );
  });

  it('should store, from the text made before the chain was known, the JSON of the very entry chainEntry makes', () => {
    // the sqlite store makes the text where the entry is, and chains it on its writer thread
    for (const input of [draw, { ...draw, data: undefined }, { ...draw, data: { quote: '"}', nested: [{ b: 1, a: 2 }] } }]) {
      const chained = chainText(auditText(input), 7, 'c'.repeat(64));
      const entry = chainEntry(input, 7, 'c'.repeat(64));
      expect(chained.hash).toBe(entry.hash);
      expect(JSON.parse(chained.doc)).toEqual(JSON.parse(JSON.stringify(entry)));
    }
  });

  it('should change the hash when any field of an entry is edited, the data at any depth included', () => {
    const original = chainEntry(draw, 5, 'a'.repeat(64)).hash;
    const edits: AuditInput[] = [
      { ...draw, at: '2026-03-02T04:00:00.001Z' },
      { ...draw, actor: 'official' },
      { ...draw, action: 'task.claim' },
      { ...draw, subject: 'task-2' },
      { ...draw, data: { ...draw.data, pick: 'bek' } }, // rewriting who was drawn
      { ...draw, data: { ...draw.data, pool: { group: 'reviewers', excluded: [] } } },
      { ...draw, data: undefined },
    ];
    for (const edit of edits) expect(chainEntry(edit, 5, 'a'.repeat(64)).hash, JSON.stringify(edit)).not.toBe(original);
    expect(chainEntry(draw, 6, 'a'.repeat(64)).hash).not.toBe(original);
    expect(chainEntry(draw, 5, 'b'.repeat(64)).hash).not.toBe(original);
  });

  it('should not depend on the order of keys in the data, at any depth, nor on keys left undefined', () => {
    const reordered = { pool: { excluded: ['bek'], group: 'reviewers' }, poolSize: 3, pick: 'ana', note: undefined };
    expect(chainEntry({ ...draw, data: reordered }, 1, GENESIS).hash).toBe(chainEntry(draw, 1, GENESIS).hash);
  });

  describe('canonical', () => {
    it('should write JSON with sorted keys, keep array order, and drop undefined members', () => {
      expect(canonical({ b: 1, a: [3, { d: null, c: 'x' }], e: undefined })).toBe('{"a":[3,{"c":"x","d":null}],"b":1}');
      expect(canonical([2, 1])).toBe('[2,1]');
      expect(canonical(null)).toBe('null');
      expect(canonical('text')).toBe('"text"');
      expect(canonical(undefined)).toBe('null');
    });

    it('should quote every key as JSON does, the first time and every time after, past the keys it remembers', () => {
      // Variable names are the users' own: quotes, backslashes, control characters, any script.
      const awkward = { 'say "hi"': 1, 'back\\slash': 2, 'line\nbreak': 3, 'өтініш': 4, '': 5 };
      const expected = `{${Object.keys(awkward)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${awkward[key as keyof typeof awkward]}`)
        .join(',')}}`;
      expect(canonical(awkward)).toBe(expected);
      expect(canonical(awkward)).toBe(expected);
      expect(JSON.parse(canonical(awkward))).toEqual(awkward);
      // More distinct keys than are remembered: the text is the same whether remembered or not.
      const many = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`field "${i}"`, i]));
      const text = canonical(many);
      expect(JSON.parse(text)).toEqual(many);
      expect(canonical(many)).toBe(text);
      expect(canonical(awkward)).toBe(expected);
    });
  });

  describe('findBrokenLink', () => {
    it('should find nothing in an intact trail, from its start or from a known hash', () => {
      const entries = trail();
      expect(findBrokenLink(entries)).toBeUndefined();
      expect(findBrokenLink(entries.slice(1), entries[0]!.hash)).toBeUndefined();
    });

    it('should name an entry whose content was edited', () => {
      const [first, second, third] = trail();
      const edited = { ...second!, data: { outcome: 'refuse' } };
      expect(findBrokenLink([first!, edited, third!])).toBe(edited);
    });

    it('should name the entry after one that was rehashed to hide an edit (its link no longer matches)', () => {
      const [first, second, third] = trail();
      const rehashed = chainEntry({ ...second!, data: { outcome: 'refuse' } }, 2, first!.hash);
      expect(findBrokenLink([first!, rehashed, third!])).toBe(third);
    });

    it('should name the first entry when the trail does not start where it should', () => {
      const entries = trail();
      expect(findBrokenLink(entries.slice(1))).toBe(entries[1]);
    });
  });
});
