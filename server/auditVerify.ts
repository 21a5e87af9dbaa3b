/**
 * `npm run audit:verify`: opens the store the environment names (as `npm start` does, without
 * running jobs), recomputes the audit trail's hash chain, checks it against the signed
 * checkpoints (AUDIT_KEY / AUDIT_KEY_FILE, AUDIT_CHECKPOINT_FILE: docs/audit-chain.md), and
 * prints either
 *   `audit trail OK: N entries`            (exit 0)
 * or the first broken entry               (exit 1)
 *   `audit trail BROKEN at seq 12 (task.complete, subject t-…): its content does not match its hash (edited)`
 * then a line per finding of the checkpoints (TRUNCATED, RE-CHAINED, forged checkpoint at line
 * …) and how far the trail is anchored. A bad environment is exit 1 with a line per variable,
 * as for the server. It never generates a key.
 */
import { AuditAnchorError, resolveAuditAnchor } from './audit/auditAnchor.js';
import { chainReportText } from './audit/chainReportText.js';
import { verifyAuditTrail } from './audit/verifyAuditTrail.js';
import { EnvError, parseEnv } from './env.js';
import { jsonLogger } from './logger.js';
import { openEngine } from './startServer.js';

let env;
let anchor;
try {
  env = parseEnv();
  anchor = resolveAuditAnchor(env, jsonLogger({ level: env.LOG_LEVEL === 'silent' ? 'silent' : 'warn' }), { generate: false });
} catch (error) {
  if (!(error instanceof EnvError) && !(error instanceof AuditAnchorError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const engine = await openEngine(env, { jobs: false });
try {
  const report = await verifyAuditTrail(engine, anchor);
  process.stdout.write(chainReportText(report, anchor.checkpointFile).map((line) => `${line}\n`).join(''));
  if (!report.ok) process.exitCode = 1;
} finally {
  await engine.close();
}
