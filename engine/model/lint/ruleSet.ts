import { createRequire } from 'node:module';
import { backOfficeGroup, backOfficeSla, returnsResultAtFront, serviceCode, type RuleFactory } from './psRules.js';

const require = createRequire(import.meta.url);

/**
 * The one lint rule set: run at deploy (errors refuse the model, warnings come back with the
 * deployed version) and in the designer (markers on the canvas). `bpmnlint` rules are the
 * upstream ones; `tereze` rules are the public-service conventions.
 */
export const lintConfig = {
  rules: {
    'bpmnlint/no-duplicate-sequence-flows': 'error',
    'bpmnlint/single-event-definition': 'error',
    'bpmnlint/label-required': 'warn',
    'bpmnlint/no-overlapping-elements': 'warn',
    'bpmnlint/superfluous-gateway': 'warn',
    'bpmnlint/fake-join': 'warn',
    'bpmnlint/no-gateway-join-fork': 'warn',
    'tereze/back-office-group': 'error',
    'tereze/returns-result-at-front': 'error',
    'tereze/back-office-sla': 'warn',
    'tereze/service-code': 'warn',
  },
} as const;

const upstream = (name: string) => require(`bpmnlint/rules/${name}`) as RuleFactory;

/** The rule factories behind `lintConfig`, keyed the way bpmnlint's StaticResolver expects. */
export const lintRuleCache: Record<string, RuleFactory> = {
  'rule:bpmnlint/no-duplicate-sequence-flows': upstream('no-duplicate-sequence-flows'),
  'rule:bpmnlint/single-event-definition': upstream('single-event-definition'),
  'rule:bpmnlint/label-required': upstream('label-required'),
  'rule:bpmnlint/no-overlapping-elements': upstream('no-overlapping-elements'),
  'rule:bpmnlint/superfluous-gateway': upstream('superfluous-gateway'),
  'rule:bpmnlint/fake-join': upstream('fake-join'),
  'rule:bpmnlint/no-gateway-join-fork': upstream('no-gateway-join-fork'),
  'rule:bpmnlint-plugin-tereze/back-office-group': backOfficeGroup,
  'rule:bpmnlint-plugin-tereze/returns-result-at-front': returnsResultAtFront,
  'rule:bpmnlint-plugin-tereze/back-office-sla': backOfficeSla,
  'rule:bpmnlint-plugin-tereze/service-code': serviceCode,
};
