export { lintDefinitions, type LintResult } from './lintDefinitions.js';
export { lintConfig, lintRuleCache } from './ruleSet.js';
