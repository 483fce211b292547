import type { Command } from '../main.js';
import { parseArgs, flag, parseDurationMs, parseHostPort, UsageError } from '../args.js';
import { Runtime } from '../../runtime/runtime.js';
import { PlanSource, type PlanTarget } from '../../runtime/plan-source.js';
import { AdminServer } from '../../runtime/admin/admin-server.js';
import { createLogger, type Logger } from '../../runtime/logger.js';
import { setDnsServers } from '../../runtime/cluster/dns-resolver.js';
import cluster from 'node:cluster';
import type { WorkerPool } from '../../runtime/workers/primary.js';
import { WORKER_INDEX_ENV } from '../../runtime/workers/protocol.js';
import { nodeSupport } from '../node-support.js';
import type { AccessLog } from '../../runtime/access-log/access-log.js';
// --workers, --transparent and --access-log load their modules when asked for: a sidecar's
// footprint is what it loads (docs/benchmarks.md, footprint)

const usage = `Usage: meshc run --plan FILE [--admin HOST:PORT] [--health HOST:PORT] [--log-level LEVEL] [--drain-timeout DURATION] [--dns-resolvers LIST] [--transparent] [--workers N]
                 [--access-log stdout|stderr|PATH] [--access-log-flush-interval DURATION]

Runs the bundled sidecar runtime on a compiled plan (meshc compile --target runtime).

Options:
  --plan FILE               the plan.json to run; watched and re-applied when it changes
  --admin HOST:PORT         admin endpoint address (overrides the plan's admin; IPv6 as [::1]:15000)
  --health HOST:PORT        a second, read-only listener for kubelet probes and Prometheus
                            (e.g. 0.0.0.0:15021): GET /ready and /metrics as on the admin
                            endpoint, every other path 404; bound before the plan is applied
  --log-level LEVEL         fatal | error | warn | info | debug | trace | silent (default info)
  --drain-timeout DURATION  how long shutdown waits for live connections, e.g. 15s, 500ms, 1m (default 15s)
  --dns-resolvers LIST      DNS servers for dns endpoints: IP or IP:PORT, comma-separated
                            (IPv6 as [::1]:53); default: the system's resolv.conf
  --transparent             run behind the plan's iptables interception rules (meshc compile
                            --target iptables); refuses to start unless this process is the
                            exempted proxyUid/proxyGid, so its own connections cannot loop
  --workers N               worker processes sharing the listeners (default 1 = one process);
                            health checks, DNS, reloads and the admin endpoint stay in the
                            primary, which restarts a worker that dies
  --access-log stdout|stderr|PATH
                            one JSON line per TCP connection when it closes and per UDP
                            session when it ends (docs/observability.md); written
                            asynchronously, dropped and counted when the destination cannot
                            keep up; PATH is opened for append and reopened on SIGUSR1
  --access-log-flush-interval DURATION
                            also write a "type":"periodic" line for every open connection
                            this often, e.g. 30s (default: only at close)
  -h, --help                this help

Logs are JSON lines (pino) on stderr. Signals: SIGTERM/SIGINT drain and exit 0 (a second one
exits at once), SIGHUP re-reads the plan file, SIGUSR1 reopens the access log. Exit 1 when the initial plan is invalid or a
listener/admin address cannot be bound.
`;

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** `meshc run`: argument parsing and process lifecycle only; the work is in runtime/. */
export const command: Command = {
  name: 'run',
  summary: 'run the sidecar runtime on a compiled plan',
  usage,
  async run(argv) {
    const a = parseArgs(argv, {
      '--help': { value: false },
      '--plan': { value: true },
      '--admin': { value: true },
      '--health': { value: true },
      '--log-level': { value: true },
      '--drain-timeout': { value: true },
      '--dns-resolvers': { value: true },
      '--transparent': { value: false },
      '--workers': { value: true },
      '--access-log': { value: true },
      '--access-log-flush-interval': { value: true },
    });
    if (a.flags.has('--help')) {
      process.stdout.write(usage);
      return 0;
    }
    if (a.positionals.length > 0) throw new UsageError(`unexpected argument ${a.positionals[0]}`);
    const file = flag(a, '--plan');
    if (file === undefined || file === '') throw new UsageError('--plan FILE is required');
    const adminFlag = flag(a, '--admin');
    const adminOverride = adminFlag === undefined ? undefined : parseHostPort(adminFlag);
    if (adminFlag !== undefined && adminOverride === undefined) throw new UsageError(`--admin must be IP:PORT (IPv6 as [::1]:PORT), got ${JSON.stringify(adminFlag)}`);
    const healthFlag = flag(a, '--health');
    const health = healthFlag === undefined ? undefined : parseHostPort(healthFlag);
    if (healthFlag !== undefined && health === undefined) throw new UsageError(`--health must be IP:PORT (IPv6 as [::]:PORT), got ${JSON.stringify(healthFlag)}`);
    const level = flag(a, '--log-level') ?? 'info';
    if (!LEVELS.has(level)) throw new UsageError(`--log-level must be one of ${[...LEVELS].join(', ')}`);
    const drainFlag = flag(a, '--drain-timeout') ?? '15s';
    const drainTimeoutMs = parseDurationMs(drainFlag);
    if (drainTimeoutMs === undefined) throw new UsageError(`--drain-timeout must be a duration like 15s or 500ms, got ${JSON.stringify(drainFlag)}`);

    const dnsFlag = flag(a, '--dns-resolvers');
    if (dnsFlag !== undefined) {
      try {
        setDnsServers(dnsFlag.split(',').map((x) => x.trim()).filter((x) => x !== ''));
      } catch {
        throw new UsageError(`--dns-resolvers must be IP or IP:PORT entries separated by commas (IPv6 as [::1]:53), got ${JSON.stringify(dnsFlag)}`);
      }
    }

    const workersFlag = flag(a, '--workers') ?? '1';
    const workers = /^[1-9]\d{0,2}$/.test(workersFlag) ? Number(workersFlag) : NaN;
    if (!(workers >= 1 && workers <= 256)) throw new UsageError(`--workers must be an integer from 1 to 256, got ${JSON.stringify(workersFlag)}`);

    const accessTarget = flag(a, '--access-log');
    if (accessTarget === '') throw new UsageError('--access-log needs stdout, stderr or a file path');
    const flushFlag = flag(a, '--access-log-flush-interval');
    const flushIntervalMs = flushFlag === undefined ? 0 : parseDurationMs(flushFlag);
    if (flushIntervalMs === undefined || (flushFlag !== undefined && flushIntervalMs <= 0)) {
      throw new UsageError(`--access-log-flush-interval must be a positive duration like 30s or 500ms, got ${JSON.stringify(flushFlag)}`);
    }
    if (flushFlag !== undefined && accessTarget === undefined) throw new UsageError('--access-log-flush-interval needs --access-log');

    const logger = createLogger(level);
    const workerIndex = process.env[WORKER_INDEX_ENV];
    const isWorker = cluster.isWorker && workerIndex !== undefined;
    // with --workers the primary proxies nothing: each worker writes its own lines
    let accessLog: AccessLog | null = null;
    if (accessTarget !== undefined && (isWorker || workers === 1)) {
      const { AccessLog } = await import('../../runtime/access-log/access-log.js');
      accessLog = new AccessLog({ target: accessTarget, flushIntervalMs, logger });
      try {
        accessLog.open();
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        process.stderr.write(`meshc run: cannot open the access log ${accessTarget}: ${e.code ?? e.message}\n`);
        return 1;
      }
      process.on('SIGUSR1', () => accessLog!.reopen());
    } else if (accessTarget === undefined) {
      // logrotate's SIGUSR1 must not open Node's inspector on 127.0.0.1:9229 in a sidecar
      process.on('SIGUSR1', () => undefined);
    }
    if (isWorker) {
      const { runWorker } = await import('../../runtime/workers/worker.js');
      const code = await runWorker({ index: Number(workerIndex), drainTimeoutMs, logger: logger.child({ worker: Number(workerIndex) }), accessLog });
      await accessLog?.close();
      await flush(logger);
      // the IPC channel would keep the loop alive
      if (process.connected) process.disconnect();
      setTimeout(() => process.exit(code), 2000).unref();
      return code;
    }
    // a sidecar carries every byte between services: say so when its Node gets no security fixes
    const node = nodeSupport(process.version);
    if (node.status === 'eol') logger.warn({ node: process.version, endOfLife: node.endOfLife }, node.message);
    const o: ServeOptions = { file, adminOverride, health, drainTimeoutMs, logger, transparent: a.flags.has('--transparent'), accessLog, forwardUsr1: accessTarget !== undefined };
    return serve(o, workers > 1 ? workerPool(o, workers, (await import('../../runtime/workers/primary.js')).WorkerPool) : singleProcess(o));
  },
};

