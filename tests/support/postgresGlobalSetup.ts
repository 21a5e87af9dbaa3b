/**
 * Vitest global setup: one throwaway PostgreSQL shared by every test file of the run (each file
 * works in schemas of its own). Its URL reaches the files as `inject('postgresUrl')`, or why
 * there is none as `inject('postgresSkip')`. A TEST_DATABASE_URL in the environment is used as
 * it is, and nothing is started.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBinaries, startPostgresCluster, type PostgresCluster } from './postgresCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | undefined;
    postgresSkip: string | undefined;
  }
}

let cluster: PostgresCluster | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env['TEST_DATABASE_URL'];
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('postgresSkip', undefined);
    return async () => {};
  }
  const found = findPostgresBinaries();
  if ('missing' in found) {
    project.provide('postgresUrl', undefined);
    project.provide('postgresSkip', found.missing);
    return async () => {};
  }
  try {
    cluster = await startPostgresCluster(found.bin);
    project.provide('postgresUrl', cluster.url);
    project.provide('postgresSkip', undefined);
  } catch (error) {
    project.provide('postgresUrl', undefined);
    project.provide('postgresSkip', (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300));
  }
  return async () => {
    await cluster?.stop();
  };
}
