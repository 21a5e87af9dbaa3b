import type { CorrelateOptions, CorrelateResult, InstanceView, Receipt, StartOptions, StartResult } from '../api.js';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../errors.js';
import { CHANNELS, type ProcessGraph } from '../model/types.js';
import type { RuntimeEvent } from '../runtime/events.js';
import type { InstanceState } from '../runtime/state.js';
import { messageTarget } from '../runtime/messageTarget.js';
import { plainObject, requiredText } from './args.js';
import { nowIso, type EngineCore } from './EngineCore.js';
import { toView, viewState } from './views.js';
import { extendDeadline, type Deadline } from '../sla/index.js';
import { newId } from '../ids.js';
import { applicationOutcome } from '../reports/applicationOutcome.js';
import { addDuration, isIsoDuration, parseDuration, type IsoDuration } from '../model/IsoDuration.js';
import { transferApplication, type TransferOptions } from './transferApplication.js';
import { IdempotentStart } from './IdempotentStart.js';

/** Starting instances (by key, channel or message), correlating messages, and reading instances. */
export class Instances {
  constructor(private readonly core: EngineCore) {}

  async start(key: string, options: StartOptions = {}): Promise<StartResult> {
    const { core } = this;
    const definition = await core.definitions.latest(key);
    if (!definition) throw new NotFoundError('process', key);
    if (options.channel !== undefined && !(CHANNELS as readonly string[]).includes(options.channel)) {
      throw new InvalidArgumentError('channel', `'${String(options.channel)}' is not a channel (${CHANNELS.join(', ')})`);
    }
    const startId = chooseStart(definition.graph, options.channel);
    const variables = withChannel(plainObject(options.variables, 'variables'), options.channel);
    const applicant = options.applicant ? plainObject(options.applicant, 'applicant') : undefined;
    const centre = options.centre === undefined ? undefined : requiredText(options.centre, 'centre');
    const idempotent =
      options.idempotencyKey === undefined
        ? undefined
        : new IdempotentStart(options.idempotencyKey, options.by ?? 'system', { key, channel: options.channel ?? null, variables, applicant: applicant ?? null, region: options.region ?? null, centre: centre ?? null });
    // A repeat gets the first answer even if routing has closed the channel since.
    const earlier = await idempotent?.earlier(core.store, core.clock.now());
    if (earlier) return earlier;
    await core.routing.check(definition.graph.serviceCode, options.channel, core.clock.now(), options.region);
    const { value, latest } = await core.transact<{ readonly state?: InstanceState; readonly result: StartResult }>(
      async (unit) => {
        const { state } = await unit.startInstance(definition, startId, {
          variables,
          ...(options.channel ? { channel: options.channel } : {}),
          ...(applicant ? { applicant } : {}),
          ...(centre ? { centre } : {}),
        });
        unit.audit({
          at: nowIso(core),
          actor: options.by ?? 'system',
          action: 'instance.start',
          subject: state.id,
          data: {
            key,
            definitionId: definition.id,
            channel: options.channel ?? null,
            trackingNumber: state.trackingNumber,
            ...(centre ? { centre } : {}),
            ...(idempotent ? { idempotencyKey: idempotent.key } : {}),
          },
        });
        const final = unit.instanceState(state.id)!;
        const result = startResult(final);
        // The answer recorded with the key is the one of this commit: a repeat gets exactly it.
        if (idempotent) unit.recordIdempotencyKey(idempotent.record(result, core.clock.now()));
        return { state: final, result };
      },
      // A tracking number collided, a rotation moved, or a concurrent repeat took the key first.
      idempotent ? { onConflict: afterConflict(idempotent, core) } : {},
    );
    // Without a key, the answer shows what the handlers reached by the start did.
    return idempotent || !value.state ? value.result : startResult(latest(value.state));
  }

  async correlate(messageName: string, options: CorrelateOptions = {}): Promise<CorrelateResult> {
    const { core } = this;
    const name = requiredText(messageName, 'messageName');
    const variables = plainObject(options.variables, 'variables');
    if (!options.instanceId && !options.trackingNumber) return this.startByMessage(name, variables, options.by);
    const ttl = options.ttl === undefined ? undefined : messageTtl(options.ttl);
    const { value } = await core.transact(async (unit) => {
      const stored = options.instanceId ? await unit.load(options.instanceId) : await core.store.getInstanceByTrackingNumber(options.trackingNumber!);
      if (!stored) throw new NotFoundError('instance', options.instanceId ?? options.trackingNumber!);
      const at = nowIso(core);
      const event = messageEvent(stored, name, variables);
      if (event) {
        await unit.signal(stored.id, event);
        unit.audit({ at, actor: options.by ?? 'system', action: 'message.correlate', subject: stored.id, data: { messageName: name } });
        return { instanceId: stored.id, buffered: false };
      }
      if (!ttl || stored.status !== 'active') {
        throw new ConflictError(`instance ${stored.id} is ${stored.status === 'active' ? 'not waiting' : `${stored.status}, not waiting`} for message '${name}'`, stored.id);
      }
      // No catch waits yet: keep the message for the one that will. The instance's version moves
      // with it, so a step entering a catch concurrently conflicts and, retried, finds it kept.
      const state = (await unit.load(stored.id))!;
      unit.touch(state.id);
      const expiresAt = addDuration(core.clock.now(), ttl).toISOString();
      unit.keepMessage({ id: newId(), name, instanceId: state.id, variables, publishedAt: at, expiresAt, by: options.by ?? 'system' });
      unit.history({ instanceId: state.id, at, elementId: state.key, event: 'message', data: { messageName: name, kept: true, expiresAt } });
      unit.audit({ at, actor: options.by ?? 'system', action: 'message.keep', subject: state.id, data: { messageName: name, ttl: options.ttl, expiresAt } });
      return { instanceId: state.id, buffered: true };
    });
    return { ...value, started: false };
  }

