import lintModule from 'bpmn-js-bpmnlint';
import type { ModelVerdict } from '../../api/modelVerdict.js';
import { t } from '../../i18n/i18n.js';
import { sayProblem } from './problemWords.js';
import { mergeVerdict, type LintReports } from './verdictReports.js';

/** The modeler's `deployCheck` option: how to ask the server what a deploy would say. */
export interface DeployCheckConfig {
  readonly validate?: (xml: string) => Promise<ModelVerdict>;
}

/** Quiet time after an edit before the model is sent: a burst of edits is one request. */
const SETTLE_MS = 350;

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
    return Promise.all([local, this.verdict(validate)]).then(([reports, verdict]) => (verdict ? mergeVerdict(reports, verdict === 'unreachable' ? { unreachable: t('modeler.verdictUnreachable') } : verdict, sayProblem) : reports));
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
