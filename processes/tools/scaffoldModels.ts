/**
 * Scaffolds the catalogue's BPMN models from their standards (a tool, not a build step).
 *
 *   npx tsx processes/tools/scaffoldModels.ts [CODE ...]      # rewrites processes/<CODE>/<CODE>.bpmn
 *
 * The committed .bpmn files are the source of truth: a designer edits them in the modeler, and
 * this tool only wrote their first version. Re-running it overwrites a model with the pattern
 * below, so do it only for a service whose model nobody has edited by hand since.
 *
 * The pattern (docs/modelling-guide.md explains each part): one start event per channel of the
 * standard → the clerk's completeness check (an incomplete package ends with a refusal receipt)
 * → the back office's review, drawn at random, with its SLA (D-1) and an escalation when overdue
 * → approve / refuse / request documents (a paused wait of up to 30 days, refused when it runs
 * out) → optionally a second review by another official → the result or the refusal goes to the
 * centre → the clerk hands it back, and a result not collected in 30 days goes to the archive.
 * With `withdrawal`, an interrupting message event sub-process lets the applicant withdraw at
 * any moment: the open work is cancelled, the withdrawal recorded, the application ends.
 *
 * The diagram comes from ./layoutDiagram.ts; the tool checks that the laid-out XML still
 * compiles to the same process graph (same `ps` attributes) before it writes a file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileDefinitions } from '../../engine/index.js';
import { CATALOGUE_DIR, parseStandard, type ServiceStandard, type ServiceTerm } from '../standard.js';
import { layoutDiagram } from './layoutDiagram.js';
import { MODEL_OPTIONS, type ModelOptions } from './modelOptions.js';
import { agencyCheckForm, completenessForm, concurrenceForm, escalationForm, handBackForm, offerPlaceForm, psForm, reviewForm, secondReviewForm } from './taskForms.js';

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const slaOnly = (t: ServiceTerm) => `<ps:sla duration="${t.duration}" unit="${t.unit}"${t.calendar ? ` calendar="${t.calendar}"` : ''} />`;
/** A task's extension elements: its SLA and, for a user task, its form (./taskForms.ts). */
const sla = (t: ServiceTerm | undefined, form?: Parameters<typeof psForm>[0]) => `<bpmn:extensionElements>${t ? slaOnly(t) : ''}${form ? psForm(form) : ''}</bpmn:extensionElements>`;

const CHANNEL_START: Record<string, string> = {
  centre: 'Application at a service centre',
  agency: "Application at the agency's desk",
  portal: 'Application on the e-government portal',
};

