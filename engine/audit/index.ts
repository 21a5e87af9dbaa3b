export { chainEntry, findBrokenLink, canonical, GENESIS } from './chain.js';
export { verifyChain, type ChainReport } from './verifyChain.js';