interface ServeOptions {
  file: string;
  adminOverride: { address: string; port: number } | undefined;
  /** `--health`: the probe/scrape listener, bound before the first plan. */
  health?: { address: string; port: number } | undefined;
  drainTimeoutMs: number;
  logger: Logger;
  transparent?: boolean;
  accessLog: AccessLog | null;
  /** --workers with --access-log: pass SIGUSR1 on to the workers (without a handler Node would open its inspector). */
  forwardUsr1: boolean;
}

/**
 * What `serve` runs: the single-process Runtime, or (with `--workers N`) the primary's worker
 * pool. Both take plans from one PlanSource and share one lifecycle.
 */
interface Engine {
  target: PlanTarget;
  admin: AdminServer;
  /** Start background parts before the first plan (the pool forks its workers). */
  start(): Promise<void>;
  /** Stop accepting, drain up to `drainTimeoutMs`, close. */
  stop(drainTimeoutMs: number): Promise<void>;
  /** Second signal: close everything now. */
  kill(): void;
  /** Fields for the `ready` log line. */
  describe(): object;
}

function singleProcess(o: ServeOptions): Engine {
  const runtime = new Runtime({ logger: o.logger, drainTimeoutMs: o.drainTimeoutMs, accessLog: o.accessLog });
  return {
    target: runtime,
    admin: new AdminServer({ runtime, logger: o.logger }),
    start: async () => undefined,
    stop: (ms) => runtime.stop(ms),
    kill: () => {
      for (const l of runtime.listeners.values()) l.destroy();
    },
    describe: () => ({ listeners: runtime.listeners.size, clusters: runtime.clusters.size }),
  };
}

