import fakeJoin from 'bpmnlint/rules/fake-join.js';
import labelRequired from 'bpmnlint/rules/label-required.js';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows.js';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork.js';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements.js';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition.js';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway.js';
import { backOfficeGroup, backOfficeSla, returnsResultAtFront, serviceCode, taskForm, type RuleFactory } from './psRules.js';

/**
 * The one lint rule set: run at deploy (errors refuse the model, warnings come back with the
 * deployed version) and in the designer (markers on the canvas, bpmn-js-bpmnlint). `bpmnlint`
 * rules are the upstream ones; `tereze` rules are the public-service conventions. Plain ESM
 * imports, no Node API: the browser bundle takes this module as it is.
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
    'tereze/task-form': 'error',
  },
} as const;

/** The rule factories behind `lintConfig`, keyed the way bpmnlint's StaticResolver expects. */
export const lintRuleCache: Record<string, RuleFactory> = {
  'rule:bpmnlint/no-duplicate-sequence-flows': noDuplicateSequenceFlows as RuleFactory,
  'rule:bpmnlint/single-event-definition': singleEventDefinition as RuleFactory,
  'rule:bpmnlint/label-required': labelRequired as RuleFactory,
  'rule:bpmnlint/no-overlapping-elements': noOverlappingElements as RuleFactory,
  'rule:bpmnlint/superfluous-gateway': superfluousGateway as RuleFactory,
  'rule:bpmnlint/fake-join': fakeJoin as RuleFactory,
  'rule:bpmnlint/no-gateway-join-fork': noGatewayJoinFork as RuleFactory,
  'rule:bpmnlint-plugin-tereze/back-office-group': backOfficeGroup,
  'rule:bpmnlint-plugin-tereze/returns-result-at-front': returnsResultAtFront,
  'rule:bpmnlint-plugin-tereze/back-office-sla': backOfficeSla,
  'rule:bpmnlint-plugin-tereze/service-code': serviceCode,
  'rule:bpmnlint-plugin-tereze/task-form': taskForm,
};
