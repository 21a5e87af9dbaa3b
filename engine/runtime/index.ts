export { step } from './step.js';
export type { StepContext, Behaviour, TokenEvent } from './Run.js';
export { BEHAVIOURS } from './elements/index.js';
export type { RuntimeEvent, Effect, StepResult } from './events.js';
export type { InstanceState, Token, Wait, Incident, ArmedBoundary, InstanceStatus } from './state.js';
