import { afterEach, describe, expect, it } from 'vitest';
import { BpmnError, DefinitionError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('ServiceTask', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  const registryLookup = ({ variables }: { variables: Readonly<Record<string, unknown>> }) => {
    if (variables.iin === 'unknown') throw new BpmnError('NOT_IN_REGISTRY', 'no such person');
    if (variables.iin === 'down') throw new Error('registry timed out');
    return { person: { iin: variables.iin, name: 'Aigerim' } };
  };

  it('should call its registered handler and merge the variables it returns', async () => {
    h = await openHarness({ handlers: { registryLookup } });
    await h.engine.deploy(fixture(import.meta.url, 'ServiceTask.bpmn'));
    const { id, state } = await h.engine.start('service_task', { variables: { iin: '900101300123' } });
    expect(state).toBe('completed');
    expect((await h.engine.instance(id)).variables.person).toEqual({ iin: '900101300123', name: 'Aigerim' });
    expect(await path(h.engine, id)).toEqual(['start', 'lookup', 'found']);
  });

  it('should route a BpmnError thrown by the handler to the error boundary event', async () => {
    h = await openHarness({ handlers: { registryLookup } });
    await h.engine.deploy(fixture(import.meta.url, 'ServiceTask.bpmn'));
    const { id } = await h.engine.start('service_task', { variables: { iin: 'unknown' } });
    expect(await path(h.engine, id)).toEqual(['start', 'lookup', 'not_found', 'manual_check']);
    const engine = await h.restart();
    await engine.completeTask((await onlyTask(engine, id)).id, { by: 'official' });
    expect((await engine.instance(id)).state).toBe('completed');
  });

  it('should turn any other handler failure into an incident on the instance', async () => {
    h = await openHarness({ handlers: { registryLookup } });
    await h.engine.deploy(fixture(import.meta.url, 'ServiceTask.bpmn'));
    const { id, state } = await h.engine.start('service_task', { variables: { iin: 'down' } });
    expect(state).toBe('incident');
    const view = await h.engine.instance(id);
    expect(view.incidents).toEqual([expect.objectContaining({ elementId: 'lookup', message: expect.stringContaining('registry timed out') })]);
  });

  it('should refuse at deploy a ps:handler that is not registered', async () => {
    h = await openHarness();
    const error = await h.engine.deploy(fixture(import.meta.url, 'ServiceTask.bpmn')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).problems).toEqual([expect.objectContaining({ elementId: 'lookup', message: expect.stringContaining("'registryLookup' on lookup is not registered") })]);
    expect(await h.engine.definitions()).toEqual([]);
  });
});