  private async startByMessage(name: string, variables: Record<string, unknown>, by?: string): Promise<CorrelateResult> {
    const { core } = this;
    // Own keys only: a stored graph is a plain object, and `constructor` is no message start.
    const target = (await core.definitions.list()).find((d) => Object.hasOwn(d.graph.starts.message, name));
    if (!target) throw new NotFoundError('message start event', name);
    const { value: instanceId } = await core.transact(async (unit) => {
      const { state } = await unit.startInstance(target, target.graph.starts.message[name]!, { variables });
      unit.audit({ at: nowIso(core), actor: by ?? 'system', action: 'instance.start', subject: state.id, data: { key: target.key, definitionId: target.id, messageName: name, trackingNumber: state.trackingNumber } });
      return state.id;
    });
    return { instanceId, started: true, buffered: false };
  }

  /**
   * Retries the incidents of an instance (all, or one token's) after an operator fixed their
   * cause, optionally with corrected variables. Each retried element runs again from its start.
   */
  async retryIncidents(instanceId: string, options: { by: string; tokenId?: string; variables?: Record<string, unknown>; reason?: string }): Promise<InstanceView> {
    const { core } = this;
    const by = requiredText(options?.by, 'by');
    const variables = plainObject(options.variables, 'variables');
    const { value, latest } = await core.transact(async (unit) => {
      const stored = await unit.load(instanceId);
      if (!stored) throw new NotFoundError('instance', instanceId);
      const targets = stored.incidents.filter((i) => options.tokenId === undefined || i.tokenId === options.tokenId);
      if (!targets.length) throw new ConflictError(`instance ${instanceId} has no incident${options.tokenId ? ` on token ${options.tokenId}` : ''} to retry`, instanceId);
      let state = stored;
      for (const [index, incident] of targets.entries()) {
        state = await unit.signal(instanceId, { type: 'retry', tokenId: incident.tokenId, ...(index === 0 ? { variables } : {}) });
      }
      unit.audit({ at: nowIso(core), actor: by, action: 'incident.retry', subject: instanceId, data: { elements: targets.map((t) => t.elementId), variables: Object.keys(variables), ...(options.reason ? { reason: options.reason } : {}) } });
      return state;
    });
    return toView(latest(value));
  }

  async extendDeadline(instanceId: string, options: { days: number; by: string; reason: string }): Promise<InstanceView> {
    const { core } = this;
    const by = requiredText(options?.by, 'by');
    const reason = requiredText(options?.reason, 'reason');
    const { value } = await core.transact(async (unit) => {
      const state = await core.store.getInstance(instanceId);
      if (!state) throw new NotFoundError('application', instanceId);
      const graph = (await core.definitions.require(state.definitionId)).graph;
      if (state.status !== 'active' || !state.sla || !graph.sla) throw new ConflictError(`application ${instanceId} has no running deadline to extend`, instanceId);
      if (state.sla.pausedAt) throw new ConflictError(`the deadline of application ${instanceId} is paused while documents are awaited`, instanceId);
      const calendar = await core.calendars.get(graph.sla.calendar);
      const current: Deadline = {
        registeredAt: new Date(state.startedAt),
        dueAt: new Date(state.sla.dueAt),
        warnAt: new Date(state.sla.warnAt),
        applicantDueAt: new Date(state.sla.dueAt),
        term: { duration: graph.sla.duration, unit: graph.sla.unit, office: 'front', warnFraction: graph.sla.warnAt },
        extendedDays: state.sla.extendedDays ?? 0,
      };
      const extended = extendDeadline(current, options.days, calendar);
      const at = nowIso(core);
      const dueAt = extended.applicantDueAt.toISOString();
      const sla = { ...state.sla, dueAt, warnAt: extended.warnAt.toISOString(), atRisk: extended.warnAt.toISOString() <= at, overdue: dueAt <= at, extendedDays: extended.extendedDays };
      const record = { ...state, sla, version: state.version + 1 };
      unit.updateInstance(record, state.version);
      unit.history({ instanceId, at, elementId: graph.id, event: 'extension', data: { change: 'extended', days: options.days, dueAt, reason, by } });
      unit.audit({ at, actor: by, action: 'deadline.extend', subject: instanceId, data: { days: options.days, totalDays: extended.extendedDays, from: state.sla.dueAt, to: dueAt, reason } });
      // Rule 6: the applicant is told (within 3 days); the outbox carries it now.
      unit.notify({ id: newId(), instanceId, at, elementId: graph.id, messageName: 'deadlineExtended', kind: 'deadlineExtended', trackingNumber: state.trackingNumber, payload: { dueAt, days: options.days, reason } });
      return record;
    });
    return toView(value);
  }

