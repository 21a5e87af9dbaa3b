import lintModule from 'bpmn-js-bpmnlint';
import type { ModelVerdict } from '../../api/ApiClient.js';
import { t } from '../../i18n/i18n.js';

/** bpmnlint's answer: per rule, its reports (bpmn-js-bpmnlint draws them on the elements). */
export type LintReports = Record<string, LintReport[]>;
export interface LintReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

/** The modeler's `deployCheck` option: how to ask the server what a deploy would say. */
export interface DeployCheckConfig {
  readonly validate?: (xml: string) => Promise<ModelVerdict>;
}

/** The rule name the server's problems are listed under on the canvas. */
export const DEPLOY_CHECK = 'deploy-check';

/** Quiet time after an edit before the model is sent: a burst of edits is one request. */
const SETTLE_MS = 350;

/**
 * Reports on the canvas = the deploy's verdict. bpmnlint's errors are left out when the server
 * answered (its verdict holds them, with the compiler's, the handlers' and the calendars'); its
 * warnings stay, and the server's warnings that are not bpmnlint's are added. Without an answer
 * (offline, the server down) the live lint stands alone, with an info saying so.
 */
export function mergeVerdict(local: LintReports, verdict: ModelVerdict | 'unreachable'): LintReports {
  if (verdict === 'unreachable') {
    return { ...local, [DEPLOY_CHECK]: [{ id: 'definitions', message: t('modeler.verdictUnreachable'), category: 'info' }] };
  }
  const merged: LintReports = {};
  const localWarnings = new Set<string>();
  for (const [rule, reports] of Object.entries(local)) {
    const kept = reports.filter((r) => r.category === 'warn' || r.category === 'info');
    for (const r of kept) localWarnings.add(`${r.id ?? 'definitions'}: ${r.message} (${rule})`);
    if (kept.length) merged[rule] = kept;
  }
  const reports: LintReport[] = verdict.problems.map((p) => ({ id: p.elementId, message: p.message, category: 'error' }));
  for (const warning of verdict.warnings) {
    if (localWarnings.has(warning)) continue;
    const [, id, message] = /^([^\s:]+): ([\s\S]*)$/.exec(warning) ?? [undefined, 'definitions', warning];
    reports.push({ id, message: message!, category: 'warn' });
  }
  if (reports.length) merged[DEPLOY_CHECK] = reports;
  return merged;
}

interface LintingBase {
  lint(): Promise<LintReports>;
  _bpmnjs: { saveXML(options?: { format?: boolean }): Promise<{ xml?: string }> };
}
type LintingConstructor = (new (...args: unknown[]) => LintingBase) & { $inject: string[] };

// bpmn-js-bpmnlint exports its module, not the class: the service's constructor is in it.
const Linting = (lintModule as unknown as { linting: [string, LintingConstructor] }).linting[1];

/**
 * bpmn-js-bpmnlint's linting with the deploy check added: each lint (on import and after every
 * change) also sends the XML to `POST /api/definitions/validate` once the edits settle. The
 * button's count and the markers are then what a deploy would refuse. A lint superseded by a
 * later one resolves unused (bpmn-js-bpmnlint keeps only the latest).
 */
class VerdictLinting extends Linting {
  static override $inject = [...Linting.$inject, 'config.deployCheck'];

  private readonly check: DeployCheckConfig;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private superseded: (() => void) | undefined;

  constructor(...args: unknown[]) {
    const check = args.pop() as DeployCheckConfig | undefined;
    super(...args);
    this.check = check ?? {};
  }

  override lint(): Promise<LintReports> {
    const local = super.lint();
    const validate = this.check.validate;
    if (!validate) return local;
    return Promise.all([local, this.verdict(validate)]).then(([reports, verdict]) => (verdict ? mergeVerdict(reports, verdict) : reports));
  }

  private verdict(validate: (xml: string) => Promise<ModelVerdict>): Promise<ModelVerdict | 'unreachable' | undefined> {
    clearTimeout(this.timer);
    this.superseded?.();
    return new Promise((resolve) => {
      this.superseded = () => resolve(undefined);
      this.timer = setTimeout(() => {
        this.superseded = undefined;
        this._bpmnjs
          .saveXML({ format: true })
          .then(({ xml }) => validate(xml ?? ''))
          .then(resolve, () => resolve('unreachable'));
      }, SETTLE_MS);
    });
  }
}

/** bpmn-js-bpmnlint with its `linting` service replaced by the one that adds the deploy check. */
export const verdictLintingModule = {
  __depends__: [lintModule],
  linting: ['type', VerdictLinting],
};
