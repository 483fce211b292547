import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Plan } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan as makePlan } from '../../test/helpers/plan.js';
import { makeCa, makeLeaf, type CertFiles } from '../../test/helpers/certs.js';
import { start, startListening, stop, stderrOf, type Proc } from '../lib/procs.js';
import { NGINX_STREAM_SO, childPids, freePort, getStatus, waitTcp } from '../lib/sys.js';
import type { PeerContext, PeerDef, RunningPeer } from './peer.js';

/**
 * Mutual TLS in the two-hop topology of a mesh: client -> client sidecar (plaintext in,
 * mutual TLS out) -> server sidecar (mutual TLS in, strict) -> backend. `meshc-mtls` runs two
 * `meshc run` processes; `nginx-mtls` two nginx (stream, one worker each) with `ssl` termination
 * + `ssl_verify_client on` on the server hop and `proxy_ssl` + `proxy_ssl_verify on` on the client
 * hop. Certificates (EC P-256, one CA) are made with openssl in the peer's directory. Both
 * make a full handshake per connection: meshc never resumes sessions, and nginx is told not to
 * (`proxy_ssl_session_reuse off`). CPU figures cover the client hop only (RunningPeer has one pid).
 */

const CLIENT_ID = 'spiffe://bench.local/ns/bench/sa/client';
const SERVER_ID = 'spiffe://bench.local/ns/bench/sa/server';
/** nginx verifies a DNS name (proxy_ssl_name), not a URI SAN: the server leaf has both. */
const SERVER_DNS = 'server.bench.svc';

interface BenchCerts {
  ca: CertFiles;
  client: CertFiles;
  server: CertFiles;
}

function certs(dir: string): BenchCerts {
  const d = path.join(dir, 'certs');
  const ca = makeCa(d, 'ca');
  return {
    ca,
    client: makeLeaf(d, 'client', ca, [`URI:${CLIENT_ID}`]),
    server: makeLeaf(d, 'server', ca, [`URI:${SERVER_ID}`, `DNS:${SERVER_DNS}`]),
  };
}

const conn = { connectTimeoutMs: 5000, idleTimeoutMs: 3_600_000, maxConnections: 50_000, connectAttempts: 1 };

async function startMeshc(ctx: PeerContext, name: string, p: Plan, admin: number, ports: number[]): Promise<Proc> {
  const file = path.join(ctx.dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(p, null, 2) + '\n');
  const proc = start(name, process.execPath, [path.join(ctx.root, 'bin/meshc.js'), 'run', '--plan', file, '--admin', `127.0.0.1:${admin}`, '--log-level', 'warn', '--drain-timeout', '1s'], { nofile: ctx.nofile });
  let alive = true;
  void proc.exited.then(() => (alive = false));
  const deadline = Date.now() + 15_000;
  while ((await getStatus(`http://127.0.0.1:${admin}/ready`)) !== 200) {
    if (!alive || Date.now() > deadline) {
      await stop(proc, 500);
      throw new Error(`${name} did not become ready: ${stderrOf(proc).trim().slice(-600)}`);
    }
    await delay(50);
  }
  for (const port of ports) await waitTcp(port, 5000, () => alive);
  return proc;
}