function workerPool(o: ServeOptions, workers: number, Pool: typeof WorkerPool): Engine {
  const pool = new Pool(workers, o.logger);
  // logrotate signals the primary: each worker reopens its own access-log file
  if (o.forwardUsr1) {
    process.on('SIGUSR1', () => {
      for (const pid of pool.pids()) if (pid !== null) process.kill(pid, 'SIGUSR1');
    });
  }
  return {
    target: pool,
    admin: new AdminServer({ pool, logger: o.logger }),
    start: () => pool.start(),
    stop: () => pool.stop(),
    kill: () => {
      for (const pid of pool.pids()) if (pid !== null) process.kill(pid, 'SIGKILL');
    },
    describe: () => ({ workers, pids: pool.pids() }),
  };
}

/**
 * The process lifecycle: admin (early when --admin is given, so /ready answers 503 while
 * starting), initial plan (exit 1 when unusable), ready, then signals. Signal handlers are
 * installed first of all, so a SIGTERM or SIGHUP during startup is honoured rather than
 * killing the process with the default action.
 */
async function serve(o: ServeOptions, engine: Engine): Promise<number> {
  const { logger } = o;
  const { admin } = engine;
  const source = new PlanSource({ file: o.file, runtime: engine.target, logger });

  let stopRequested: NodeJS.Signals | null = null;
  let hupDuringStart = false;
  let started = false;
  let onStop: (signal: NodeJS.Signals) => void = (signal) => {
    stopRequested = signal;
  };
  const onHup = (): void => {
    if (!started) {
      hupDuringStart = true;
      return;
    }
    logger.info('SIGHUP: re-reading the plan');
    void source.reload();
  };
  const stopHandler = (signal: NodeJS.Signals): void => onStop(signal);
  process.on('SIGTERM', stopHandler);
  process.on('SIGINT', stopHandler);
  process.on('SIGHUP', onHup);

  const fail = async (what: string, err: unknown): Promise<number> => {
    const msg = err instanceof Error ? err.message : String(err);
    const code = (err as { code?: unknown } | null)?.code;
    logger.error({ err }, what);
    process.stderr.write(`meshc run: ${what}: ${msg}${typeof code === 'string' ? ` [${code}]` : ''}\n`);
    await source.stop().catch(() => undefined);
    await engine.stop(0).catch(() => undefined);
    await admin.close();
    await flush(logger);
    return 1;
  };

  if (o.adminOverride) {
    try {
      await admin.listen(o.adminOverride.address, o.adminOverride.port);
    } catch (err) {
      return fail('cannot start the admin endpoint', err);
    }
  }
  if (o.health) {
    try {
      await admin.listenHealth(o.health.address, o.health.port);
    } catch (err) {
      return fail('cannot start the health endpoint', err);
    }
  }
  if (o.transparent) {
    try {
      const { preflightTransparent } = await import('../../runtime/transparent/transparent.js');
      await preflightTransparent(o.file, logger);
    } catch (err) {
      return fail('cannot run transparently', err);
    }
  }
  await engine.start();
  try {
    await source.start();
  } catch (err) {
    return fail('cannot apply the initial plan', err);
  }
  if (!o.adminOverride) {
    const { address, port } = engine.target.plan!.admin;
    try {
      await admin.listen(address, port);
    } catch (err) {
      return fail('cannot start the admin endpoint', err);
    }
  }
  started = true;
  logger.info({ plan: engine.target.plan!.name, hash: engine.target.plan!.hash, ...engine.describe() }, 'ready');
  if (hupDuringStart) onHup();

  const code = await new Promise<number>((resolve) => {
    let stopping = false;
    onStop = (signal) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without waiting for the drain');
        engine.kill();
        resolve(1);
        return;
      }
      stopping = true;
      admin.draining = true;
      logger.info({ signal, drainTimeoutMs: o.drainTimeoutMs }, 'shutting down: stop accepting, drain');
      void (async () => {
        await source.stop().catch((err) => logger.error({ err }, 'plan source stop failed'));
        await engine.stop(o.drainTimeoutMs);
        resolve(0);
      })();
    };
    if (stopRequested !== null) onStop(stopRequested);
  });
  await admin.close();
  await o.accessLog?.close();
  logger.info({ code }, 'stopped');
  await flush(logger);
  // Safety net: if some handle still holds the loop (a stuck socket), do not hang forever.
  setTimeout(() => process.exit(code), 2000).unref();
  return code;
}

function flush(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
