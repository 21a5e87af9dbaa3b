/**
 * Messages kept for a catch not yet entered (correlate with a ttl), on two engines sharing one
 * PostgreSQL database (two nodes) acting at the same moment: a kept message is consumed once,
 * and a message kept while a catch is being entered elsewhere is never lost between them.
 * Skipped with the reason where no server can start.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, manualClock, type Engine } from '../../../engine/index.js';
import { postgresStore } from '../../../engine/store/postgres/PostgresStore.js';
import { fixture, onlyTask } from '../../support/harness.js';
import { dropTestSchemas, freshSchema, postgresSkip, postgresUrl } from '../../support/postgresTestStore.js';

afterAll(dropTestSchemas);

describe.skipIf(postgresSkip !== undefined)(`kept messages on two PostgreSQL nodes${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  const clock = manualClock('2026-03-02T04:00:00Z');
  let a: Engine;
  let b: Engine;
  beforeEach(async () => {
    const schema = freshSchema();
    a = await createEngine({ store: postgresStore({ url: postgresUrl!, schema, poolSize: 4, applicationName: 'node-a' }), clock });
    b = await createEngine({ store: postgresStore({ url: postgresUrl!, schema, poolSize: 4, applicationName: 'node-b' }), clock });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('should let exactly one of two catches entered at once on two nodes consume one kept message', async () => {
    await a.deploy(fixture(import.meta.url, 'KeptMessages.bpmn'));
    for (let round = 0; round < 4; round++) {
      const { id } = await a.start('two_waits');
      expect((await b.correlate('documentsProvided', { instanceId: id, variables: { round }, ttl: 'P1D' })).buffered).toBe(true);
      const tasks = await a.tasks({ instanceId: id });
      const first = tasks.find((t) => t.elementId === 'check_a')!;
      const second = tasks.find((t) => t.elementId === 'check_b')!;
      await Promise.all([a.completeTask(first.id, { by: 'official-a' }), b.completeTask(second.id, { by: 'official-b' })]);
      const view = await a.instance(id);
      // One wait got the message and went on to the join; the other still waits.
      expect(view.tokens.map((t) => `${t.elementId}:${t.state}`).sort()).toEqual(expect.arrayContaining(['join:joining']));
      expect(view.tokens.filter((t) => t.wait?.kind === 'message')).toHaveLength(1);
      expect((await a.history(id)).filter((e) => e.event === 'message' && e.elementId !== 'two_waits')).toHaveLength(1);
      expect((await a.audit({ subject: id })).filter((e) => e.action === 'message.correlate')).toHaveLength(1);
    }
  });

  it('should never lose a message kept on one node while the other enters its catch', async () => {
    await a.deploy(fixture(import.meta.url, '../runtime/MessageTtl.bpmn'));
    for (let round = 0; round < 6; round++) {
      const { id } = await a.start('message_ttl');
      const review = await onlyTask(a, id);
      await Promise.all([
        b.correlate('documentsProvided', { instanceId: id, variables: { round }, ttl: 'P1D' }),
        a.completeTask(review.id, { by: 'official' }),
      ]);
      // Kept first and consumed by the catch, or delivered to the catch entered first: either way it went on.
      const view = await b.instance(id);
      expect(view.tokens.map((t) => t.elementId)).toEqual(['decide']);
      expect(view.variables.round).toBe(round);
    }
  });
});
