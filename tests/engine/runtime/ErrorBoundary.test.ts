import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('Error boundary events', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(() => h.dispose());

  it('should let the boundary naming the error code win over a catch-all written before it, across a restart', async () => {
    await h.engine.deploy(fixture(import.meta.url, 'ErrorBoundary.bpmn'));
    const { id } = await h.engine.start('error_order');
    const engine = await h.restart();
    await engine.completeTask((await onlyTask(engine, id)).id, { by: 'official' });
    const entered = await path(engine, id);
    expect(entered).toContain('on_docs_missing');
    expect(entered).not.toContain('any_error');
    expect((await onlyTask(engine, id)).elementId).toBe('ask_documents');
  });

  it('should refuse a non-interrupting error boundary at deploy, naming the element', async () => {
    const error = await h.engine.deploy(fixture(import.meta.url, 'ErrorBoundaryNonInterrupting.bpmn')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).problems).toEqual([expect.objectContaining({ elementId: 'not_found', message: expect.stringContaining('cancelActivity="false"') })]);
  });
});
