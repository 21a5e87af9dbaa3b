import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The engine's import graph: every relative import, re-export and dynamic import of every
 * engine/**\/*.ts file (type-only ones too: a cycle of types is still a knot a reader must
 * untie), read with the TypeScript scanner.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function engineFiles(dir = join(root, 'engine')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? engineFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importGraph(files: readonly string[], read: (file: string) => string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const imports = ts.preProcessFile(read(file), true, true).importedFiles.map((i) => i.fileName);
    const targets = imports.filter((name) => name.startsWith('.')).map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')));
    graph.set(file, [...new Set(targets.filter((t) => files.includes(t)))]);
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself): Tarjan. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      component.push(member);
      if (member === file) break;
    }
    if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

/** A cycle as a reader can act on it: its files and the imports that tie them. */
function describeCycle(component: readonly string[], graph: ReadonlyMap<string, readonly string[]>): string {
  const inside = new Set(component);
  const edges = component.flatMap((file) => (graph.get(file) ?? []).filter((t) => inside.has(t)).map((t) => `${relative(root, file)} -> ${relative(root, t)}`));
  return edges.join('\n');
}

describe('engine imports', () => {
  const files = engineFiles();
  const graph = importGraph(files, (file) => readFileSync(file, 'utf8'));

  it('should form no cycle', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(cycles(graph).map((c) => describeCycle(c, graph))).toEqual([]);
  });

  it('should keep the runtime and the stores apart: both read engine/records, neither imports the other', () => {
    const crossing = [...graph].flatMap(([file, targets]) => {
      const from = relative(join(root, 'engine'), file);
      return targets
        .map((t) => relative(join(root, 'engine'), t))
        .filter((to) => (from.startsWith('runtime/') && to.startsWith('store/')) || (from.startsWith('store/') && to.startsWith('runtime/')))
        .map((to) => `${from} -> ${to}`);
    });
    expect(crossing).toEqual([]);
  });

  it('should find a cycle when there is one, type-only imports included', () => {
    const dir = join(root, 'engine', 'fake');
    const sources: Record<string, string> = {
      [join(dir, 'a.ts')]: "import { b } from './b.js';\nexport const a = b;",
      [join(dir, 'b.ts')]: "import type { C } from './c.js';\nexport const b = 1 as unknown as C;",
      [join(dir, 'c.ts')]: "export type { A } from './d.js';\nexport type C = number;",
      [join(dir, 'd.ts')]: "export type A = typeof import('./a.js');",
      [join(dir, 'e.ts')]: "import { a } from './a.js';\nexport const e = a;",
    };
    const fake = importGraph(Object.keys(sources), (file) => sources[file]!);
    expect(cycles(fake).map((c) => c.map((f) => relative(dir, f)))).toEqual([['a.ts', 'b.ts', 'c.ts', 'd.ts']]);
    expect(existsSync(dir)).toBe(false); // the fake files were never written
  });
});
