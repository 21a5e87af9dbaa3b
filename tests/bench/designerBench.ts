/**
 * Designer figures (issue: "`npm run bench` adds: time to open a 500-element model in the
 * modeler, and the designer bundle's size (gzip)"): `npm run bench -- --only designer`, or
 * `tsx tests/bench/designerBench.ts` (prints the JSON result as its last stdout line; run.ts
 * runs it in its own child process).
 *
 *   bundle  vite builds the designer (its own config) into a temp dir with a manifest; gzip
 *           (node:zlib, level 9) of the initial JS + CSS (index.html's entry, its static imports
 *           and their CSS) and of the modeler chunk (src/modeler/ModelerPage.ts), the latter
 *           also with the static imports and CSS it adds on top of the initial load.
 *   open    the real modeler page in /usr/bin/chromium (CHROMIUM_PATH overrides): a real server
 *           (startServer, temp sqlite DATA_DIR, demo data, the catalogue) with the build served
 *           beside it and `/api` proxied; logged in as the demo designer. Each run loads the
 *           page afresh, then times `importXml` of a generated model (start, 498 tasks, end in a
 *           chain: 500 flow nodes, 499 sequence flows) until two animation frames have passed
 *           (rendered), and checks the element registry (≈ 1,000 elements). Median of 5, min,
 *           max. Without chromium: `skipped` with the reason, never a number.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const MODELER_SOURCE = 'src/modeler/ModelerPage.ts';

export interface GzipFigure {
  readonly files: readonly string[];
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface DesignerOpenFigures {
  readonly flowNodes: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samplesMs: readonly number[];
  readonly registryElements: number;
  readonly importWarnings: number;
}

export interface DesignerResult {
  readonly measure: 'designer';
  readonly buildMs: number;
  readonly bundle: {
    readonly initial: GzipFigure;
    readonly modelerChunk: GzipFigure;
    /** What opening the modeler page adds to the initial load: the chunk, its static imports, the CSS. */
    readonly modelerAdded: GzipFigure;
  };
  readonly open: DesignerOpenFigures | { readonly skipped: string };
  readonly notes: readonly string[];
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The files a chunk loads up front: itself, its static imports (recursively), their CSS. */
function closure(manifest: Manifest, key: string, into = new Set<string>(), seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return into;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) throw new Error(`manifest has no ${key}`);
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, into, seen);
  return into;
}

function gzipOf(dist: string, files: Iterable<string>): GzipFigure {
  const list = [...files].filter((f) => /\.(js|css)$/.test(f)).sort();
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of list) {
    const content = readFileSync(join(dist, file));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: list, bytes, gzipBytes };
}

