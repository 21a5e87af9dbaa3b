import type { InstanceView, ModifyOptions } from '../api.js';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../errors.js';
import type { FlowNode, ProcessGraph } from '../model/types.js';
import type { InstanceState, Token } from '../runtime/state.js';
import { plainObject, requiredText } from './args.js';
import { nowIso, type EngineCore } from './EngineCore.js';
import { toView } from './views.js';

/** Declared in the API contract (engine/api.ts); re-exported where they were. */
export type { ModifyOptions };

/** Kinds a token cannot be put on: it only ever starts there, rides on an activity, or is opened by its trigger. */
const NOT_ENTERABLE = new Set<FlowNode['kind']>(['startEvent', 'boundaryEvent', 'eventSubProcess']);

/**
 * An operator moves a token: the activity where it is is cancelled (its task, timers, inner
 * tokens), the variables merged, and the target element entered in the same scope. Audited as
 * `instance.modify`.
 */
export async function modifyInstance(core: EngineCore, instanceId: string, options: ModifyOptions): Promise<InstanceView> {
  const by = requiredText(options?.by, 'by');
  const reason = requiredText(options?.reason, 'reason');
  const to = requiredText(options?.to, 'to');
  const variables = plainObject(options.variables, 'variables');
  const { value, latest } = await core.transact(async (unit) => {
    const stored = await unit.load(instanceId);
    if (!stored) throw new NotFoundError('instance', instanceId);
    if (stored.status !== 'active') throw new ConflictError(`instance ${instanceId} has ended (${stored.status}): there is no token to move`, instanceId);
    const graph = (await core.definitions.require(stored.definitionId)).graph;
    const target = enterable(graph, stored.definitionId, to);
    const token = tokenToMove(stored, options.moveFrom);
    const from = graph.nodes[token.elementId];
    const body = token.scopeId === null ? undefined : stored.tokens.find((t) => t.id === token.scopeId && t.elementId === token.elementId);
    if (body) {
      throw new InvalidArgumentError('moveFrom', `token ${token.id} is an inner instance of multi-instance '${token.elementId}': move the activity itself (token ${body.id}), which cancels all its inner instances`);
    }
    if (from && from.scope !== target.scope) {
      throw new InvalidArgumentError('to', `element '${to}' is ${target.scope ? `inside sub-process '${target.scope}'` : 'at process level'}, the token at '${token.elementId}' is ${from.scope ? `inside sub-process '${from.scope}'` : 'at process level'}: a token moves within its scope`);
    }
    const state = await unit.signal(instanceId, { type: 'move', tokenId: token.id, to, variables });
    unit.audit({
      at: nowIso(core),
      actor: by,
      action: 'instance.modify',
      subject: instanceId,
      data: { reason, tokenId: token.id, from: token.elementId, to, variables: Object.keys(variables) },
    });
    return state;
  });
  return toView(latest(value));
}

function enterable(graph: ProcessGraph, definitionId: string, id: string): FlowNode {
  const node = Object.hasOwn(graph.nodes, id) ? graph.nodes[id] : undefined;
  if (!node) throw new InvalidArgumentError('to', `element '${id}' is not in process ${definitionId}`);
  if (NOT_ENTERABLE.has(node.kind)) throw new InvalidArgumentError('to', `element '${id}' is a ${node.kind}, which a token cannot be moved to`);
  return node;
}

function tokenToMove(state: InstanceState, moveFrom: string | undefined): Token {
  const where = state.tokens.map((t) => `${t.id} at ${t.elementId}`).join(', ') || 'none';
  if (moveFrom === undefined) {
    if (state.tokens.length === 1) return state.tokens[0]!;
    throw new InvalidArgumentError('moveFrom', `instance ${state.id} has ${state.tokens.length} tokens (${where}): name the token or element to move from`);
  }
  const byId = state.tokens.find((t) => t.id === moveFrom);
  if (byId) return byId;
  const at = state.tokens.filter((t) => t.elementId === moveFrom);
  if (at.length === 1) return at[0]!;
  if (at.length > 1) throw new InvalidArgumentError('moveFrom', `${at.length} tokens are at '${moveFrom}' (${at.map((t) => t.id).join(', ')}): name one by its id`);
  throw new InvalidArgumentError('moveFrom', `instance ${state.id} has no token at or with id '${moveFrom}' (tokens: ${where})`);
}
