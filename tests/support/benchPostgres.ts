/**
 * The benchmarks' PostgreSQL (scaleBench.ts, nationalDayPostgres.ts): one throwaway cluster
 * (postgresCluster.ts) started from the server binaries found on the machine, given to `body`,
 * and stopped afterwards whatever happened. Without binaries nothing runs and the answer is
 * `{ skipped: reason }`, for the benchmark to print as skipped (never as a pass); a cluster that
 * fails to start is an error, not a skip.
 */
import { findPostgresBinaries, startPostgresCluster, type ClusterOptions, type PostgresCluster } from './postgresCluster.js';

export async function withBenchPostgres<T>(options: ClusterOptions, body: (cluster: PostgresCluster) => Promise<T>): Promise<{ readonly ran: T } | { readonly skipped: string }> {
  const binaries = findPostgresBinaries();
  if ('missing' in binaries) return { skipped: binaries.missing };
  const cluster = await startPostgresCluster(binaries.bin, options);
  try {
    return { ran: await body(cluster) };
  } finally {
    await cluster.stop();
  }
}
