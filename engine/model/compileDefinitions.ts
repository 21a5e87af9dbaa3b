import { createHash } from 'node:crypto';
import { DefinitionError, type Problem } from '../errors.js';
import { compileProcess, type DefinitionsIndex } from './compileProcess.js';
import { feelWarnings } from './feelWarnings.js';
import { linkGraph } from './linkGraph.js';
import { parseXml, type ModdleElement } from './parseXml.js';
import { problemOf, say } from './problemTexts.js';
import type { ProcessGraph } from './types.js';
import { lintDefinitions } from './lint/lintDefinitions.js';

export interface CompiledDefinitions {
  /** The executable processes of the file, in document order. */
  readonly processes: readonly ProcessGraph[];
  /** sha-256 of the XML text: the same XML deploys to the same version. */
  readonly hash: string;
  readonly warnings: readonly string[];
}

export interface CompileOptions {
  /** Names of the registered service-task handlers; a ps:handler outside them is refused. */
  readonly handlers?: ReadonlySet<string>;
  /** The moment of the deploy (the engine's clock): timer dates must lie within the horizon after it. */
  readonly now?: Date;
}

/**
 * BPMN XML → validated, immutable process graphs. Throws one DefinitionError listing every
 * problem found, each with its element id.
 */
export async function compileDefinitions(xml: string, options: CompileOptions = {}): Promise<CompiledDefinitions> {
  const parsed = await parseXml(xml);
  if (!parsed.definitions) throw new DefinitionError(parsed.problems);
  const lint = await lintDefinitions(parsed.definitions);
  const problems: Problem[] = [...parsed.problems, ...lint.errors];
  const warnings = [...parsed.warnings, ...lint.warnings];
  const roots = (parsed.definitions.rootElements as ModdleElement[] | undefined) ?? [];

  const index: DefinitionsIndex = {
    messages: new Map(roots.filter((r) => r.$type === 'bpmn:Message').map((m) => [m.id!, m.name])),
    errors: new Map(roots.filter((r) => r.$type === 'bpmn:Error').map((e) => [e.id!, e.errorCode as string | undefined])),
    handlers: options.handlers,
    now: options.now ?? new Date(),
  };
  const processes: ProcessGraph[] = [];
  const all = roots.filter((r) => r.$type === 'bpmn:Process');
  // Problems of processes marked non-executable matter only when nothing else can be deployed.
  const skipped: Problem[] = [];
  for (const process of all) {
    if (!process.id) {
      problems.push(problemOf('definitions', say('process.no-id', {})));
      continue;
    }
    const before = problems.length;
    const graph = linkGraph(compileProcess(process, index, problems), problems);
    if (process.isExecutable === false) {
      skipped.push(...problems.splice(before));
      warnings.push(`process ${process.id} is marked isExecutable="false" and was not deployed`);
    } else if (problems.length === before) {
      processes.push(graph);
      warnings.push(...feelWarnings(graph));
    }
  }
  if (all.length === 0) problems.push(problemOf((parsed.definitions.id as string | undefined) ?? 'definitions', say('process.none', {})));
  else if (problems.length === 0 && processes.length === 0) {
    problems.push(problemOf(all[0]!.id!, say('process.none-executable', { processes: all.map((p) => p.id).join(', ') })), ...skipped);
  }
  if (problems.length) throw new DefinitionError(dedupe(problems));
  return { processes, hash: createHash('sha256').update(xml).digest('hex'), warnings };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.elementId}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
