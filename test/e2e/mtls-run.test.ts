import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnCli, type CliProcess } from '../helpers/cli.js';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, startEchoServer, type TestServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { makeCa, makeLeaf, type CertFiles } from '../helpers/certs.js';
import type { Listener, Plan } from '../../schemas/types/plan.gen.js';

// Mutual TLS and authorization through real `meshc run` processes (SPEC 6), with certificates
// made by openssl. Also run on the pure-JS data path by test/js-path/mtls-run.test.ts.

const WEB = 'spiffe://cluster.local/ns/shop/sa/web';
const ORDERS = 'spiffe://cluster.local/ns/shop/sa/orders';

let dir: string;
let ca: CertFiles;
let otherCa: CertFiles;
let web: CertFiles;
let orders: CertFiles;
let foreign: CertFiles;
let legacy: CertFiles;
const procs: CliProcess[] = [];

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshc-mtls-'));
  ca = makeCa(dir, 'ca');
  otherCa = makeCa(dir, 'other-ca');
  web = makeLeaf(dir, 'web', ca, [`URI:${WEB}`, 'DNS:web.shop.svc']);
  orders = makeLeaf(dir, 'orders', ca, [`URI:${ORDERS}`]);
  // same SPIFFE ID as web, but from a CA the sidecars do not trust
  foreign = makeLeaf(dir, 'foreign', otherCa, [`URI:${WEB}`]);
  legacy = makeLeaf(dir, 'legacy', ca, ['DNS:legacy.shop.svc', 'DNS:second.shop.svc']);
});

after(async () => {
  for (const p of procs) p.kill();
  await rm(dir, { recursive: true, force: true });
});

interface Sidecar {
  proc: CliProcess;
  admin: string;
  accessLog: string;
  metrics(): Promise<string>;
}

/** `meshc run` on `p` (written to a fresh file) with an access log; resolves once /ready. */
async function sidecar(name: string, p: Plan): Promise<Sidecar> {
  const file = path.join(dir, `${name}-${procs.length}.json`);
  const accessLog = path.join(dir, `${name}-${procs.length}.log`);
  await writePlan(file, p);
  const adminPort = await freePort();
  const proc = spawnCli(['run', '--plan', file, '--admin', `127.0.0.1:${adminPort}`, '--access-log', accessLog, '--drain-timeout', '1s']);
  procs.push(proc);
  const admin = `http://127.0.0.1:${adminPort}`;
  await waitFor(async () => (await httpGet(`${admin}/ready`).catch(() => ({ status: 0 }))).status === 200, 20_000, `${name} ready (stderr: ${proc.stderr()})`);
  return { proc, admin, accessLog, metrics: async () => (await httpGet(`${admin}/metrics`)).body };
}

function tlsOf(leaf: CertFiles): Plan['tls'] {
  return { certificate: leaf.cert, privateKey: leaf.key, trustedCA: ca.cert };
}

/** An inbound listener on `port` to the workload at `backendPort`. */
function inbound(port: number, backendPort: number, over: Partial<Listener>): Listener {
  return listener('app_8080_tcp', port, { name: `inbound_127.0.0.1_${port}_tcp`, direction: 'inbound', workloadPort: backendPort, ...over });
}

/** The server-side sidecar: inbound `mode` on a fresh port, to `backend`. */
async function serverSidecar(backend: TestServer, over: Partial<Listener> = { tls: 'strict' }, leaf = orders): Promise<Sidecar & { port: number; name: string }> {
  const port = await freePort();
  const l = inbound(port, backend.port, over);
  const s = await sidecar('server', plan([l], [cluster('app_8080_tcp', [{ port: backend.port }])], { tls: tlsOf(leaf) }));
  return { ...s, port, name: l.name };
}

/** The client-side sidecar: outbound listener originating mTLS to `upstreamPort`. */
async function clientSidecar(upstreamPort: number, serverIdentities: string[], sni?: string): Promise<Sidecar & { port: number; name: string }> {
  const port = await freePort();
  const l = listener('orders_80_tcp', port);
  const c = cluster('orders_80_tcp', [{ port: upstreamPort }], { tls: { mode: 'mutual', serverIdentities, ...(sni !== undefined ? { sni } : {}) } });
  const s = await sidecar('client', plan([l], [c], { tls: tlsOf(web) }));
  return { ...s, port, name: l.name };
}

