import type { ModelVerdict, ProblemDetail } from '../../api/modelVerdict.js';

/** bpmnlint's answer: per rule, its reports (bpmn-js-bpmnlint draws them on the elements). */
export type LintReports = Record<string, LintReport[]>;
export interface LintReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

/** The rule name the server's problems are listed under on the canvas. */
export const DEPLOY_CHECK = 'deploy-check';

/**
 * Reports on the canvas = the deploy's verdict. bpmnlint's errors are left out when the server
 * answered (its verdict holds them, with the compiler's, the handlers' and the calendars'); its
 * warnings stay, and the server's warnings that are not bpmnlint's are added. Without an answer
 * (offline, the server down) the live lint stands alone, with an info saying so (`unreachable`,
 * in the UI's words).
 */
export function mergeVerdict(
  local: LintReports,
  verdict: ModelVerdict | { readonly unreachable: string },
  say: (code: string | undefined, message: string, detail?: ProblemDetail) => string = (_code, message) => message,
): LintReports {
  const sayLocal = (rule: string, reports: LintReport[]) => reports.map((r) => ({ ...r, message: say(`lint.${rule.slice(rule.indexOf('/') + 1)}`, r.message) }));
  if ('unreachable' in verdict) {
    const said: LintReports = Object.fromEntries(Object.entries(local).map(([rule, reports]) => [rule, sayLocal(rule, reports)]));
    return { ...said, [DEPLOY_CHECK]: [{ id: 'definitions', message: verdict.unreachable, category: 'info' }] };
  }
  const merged: LintReports = {};
  const localWarnings = new Set<string>();
  for (const [rule, reports] of Object.entries(local)) {
    const kept = reports.filter((r) => r.category === 'warn' || r.category === 'info');
    for (const r of kept) localWarnings.add(`${r.id ?? 'definitions'}: ${r.message} (${rule})`);
    if (kept.length) merged[rule] = sayLocal(rule, kept);
  }
  const reports: LintReport[] = verdict.problems.map((p) => ({ id: p.elementId, message: say(p.code, p.message, p.detail), category: 'error' }));
  for (const warning of verdict.warnings) {
    if (localWarnings.has(warning)) continue;
    const [, id, message] = /^([^\s:]+): ([\s\S]*)$/.exec(warning) ?? [undefined, 'definitions', warning];
    reports.push({ id, message: say(undefined, message!), category: 'warn' });
  }
  if (reports.length) merged[DEPLOY_CHECK] = reports;
  return merged;
}
