import type { Behaviour } from '../Run.js';
import { SendTask } from './SendTask.js';

/** Intermediate throw event: a plain one passes through; a message one notifies like a send task. */
export const IntermediateThrowEvent: Behaviour = SendTask;
