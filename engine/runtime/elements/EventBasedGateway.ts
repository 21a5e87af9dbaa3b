import { ConflictError } from '../../errors.js';
import type { FlowNode } from '../../model/types.js';
import { pauseSla, resumeSla } from '../slaClock.js';
import { resolveTimer, scheduleTimer } from '../timers.js';
import type { Behaviour, Run, TokenEvent } from '../Run.js';
import type { ArmedBoundary, Token } from '../state.js';

/**
 * An event-based gateway: the token rests at the gateway with every catch that follows it armed
 * (timer jobs scheduled, message and signal subscriptions held in `token.boundaries`, keyed by
 * the catch's id). The first to fire wins: the others are withdrawn in the same step (their timer jobs
 * cancelled, their subscriptions gone with the token), and the token takes the flow to the
 * winner, which passes straight on (its trigger was consumed here). A message kept for the
 * instance (correlate with a ttl) fires its catch as soon as the gateway is entered.
 * The compiler checks the shape (engine/model/eventGatewayRules.ts).
 */
export const EventBasedGateway: Behaviour = {
  enter(run, token, node) {
    const catches = node.outgoing.map((flowId) => run.node(run.graph.flows[flowId]!.target));
    // Every timer resolves before any is scheduled: a FEEL timer naming no timer leaves nothing armed.
    for (const target of catches) {
      if (target.event?.type === 'timer' && !resolveTimer(run, token, target.id, target.event.timer)) return;
    }
    if (catches.some((c) => c.pausesSla)) pauseSla(run);
    const armed: ArmedBoundary[] = [];
    for (const target of catches) {
      const messageName = target.kind === 'receiveTask' ? target.messageName : target.event?.type === 'message' ? target.event.messageName : undefined;
      if (messageName !== undefined) {
        armed.push({ boundaryId: target.id, messageName });
        run.emit({ type: 'awaitMessage', tokenId: token.id, messageName, boundaryId: target.id });
      } else if (target.event?.type === 'signal') {
        armed.push({ boundaryId: target.id, signalName: target.event.signalName });
      } else if (target.event?.type === 'timer') {
        const jobId = scheduleTimer(run, token, target.id, target.event.timer, target.id)!;
        armed.push({ boundaryId: target.id, jobId });
      }
    }
    token.boundaries = armed;
    run.wait(token, { kind: 'eventGateway' });
  },

  resume(run, token, node, event) {
    const winner = armedFor(token, event);
    if (!winner || token.wait?.kind !== 'eventGateway') throw new ConflictError(`${node.id} no longer waits for this ${event.type}`, run.state.id);
    // The winner's own job is the one firing (deleted by its completion): only the others are cancelled.
    token.boundaries = token.boundaries?.filter((b) => b !== winner);
    if (event.type === 'message') {
      run.mergeVariables(event.variables);
      run.record(winner.boundaryId, 'message', token.id, { messageName: event.messageName, gateway: node.id });
    } else if (event.type === 'signal') {
      run.mergeVariables(event.variables);
      run.record(winner.boundaryId, 'signal', token.id, { signalName: event.signalName, gateway: node.id });
    } else {
      run.record(winner.boundaryId, 'timer', token.id, { gateway: node.id });
    }
    if (catchesOf(run, node).some((c) => c.pausesSla)) resumeSla(run);
    run.leave(token, [flowTo(run, node, winner.boundaryId)]);
  },
};

/** Whether a catch's token arrived from an event-based gateway that already consumed its trigger. */
export function firedByGateway(run: Run, token: Token): boolean {
  if (token.arrivedBy === undefined || !Object.hasOwn(run.graph.flows, token.arrivedBy)) return false;
  return run.node(run.graph.flows[token.arrivedBy]!.source).kind === 'eventBasedGateway';
}

function armedFor(token: Token, event: TokenEvent): ArmedBoundary | undefined {
  const boundaryId = 'boundaryId' in event ? event.boundaryId : undefined;
  return token.boundaries?.find((b) =>
    b.boundaryId === boundaryId &&
    (event.type === 'message' ? b.messageName === event.messageName : event.type === 'signal' ? b.signalName === event.signalName : event.type === 'timer' && b.jobId === event.jobId),
  );
}

function catchesOf(run: Run, node: FlowNode): FlowNode[] {
  return node.outgoing.map((flowId) => run.node(run.graph.flows[flowId]!.target));
}

function flowTo(run: Run, node: FlowNode, target: string): string {
  return node.outgoing.find((flowId) => run.graph.flows[flowId]!.target === target)!;
}
