import { scheduleTimer } from './timers.js';
import { pauseSla } from './slaClock.js';
import type { Behaviour } from './Run.js';

/** Intermediate catch event: waits for its timer (a persisted job) or its message. */
export const IntermediateCatchEvent: Behaviour = {
  enter(run, token, node) {
    if (node.pausesSla) pauseSla(run);
    const event = node.event;
    if (event?.type === 'timer') {
      const jobId = scheduleTimer(run, token, node.id, event.timer);
      if (jobId) run.wait(token, { kind: 'timer', jobId }); // else: an incident naming the timer
    } else if (event?.type === 'message') {
      run.wait(token, { kind: 'message', messageName: event.messageName });
    } else {
      run.incident(token, `intermediate catch event ${node.id} has no supported trigger`);
    }
  },
};
