import type { ChainReport } from '../../engine/index.js';

/**
 * The report of `npm run audit:verify`, a line per finding. The first line is the verdict
 * (`audit trail OK: N entries` or `audit trail BROKEN at seq …`, as before the checkpoints).
 */
export function chainReportText(report: ChainReport, checkpointFile: string): string[] {
  const lines: string[] = [];
  const broken = report.firstBroken;
  if (broken) lines.push(`audit trail BROKEN at seq ${broken.seq} (${broken.action}, subject ${broken.subject}, ${broken.at}): ${broken.reason}`);
  else if (report.ok) lines.push(`audit trail OK: ${report.checked} entries`);
  else lines.push(`audit trail NOT OK: its ${report.checked} entries chain, but the signed checkpoints do not hold (below)`);
  if (report.legacyEntries > 0) lines.push(`legacy v1 entries (written before format 2): ${report.legacyEntries}`);
  const anchoring = report.anchoring;
  if (!anchoring) return lines;
  if (anchoring.truncated) lines.push(`audit trail TRUNCATED: ${anchoring.truncated.reason}`);
  if (anchoring.rechained) lines.push(`audit trail RE-CHAINED: ${anchoring.rechained.reason}`);
  for (const forged of anchoring.forged) lines.push(`forged checkpoint at line ${forged.line} of ${checkpointFile}: ${forged.reason}`);
  if (!anchoring.configured) {
    lines.push(`not anchored: no audit key (AUDIT_KEY or AUDIT_KEY_FILE), so no checkpoint was checked; ${anchoring.unanchored} entries rest on the chain alone`);
  } else if (anchoring.lastCheckpoint) {
    lines.push(`anchored up to seq ${anchoring.lastCheckpoint.seq} (${anchoring.lastCheckpoint.at}) by ${anchoring.checkpoints} checkpoints; ${anchoring.unanchored} entries after it are unanchored`);
  } else {
    lines.push(`no checkpoint in ${checkpointFile}: ${anchoring.unanchored} entries are unanchored`);
  }
  return lines;
}
