export { chainEntry, expectedHash, findBrokenLink, formatOf, canonical, GENESIS, AUDIT_FORMAT } from './chain.js';
export { ChainWalker, type ChainPosition, type ChainProblem, type ChainProblemCode } from './ChainWalker.js';
export { signCheckpoint, readCheckpoints, CHECKPOINT_VERSION, type Checkpoint, type SignedCheckpoint, type ForgedCheckpoint } from './checkpoint.js';
export { verifyChain, type ChainReport, type AnchorReport, type BrokenEntry, type VerifyOptions } from './verifyChain.js';
export { verifyExport, type ExportCheck } from './verifyExport.js';
