import { codedProblems } from '../../engine/model/problemCodes.js';
import { NotFoundError, type DefinitionRecord } from '../../engine/index.js';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import { catalogueEntries } from './catalogueEntries.js';
import type { definitionRoutes } from './definitions.routes.js';

/** What a listing shows of a definition: never the XML or the compiled graph. */
function summary(record: DefinitionRecord) {
  return {
    key: record.key,
    version: record.version,
    id: record.id,
    name: record.name,
    serviceCode: record.serviceCode,
    deployedAt: record.deployedAt,
    deployedBy: record.deployedBy,
  };
}

export function definitionHandlers({ engine, services }: AppDeps): RouteHandlers<typeof definitionRoutes> {
  return {
    async deploy({ body, user }) {
      const result = await engine.deploy(body, { by: user.id });
      const reply = { key: result.key, version: result.version, id: result.id, warnings: result.warnings, created: result.created, processes: result.processes };
      return { status: result.created ? 201 : 200, body: reply, headers: { Location: `/api/definitions/${encodeURIComponent(result.key)}` } };
    },

    async validate({ body }) {
      const verdict = await engine.validate(body);
      return { status: 200, body: { valid: verdict.valid, problems: codedProblems(verdict.problems), warnings: verdict.warnings } };
    },

    async list() {
      const records = await engine.definitions();
      return { status: 200, body: records.map(summary).sort((a, b) => a.key.localeCompare(b.key)) };
    },

    async versions({ params }) {
      const records = await engine.definitions(params.key);
      if (!records.length) throw new NotFoundError('definition', params.key);
      return { status: 200, body: records.map(summary).sort((a, b) => b.version - a.version) };
    },

    async xml({ params, query }) {
      const record = await engine.definition(params.key, query.version);
      return { status: 200, type: 'application/xml; charset=utf-8', body: record.xml };
    },

    async catalogue() {
      const latest = await engine.definitions();
      const all = (await Promise.all(latest.map((d) => engine.definitions(d.key)))).flat();
      return { status: 200, body: catalogueEntries(all, await engine.instanceTallies(), services ?? []) };
    },

    async heatmap({ params }) {
      // 404 for a key never deployed, rather than an empty map.
      await engine.definition(params.key);
      return { status: 200, body: await engine.heatmap(params.key) };
    },

    async heatmapInstances({ params }) {
      return { status: 200, body: await engine.heatmapInstances(params.key, params.elementId) };
    },
  };
}