/** The semantic XML (no DI) of one service. */
export function semanticModel(s: ServiceStandard, o: ModelOptions): string {
  const lines: string[] = [];
  const flows: string[] = [];
  let n = 0;
  const links: { id: string; from: string; to: string }[] = [];
  let agencyFlows = 0;
  const flow = (from: string, to: string, condition?: string, name?: string, own?: 'agency') => {
    const id = own ? `flow_${own}_${++agencyFlows}` : `flow_${++n}`;
    links.push({ id, from, to });
    const label = name ? ` name="${esc(name)}"` : '';
    flows.push(
      condition
        ? `    <bpmn:sequenceFlow id="${id}"${label} sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `    <bpmn:sequenceFlow id="${id}"${label} sourceRef="${from}" targetRef="${to}" />`,
    );
    return id;
  };
  const el = (xml: string) => lines.push(`    ${xml}`);
  const clerks = 'centre-clerks';
  const supervisors = `${s.agency}-supervisors`;

  // Start events, one per channel, merged before the completeness check. The agency desk's
  // applications go to the agency's own intake (its desk officials), not the centre clerks'.
  const atCentre = s.channels.filter((c) => c !== 'agency');
  const desk = s.channels.includes('agency');
  const intakeTarget = atCentre.length > 1 ? 'received' : 'check_completeness';
  for (const channel of s.channels) {
    el(`<bpmn:startEvent id="start_${channel}" name="${esc(CHANNEL_START[channel]!)}" ps:channel="${channel}" ps:notify="received" />`);
    flow(`start_${channel}`, channel === 'agency' ? 'agency_intake' : intakeTarget);
  }
  if (atCentre.length > 1) {
    el(`<bpmn:exclusiveGateway id="received" name="Application received" />`);
    flow('received', 'check_completeness');
  }

  // Intake: the clerk checks the package at the counter (maximum counter time).
  el(`<bpmn:userTask id="check_completeness" name="Check the package is complete" ps:office="front" ps:candidateGroup="${clerks}" ps:assignment="claim">${sla({ duration: s.maxCounterMinutes, unit: 'minutes', calendar: 'centre' }, completenessForm('check_completeness', s))}</bpmn:userTask>`);
  flow('check_completeness', desk ? 'package_checked' : 'package_complete');
  if (desk) {
    el(`<bpmn:userTask id="agency_intake" name="Check the package at the agency's desk" ps:office="back" ps:candidateGroup="${s.agency}-desk" ps:assignment="claim">${sla({ duration: s.maxCounterMinutes, unit: 'minutes', calendar: 'agency' }, completenessForm('agency_intake', s))}</bpmn:userTask>`);
    flow('agency_intake', 'package_checked', undefined, undefined, 'agency');
    el(`<bpmn:exclusiveGateway id="package_checked" name="Package checked" />`);
    flow('package_checked', 'package_complete', undefined, undefined, 'agency');
  }
  const toBack = o.agencyCheck ? 'agency_check' : 'to_review';
  el(`<bpmn:exclusiveGateway id="package_complete" name="Package complete?" default="flow_${n + 1}" />`);
  flow('package_complete', toBack, undefined, 'complete');
  flow('package_complete', 'give_refusal_receipt', 'outcome = "incomplete"', 'incomplete');
  el(`<bpmn:serviceTask id="give_refusal_receipt" name="Give a refusal receipt" ps:handler="issueRefusal" />`);
  flow('give_refusal_receipt', 'refused_incomplete');
  el(`<bpmn:endEvent id="refused_incomplete" name="Refused: package incomplete" />`);

  // Land: the agency's own completeness check within 2 working days (rule 5).
  if (o.agencyCheck) {
    const term = s.stageTerms['agency_check']!;
    el(`<bpmn:userTask id="agency_check" name="Check the package at the agency" ps:office="back" ps:candidateGroup="${o.group}" ps:assignment="random">${sla(term, agencyCheckForm(s))}</bpmn:userTask>`);
    flow('agency_check', 'agency_check_ok');
    el(`<bpmn:exclusiveGateway id="agency_check_ok" name="Package in order?" default="flow_${n + 1}" />`);
    flow('agency_check_ok', 'to_review', undefined, 'in order');
    flow('agency_check_ok', 'to_refusal', 'outcome = "refuse"', 'refuse');
  }

  // The back office's review: random draw, the standard's term at D-1, escalation when overdue.
  el(`<bpmn:exclusiveGateway id="to_review" name="To the back office" />`);
  flow('to_review', 'review');
  const reviewTerm = o.reviewTerm ?? s.term;
  el(`<bpmn:userTask id="review" name="${esc(o.reviewName)}" ps:office="back" ps:candidateGroup="${o.group}" ps:assignment="random">${sla(reviewTerm, reviewForm(s))}</bpmn:userTask>`);
  el(`<bpmn:boundaryEvent id="review_overdue" name="Review overdue" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition ps:slaTrigger="overdue" /></bpmn:boundaryEvent>`);
  flow('review_overdue', 'act_on_overdue_review');
  el(`<bpmn:userTask id="act_on_overdue_review" name="Act on the overdue review" ps:office="back" ps:candidateGroup="${supervisors}" ps:assignment="claim">${sla(undefined, escalationForm())}</bpmn:userTask>`);
  flow('act_on_overdue_review', 'escalation_handled');
  el(`<bpmn:endEvent id="escalation_handled" name="Escalation handled" />`);
  flow('review', 'decision');
  const afterApproval = s.secondReview ? 'second_review' : o.offer ? 'offer_place' : 'issue_result';
  const approveTarget = o.concurrence ? 'concurrence' : afterApproval;
  el(`<bpmn:exclusiveGateway id="decision" name="Decision?" default="flow_${n + 1}" />`);
  flow('decision', approveTarget, undefined, 'approve');
  flow('decision', 'to_refusal', 'outcome = "refuse"', 'refuse');
  flow('decision', 'await_documents', 'outcome = "request documents"', 'request documents');

  // Request for documents: the SLA pauses; the 30-day limit refuses.
  el(`<bpmn:receiveTask id="await_documents" name="Wait for the missing documents" messageRef="msg_documents" ps:pausesSla="true" ps:notify="documentsNeeded" />`);
  el(`<bpmn:boundaryEvent id="documents_not_brought" name="${s.documentsPauseDays} days without the documents" attachedToRef="await_documents"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P${s.documentsPauseDays}D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`);
  flow('await_documents', 'to_review');
  flow('documents_not_brought', 'to_refusal');

  // Land: the akimat's departments concur in parallel, each in its own group, drawn at random
  // there; what each says is gathered in `concurrences`, in the departments' order.
  if (o.concurrence) {
    const departments = `=[${o.concurrence.map((d) => JSON.stringify(d)).join(', ')}]`;
    const term = s.stageTerms['concurrence'];
    const loop = `<bpmn:multiInstanceLoopCharacteristics isSequential="false" ps:collection="${esc(departments)}" ps:elementVariable="department" ps:outputCollection="concurrences" ps:outputElement="${esc('={department: department, outcome: outcome, remarks: remarks}')}" />`;
    el(`<bpmn:userTask id="concurrence" name="Concurrence of the akimat's departments" ps:office="back" ps:candidateGroup="${esc('="akimat-" + department')}" ps:assignment="random">${sla(term, concurrenceForm())}${loop}</bpmn:userTask>`);
    flow('concurrence', 'concurred');
    el(`<bpmn:exclusiveGateway id="concurred" name="Every department concurs?" default="flow_${n + 1}" />`);
    flow('concurred', afterApproval, undefined, 'concur');
    flow('concurred', 'to_review', 'some c in concurrences satisfies c.outcome = "object"', 'objection');
  }

  if (s.secondReview) {
    el(`<bpmn:userTask id="second_review" name="Second review (another official)" ps:office="back" ps:candidateGroup="${o.group}" ps:assignment="random" ps:excludeAssigneesOf="review">${sla({ duration: 1, unit: 'workingDays', calendar: 'agency' }, secondReviewForm(s))}</bpmn:userTask>`);
    flow('second_review', 'confirmed');
    el(`<bpmn:exclusiveGateway id="confirmed" name="Decision confirmed?" default="flow_${n + 1}" />`);
    flow('confirmed', o.offer ? 'offer_place' : 'issue_result', undefined, 'confirm');
    flow('confirmed', 'to_refusal', 'outcome = "refuse"', 'refuse');
  }
  if (o.offer) {
    el(`<bpmn:userTask id="offer_place" name="Offer a place in a kindergarten" ps:office="back" ps:candidateGroup="${o.group}" ps:assignment="random">${sla(s.term, offerPlaceForm())}</bpmn:userTask>`);
    flow('offer_place', 'issue_result');
  }

  // The result or the reasoned refusal goes to the centre (by D-1), then back to the applicant.
  el(`<bpmn:serviceTask id="issue_result" name="${esc(o.issueName)}" ps:handler="issueResult" />`);
  flow('issue_result', 'to_hand_back');
  el(`<bpmn:exclusiveGateway id="to_refusal" name="Refusal" />`);
  flow('to_refusal', 'issue_refusal');
  el(`<bpmn:serviceTask id="issue_refusal" name="Issue the reasoned refusal to the centre" ps:handler="issueRefusal" />`);
  flow('issue_refusal', 'to_hand_back');
  el(`<bpmn:exclusiveGateway id="to_hand_back" name="At the centre" ps:notify="readyForCollection" />`);
  flow('to_hand_back', 'hand_back');
  el(`<bpmn:userTask id="hand_back" name="${esc(o.handBackName)}" ps:office="front" ps:candidateGroup="${clerks}" ps:assignment="claim" ps:returnsResult="true">${sla(undefined, handBackForm())}</bpmn:userTask>`);
  el(`<bpmn:boundaryEvent id="not_collected" name="Not collected in 30 days" attachedToRef="hand_back"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`);
  flow('hand_back', 'result_returned');
  el(`<bpmn:endEvent id="result_returned" name="Result returned" />`);
  flow('not_collected', 'archive_result');
  el(`<bpmn:serviceTask id="archive_result" name="Move the result to the archive" ps:handler="stamp" />`);
  flow('archive_result', 'archived');
  el(`<bpmn:endEvent id="archived" name="Result archived" ps:notify="uncollected" />`);

  // The applicant withdraws (message applicationWithdrawn, with the withdrawalReason): whatever
  // is open is cancelled, the withdrawal is recorded, and the application ends here.
  if (o.withdrawal) {
    el(`<bpmn:subProcess id="withdrawal" name="The applicant withdraws" triggeredByEvent="true">`);
    el(`  <bpmn:startEvent id="withdrawn" name="Application withdrawn"><bpmn:messageEventDefinition messageRef="msg_withdrawn" /></bpmn:startEvent>`);
    el(`  <bpmn:sequenceFlow id="flow_withdrawal_1" sourceRef="withdrawn" targetRef="record_withdrawal" />`);
    el(`  <bpmn:serviceTask id="record_withdrawal" name="Record the withdrawal" ps:handler="recordWithdrawal" />`);
    el(`  <bpmn:sequenceFlow id="flow_withdrawal_2" sourceRef="record_withdrawal" targetRef="withdrawal_closed" />`);
    el(`  <bpmn:endEvent id="withdrawal_closed" name="Application closed as withdrawn" ps:notify="withdrawn" />`);
    el(`</bpmn:subProcess>`);
  }

  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ps="https://tereze.dev/bpmn/ps" id="definitions_${s.processKey}" targetNamespace="https://tereze.dev/catalogue">
  <bpmn:message id="msg_documents" name="documentsProvided" />${o.withdrawal ? '\n  <bpmn:message id="msg_withdrawn" name="applicationWithdrawn" />' : ''}
  <bpmn:process id="${s.processKey}" name="${esc(s.names.en)}" isExecutable="true" ps:serviceCode="${s.code}" ps:agency="${s.agency}">
    <bpmn:documentation>${esc(o.documentation)}</bpmn:documentation>
    ${sla(s.term)}
${lines.map((line) => withLinks(line, links)).join('\n')}
${flows.join('\n')}
  </bpmn:process>
</bpmn:definitions>
`;
}

/**
 * Adds `<bpmn:incoming>` / `<bpmn:outgoing>` to a flow node, as the modeler writes them: the
 * layout reads a node's flows from them, not from the flows' sourceRef / targetRef.
 */
function withLinks(line: string, links: readonly { id: string; from: string; to: string }[]): string {
  const match = /^(\s*)<bpmn:(\w+) id="([^"]+)"([^>]*?)(\s*\/)?>(.*)$/.exec(line);
  if (!match) return line;
  const [, indent, tag, id, attrs, selfClosing, rest] = match;
  const refs = [
    ...links.filter((l) => l.to === id).map((l) => `<bpmn:incoming>${l.id}</bpmn:incoming>`),
    ...links.filter((l) => l.from === id).map((l) => `<bpmn:outgoing>${l.id}</bpmn:outgoing>`),
  ].join('');
  if (!refs) return line;
  if (selfClosing) return `${indent}<bpmn:${tag} id="${id}"${attrs}>${refs}</bpmn:${tag}>`;
  // extensionElements and event definitions come before incoming/outgoing in the schema's order.
  const close = `</bpmn:${tag}>`;
  return `${indent}<bpmn:${tag} id="${id}"${attrs}>${rest!.slice(0, rest!.length - close.length)}${refs}${close}`;
}

