import { describe, expect, it } from 'vitest';
import { compileDefinitions, createEngine, sqliteStore } from '../../engine/index.js';
import { loadCatalogue, parseStandard, CatalogueError } from '../../processes/standard.js';

describe('the service catalogue', () => {
  const catalogue = loadCatalogue();

  it('should hold at least twelve services of at least five agencies, with unique codes', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(12);
    expect(new Set(catalogue.map((c) => c.standard.agency)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(catalogue.map((c) => c.code)).size).toBe(catalogue.length);
  });

  it('should deploy every model, whose process id, code, agency and term match its standard', async () => {
    const engine = await createEngine({ store: sqliteStore(':memory:') });
    try {
      for (const { code, standard, xml } of catalogue) {
        const deployed = await engine.deploy(xml);
        expect(deployed.key, code).toBe(standard.processKey);
        expect(deployed.warnings, code).toEqual([]);
        const [graph] = (await compileDefinitions(xml)).processes;
        expect(graph, code).toMatchObject({ serviceCode: code, agency: standard.agency });
        expect(graph!.sla, code).toMatchObject({ duration: standard.term.duration, unit: standard.term.unit });
        const channels = Object.values(graph!.nodes).flatMap((n) => (n.kind === 'startEvent' && n.channel ? [n.channel] : []));
        expect(channels.sort(), code).toEqual([...standard.channels].sort());
        for (const [taskId, term] of Object.entries(standard.stageTerms)) {
          expect(graph!.nodes[taskId]?.sla, `${code} ${taskId}`).toMatchObject({ duration: term.duration, unit: term.unit });
        }
        expect(xml, code).toContain('bpmndi:BPMNDiagram');
      }
    } finally {
      await engine.close();
    }
  });

  it('should say every service in Kazakh and Russian: its user tasks, documents, grounds and result, as many and in the order of the English', async () => {
    const missing: string[] = [];
    for (const { code, standard, xml } of catalogue) {
      const [graph] = (await compileDefinitions(xml)).processes;
      const tasks = Object.values(graph!.nodes).filter((n) => n.kind === 'userTask').map((n) => n.id);
      for (const lang of ['ru', 'kk'] as const) {
        const t = standard.translations[lang];
        for (const id of tasks) if (!t?.tasks?.[id]) missing.push(`${code} ${lang} task ${id}`);
        for (const extra of Object.keys(t?.tasks ?? {})) if (!tasks.includes(extra)) missing.push(`${code} ${lang} task ${extra} is not in the model`);
        // Every other named element, by id (the case timeline shows them)
        for (const node of Object.values(graph!.nodes)) if (node.kind !== 'userTask' && node.name && !t?.elements?.[node.id]) missing.push(`${code} ${lang} element ${node.id}`);
        if (t?.requiredDocuments?.length !== standard.requiredDocuments.length) missing.push(`${code} ${lang} requiredDocuments`);
        if (t?.groundsForRefusal?.length !== standard.groundsForRefusal.length) missing.push(`${code} ${lang} groundsForRefusal`);
        if (!t?.result) missing.push(`${code} ${lang} result`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('should name the file and the field of an invalid standard', () => {
    const [first] = catalogue;
    const broken = JSON.stringify({ ...first!.standard, names: { en: 'x', ru: 'y' } });
    expect(() => parseStandard(broken, 'processes/X/standard.json')).toThrow(CatalogueError);
    expect(() => parseStandard(broken, 'processes/X/standard.json')).toThrow(/^processes\/X\/standard\.json: names\.kk: /);
  });
});
