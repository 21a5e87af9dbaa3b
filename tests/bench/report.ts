/** Turns the workers' results into the JSON report and the readable table. */
import { cpus, loadavg } from 'node:os';
import { SCENARIO_SPECS } from './fixtures.js';
import { round } from './measure.js';
import { renderSemantics } from './semanticsReport.js';
import { isMeasurementFailure, type MeasurementName, type MeasurementOutput } from './semanticsTypes.js';
import { SCENARIOS, isFailure, type EngineName, type RunResult, type ScenarioName, type WorkerOutput } from './types.js';

/** The aims, as multiples of bpmn-engine's instances/s on the same file. */
export const AIMS = { fileVsBpmnEngine: 10, memoryVsBpmnEngine: 100 } as const;

const SLOT: Record<EngineName, 'bpmnEngine' | 'sqliteFile' | 'sqliteMemory'> = {
  'bpmn-engine': 'bpmnEngine',
  'sqlite-file': 'sqliteFile',
  'sqlite-memory': 'sqliteMemory',
};

export interface ScenarioReport {
  description: string;
  /** Instances at once in these runs: 1, one after another (latency); more, throughput. */
  inFlight: number;
  bpmnEngine?: WorkerOutput;
  sqliteFile?: WorkerOutput;
  sqliteMemory?: WorkerOutput;
  /** Tereze (sqlite file) instances/s ÷ bpmn-engine instances/s; absent unless both were measured. */
  ratioFileVsBpmnEngine?: number;
  /** Tereze (sqlite :memory:) instances/s ÷ bpmn-engine instances/s; absent unless both were measured. */
  ratioMemoryVsBpmnEngine?: number;
  aimFileMet?: boolean;
  aimMemoryMet?: boolean;
}

export interface Report {
  bench: 'tereze-vs-bpmn-engine';
  at: string;
  node: string;
  cpu: string;
  cpus: number;
  /** 1-minute load average before and after the runs: a shared machine makes every figure noisy. */
  load: { before: number; after: number };
  method: string;
  aims: typeof AIMS;
  scenarioA?: ScenarioReport;
  scenarioB?: ScenarioReport;
  /** The same runs with many instances at once (`--in-flight`, default 50). */
  scenarioAInFlight?: ScenarioReport;
  scenarioBInFlight?: ScenarioReport;
  /** computeDeadline per second (agency calendar, centre intake, back office), per unit and overall. */
  deadlines?: MeasurementOutput;
  /** TaskAssigner picks per second over 60 candidates, per strategy. */
  assignment?: MeasurementOutput;
  /** One engine.sweepSla() over 1,000,000 open tasks of which 1,000 crossed (sqlite file); target < 100 ms. */
  sweep?: MeasurementOutput;
  /** Every requested run produced verified figures. */
  allRunsOk: boolean;
  /** The ratio aims and the sweep target (when the sweep ran at 1,000,000 tasks); null when one could not be measured. */
  allAimsMet: boolean | null;
  notes: string[];
}

type SectionKey = 'scenarioA' | 'scenarioB' | 'scenarioAInFlight' | 'scenarioBInFlight';
/** A scenario's section: its runs one after another, or (`manyAtOnce`) with several instances in flight. */
const sectionKey = (s: ScenarioName, manyAtOnce: boolean): SectionKey => `scenario${s === 'a' ? 'A' : 'B'}${manyAtOnce ? 'InFlight' : ''}` as SectionKey;
/** Each scenario's sections in order: one after another, then many at once. */
const SECTIONS: readonly { scenario: ScenarioName; key: SectionKey }[] = SCENARIOS.flatMap((scenario) => [
  { scenario, key: sectionKey(scenario, false) },
  { scenario, key: sectionKey(scenario, true) },
]);

function ok(output: WorkerOutput | undefined): RunResult | undefined {
  return output && !isFailure(output) ? output : undefined;
}

export function buildReport(
  outputs: readonly WorkerOutput[],
  method: string,
  notes: string[],
  loadBefore: number,
  measurements: readonly MeasurementOutput[] = [],
): Report {
  const report: Report = {
    bench: 'tereze-vs-bpmn-engine',
    at: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    load: { before: round(loadBefore, 2), after: round(loadavg()[0] ?? Number.NaN, 2) },
    method,
    aims: AIMS,
    allRunsOk: outputs.every((o) => !isFailure(o)) && measurements.every((m) => !isMeasurementFailure(m)),
    allAimsMet: null,
    notes,
  };
  const verdicts: boolean[] = [];
  let missing = false;
  for (const { scenario, key } of SECTIONS) {
    const mine = outputs.filter((o) => sectionKey(o.scenario, o.inFlight > 1) === key);
    if (mine.length === 0) continue;
    const section: ScenarioReport = { description: SCENARIO_SPECS[scenario].description, inFlight: mine[0]!.inFlight };
    for (const output of mine) section[SLOT[output.engine]] = output;
    const base = ok(section.bpmnEngine);
    const file = ok(section.sqliteFile);
    const memory = ok(section.sqliteMemory);
    if (base && file) {
      section.ratioFileVsBpmnEngine = round(file.instancesPerSec / base.instancesPerSec, 2);
      section.aimFileMet = section.ratioFileVsBpmnEngine >= AIMS.fileVsBpmnEngine;
      verdicts.push(section.aimFileMet);
    } else missing = true;
    if (base && memory) {
      section.ratioMemoryVsBpmnEngine = round(memory.instancesPerSec / base.instancesPerSec, 2);
      section.aimMemoryMet = section.ratioMemoryVsBpmnEngine >= AIMS.memoryVsBpmnEngine;
      verdicts.push(section.aimMemoryMet);
    } else missing = true;
    report[key] = section;
  }
  for (const m of measurements) {
    report[m.measure satisfies MeasurementName] = m;
    if (m.measure !== 'sweep') continue;
    if (isMeasurementFailure(m)) missing = true;
    else if (m.targetMet !== undefined) verdicts.push(m.targetMet);
  }
  report.allAimsMet = missing ? null : verdicts.every(Boolean);
  assertRatioKeys(report);
  return report;
}

