/**
 * Child process for tests/security/hostileModels.test.ts: deploys one model on a fresh sqlite
 * file under a manual clock, fires what is due now and a second later, and prints the outcome as
 * one JSON line. A model that blocks the event loop blocks this process, not the test runner,
 * which kills it after its bound. Usage: tsx boundedDeployWorker.ts <model.bpmn> <clock start>
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, DefinitionError, manualClock, sqliteStore } from '../../engine/index.js';

const [xmlFile, start] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'tereze-hostile-'));
const clock = manualClock(start);
const engine = await createEngine({ store: sqliteStore(join(dir, 'engine.db')), clock });
console.log('READY'); // the bound starts here: loading tsx and the engine is not what is measured
try {
  const began = performance.now();
  await engine.deploy(readFileSync(xmlFile!, 'utf8'));
  const deployMs = performance.now() - began;
  const firedNow = (await engine.runDueJobs()).fired;
  clock.advance(1_000);
  const firedAfterASecond = (await engine.runDueJobs()).fired;
  console.log(JSON.stringify({ deployed: true, deployMs, firedNow, firedAfterASecond }));
} catch (error) {
  const problems = error instanceof DefinitionError ? error.problems : undefined;
  console.log(JSON.stringify({ deployed: false, name: (error as Error).name, message: (error as Error).message, problems }));
} finally {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
}
