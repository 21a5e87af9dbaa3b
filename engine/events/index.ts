export { EventBus } from './EventBus.js';
export { observeCommits } from './observeCommits.js';
export type { CommitEvent, EngineEvent, EngineListener } from './EngineEvents.js';
