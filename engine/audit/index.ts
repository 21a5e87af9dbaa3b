export { chainEntry, findBrokenLink, canonical, GENESIS } from './chain.js';
