export { RoutingPolicy, ACCESS_MODES, DEFAULT_MODE, type AccessMode, type RoutingDecision, type SetRouting } from './RoutingPolicy.js';
