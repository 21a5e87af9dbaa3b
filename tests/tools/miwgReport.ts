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

if (miwgSkipReason) {
  console.error(`miwg:report: ${miwgSkipReason}`);
  process.exit(1);
}
const engine = await createEngine({ store: sqliteStore(':memory:') });
console.log('| model | deploy | problems | the commonest |');
console.log('|---|---|---|---|');
for (const file of miwgFiles) {
  const verdict = await engine.validate(readFileSync(join(MIWG_CORPUS, file), 'utf8'));
  const counts = new Map<string, number>();
  for (const p of verdict.problems) counts.set(kind(p), (counts.get(kind(p)) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([k, n]) => `${n}× ${k.length > 90 ? `${k.slice(0, 90)}…` : k}`);
  console.log(`| ${basename(file, '.bpmn')} | ${verdict.valid ? 'deploys' : 'refused'} | ${verdict.problems.length} | ${top.join('; ').replace(/\|/g, '\\|')} |`);
}
await engine.close();
