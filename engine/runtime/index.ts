export { step } from './step.js';
export type { StepContext, Behaviour } from './Run.js';
export { BEHAVIOURS } from './behaviours.js';
export type { RuntimeEvent, Effect, StepResult } from './events.js';
export type { InstanceState, Token, Wait, Incident, ArmedBoundary, InstanceStatus } from './state.js';
