import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliProcess } from '../helpers/cli.js';
import { compileAndRun } from '../helpers/compiled-mesh.js';
import { freePort, httpGet, metricValue, startEchoServer, type TestServer } from '../helpers/net.js';
import { makeCa, makeLeaf, type CertFiles } from '../helpers/certs.js';

// SPEC 6 end to end from policy YAML: `meshc compile` of a two-sidecar mesh with mutual TLS and
// authorization, both plans run by real `meshc run` processes (the runtime tests build plans by
// hand; this proves the compiler's plan fields are the ones the runtime acts on).

const WEB = 'spiffe://cluster.local/ns/shop/sa/web';
const ORDERS = 'spiffe://cluster.local/ns/shop/sa/orders';
const LEGACY = 'spiffe://cluster.local/ns/shop/sa/legacy';

let dir: string;
let ca: CertFiles;
let backend: TestServer;
const procs: CliProcess[] = [];
const port = { web: 0, orders: 0, webAdmin: 0, ordersAdmin: 0 };
let legacy: CertFiles;
let reporting: CertFiles;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshc-mtls-compiled-'));
  ca = makeCa(dir, 'ca');
  const web = makeLeaf(dir, 'web', ca, [`URI:${WEB}`]);
  const orders = makeLeaf(dir, 'orders', ca, [`URI:${ORDERS}`]);
  legacy = makeLeaf(dir, 'legacy', ca, [`URI:${LEGACY}`]);
  reporting = makeLeaf(dir, 'reporting', ca, ['URI:spiffe://cluster.local/ns/reporting/sa/batch']);
  backend = await startEchoServer(null);
  port.web = await freePort();
  port.orders = await freePort();
  port.webAdmin = await freePort();
  port.ordersAdmin = await freePort();
  const policy = `apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: orders }
spec:
  ports: [ { port: 80, targetPort: ${port.orders}, protocol: tcp } ]
  endpoints: { static: [ { address: 127.0.0.1 } ] }
  tls:
    mode: mutual
    serverIdentities: ["${ORDERS}"]
    sni: orders.shop.svc
---
apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: web }
spec:
  admin: 127.0.0.1:${port.webAdmin}
  tls: { certificate: ${web.cert}, privateKey: ${web.key}, trustedCA: ${ca.cert} }
  outbound:
    - { service: orders, port: 80, bind: "127.0.0.1:${port.web}" }
---
apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: orders }
spec:
  admin: 127.0.0.1:${port.ordersAdmin}
  tls: { certificate: ${orders.cert}, privateKey: ${orders.key}, trustedCA: ${ca.cert} }
  inbound:
    - port: ${backend.port}
      protocol: tcp
      bind: "127.0.0.1:${port.orders}"
      forwardTo: "127.0.0.1:${backend.port}"
      tls: strict
      authorization:
        deny: [ { identities: ["${LEGACY}"] } ]
        allow: [ { identities: ["spiffe://cluster.local/ns/shop/*"] } ]
`;
  await compileAndRun(dir, policy, [
    { name: 'orders', adminPort: port.ordersAdmin },
    { name: 'web', adminPort: port.webAdmin },
  ], procs);
});

after(async () => {
  for (const p of procs) p.kill();
  await backend?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves once `s` closes, with the number of bytes it received. */
function closed(s: net.Socket): Promise<number> {
  let got = 0;
  s.on('data', (d: Buffer) => (got += d.length));
  s.on('error', () => undefined);
  return new Promise((resolve) => s.on('close', () => resolve(got)));
}

/** A direct mTLS client of the orders sidecar's inbound port presenting `leaf`. */
function directClient(leaf: CertFiles): tls.TLSSocket {
  return tls.connect({ host: '127.0.0.1', port: port.orders, cert: leaf.certPem, key: leaf.keyPem, ca: ca.certPem, checkServerIdentity: () => undefined });
}

describe('mutual TLS compiled from policy YAML (SPEC 6)', () => {
  it('carries bytes exactly through web -> orders with mutual TLS, half-close included', async () => {
    const data = randomBytes(512 * 1024);
    const s = net.connect(port.web, '127.0.0.1');
    const chunks: Buffer[] = [];
    s.on('data', (d: Buffer) => chunks.push(d));
    const ended = new Promise<void>((resolve, reject) => {
      s.on('end', () => resolve());
      s.on('error', reject);
    });
    s.write(data);
    s.end();
    await ended;
    assert.ok(Buffer.concat(chunks).equals(data), 'echoed bytes equal what was sent');
    s.destroy();
    const m = (await httpGet(`http://127.0.0.1:${port.ordersAdmin}/metrics`)).body;
    const ok = metricValue(m, `meshc_tls_handshakes_total{listener="inbound_127.0.0.1_${port.orders}_tcp",result="success"}`);
    assert.ok((ok ?? 0) >= 1, `a successful inbound handshake is counted:\n${m.split('\n').filter((l) => l.includes('tls')).join('\n')}`);
  });

  it('refuses a denied identity, an identity outside the allow list and plaintext, before the application sees a connection', async () => {
    const before = backend.connections;
    for (const leaf of [legacy, reporting]) {
      const s = directClient(leaf);
      s.write('must not arrive');
      assert.equal(await closed(s), 0);
    }
    const plain = net.connect(port.orders, '127.0.0.1');
    plain.write('plaintext must not arrive\n');
    assert.equal(await closed(plain), 0);
    assert.equal(backend.connections, before, 'no connection reached the application');
    const m = (await httpGet(`http://127.0.0.1:${port.ordersAdmin}/metrics`)).body;
    const denied = metricValue(m, `meshc_authz_denied_total{listener="inbound_127.0.0.1_${port.orders}_tcp"}`);
    assert.equal(denied, 2, 'both authorization refusals are counted');
  });

  it('compiles the same policy to Envoy with SDS files, RBAC and an UpstreamTlsContext', async () => {
    const orders = await readFile(path.join(dir, 'out', 'orders', 'lds.yaml'), 'utf8').catch(async () => readFile(path.join(dir, 'out', 'orders', 'envoy.yaml'), 'utf8'));
    assert.match(orders, /envoy\.filters\.network\.rbac/);
    assert.match(orders, /require_client_certificate: true/);
    const web = await readFile(path.join(dir, 'out', 'web', 'cds.yaml'), 'utf8').catch(async () => readFile(path.join(dir, 'out', 'web', 'envoy.yaml'), 'utf8'));
    assert.match(web, /UpstreamTlsContext/);
  });
});