/** start → task 1 … task n-2 → end, in rows of 25 (snaking), with DI: n flow nodes, n-1 flows. */
export function generateModel(nodes: number): string {
  const perRow = 25;
  const ids: string[] = [];
  const shapes: string[] = [];
  const semantic: string[] = [];
  const pos = (i: number) => {
    const row = Math.floor(i / perRow);
    const col = row % 2 === 0 ? i % perRow : perRow - 1 - (i % perRow);
    return { x: 100 + col * 150, y: 100 + row * 140 };
  };
  for (let i = 0; i < nodes; i += 1) {
    const id = i === 0 ? 'start' : i === nodes - 1 ? 'end' : `task_${i}`;
    ids.push(id);
    const { x, y } = pos(i);
    const incoming = i > 0 ? `<bpmn:incoming>flow_${i}</bpmn:incoming>` : '';
    const outgoing = i < nodes - 1 ? `<bpmn:outgoing>flow_${i + 1}</bpmn:outgoing>` : '';
    if (i === 0 || i === nodes - 1) {
      const tag = i === 0 ? 'startEvent' : 'endEvent';
      semantic.push(`<bpmn:${tag} id="${id}">${incoming}${outgoing}</bpmn:${tag}>`);
      shapes.push(`<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x + 32}" y="${y + 22}" width="36" height="36" /></bpmndi:BPMNShape>`);
    } else {
      semantic.push(`<bpmn:task id="${id}" name="Step ${i}">${incoming}${outgoing}</bpmn:task>`);
      shapes.push(`<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="100" height="80" /></bpmndi:BPMNShape>`);
    }
  }
  const edges: string[] = [];
  for (let i = 1; i < nodes; i += 1) {
    semantic.push(`<bpmn:sequenceFlow id="flow_${i}" sourceRef="${ids[i - 1]}" targetRef="${ids[i]}" />`);
    const a = pos(i - 1);
    const b = pos(i);
    const points = a.y === b.y
      ? [[a.x < b.x ? a.x + 100 : a.x, a.y + 40], [a.x < b.x ? b.x : b.x + 100, b.y + 40]]
      : [[a.x + 50, a.y + 80], [b.x + 50, b.y]];
    edges.push(`<bpmndi:BPMNEdge id="flow_${i}_di" bpmnElement="flow_${i}">${points.map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}</bpmndi:BPMNEdge>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="bench_defs" targetNamespace="http://tereze.example/bench">
<bpmn:process id="bench_500" isExecutable="true">${semantic.join('')}</bpmn:process>
<bpmndi:BPMNDiagram id="bench_diagram"><bpmndi:BPMNPlane id="bench_plane" bpmnElement="bench_500">${shapes.join('')}${edges.join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

const median = (sorted: readonly number[]) => (sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2);
const r1 = (ms: number) => Math.round(ms * 10) / 10;

async function timeOpen(dist: string, runs: number, nodes: number): Promise<DesignerOpenFigures> {
  const [{ chromium }, { parseEnv }, { startServer }, { serve }] = await Promise.all([
    import('playwright-core'),
    import('../../server/env.js'),
    import('../../server/startServer.js'),
    import('../e2e/designerHarness.js'),
  ]);
  const dataDir = mkdtempSync(join(tmpdir(), 'tereze-bench-designer-data-'));
  const server = await startServer({ env: parseEnv({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), processesDir: join(REPO, 'processes') });
  const web = await serve(dist, server.url);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}/`;
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const xml = generateModel(nodes);
    const samples: number[] = [];
    let registryElements = 0;
    let importWarnings = 0;
    for (let run = 0; run < runs; run += 1) {
      const page = await context.newPage();
      await page.goto(url);
      const loginForm = page.locator('tereze-login');
      const modeler = page.locator('tereze-modeler-page .djs-container');
      await loginForm.or(modeler).first().waitFor();
      if (await loginForm.isVisible()) {
        await loginForm.locator('input[name=username]').fill('designer');
        await loginForm.locator('input[name=password]').fill('demo');
        await loginForm.locator('button[type=submit]').click();
      }
      await modeler.waitFor();
      await page.waitForFunction(() => (globalThis as any).document.querySelector('tereze-modeler-page').lastImport?.name === 'new diagram');
      const result = await page.evaluate(async (text) => {
        const g = globalThis as any;
        const view = g.document.querySelector('tereze-modeler-page');
        const started = g.performance.now();
        await view.importXml(text, 'bench 500');
        await new Promise((resolve) => g.requestAnimationFrame(() => g.requestAnimationFrame(resolve)));
        const ms = g.performance.now() - started;
        return { ms, elements: view.modeler.get('elementRegistry').getAll().length as number, last: view.lastImport as { warnings: number; error?: string } };
      }, xml);
      if (result.last.error) throw new Error(`the 500-element model did not import: ${result.last.error}`);
      samples.push(result.ms);
      registryElements = result.elements;
      importWarnings = result.last.warnings;
      await page.close();
    }
    const expected = 2 * nodes - 1 + 1;
    if (Math.abs(registryElements - expected) > expected * 0.05) throw new Error(`element registry holds ${registryElements}, expected about ${expected}`);
    const sorted = [...samples].sort((a, b) => a - b);
    return { flowNodes: nodes, runs, medianMs: r1(median(sorted)), minMs: r1(sorted[0]!), maxMs: r1(sorted.at(-1)!), samplesMs: samples.map(r1), registryElements, importWarnings };
  } finally {
    await browser.close().catch(() => undefined);
    await new Promise((resolve) => web.close(resolve));
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runDesignerBench(options: { runs?: number; nodes?: number } = {}): Promise<DesignerResult> {
  const runs = options.runs ?? 5;
  const nodes = options.nodes ?? 500;
  const dir = mkdtempSync(join(tmpdir(), 'tereze-bench-designer-'));
  try {
    const dist = join(dir, 'dist');
    const { build } = await import('vite');
    const t0 = performance.now();
    await build({ configFile: join(REPO, 'designer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, manifest: true } });
    const buildMs = Math.round(performance.now() - t0);
    const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
    if (!entry) throw new Error('the manifest names no entry');
    const initialFiles = closure(manifest, entry);
    const modelerKey = Object.keys(manifest).find((key) => key === MODELER_SOURCE || manifest[key]!.src === MODELER_SOURCE);
    if (!modelerKey) throw new Error(`the manifest has no chunk for ${MODELER_SOURCE}`);
    // The route also loads documentStyles (the bpmn-js CSS): count it with what the modeler adds.
    const styles = Object.keys(manifest).find((key) => key.endsWith('src/modeler/documentStyles.ts'));
    const modelerFiles = closure(manifest, modelerKey);
    if (styles) closure(manifest, styles, modelerFiles);
    const added = [...modelerFiles].filter((file) => !initialFiles.has(file));
    const chunk = manifest[modelerKey]!;
    const bundle = {
      initial: gzipOf(dist, initialFiles),
      modelerChunk: gzipOf(dist, [chunk.file]),
      modelerAdded: gzipOf(dist, added),
    };
    const open = existsSync(CHROMIUM) ? await timeOpen(dist, runs, nodes) : { skipped: `${CHROMIUM} is missing (apt-get install -y chromium): the open time is not measured` };
    return {
      measure: 'designer',
      buildMs,
      bundle,
      open,
      notes: [
        'gzip: node:zlib level 9 over each emitted file, summed (each file is served compressed on its own)',
        'open: the real modeler page (logged-in designer, real server); a fresh page per run; importXml until two animation frames have passed; live lint included as on the page',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function renderDesigner(result: DesignerResult): string {
  const { bundle, open } = result;
  const lines = [
    'Designer (vite build, gzip level 9):',
    `  initial JS+CSS   ${kb(bundle.initial.gzipBytes)} gzip (${kb(bundle.initial.bytes)} raw, ${bundle.initial.files.length} files)`,
    `  modeler chunk    ${kb(bundle.modelerChunk.gzipBytes)} gzip (${kb(bundle.modelerChunk.bytes)} raw: ${bundle.modelerChunk.files.join(', ')})`,
    `  modeler page adds ${kb(bundle.modelerAdded.gzipBytes)} gzip (${bundle.modelerAdded.files.length} files incl. its CSS)`,
  ];
  if ('skipped' in open) lines.push(`  open 500 elements: skipped: ${open.skipped}`);
  else
    lines.push(
      `  open ${open.flowNodes}-node model in the modeler: median ${open.medianMs} ms (min ${open.minMs}, max ${open.maxMs}; ${open.runs} runs; registry ${open.registryElements} elements)`,
    );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, nodes: { type: 'string' }, quiet: { type: 'boolean', default: false } } });
  try {
    const result = await runDesignerBench({ ...(values.runs ? { runs: Number(values.runs) } : {}), ...(values.nodes ? { nodes: Number(values.nodes) } : {}) });
    // run.ts prints the table itself (--quiet); run alone, the table goes to stderr.
    if (!values.quiet) process.stderr.write(`${renderDesigner(result)}\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ measure: 'designer', error: error instanceof Error ? error.message : String(error) })}\n`);
    process.exitCode = 1;
  }
  // vite and playwright may leave handles open: the result is written, end here.
  setTimeout(() => process.exit(), 100).unref();
}
