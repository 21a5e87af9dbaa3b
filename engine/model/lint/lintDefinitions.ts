import { createRequire } from 'node:module';
import type { Problem } from '../../errors.js';
import type { ModdleElement } from '../parseXml.js';
import { lintConfig, lintRuleCache } from './ruleSet.js';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint') as { Linter: new (options: unknown) => { lint(root: unknown): Promise<Record<string, LintReport[]>> } };
const StaticResolver = require('bpmnlint/lib/resolver/static-resolver') as new (cache: unknown) => unknown;

interface LintReport {
  readonly id?: string;
  readonly message: string;
  readonly category: 'error' | 'warn' | 'info' | 'rule-error';
}

export interface LintResult {
  /** Rule violations that refuse the model. */
  readonly errors: Problem[];
  /** Advice returned with the deployed version (`element: message (rule)`). */
  readonly warnings: string[];
}

/** Runs the shared rule set over parsed definitions. */
export async function lintDefinitions(definitions: ModdleElement): Promise<LintResult> {
  // A linter per run: upstream rules keep state in their closures (seen flows…) for one lint.
  const linter = new Linter({ config: lintConfig, resolver: new StaticResolver(lintRuleCache) });
  const results = await linter.lint(definitions);
  const errors: Problem[] = [];
  const warnings: string[] = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      const elementId = report.id ?? 'definitions';
      if (report.category === 'error' || report.category === 'rule-error') errors.push({ elementId, message: `${report.message} (${rule})` });
      else warnings.push(`${elementId}: ${report.message} (${rule})`);
    }
  }
  return { errors, warnings };
}