/** The ps attributes and SLAs a compiled model carries, to compare before and after layout. */
async function psFingerprint(xml: string): Promise<string> {
  const { processes } = await compileDefinitions(xml);
  return JSON.stringify(processes);
}

async function main(): Promise<void> {
  const only = new Set(process.argv.slice(2));
  for (const { code, standard, bpmnPath } of loadCatalogueLenient()) {
    if (only.size && !only.has(code)) continue;
    const options = MODEL_OPTIONS[code];
    if (!options) throw new Error(`processes/tools/modelOptions.ts has no entry for ${code}`);
    const semantic = semanticModel(standard, options);
    const laidOut = await layoutDiagram(semantic);
    if ((await psFingerprint(laidOut)) !== (await psFingerprint(semantic))) throw new Error(`${code}: the layout changed the model's semantics or ps attributes`);
    writeFileSync(bpmnPath, laidOut.endsWith('\n') ? laidOut : `${laidOut}\n`);
    console.log(`${code}: ${bpmnPath}`);
  }
}

/** Like loadCatalogue, but a missing model is what this tool is for. */
function loadCatalogueLenient(): { code: string; standard: ServiceStandard; bpmnPath: string }[] {
  const services = [];
  for (const code of readdirSync(CATALOGUE_DIR).sort()) {
    let json: string;
    try {
      json = readFileSync(join(CATALOGUE_DIR, code, 'standard.json'), 'utf8');
    } catch {
      continue;
    }
    services.push({ code, standard: parseStandard(json, `${code}/standard.json`), bpmnPath: join(CATALOGUE_DIR, code, `${code}.bpmn`) });
  }
  return services;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
