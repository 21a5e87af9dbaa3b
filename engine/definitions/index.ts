export { Definitions } from './Definitions.js';
