/// <reference path="../../../../engine/model/bpmn-moddle.d.ts" />
import lintModule from 'bpmn-js-bpmnlint';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import { lintConfig, lintRuleCache } from '../../../../engine/model/lint/ruleSet.js';
import './lintColours.css';

/** The deploy check's rule set (engine/model/lint/ruleSet.ts), marked live on the canvas. */
export const lintingModule = lintModule;

export const lintingOptions = {
  bpmnlint: { config: lintConfig, resolver: new StaticResolver(lintRuleCache) },
  active: true,
};
