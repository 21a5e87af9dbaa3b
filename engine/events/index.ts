export { EventBus } from './EventBus.js';
export { observeCommits } from './observeCommits.js';
export type { CommitEvent, EngineEvent, EngineListener, SubscribeOptions } from './EngineEvents.js';
export { StoreFeed } from './StoreFeed.js';