/** Send `data`, end (half-close), collect everything until the server ends; resolves with what came back. */
function roundTrip(socket: net.Socket, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
    socket.write(data);
    socket.end();
  });
}

/** Resolves once `s` closes, with the bytes it received (a refused connection gets none). */
function closed(s: net.Socket): Promise<number> {
  let got = 0;
  s.on('data', (d: Buffer) => (got += d.length));
  s.on('error', () => undefined);
  return new Promise((resolve) => s.on('close', () => resolve(got)));
}

async function logLines(file: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const plain = (port: number): net.Socket => net.connect({ port, host: '127.0.0.1' });
const mtls = (port: number, leaf: CertFiles | null, trust = ca): tls.TLSSocket =>
  tls.connect({ port, host: '127.0.0.1', ca: trust.certPem, checkServerIdentity: () => undefined, ...(leaf !== null ? { cert: leaf.certPem, key: leaf.keyPem } : {}) });

describe('mutual TLS through two meshc run processes', () => {
  it('carries bytes exactly, both half-closes, identity in the access log', async (t) => {
    const backend = await startEchoServer(null);
    t.after(() => backend.close());
    const server = await serverSidecar(backend);
    const client = await clientSidecar(server.port, ['spiffe://cluster.local/ns/shop/*'], 'orders.shop.svc');

    const data = randomBytes(3 * 1024 * 1024 + 17);
    const back = await roundTrip(plain(client.port), data);
    assert.equal(back.length, data.length);
    assert.ok(back.equals(data), 'echoed bytes are identical');

    // server-first half-close: the backend ends first, the client keeps sending afterwards
    const greeter = net.createServer({ allowHalfOpen: true }, (s) => {
      s.end('bye\n');
      const got: Buffer[] = [];
      s.on('data', (d: Buffer) => got.push(d));
      s.on('end', () => greeter.emit('got', Buffer.concat(got).toString()));
    });
    await new Promise<void>((r) => greeter.listen(0, '127.0.0.1', r));
    t.after(() => greeter.close());
    const gport = (greeter.address() as net.AddressInfo).port;
    const server2 = await serverSidecar({ port: gport } as TestServer);
    const client2 = await clientSidecar(server2.port, [ORDERS]);
    const s = net.connect({ port: client2.port, host: '127.0.0.1', allowHalfOpen: true });
    const ended = new Promise<string>((r) => {
      let txt = '';
      s.setEncoding('utf8');
      s.on('data', (d: string) => (txt += d));
      s.on('end', () => r(txt));
    });
    assert.equal(await ended, 'bye\n');
    const gotAfter = new Promise<string>((r) => greeter.once('got', r));
    s.end('after the server FIN');
    assert.equal(await gotAfter, 'after the server FIN');

    const m = await server.metrics();
    assert.equal(metricValue(m, `meshc_tls_handshakes_total{listener="${server.name}",result="success"}`), 1);
    assert.equal(metricValue(await client.metrics(), `meshc_tls_handshakes_total{listener="${client.name}",result="success"}`), 1);
    assert.ok(metricValue(m, `meshc_tls_certificate_expiry_timestamp_seconds{identity="${ORDERS}"}`)! > Date.now() / 1000);
    const line = await waitFor(async () => (await logLines(server.accessLog)).find((l) => l.type === 'end'), 10_000, 'server access log');
    assert.equal(line.identity, WEB);
    assert.equal(line.protocol, 'tls');
    assert.equal(line.bytesReceived, data.length);
  });

  it('refuses plaintext, foreign-CA and certificate-less clients before the application sees a connection', async (t) => {
    const backend = await startEchoServer(null);
    t.after(() => backend.close());
    const server = await serverSidecar(backend);

    const p = plain(server.port);
    p.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.equal(await closed(p), 0);
    const f = mtls(server.port, foreign);
    f.on('secureConnect', () => f.write('secret'));
    assert.equal(await closed(f), 0);
    const n = mtls(server.port, null);
    n.on('secureConnect', () => n.write('secret'));
    assert.equal(await closed(n), 0);

    const series = (r: string): string => `meshc_tls_handshakes_total{listener="${server.name}",result="${r}"}`;
    const m = await waitFor(async () => {
      const text = await server.metrics();
      return metricValue(text, series('no_client_certificate')) === 1 ? text : null;
    }, 10_000, 'three refusals counted');
    assert.equal(metricValue(m, series('not_tls')), 1);
    assert.equal(metricValue(m, series('unknown_ca')), 1);
    assert.equal(metricValue(m, series('success')), 0);
    assert.equal(backend.connections, 0, 'the application saw no connection');
    // a valid client still gets through
    const back = await roundTrip(mtls(server.port, web), Buffer.from('ok'));
    assert.equal(back.toString(), 'ok');
    assert.equal(backend.connections, 1);
  });

  it('refuses a server with the wrong identity without forwarding a byte (UF), and tries the next endpoint', async (t) => {
    // a TLS "server" that records every byte it receives, presenting orders' certificate
    let received = 0;
    let accepted = 0;
    const names: string[] = [];
    // SNICallback sees the ClientHello's server name before the handshake can fail
    const SNICallback = (name: string, cb: (err: Error | null, ctx?: tls.SecureContext) => void): void => {
      names.push(name);
      cb(null);
    };
    const fake = tls.createServer({ cert: orders.certPem, key: orders.keyPem, ca: ca.certPem, requestCert: true, SNICallback }, (s) => {
      accepted++;
      s.on('data', (d: Buffer) => (received += d.length));
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    t.after(() => fake.close());
    const fport = (fake.address() as net.AddressInfo).port;
    const client = await clientSidecar(fport, ['spiffe://cluster.local/ns/shop/sa/payments'], 'orders.shop.svc');
    const s = plain(client.port);
    s.write('must not arrive');
    assert.equal(await closed(s), 0);
    const m = await client.metrics();
    assert.equal(metricValue(m, `meshc_tls_handshakes_total{listener="${client.name}",result="server_identity_mismatch"}`), 1);
    const line = await waitFor(async () => (await logLines(client.accessLog)).find((l) => l.type === 'end'), 10_000, 'client access log');
    assert.equal(line.flags, 'UF');
    assert.equal(received, 0, 'nothing was forwarded to the wrong server');
    assert.ok(accepted <= 1);
    assert.deepEqual(names, ['orders.shop.svc'], 'tls.sni is sent as the server name');

    // a server whose chain does not lead to trustedCA: refused in the handshake, counted unknown_ca
    let received2 = 0;
    const alien = tls.createServer({ cert: foreign.certPem, key: foreign.keyPem }, (s) => {
      s.on('data', (d: Buffer) => (received2 += d.length));
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => alien.listen(0, '127.0.0.1', r));
    t.after(() => alien.close());
    const client3 = await clientSidecar((alien.address() as net.AddressInfo).port, [WEB]);
    const s3 = plain(client3.port);
    s3.write('must not arrive either');
    assert.equal(await closed(s3), 0);
    assert.equal(metricValue(await client3.metrics(), `meshc_tls_handshakes_total{listener="${client3.name}",result="unknown_ca"}`), 1);
    assert.equal(received2, 0);

    // two endpoints, the first with the wrong identity: the second (orders via a strict sidecar) takes the connection
    const backend = await startEchoServer(null);
    t.after(() => backend.close());
    const wrong = await serverSidecar(backend, { tls: 'strict' }, legacy);
    const right = await serverSidecar(backend, { tls: 'strict' });
    const port = await freePort();
    const c = cluster('orders_80_tcp', [{ port: wrong.port }, { port: right.port }], {
      tls: { mode: 'mutual', serverIdentities: [ORDERS] },
      connection: { connectTimeoutMs: 5000, idleTimeoutMs: 60_000, maxConnections: 100, connectAttempts: 2 },
    });
    const two = await sidecar('client2', plan([listener('orders_80_tcp', port)], [c], { tls: tlsOf(web) }));
    for (let i = 0; i < 2; i++) assert.equal((await roundTrip(plain(port), Buffer.from(`x${i}`))).toString(), `x${i}`);
    const m2 = await two.metrics();
    assert.ok(metricValue(m2, `meshc_tls_handshakes_total{listener="${listener('orders_80_tcp', port).name}",result="server_identity_mismatch"}`)! >= 1);
  });

  it('authorization: deny and allow rules by identity, wildcard, source CIDR and port', async (t) => {
    const backend = await startEchoServer(null);
    t.after(() => backend.close());
    const server = await serverSidecar(backend, {
      tls: 'strict',
      authorization: {
        deny: [{ identities: ['dns-legacy-never', 'legacy.shop.svc'] }],
        allow: [{ identities: ['spiffe://cluster.local/ns/shop/*'], sources: ['127.0.0.0/8'] }, { identities: ['nobody'], ports: [1] }],
      },
    });
    // web: allowed (wildcard identity, loopback source)
    assert.equal((await roundTrip(mtls(server.port, web), Buffer.from('hi'))).toString(), 'hi');
    // legacy (first DNS SAN is its identity): denied
    const d = mtls(server.port, legacy);
    d.on('secureConnect', () => d.write('nope'));
    assert.equal(await closed(d), 0);
    const m = await waitFor(async () => {
      const text = await server.metrics();
      return metricValue(text, `meshc_authz_denied_total{listener="${server.name}"}`) === 1 ? text : null;
    }, 10_000, 'denial counted');
    assert.equal(metricValue(m, `meshc_tls_handshakes_total{listener="${server.name}",result="success"}`), 2);
    assert.equal(backend.connections, 1, 'the denied connection never reached the application');
    const denied = await waitFor(async () => (await logLines(server.accessLog)).find((l) => l.termination === 'denied'), 10_000, 'denied access-log line');
    assert.equal(denied.identity, 'legacy.shop.svc');
    assert.equal(denied.upstream, null);
    assert.equal(denied.cluster, null);
    assert.match(server.proc.stderr(), /"msg":"connection denied by authorization"/);

    // a plaintext listener with a source rule: a CIDR that excludes loopback denies everyone
    const backend2 = await startEchoServer(null);
    t.after(() => backend2.close());
    const cidr = await serverSidecar(backend2, { authorization: { deny: [], allow: [{ sources: ['10.0.0.0/8', 'fd00::/8'] }] } });
    assert.equal(await closed(plain(cidr.port)), 0);
    assert.equal(backend2.connections, 0);
    const denied2 = await waitFor(async () => (await logLines(cidr.accessLog)).find((l) => l.type === 'end'), 10_000, 'denied plaintext access-log line');
    assert.equal(denied2.termination, 'denied');
    assert.equal(denied2.upstream, null);
    assert.equal(denied2.cluster, null);
    assert.equal(metricValue(await cidr.metrics(), `meshc_authz_denied_total{listener="${cidr.name}"}`), 1);
    // ports match the workload port: a deny on it closes, on another port does not apply
    const backend3 = await startEchoServer(null);
    t.after(() => backend3.close());
    const ports = await serverSidecar(backend3, { authorization: { deny: [{ ports: [1] }] } });
    assert.equal((await roundTrip(plain(ports.port), Buffer.from('p'))).toString(), 'p');
    const ports2 = await serverSidecar(backend3, { authorization: { deny: [{ ports: [backend3.port] }] } });
    assert.equal(await closed(plain(ports2.port)), 0);
    assert.equal(backend3.connections, 1);
  });

  it('permissive accepts plaintext and mutual TLS, and refuses a TLS client with a foreign certificate', async (t) => {
    const backend = await startEchoServer(null);
    t.after(() => backend.close());
    const server = await serverSidecar(backend, { tls: 'permissive' });
    assert.equal((await roundTrip(plain(server.port), Buffer.from('plain'))).toString(), 'plain');
    assert.equal((await roundTrip(mtls(server.port, web), Buffer.from('secure'))).toString(), 'secure');
    const f = mtls(server.port, foreign);
    f.on('secureConnect', () => f.write('x'));
    assert.equal(await closed(f), 0);
    assert.equal(backend.connections, 2);
    const lines = await waitFor(async () => {
      const l = (await logLines(server.accessLog)).filter((x) => x.type === 'end');
      return l.length >= 3 ? l : null;
    }, 10_000, 'three access-log lines');
    assert.deepEqual(lines.map((l) => l.identity ?? null).sort(), [null, null, WEB].sort());
  });
});
