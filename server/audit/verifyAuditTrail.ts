import type { ChainReport, Engine } from '../../engine/index.js';
import type { AuditAnchor } from './auditAnchor.js';
import { checkpointLines } from './AuditCheckpoints.js';

/** The chain checked against the signed checkpoints, read from their file at each call. */
export function verifyAuditTrail(engine: Engine, anchor: AuditAnchor | undefined): Promise<ChainReport> {
  if (!anchor) return engine.verifyAudit();
  return engine.verifyAudit({ checkpoints: { lines: checkpointLines(anchor.checkpointFile), ...(anchor.key ? { key: anchor.key } : {}) } });
}
