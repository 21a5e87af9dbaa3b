import type { NodeKind } from '../../model/types.js';
import { BoundaryEvent } from './BoundaryEvent.js';
import { CallActivity } from './CallActivity.js';
import { EndEvent } from './EndEvent.js';
import { EventSubProcess } from './EventSubProcess.js';
import { EventBasedGateway } from './EventBasedGateway.js';
import { ExclusiveGateway } from './ExclusiveGateway.js';
import { InclusiveGateway } from './InclusiveGateway.js';
import { IntermediateCatchEvent } from './IntermediateCatchEvent.js';
import { IntermediateThrowEvent } from './IntermediateThrowEvent.js';
import { multiInstance } from './MultiInstance.js';
import { ParallelGateway } from './ParallelGateway.js';
import { ReceiveTask } from './ReceiveTask.js';
import type { Behaviour } from '../Run.js';
import { SendTask } from './SendTask.js';
import { ServiceTask } from './ServiceTask.js';
import { StartEvent } from './StartEvent.js';
import { SubProcess } from './SubProcess.js';
import { Task } from './Task.js';
import { UserTask } from './UserTask.js';

/**
 * The one map from element kind to behaviour. Adding an element is one file in this folder
 * (its Behaviour: enter, and the resume / complete / settle / cancel hooks it needs), one
 * entry here, and one spec with its fixture in tests/engine/runtime/. The activities that may
 * carry a multi-instance marker are wrapped by multiInstance (MultiInstance.ts).
 */
export const BEHAVIOURS: Readonly<Record<NodeKind, Behaviour>> = Object.freeze({
  startEvent: StartEvent,
  endEvent: EndEvent,
  intermediateCatchEvent: IntermediateCatchEvent,
  intermediateThrowEvent: IntermediateThrowEvent,
  boundaryEvent: BoundaryEvent,
  task: Task,
  manualTask: Task,
  userTask: multiInstance(UserTask),
  serviceTask: multiInstance(ServiceTask),
  receiveTask: ReceiveTask,
  sendTask: SendTask,
  exclusiveGateway: ExclusiveGateway,
  parallelGateway: ParallelGateway,
  inclusiveGateway: InclusiveGateway,
  eventBasedGateway: EventBasedGateway,
  subProcess: multiInstance(SubProcess),
  callActivity: multiInstance(CallActivity),
  eventSubProcess: EventSubProcess,
});
