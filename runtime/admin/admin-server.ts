import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runtime } from '../runtime.js';
import type { Logger } from '../logger.js';
import { PromWriter } from '../metrics.js';
import { MeshcError } from '../errors.js';
import type { WorkerPool } from '../workers/primary.js';

export interface AdminServerOptions {
  /** The runtime of a single-process `meshc run`. */
  runtime?: Runtime;
  /** With `--workers N`: the primary's worker pool (metrics and clusters are aggregated). */
  pool?: WorkerPool;
  logger: Logger;
}

const PROM_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
const startSeconds = Math.round(Date.now() / 1000 - process.uptime());

/** The paths the health listener (`meshc run --health`) serves; everything else is 404 there. */
const HEALTH_PATHS = new Set(['/ready', '/metrics']);

/**
 * The admin HTTP endpoint (Envoy: admin): `/ready`, `/metrics`, `/clusters`, `/plan`. Read-only;
 * it binds exactly where it is told (the plan's `admin` or `meshc run --admin`).
 *
 * It may also serve a second, health listener (`meshc run --health`, for kubelet probes and
 * Prometheus scrapes from outside the pod): only `GET /ready` and `GET /metrics`, answered by the
 * same handler so they are exactly the admin's; any other path is 404 whatever the method.
 */
export class AdminServer {
  private server: http.Server | null = null;
  private health: http.Server | null = null;
  /** Set on shutdown so `/ready` turns 503 before listeners stop accepting. */
  draining = false;
  requests = 0;

  constructor(private readonly opts: AdminServerOptions) {}

  /** Bind `address:port`; rejects with E_BIND. Resolves with the bound port (useful with port 0). */
  async listen(address: string, port: number): Promise<number> {
    const server = http.createServer(this.onRequest);
    this.server = server;
    try {
      return await bind(server, address, port, 'admin', this.opts.logger);
    } catch (err) {
      this.server = null;
      throw err;
    }
  }

  /** Bind the health listener (`/ready`, `/metrics` only); rejects with E_BIND. Resolves with the bound port. */
  async listenHealth(address: string, port: number): Promise<number> {
    const server = http.createServer(this.onHealthRequest);
    this.health = server;
    try {
      return await bind(server, address, port, 'health', this.opts.logger);
    } catch (err) {
      this.health = null;
      throw err;
    }
  }

  /** Stop serving (admin and health) and drop keep-alive connections. */
  async close(): Promise<void> {
    const servers = [this.server, this.health];
    this.server = null;
    this.health = null;
    await Promise.all(
      servers.map(
        (s) =>
          s &&
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  }

  /** True when `/ready` answers 200. */
  get ready(): boolean {
    return !this.draining && (this.opts.pool?.ready ?? this.opts.runtime?.ready ?? false);
  }

  /** The health listener: 404 for every path but /ready and /metrics, which the admin handler answers. */
  private readonly onHealthRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const q = req.url?.indexOf('?') ?? -1;
    const path = q >= 0 ? req.url!.slice(0, q) : (req.url ?? '/');
    if (!HEALTH_PATHS.has(path)) {
      this.requests++;
      return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
    this.onRequest(req, res);
  };

  private readonly onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    this.requests++;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
      return;
    }
    const q = req.url?.indexOf('?') ?? -1;
    const path = q >= 0 ? req.url!.slice(0, q) : (req.url ?? '/');
    const rt = this.opts.runtime ?? this.opts.pool!;
    if (this.opts.pool !== undefined && (path === '/metrics' || path === '/clusters')) {
      this.aggregated(path, res).catch((err: unknown) => {
        this.opts.logger.error({ err, path }, 'admin request failed');
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      });
      return;
    }
    try {
      switch (path) {
        case '/ready': {
          const ok = this.ready;
          const why = ok ? 'ready' : this.draining || rt.stopping ? 'draining' : rt.plan !== null ? 'a worker is not ready' : 'no plan applied';
          return send(res, ok ? 200 : 503, 'text/plain; charset=utf-8', why + '\n');
        }
        case '/metrics':
          return send(res, 200, PROM_CONTENT_TYPE, this.metrics());
        case '/clusters':
          return sendJson(res, { plan: rt.plan ? { name: rt.plan.name, hash: rt.plan.hash } : null, clusters: [...this.opts.runtime!.clusters.values()].map((c) => c.toJSON()) });
        case '/plan':
          if (rt.plan === null) return sendJson(res, { error: 'no plan applied' }, 503);
          return sendJson(res, rt.plan);
        case '/':
          return send(res, 200, 'text/plain; charset=utf-8', 'meshc admin: /ready /metrics /clusters /plan\n');
        default:
          return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
      }
    } catch (err) {
      this.opts.logger.error({ err, path }, 'admin request failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
    }
  };

  /** /metrics and /clusters with --workers: ask every worker, then merge. */
  private async aggregated(path: string, res: http.ServerResponse): Promise<void> {
    const pool = this.opts.pool!;
    if (path === '/metrics') return send(res, 200, PROM_CONTENT_TYPE, await pool.metrics(this.ready, processGauges));
    const clusters = await pool.clusters();
    return sendJson(res, { plan: pool.plan ? { name: pool.plan.name, hash: pool.plan.hash } : null, clusters });
  }

  /** The Prometheus exposition: the runtime's samples plus process gauges. */
  metrics(): string {
    const w = new PromWriter();
    this.opts.runtime!.collect(w);
    processGauges(w);
    w.add('meshc_ready', 'gauge', '1 when /ready answers 200.', null, this.ready ? 1 : 0);
    return w.render();
  }
}

/** Listen on `address:port`; rejects with E_BIND naming `what` and the address. */
function bind(server: http.Server, address: string, port: number, what: string, logger: Logger): Promise<number> {
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const where = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
      reject(new MeshcError('E_BIND', `${what}: cannot bind ${where}: ${err.code ?? err.message}`, { cause: err }));
    };
    server.once('error', onError);
    server.listen({ host: address, port }, () => {
      server.off('error', onError);
      server.on('error', (err) => logger.error({ err }, `${what} server error`));
      const bound = (server.address() as AddressInfo).port;
      logger.info({ address, port: bound }, `${what} listening`);
      resolve(bound);
    });
  });
}

/** Memory and start time of this process. */
function processGauges(w: PromWriter): void {
  const mem = process.memoryUsage();
  w.add('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', null, mem.rss);
  w.add('process_start_time_seconds', 'gauge', 'Start time of the process since unix epoch in seconds.', null, startSeconds);
  w.add('nodejs_heap_used_bytes', 'gauge', 'V8 heap used in bytes.', null, mem.heapUsed);
  w.add('nodejs_external_memory_bytes', 'gauge', 'Memory held by Buffers and other C++ objects bound to JS.', null, mem.external + mem.arrayBuffers);
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

function sendJson(res: http.ServerResponse, value: unknown, status = 200): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value, null, 2) + '\n');
}
