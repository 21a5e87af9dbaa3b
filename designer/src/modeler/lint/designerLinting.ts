/// <reference path="../../../../engine/model/bpmn-moddle.d.ts" />
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import { lintConfig, lintRuleCache } from '../../../../engine/model/lint/ruleSet.js';
import './lintColours.css';
import { verdictLintingModule } from './deployVerdict.js';

/**
 * The deploy check's rule set (engine/model/lint/ruleSet.ts), marked live on the canvas, with
 * the server's verdict on the whole model added as it settles (deployVerdict.ts).
 */
export const lintingModule = verdictLintingModule;

export const lintingOptions = {
  bpmnlint: { config: lintConfig, resolver: new StaticResolver(lintRuleCache) },
  active: true,
};
