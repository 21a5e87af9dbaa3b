import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, mongoStore, postgresStore, sqliteStore, type Engine } from '../engine/index.js';
import type { StoreKind } from './AppContext.js';
import { createApp } from './app.js';
import { deployCatalogue } from './deployCatalogue.js';
import { loadCatalogue, type ServiceStandard } from '../processes/standard.js';
import { prepareDemoData, type DemoLogin } from './demo/demoData.js';
import { proxyHopsOf, storeKindOf, type Env } from './env.js';
import type { Organisation } from '../processes/demo/seedOrganisation.js';
import { LiveUpdates } from './live/LiveUpdates.js';
import { jsonLogger, type Logger } from './logger.js';
import { resolveAuditAnchor, type AuditAnchor } from './audit/auditAnchor.js';
import { AuditCheckpoints } from './audit/AuditCheckpoints.js';
import { Metrics } from './metrics/Metrics.js';
import { answerClientError } from './clientError.js';
import { startNotifications, type RunningNotifications } from './notifications/index.js';

export interface StartServerOptions {
  readonly env: Env;
  /** An engine to serve; by default one is opened on the store the env names (and closed with the server). */
  readonly engine?: Engine;
  readonly logger?: Logger;
  /** The service catalogue deployed at start-up; the repository's `processes/` by default. */
  readonly processesDir?: string;
  /** The demo organisation (when demo data is on, see DEMO_DATA); processes/demo/organisation.json by default. */
  readonly organisation?: Organisation;
}

export interface RunningServer {
  /** `http://host:port`, with the port actually bound (tests listen on port 0). */
  readonly url: string;
  readonly engine: Engine;
  readonly server: Server;
  /** The demo logins to print (role -> user, password `demo`); empty when demo data is off. */
  readonly demoLogins: readonly DemoLogin[];
  /** Stops accepting, lets requests in flight finish, then closes the engine if it opened it. */
  close(): Promise<void>;
}

const DEFAULT_PROCESSES = fileURLToPath(new URL('../processes', import.meta.url));
/** The catalogue's standards; a folder without valid ones serves none (and says why in the log). */
function readStandards(dir: string, logger: Logger): ServiceStandard[] {
  try {
    return loadCatalogue(dir).map((entry) => entry.standard);
  } catch (error) {
    logger.warn('service standards not served', { error: (error as Error).message });
    return [];
  }
}

/** How long in-flight requests get at shutdown before their connections are cut. */
const DRAIN_MS = 10_000;

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { env } = options;
  const logger = options.logger ?? jsonLogger({ level: env.LOG_LEVEL });
  const storeKind: StoreKind = storeKindOf(env);
  // The store first: an unusable DATA_DIR is the root problem and is named as such
  // (StoreUnavailableError); then a key in the wrong place stops the start-up (AuditAnchorError).
  const engine = options.engine ?? (await openEngine(env));
  const ownsEngine = !options.engine;
  let auditAnchor: AuditAnchor & { readonly key: Buffer };
  try {
    auditAnchor = resolveAuditAnchor(env, logger, { generate: true });
  } catch (error) {
    if (ownsEngine) await engine.close();
    throw error;
  }
  let checkpoints: AuditCheckpoints | undefined;
  let notifications: RunningNotifications | undefined;
  try {
    checkpoints = await AuditCheckpoints.start({
      engine,
      key: auditAnchor.key,
      file: auditAnchor.checkpointFile,
      logger,
      ...(env.AUDIT_CHECKPOINT_SECONDS ? { intervalMs: env.AUDIT_CHECKPOINT_SECONDS * 1000 } : {}),
    });
    await deployCatalogue(engine, options.processesDir ?? DEFAULT_PROCESSES, logger);
    const demoLogins = await prepareDemoData(engine, { mode: env.DEMO_DATA, host: env.HOST, logger, ...(options.organisation ? { organisation: options.organisation } : {}) });
    const live = new LiveUpdates(engine);
    const metrics = new Metrics(engine);
    const services = readStandards(options.processesDir ?? DEFAULT_PROCESSES, logger);
    notifications = startNotifications(env, engine, services, logger);
    const app = createApp({
      engine,
      logger,
      services,
      notifications: notifications.channels,
      storeKind,
      live,
      metrics,
      ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
      proxyHops: proxyHopsOf(env),
      auth: { cookieSecure: env.COOKIE_SECURE, sessionTtlMs: Math.round(env.SESSION_HOURS * 3_600_000) },
      auditAnchor,
    });
    const server = app.listen({ port: env.PORT, host: env.HOST });
    server.on('clientError', answerClientError);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
    const url = `http://${host}:${port}`;
    const anchored = checkpoints;
    const notifying = notifications;
    const stop = () => shutdown(server, ownsEngine ? engine : undefined, logger, () => (live.close(), metrics.close()), anchored);
    return { url, engine, server, demoLogins, close: once(() => notifying.close().then(stop)) };
  } catch (error) {
    await notifications?.close();
    await checkpoints?.close();
    if (ownsEngine) await engine.close();
    throw error;
  }
}

/**
 * The store the env names: PostgreSQL when DATABASE_URL is set, MongoDB when MONGODB_URI is,
 * else sqlite in DATA_DIR. The
 * server runs jobs (polling from the start fires timers that fell due while it was down; the
 * SLA sweep runs at start-up and every minute); a tool (`npm run audit:verify`) runs none.
 */
export async function openEngine(env: Env, options: { jobs?: boolean } = {}): Promise<Engine> {
  const jobs = options.jobs === false ? {} : { jobs: { poll: true, slaSweep: '* * * * *' } };
  if (env.DATABASE_URL) return createEngine({ store: postgresStore(env.DATABASE_URL), ...jobs });
  if (env.MONGODB_URI) return createEngine({ store: mongoStore(env.MONGODB_URI), ...jobs });
  // The store creates DATA_DIR itself, and says in words why when it cannot.
  const storeOptions = { ...(env.SQLITE_SYNCHRONOUS ? { synchronous: env.SQLITE_SYNCHRONOUS } : {}), ...(env.SQLITE_WRITER ? { writer: env.SQLITE_WRITER } : {}) };
  return createEngine({ store: sqliteStore(join(env.DATA_DIR, 'tereze.db'), storeOptions), ...jobs });
}

async function shutdown(server: Server, engine: Engine | undefined, logger: Logger, endStreams: () => void, checkpoints: AuditCheckpoints): Promise<void> {
  logger.info('shutting down');
  // Event streams never end by themselves: close them, or server.close() would wait DRAIN_MS for them.
  endStreams();
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  // close() waits for requests in flight (idle keep-alive sockets close at once, Node >= 19);
  // a request still hanging after DRAIN_MS loses its connection rather than blocking shutdown.
  const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
  // A keep-alive connection whose request was in flight at close() turns idle afterwards and
  // would otherwise linger until its keep-alive timeout: close such connections as they idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  cut.unref();
  sweep.unref();
  try {
    await closed;
  } finally {
    clearTimeout(cut);
    clearInterval(sweep);
    // Requests are done: the head now is the trail's last word before the stop; anchor it.
    await checkpoints.close();
    if (engine) await engine.close();
  }
  logger.info('stopped');
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
