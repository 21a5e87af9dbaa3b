/**
 * Tereze's own bpmnlint rules: the public-service conventions a model should keep beyond
 * what the deploy validation enforces. bpmnlint rule factories, shared by deploy and designer.
 */
import { parseTaskForm } from '../../forms/parseTaskForm.js';
import type { ModdleElement } from '../parseXml.js';

export interface Reporter {
  report(id: string, message: string): void;
}

export type RuleFactory = () => { check(node: ModdleElement, reporter: Reporter): void };

const attr = (node: ModdleElement, name: string) => (typeof node.get === 'function' ? (node.get(name) as string | undefined) : undefined);
const is = (node: ModdleElement, type: string) => node.$type === type;

/** A back-office task must say whose queue it goes to: random assignment needs a pool. */
export const backOfficeGroup: RuleFactory = () => ({
  check(node, reporter) {
    if (is(node, 'bpmn:UserTask') && attr(node, 'ps:office') === 'back' && !attr(node, 'ps:candidateGroup')) {
      reporter.report(node.id!, 'a back-office task needs a ps:candidateGroup (the officials it is drawn among)');
    }
  },
});

/** The result is handed back at the centre, by the front office. */
export const returnsResultAtFront: RuleFactory = () => ({
  check(node, reporter) {
    if (is(node, 'bpmn:UserTask') && attr(node, 'ps:returnsResult') === 'true' && attr(node, 'ps:office') === 'back') {
      reporter.report(node.id!, 'ps:returnsResult belongs on a front-office task: results are handed back at the centre');
    }
  },
});

/**
 * Back-office work has a deadline in every service standard. A task reached only from a
 * boundary event (an escalation to a supervisor) is the reaction to a deadline, not one.
 */
export const backOfficeSla: RuleFactory = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:UserTask') || attr(node, 'ps:office') !== 'back') return;
    const siblings = (((node.$parent as ModdleElement | undefined)?.flowElements as ModdleElement[] | undefined) ?? []);
    const sources = siblings.filter((e) => is(e, 'bpmn:SequenceFlow') && (e.targetRef as ModdleElement | undefined)?.id === node.id).map((f) => f.sourceRef as ModdleElement | undefined);
    if (sources.length && sources.every((source) => source && is(source, 'bpmn:BoundaryEvent'))) return;
    const values = ((node.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined) ?? [];
    if (!values.some((v) => v.$type === 'ps:Sla')) reporter.report(node.id!, 'a back-office task without a ps:sla is never flagged overdue');
  },
});

/** Statistics, routing and the catalogue find a process by its service code. */
export const serviceCode: RuleFactory = () => ({
  check(node, reporter) {
    if (is(node, 'bpmn:Process') && node.isExecutable !== false && !attr(node, 'ps:serviceCode')) {
      reporter.report(node.id!, 'an executable process should carry its ps:serviceCode (routing policy and statistics use it)');
    }
  },
});

/**
 * A user task's `ps:form` must be a form-js schema the engine can check completions against:
 * valid JSON, supported components, one field per key, within MODEL_LIMITS (engine/forms).
 */
export const taskForm: RuleFactory = () => ({
  check(node, reporter) {
    const values = ((node.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined) ?? [];
    const forms = values.filter((v) => v.$type === 'ps:Form');
    if (!forms.length) return;
    if (!is(node, 'bpmn:UserTask')) return reporter.report(node.id!, 'a ps:form belongs on a user task');
    if (forms.length > 1) reporter.report(node.id!, 'a user task has one ps:form, not several');
    for (const problem of parseTaskForm(forms[0]!.body as string | undefined).problems) reporter.report(node.id!, `ps:form: ${problem}`);
  },
});
