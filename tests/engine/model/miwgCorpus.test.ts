import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../engine/index.js';
import { openHarness, type Harness } from '../../support/harness.js';
import { MIWG_CORPUS as CORPUS, miwgFiles as files, miwgSkipReason, miwgTitle } from '../../support/miwgCorpus.js';

describe.skipIf(miwgSkipReason !== undefined)(miwgTitle('the BPMN MIWG reference models'), () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(() => h.dispose());

  it('should be all 21 of them', () => {
    expect(files).toHaveLength(21);
  });

  it.each(files)('%s deploys, or is refused with a DefinitionError naming elements of the file', async (file) => {
    const xml = readFileSync(join(CORPUS, file), 'utf8');
    try {
      const result = await h.engine.deploy(xml);
      expect(result.version).toBeGreaterThanOrEqual(1);
      expect(xml).toContain(`id="${result.key}"`);
    } catch (error) {
      expect(error).toBeInstanceOf(DefinitionError);
      const problems = (error as DefinitionError).problems;
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        expect(problem.message).not.toBe('');
        if (problem.elementId !== 'definitions') expect(xml).toContain(`"${problem.elementId}"`);
      }
    }
  });
});
