/** The public-service measurements' lines of the readable table. */
import type { OpStats } from './measure.js';
import type { Report } from './report.js';
import { DEADLINE_UNITS, STRATEGIES, isMeasurementFailure, type MeasurementOutput } from './semanticsTypes.js';

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const widths = [38, 11, 12, 10, 10, 12];
const right = [false, true, true, true, true, true];
const row = (cells: string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' ').trimEnd();
const opRow = (label: string, s: OpStats, rssMb: number) => row([label, fmt(s.n), fmt(s.perSec), fmt(s.p50Us, 1), fmt(s.p99Us, 1), fmt(rssMb, 1)]);

function failed(name: string, output: MeasurementOutput | undefined): string[] | undefined {
  if (!output) return [];
  return isMeasurementFailure(output) ? [`${name}: FAILED — ${output.error}`] : undefined;
}

export function renderSemantics(report: Report): string[] {
  const { deadlines, assignment, sweep } = report;
  if (!deadlines && !assignment && !sweep) return [];
  const lines = ['', 'Public-service semantics (each measurement in a fresh node process; every result checked)', ''];
  const ops: string[] = [];
  const deadlineFailure = failed('deadlines', deadlines);
  if (deadlineFailure) ops.push(...deadlineFailure);
  else if (deadlines && deadlines.measure === 'deadlines' && !isMeasurementFailure(deadlines)) {
    for (const unit of DEADLINE_UNITS) ops.push(opRow(`deadline, 5 ${unit}`, deadlines.perUnit[unit], deadlines.peakRssMb));
    ops.push(opRow('deadline, all three units', deadlines.overall, deadlines.peakRssMb));
  }
  const assignmentFailure = failed('assignment', assignment);
  if (assignmentFailure) ops.push(...assignmentFailure);
  else if (assignment && assignment.measure === 'assignment' && !isMeasurementFailure(assignment)) {
    for (const strategy of STRATEGIES) {
      const s = assignment.strategies[strategy];
      if (s) ops.push(opRow(`assignment pick, ${strategy}${strategy === 'round-robin' ? ' + commit' : ''}`, s, assignment.peakRssMb));
    }
  }
  if (ops.length) {
    lines.push(row(['measurement', 'operations', 'per second', 'p50 µs', 'p99 µs', 'peak RSS MB']));
    lines.push(row(widths.map((w) => '-'.repeat(w))));
    lines.push(...ops);
    if (deadlines && !isMeasurementFailure(deadlines) && deadlines.measure === 'deadlines') lines.push(`deadlines: ${deadlines.setup}; ${fmt(deadlines.checked)} results checked`);
    if (assignment && !isMeasurementFailure(assignment) && assignment.measure === 'assignment') {
      lines.push(`assignment: ${assignment.setup} (${assignment.eligible} eligible)`);
      for (const note of assignment.notes) lines.push(`  ${note}`);
    }
  }
  const sweepFailure = failed('sweep', sweep);
  if (sweepFailure) lines.push(...sweepFailure);
  else if (sweep && sweep.measure === 'sweep' && !isMeasurementFailure(sweep)) {
    const verdict = sweep.targetMet === undefined ? `target < ${sweep.targetMs} ms applies to 1,000,000 tasks: not judged` : `target < ${sweep.targetMs} ms: ${sweep.targetMet ? 'MET' : 'NOT MET'}`;
    lines.push('');
    lines.push(`SLA sweep, sqlite file, ${fmt(sweep.openTasks)} open tasks, ${fmt(sweep.crossing)} crossed: median ${fmt(sweep.repeatMedianMs, 1)} ms of ${sweep.repeatSweepsMs.length} sweeps — ${verdict}`);
    lines.push(`  first sweep (fresh process) ${fmt(sweep.sweepMs, 1)} ms: crossing queries ${fmt(sweep.sweepReadMs, 1)} ms, commits ${fmt(sweep.sweepCommitMs, 1)} ms; repeats ${sweep.repeatSweepsMs.map((v) => fmt(v, 1)).join(', ')} ms`);
    lines.push(`  flagged ${fmt(sweep.flagged.atRisk)} at risk + ${fmt(sweep.flagged.overdue)} overdue (checked in rows, documents and audit); next sweep with nothing to flag ${fmt(sweep.emptySweepMs, 2)} ms`);
    lines.push(`  setup ${fmt(sweep.setupMs / 1000, 1)} s, file ${fmt(sweep.fileMb, 0)} MB, peak RSS ${fmt(sweep.peakRssMb, 0)} MB`);
    if (sweep.analyze) {
      const a = sweep.analyze;
      lines.push(`  after ANALYZE (${fmt(a.analyzeMs)} ms): median ${fmt(a.medianMs, 1)} ms of ${a.sweepsMs.map((v) => fmt(v, 1)).join(', ')} ms`);
    }
    for (const note of sweep.notes) lines.push(`  ${note}`);
  }
  return lines;
}