/** Two `meshc run` processes: outbound mutual -> inbound strict. */
export const meshcMtls: PeerDef = {
  name: 'meshc-mtls',
  async start(ctx): Promise<RunningPeer> {
    const c = certs(ctx.dir);
    const b = ctx.backends;
    const [sIperf, sEcho, cIperf, cEcho, sAdmin, cAdmin] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const inbound = (port: number, cl: string, backend: number) => listener(cl, port, { name: `inbound_127.0.0.1_${port}_tcp`, direction: 'inbound', tls: 'strict', workloadPort: backend });
    const server = makePlan(
      [inbound(sIperf, 'iperf_5201_tcp', b.iperfPort), inbound(sEcho, 'echo_7_tcp', b.echoPort)],
      [cluster('iperf_5201_tcp', [{ port: b.iperfPort }], { connection: conn }), cluster('echo_7_tcp', [{ port: b.echoPort }], { connection: conn })],
      { name: 'bench-mtls-server', admin: { address: '127.0.0.1', port: sAdmin }, tls: { certificate: c.server.cert, privateKey: c.server.key, trustedCA: c.ca.cert } },
    );
    const tls = { mode: 'mutual' as const, serverIdentities: [SERVER_ID] };
    const client = makePlan(
      [listener('iperf_5201_tcp', cIperf), listener('echo_7_tcp', cEcho)],
      [cluster('iperf_5201_tcp', [{ port: sIperf }], { connection: conn, tls }), cluster('echo_7_tcp', [{ port: sEcho }], { connection: conn, tls })],
      { name: 'bench-mtls-client', admin: { address: '127.0.0.1', port: cAdmin }, tls: { certificate: c.client.cert, privateKey: c.client.key, trustedCA: c.ca.cert } },
    );
    const sp = await startMeshc(ctx, 'meshc-mtls-server', server, sAdmin, [sIperf, sEcho]);
    let cp: Proc;
    try {
      cp = await startMeshc(ctx, 'meshc-mtls-client', client, cAdmin, [cIperf, cEcho]);
    } catch (err) {
      await stop(sp);
      throw err;
    }
    return {
      name: 'meshc-mtls',
      pid: cp.pid,
      iperfPort: cIperf,
      echoPort: cEcho,
      notes: ['two hops with mutual TLS (client sidecar -> server sidecar); CPU figures: client hop only'],
      stop: async () => {
        await stop(cp);
        await stop(sp);
      },
    };
  },
};

async function startNginx(ctx: PeerContext, name: string, servers: string[], ports: number[]): Promise<{ p: Proc; worker: number }> {
  const dir = path.join(ctx.dir, name);
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    [
      existsSync(NGINX_STREAM_SO) ? `load_module ${NGINX_STREAM_SO};` : '',
      'worker_processes 1;',
      'daemon off;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/logs/error.log error;`,
      `worker_rlimit_nofile ${ctx.nofile};`,
      'events { worker_connections 40000; }',
      'stream {',
      ...servers,
      '}',
      '',
    ].join('\n'),
  );
  const p = await startListening(name, 'nginx', ['-p', dir, '-c', conf, '-e', `${dir}/logs/error.log`], ports, { nofile: ctx.nofile });
  let worker: number | undefined;
  for (let i = 0; i < 100 && worker === undefined; i++) {
    worker = childPids(p.pid)[0];
    if (worker === undefined) await delay(20);
  }
  if (worker === undefined) {
    await stop(p);
    throw new Error(`${name}: worker process not found`);
  }
  return { p, worker };
}

/** Two nginx stream instances: proxy_ssl origination -> ssl termination with client verification. */
export const nginxMtls: PeerDef = {
  name: 'nginx-mtls',
  async start(ctx): Promise<RunningPeer> {
    const c = certs(ctx.dir);
    const b = ctx.backends;
    const [sIperf, sEcho, cIperf, cEcho] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const terminate = (port: number, backend: number): string =>
      `  server { listen 127.0.0.1:${port} ssl; ssl_certificate ${c.server.cert}; ssl_certificate_key ${c.server.key}; ssl_client_certificate ${c.ca.cert}; ssl_verify_client on; proxy_pass 127.0.0.1:${backend}; }`;
    const originate = (port: number, upstream: number): string =>
      `  server { listen 127.0.0.1:${port}; proxy_pass 127.0.0.1:${upstream}; proxy_ssl on; proxy_ssl_certificate ${c.client.cert}; proxy_ssl_certificate_key ${c.client.key}; proxy_ssl_trusted_certificate ${c.ca.cert}; proxy_ssl_verify on; proxy_ssl_name ${SERVER_DNS}; proxy_ssl_session_reuse off; }`;
    const s = await startNginx(ctx, 'nginx-mtls-server', [terminate(sIperf, b.iperfPort), terminate(sEcho, b.echoPort)], [sIperf, sEcho]);
    let cl: { p: Proc; worker: number };
    try {
      cl = await startNginx(ctx, 'nginx-mtls-client', [originate(cIperf, sIperf), originate(cEcho, sEcho)], [cIperf, cEcho]);
    } catch (err) {
      await stop(s.p);
      throw err;
    }
    return {
      name: 'nginx-mtls',
      pid: cl.worker,
      iperfPort: cIperf,
      echoPort: cEcho,
      notes: ['two hops with mutual TLS (proxy_ssl -> ssl + ssl_verify_client, no session reuse); CPU figures: client hop only'],
      stop: async () => {
        await stop(cl.p);
        await stop(s.p);
      },
    };
  },
};