/** Keys containing "ratio" are the ratios and nothing else (a consumer greps for them). */
function assertRatioKeys(value: unknown, path = ''): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (/ratio/i.test(key) && typeof child !== 'number') throw new Error(`report key ${path}${key} contains "ratio" but is not a ratio`);
    assertRatioKeys(child, `${path}${key}.`);
  }
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

const fmt = (value: number, digits: number) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function renderTable(report: Report): string {
  const lines: string[] = [];
  const compared = SECTIONS.some(({ key }) => report[key] !== undefined);
  if (!compared) {
    lines.push(`node ${report.node}, ${report.cpu} × ${report.cpus}, load average ${report.load.before} → ${report.load.after}, ${report.at}`);
    lines.push(...renderSemantics(report));
    if (!report.allRunsOk) lines.push('Some runs FAILED: their figures are missing, not estimated.');
    return lines.join('\n');
  }
  lines.push(`Tereze vs bpmn-engine 25 — ${report.method}`);
  lines.push(`node ${report.node}, ${report.cpu} × ${report.cpus}, load average ${report.load.before} → ${report.load.after}, ${report.at}`);
  lines.push(
    `Aims: durable (sqlite file) ≥ ${AIMS.fileVsBpmnEngine}× bpmn-engine's instances/s; in-memory (sqlite :memory:) ≥ ${AIMS.memoryVsBpmnEngine}×.`,
  );
  lines.push('');
  const header = ['scenario', 'engine', 'at once', 'instances', 'inst/s', 'p50 ms', 'p99 ms', 'peak RSS MB', '× bpmn-engine', 'aim'];
  const widths = [9, 14, 8, 10, 10, 9, 9, 12, 14, 22];
  const right = [false, false, true, true, true, true, true, true, true, false];
  const row = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, right[i])).join(' ').trimEnd();
  lines.push(row(header));
  lines.push(row(widths.map((w) => '-'.repeat(w))));
  for (const { scenario, key } of SECTIONS) {
    const section = report[key];
    if (!section) continue;
    for (const engine of Object.keys(SLOT) as EngineName[]) {
      const output = section[SLOT[engine]];
      if (!output) continue;
      const label = scenario.toUpperCase();
      if (isFailure(output)) {
        lines.push(row([label, engine, String(section.inFlight), 'FAILED', '-', '-', '-', '-', '-', '']) + `  ${output.error}`);
        continue;
      }
      const ratio = engine === 'sqlite-file' ? section.ratioFileVsBpmnEngine : engine === 'sqlite-memory' ? section.ratioMemoryVsBpmnEngine : undefined;
      const aim = engine === 'sqlite-file' ? AIMS.fileVsBpmnEngine : AIMS.memoryVsBpmnEngine;
      const met = engine === 'sqlite-file' ? section.aimFileMet : section.aimMemoryMet;
      lines.push(
        row([
          label,
          engine,
          String(section.inFlight),
          fmt(output.n, 0),
          fmt(output.instancesPerSec, 0),
          fmt(output.p50Ms, 3),
          fmt(output.p99Ms, 3),
          fmt(output.peakRssMb, 1),
          engine === 'bpmn-engine' ? '1×' : ratio === undefined ? 'n/a' : `${fmt(ratio, 1)}×`,
          engine === 'bpmn-engine' ? '' : met === undefined ? 'not measured' : `≥ ${aim}×: ${met ? 'MET' : 'NOT MET'}`,
        ]),
      );
    }
  }
  lines.push('');
  for (const scenario of Object.keys(SCENARIO_SPECS) as ScenarioName[]) {
    const section = report[sectionKey(scenario, false)] ?? report[sectionKey(scenario, true)];
    if (section) lines.push(`${scenario.toUpperCase()}: ${section.description}`);
  }
  lines.push(
    report.allAimsMet === null
      ? 'Aims: not all could be measured (see above).'
      : `Aims: ${report.allAimsMet ? 'all met' : 'NOT all met'}.`,
  );
  if (!report.allRunsOk) lines.push('Some runs FAILED: their figures are missing, not estimated.');
  for (const note of report.notes) lines.push(`note: ${note}`);
  for (const { scenario, key } of SECTIONS) {
    const section = report[key];
    for (const engine of Object.keys(SLOT) as EngineName[]) {
      const result = ok(section?.[SLOT[engine]]);
      for (const note of result?.notes ?? []) lines.push(`note (${scenario.toUpperCase()}, ${engine}, ${section!.inFlight} at once): ${note}`);
    }
  }
  lines.push(...renderSemantics(report));
  return lines.join('\n');
}
