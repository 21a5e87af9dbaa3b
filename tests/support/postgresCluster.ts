/**
 * A throwaway PostgreSQL for the tests: `initdb` into a temp dir (as the `postgres` OS user
 * when running as root, since the server refuses to run as root), on a free port on 127.0.0.1,
 * stopped with `pg_ctl stop -m immediate` and the dir removed at the end. Where no binaries are
 * found (/usr/lib/postgresql/<n>/bin, or initdb on PATH) `findPostgresBinaries` says why, and the
 * suites that need a server report themselves skipped with that reason.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: trust authentication, a superuser. */
  readonly url: string;
  /** A crash of the server (`pg_ctl stop -m immediate`) and a start on the same port and data. */
  restart(): Promise<void>;
  /** A new empty database on this cluster: its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /**
   * Keep `synchronous_commit` on, so a commit acknowledged before a crash of the server is
   * there after it (the fault tests restart the server mid-load). Off by default: the contract
   * tests never crash it and run faster without. `fsync` stays off unless `durableDisk`: the
   * machine itself does not crash, and the OS keeps what the server wrote.
   */
  readonly durableCommits?: boolean;
  /**
   * `fsync` and `full_page_writes` on, so a commit is on the disk when acknowledged, as a
   * production server keeps it (with `durableCommits`): a benchmark of the durable store beside
   * sqlite with synchronous FULL. Off by default.
   */
  readonly durableDisk?: boolean;
}

/** The folder holding initdb, pg_ctl and postgres, or why there is none. */
export function findPostgresBinaries(root = '/usr/lib/postgresql', path = process.env['PATH'] ?? ''): { bin: string } | { missing: string } {
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return { bin: join(root, v, 'bin') };
  }
  for (const dir of path.split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return { bin: dir };
  }
  return { missing: `no PostgreSQL server binaries (initdb, pg_ctl) in ${root}/*/bin or on PATH` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresCluster(bin: string, clusterOptions: ClusterOptions = {}): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // The server refuses to run as root: the postgres OS user owns the cluster then.
  const run = (tool: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    execFileSync(command, argv, { stdio: 'pipe', cwd: dir });
  };
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  let options = '';
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=${clusterOptions.durableDisk ? 'on' : 'off'} -c synchronous_commit=${clusterOptions.durableCommits ? 'on' : 'off'} -c full_page_writes=${clusterOptions.durableDisk ? 'on' : 'off'} -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`PostgreSQL did not start${stderr ? `: ${stderr}` : ''}`);
  }
  let stopped = false;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async restart() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    },
    async createDatabase(name: string) {
      if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error(`not a database name: ${name}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url.replace(/\/postgres$/, `/${name}`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
