import { scheduleTimer } from '../timers.js';
import { pauseSla } from '../slaClock.js';
import { expectWait, type Behaviour } from '../Run.js';
import { firedByGateway } from './EventBasedGateway.js';

/** Intermediate catch event: waits for its timer (a persisted job), its message or its signal (a broadcast). */
export const IntermediateCatchEvent: Behaviour = {
  enter(run, token, node) {
    if (firedByGateway(run, token)) return run.leave(token); // its event-based gateway consumed the trigger
    if (node.pausesSla) pauseSla(run);
    const event = node.event;
    if (event?.type === 'timer') {
      const jobId = scheduleTimer(run, token, node.id, event.timer);
      if (jobId) run.wait(token, { kind: 'timer', jobId }); // else: an incident naming the timer
    } else if (event?.type === 'message') {
      run.wait(token, { kind: 'message', messageName: event.messageName });
      run.emit({ type: 'awaitMessage', tokenId: token.id, messageName: event.messageName });
    } else if (event?.type === 'signal') {
      run.wait(token, { kind: 'signal', signalName: event.signalName });
    } else {
      run.incident(token, `intermediate catch event ${node.id} has no supported trigger`);
    }
  },

  resume(run, token, _node, event) {
    if (event.type === 'message') {
      expectWait(token, 'message', token.wait?.kind === 'message' && token.wait.messageName === event.messageName);
      run.mergeVariables(event.variables, token);
      run.record(token.elementId, 'message', token.id, { messageName: event.messageName });
      run.leave(token);
      return;
    }
    if (event.type === 'signal') {
      expectWait(token, 'signal', token.wait?.kind === 'signal' && token.wait.signalName === event.signalName);
      run.mergeVariables(event.variables);
      run.record(token.elementId, 'signal', token.id, { signalName: event.signalName });
      run.leave(token);
      return;
    }
    if (event.type === 'timer') {
      expectWait(token, 'timer', token.wait?.kind === 'timer' && token.wait.jobId === event.jobId);
      run.record(token.elementId, 'timer', token.id);
      run.leave(token);
      return;
    }
    expectWait(token, event.type, false);
  },

  cancel(run, token) {
    if (token.wait?.kind === 'timer') run.emit({ type: 'cancelJob', jobId: token.wait.jobId });
  },
};
