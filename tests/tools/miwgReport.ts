/**
 * `npm run miwg:report`: the deploy's verdict on each BPMN MIWG reference model, as the markdown
 * table docs/status.md keeps (model, problems, what they are). The verdict is `engine.validate`,
 * the deploy's own checks with the built-in handlers, on an engine over sqlite `:memory:`.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createEngine, sqliteStore } from '../../engine/index.js';
import { MIWG_CORPUS, miwgFiles, miwgSkipReason } from '../support/miwgCorpus.js';

/** A problem's kind: its message without its element's id and the quoted values that vary. */
function kind({ elementId, message }: { elementId: string; message: string }): string {
  return message
    .split(elementId)
    .join('…')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\(element …\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A refusal of the element or trigger itself (the rest is what a model must say for the engine: handlers, FEEL, names). */
const UNSUPPORTED = /not supported|standard loops|which is not a supported flow node/;

if (miwgSkipReason) {
  console.error(`miwg:report: ${miwgSkipReason}`);
  process.exit(1);
}
const engine = await createEngine({ store: sqliteStore(':memory:') });
console.log('| model | deploy | problems | of which BPMN the engine does not run | the commonest |');
console.log('|---|---|---|---|---|');
let deploying = 0;
for (const file of miwgFiles) {
  const verdict = await engine.validate(readFileSync(join(MIWG_CORPUS, file), 'utf8'));
  const counts = new Map<string, number>();
  for (const p of verdict.problems) counts.set(kind(p), (counts.get(kind(p)) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([k, n]) => `${n}× ${k.length > 90 ? `${k.slice(0, 90)}…` : k}`);
  const unsupported = verdict.problems.filter((p) => UNSUPPORTED.test(p.message)).length;
  if (verdict.valid) deploying++;
  console.log(`| ${basename(file, '.bpmn')} | ${verdict.valid ? 'deploys' : 'refused'} | ${verdict.problems.length} | ${unsupported} | ${top.join('; ').replace(/\|/g, '\\|')} |`);
}
console.log(`\n${deploying} of ${miwgFiles.length} deploy as they are.`);
await engine.close();
