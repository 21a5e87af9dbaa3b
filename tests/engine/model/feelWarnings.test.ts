import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, openHarness, type Harness } from '../../support/harness.js';

describe('Deploy warnings on FEEL', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(() => h.dispose());

  it('should deploy a condition that calls a function FEEL lacks, with a warning naming the flow and the function, and stop at an incident when it runs', async () => {
    const result = await h.engine.deploy(fixture(import.meta.url, 'UnknownFeelFunction.bpmn'));
    const feel = result.warnings.filter((w) => w.includes('FEEL does not have'));
    expect(feel).toEqual([expect.stringMatching(/^f_defined: the condition .* of sequence flow f_defined calls is defined\(\), which FEEL does not have/)]);
    expect(feel.join('\n')).not.toContain('calls string length'); // a FEEL built-in
    const { id } = await h.engine.start('unknown_function', { variables: { income: 1, name: 'Aigerim' } });
    expect((await h.engine.instance(id)).incidents).toEqual([expect.objectContaining({ elementId: 'decide', message: expect.stringContaining('f_defined') })]);
  });
});