  transfer(id: string, options: TransferOptions): Promise<InstanceView> {
    return transferApplication(this.core, id, options);
  }

  async get(id: string): Promise<InstanceView> {
    const state = await this.core.store.getInstance(id);
    if (!state) throw new NotFoundError('instance', id);
    return toView(state);
  }

  async byTrackingNumber(trackingNumber: string): Promise<InstanceView> {
    const state = await this.core.store.getInstanceByTrackingNumber(trackingNumber);
    if (!state) throw new NotFoundError('application', trackingNumber);
    return toView(state);
  }

  /** What the applicant takes home from the counter: tracking number, service, documents, deadline. */
  async receipt(instanceId: string): Promise<Receipt> {
    const state = await this.core.store.getInstance(instanceId);
    if (!state) throw new NotFoundError('application', instanceId);
    const graph = (await this.core.definitions.require(state.definitionId)).graph;
    const documents = Array.isArray(state.variables.documents) ? (state.variables.documents as unknown[]).map(String) : [];
    const { requestedDocuments } = applicationOutcome(state, { graph });
    return {
      trackingNumber: state.trackingNumber,
      serviceCode: state.serviceCode ?? graph.id,
      service: graph.name ?? graph.id,
      ...(graph.agency ? { agency: graph.agency } : {}),
      ...(state.channel ? { channel: state.channel } : {}),
      receivedAt: state.startedAt,
      documents,
      ...(state.sla ? { dueAt: state.sla.dueAt } : {}),
      // Reprinted while the case waits for documents: which ones the applicant is to bring.
      ...(requestedDocuments ? { requestedDocuments } : {}),
    };
  }
}

/**
 * The channel the application came by, as the variable `channel`, so the model can route on it
 * (the hand-back at the agency's desk for an application taken in there). The engine sets it:
 * a caller's `variables.channel` naming another channel is refused, not silently replaced.
 */
function withChannel(variables: Record<string, unknown>, channel: string | undefined): Record<string, unknown> {
  if (channel === undefined) return variables;
  if (variables.channel !== undefined && variables.channel !== channel) {
    throw new InvalidArgumentError('variables.channel', `is the channel the application came by ('${channel}'), set by the engine; it cannot be ${describe(variables.channel)}`);
  }
  return { ...variables, channel };
}

const describe = (value: unknown) => (typeof value === 'string' ? `'${value.slice(0, 40)}'` : typeof value);

/** The start event for a channel: its own, else the plain one (a process open to every channel). */
function chooseStart(graph: ProcessGraph, channel: string | undefined): string {
  const byChannel = graph.starts.byChannel as Record<string, string | undefined>;
  const own = channel ? byChannel[channel] : undefined;
  if (own) return own;
  if (graph.starts.none) return graph.starts.none;
  const open = Object.keys(byChannel);
  if (channel) throw new InvalidArgumentError('channel', `process ${graph.id} does not accept the '${channel}' channel (it accepts ${open.join(', ') || 'none'})`);
  throw new InvalidArgumentError('channel', `process ${graph.id} has no plain start event: name a channel (${open.join(', ') || 'none available'})`);
}

/** The event a message means for an instance (runtime/messageTarget.ts says where it lands). */
function messageEvent(state: InstanceState, messageName: string, variables: Record<string, unknown>): RuntimeEvent | undefined {
  const target = messageTarget(state, messageName);
  return target ? { type: 'message', ...target, messageName, variables } : undefined;
}

/** A message's time to live: an ISO-8601 duration of more than nothing. */
function messageTtl(text: unknown): IsoDuration {
  if (typeof text !== 'string' || !isIsoDuration(text)) throw new InvalidArgumentError('ttl', `must be an ISO-8601 duration such as P30D or PT2H, not ${JSON.stringify(text)}`);
  const ttl = parseDuration(text);
  if (addDuration(new Date(0), ttl).getTime() <= 0) throw new InvalidArgumentError('ttl', `must be longer than nothing, not ${text}`);
  return ttl;
}

/** What a start answers: its application's id, tracking number, state and deadline. */
function startResult(final: InstanceState): StartResult {
  return { id: final.id, trackingNumber: final.trackingNumber, state: viewState(final), ...(final.sla ? { dueAt: final.sla.dueAt } : {}) };
}

/** A start under a key that lost a race: a concurrent repeat's answer if it took the key, else run again. */
function afterConflict(idempotent: IdempotentStart, core: EngineCore): () => Promise<{ readonly result: StartResult } | undefined> {
  return async () => {
    const winner = await idempotent.earlier(core.store, core.clock.now());
    return winner ? { result: winner } : undefined;
  };
}
