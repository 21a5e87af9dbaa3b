// `npm run mutation [-- folder…]`: StrykerJS over each guarded folder in turn (stryker.config.mjs,
// tests/mutation/folders.mjs), then the score per folder and overall, also written to
// artifacts/mutation/summary.json. Not part of `npm test`: it takes tens of minutes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { MUTATION_FOLDERS } from './folders.mjs';

const asked = process.argv.slice(2);
const folders = asked.length ? asked : Object.keys(MUTATION_FOLDERS);
for (const folder of folders) if (!(folder in MUTATION_FOLDERS)) throw new Error(`unknown folder ${folder}: one of ${Object.keys(MUTATION_FOLDERS).join(', ')}`);
mkdirSync('artifacts/mutation', { recursive: true });

/** Counts by status from a mutation-testing-report-schema JSON report. */
function counts(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const by = {};
  for (const { mutants } of Object.values(report.files)) for (const m of mutants) by[m.status] = (by[m.status] ?? 0) + 1;
  return by;
}
const detected = (c) => (c.Killed ?? 0) + (c.Timeout ?? 0);
const valid = (c) => detected(c) + (c.Survived ?? 0) + (c.NoCoverage ?? 0);
const score = (c) => (valid(c) ? Math.round((1000 * detected(c)) / valid(c)) / 10 : null);

const rows = [];
for (const folder of folders) {
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, MUTATION_FOLDER: folder } });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (run.status !== 0) {
    rows.push({ folder, seconds, failed: true });
    continue;
  }
  const c = counts(`artifacts/mutation/${folder.replace(/\//g, '-')}.json`);
  rows.push({ folder, seconds, score: score(c), killed: c.Killed ?? 0, timeout: c.Timeout ?? 0, survived: c.Survived ?? 0, noCoverage: c.NoCoverage ?? 0, ignored: c.Ignored ?? 0 });
}
const ok = rows.filter((r) => !r.failed);
const total = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
for (const r of ok) (total.Killed += r.killed, total.Timeout += r.timeout, total.Survived += r.survived, total.NoCoverage += r.noCoverage);
const summary = { at: new Date().toISOString(), folders: rows, overall: { score: score(total), ...total, seconds: rows.reduce((s, r) => s + r.seconds, 0) } };
writeFileSync('artifacts/mutation/summary.json', JSON.stringify(summary, null, 2) + '\n');
console.log('\nmutation score (killed + timed out) / (killed + timed out + survived + no coverage):');
for (const r of rows) console.log(r.failed ? `  ${r.folder}: stryker failed (${r.seconds} s)` : `  ${r.folder}: ${r.score}% — ${r.killed} killed, ${r.timeout} timed out, ${r.survived} survived, ${r.noCoverage} no coverage (${r.seconds} s)`);
console.log(`  overall: ${summary.overall.score}% (${summary.overall.seconds} s)`);
process.exitCode = rows.some((r) => r.failed) ? 1 : 0;
