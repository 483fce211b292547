import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, type CliProcess } from '../helpers/cli.js';
import { compileAndRun } from '../helpers/compiled-mesh.js';
import { freePort, httpGet, metricValue, startEchoServer, type TestServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';

// SPEC 9 end to end from policy YAML: `meshc compile` of a split between two services (one of
// which receives a PROXY protocol v1 header) and an inbound port that accepts PROXY headers, run
// by real `meshc run` processes. The runtime tests build plans by hand; this proves the compiled
// plan fields are the ones the runtime acts on.

/** A backend that records the first line of every connection (its PROXY header), then echoes. */
interface HeaderBackend {
  port: number;
  lines: string[];
  server: net.Server;
}

async function headerBackend(): Promise<HeaderBackend> {
  const b: HeaderBackend = { port: 0, lines: [], server: net.createServer() };
  b.server.on('connection', (s) => {
    s.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    let headerDone = false;
    s.on('data', (d: Buffer) => {
      if (headerDone) {
        s.write(d);
        return;
      }
      buf = Buffer.concat([buf, d]);
      const nl = buf.indexOf('\r\n');
      if (nl < 0) return;
      headerDone = true;
      b.lines.push(buf.subarray(0, nl).toString('latin1'));
      if (buf.length > nl + 2) s.write(buf.subarray(nl + 2));
    });
    s.on('end', () => s.end());
  });
  await new Promise<void>((resolve) => b.server.listen(0, '127.0.0.1', resolve));
  b.port = (b.server.address() as net.AddressInfo).port;
  return b;
}

let dir: string;
let v1: TestServer;
let v2: HeaderBackend;
let app: TestServer;
const procs: CliProcess[] = [];
const port = { web: 0, webAdmin: 0, edge: 0, edgeAdmin: 0 };
let edgeLog: string;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshc-traffic-compiled-'));
  v1 = await startEchoServer(null);
  v2 = await headerBackend();
  app = await startEchoServer(null);
  for (const k of Object.keys(port) as Array<keyof typeof port>) port[k] = await freePort();
  const policy = `apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: orders }
spec:
  ports: [ { port: 80, protocol: tcp } ]
  split:
    - { service: orders-v1, weight: 3 }
    - { service: orders-v2, weight: 1 }
---
apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: orders-v1 }
spec:
  ports: [ { port: 80, targetPort: ${v1.port}, protocol: tcp } ]
  endpoints: { static: [ { address: 127.0.0.1 } ] }
---
apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: orders-v2 }
spec:
  ports: [ { port: 80, targetPort: ${v2.port}, protocol: tcp } ]
  endpoints: { static: [ { address: 127.0.0.1 } ] }
  proxyProtocol: v1
---
apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: web }
spec:
  admin: 127.0.0.1:${port.webAdmin}
  outbound:
    - { service: orders, port: 80, bind: "127.0.0.1:${port.web}" }
---
apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: edge }
spec:
  admin: 127.0.0.1:${port.edgeAdmin}
  inbound:
    - port: ${app.port}
      protocol: tcp
      bind: "127.0.0.1:${port.edge}"
      forwardTo: "127.0.0.1:${app.port}"
      proxyProtocol: accept
      proxyProtocolTimeout: 5s
`;
  edgeLog = path.join(dir, 'edge-access.log');
  await compileAndRun(dir, policy, [
    { name: 'web', adminPort: port.webAdmin },
    { name: 'edge', adminPort: port.edgeAdmin, args: ['--access-log', edgeLog] },
  ], procs);
});

after(async () => {
  for (const p of procs) p.kill();
  await v1?.close();
  await app?.close();
  v2?.server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Connect to `p`, send `data`, half-close, resolve with everything that came back. */
function exchange(p: number, data: string | Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = net.connect(p, '127.0.0.1');
    const chunks: Buffer[] = [];
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('close', () => resolve(Buffer.concat(chunks)));
    s.on('error', reject);
    s.end(data);
  });
}

describe('traffic management compiled from policy YAML (SPEC 9)', () => {
  it('splits connections 3:1 between the targets, and the PROXY v1 target gets the client address first', async () => {
    const N = 200;
    for (let i = 0; i < N; i++) {
      const back = await exchange(port.web, `hello ${i}\n`);
      assert.equal(back.toString(), `hello ${i}\n`, 'every connection is echoed byte-exact through its target');
    }
    const toV2 = v2.lines.length;
    const toV1 = v1.connections;
    assert.equal(toV1 + toV2, N);
    // weights 3:1 -> 50 expected; 5 sigma of a binomial(200, 0.25) is ~31
    assert.ok(toV2 >= 19 && toV2 <= 81, `orders-v2 got ${toV2} of ${N} connections`);
    for (const line of v2.lines) assert.match(line, new RegExp(`^PROXY TCP4 127\\.0\\.0\\.1 127\\.0\\.0\\.1 \\d+ ${port.web}$`));
    const m = (await httpGet(`http://127.0.0.1:${port.webAdmin}/metrics`)).body;
    const total = metricValue(m, `meshc_listener_connections_total{listener="outbound_127.0.0.1_${port.web}_tcp"}`);
    assert.equal(total, N, "every connection is counted on the split listener");
    const st = await runCli(['status', '--admin', `127.0.0.1:${port.webAdmin}`]);
    assert.equal(st.code, 0, st.stderr);
    assert.match(st.stdout, /orders-v1_80_tcp=3,orders-v2_80_tcp=1/, 'meshc status shows the split targets and weights');
  });

  it('accepts a PROXY header inbound: the carried address is logged; a garbage header never reaches the application', async () => {
    const back = await exchange(port.edge, 'PROXY TCP4 203.0.113.7 127.0.0.1 5555 80\r\nping');
    assert.equal(back.toString(), 'ping');
    const before = app.connections;
    const refused = await exchange(port.edge, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n').catch(() => Buffer.alloc(0));
    assert.equal(refused.length, 0);
    assert.equal(app.connections, before, 'the application saw no connection for the garbage header');
    await waitFor(async () => (await readFile(edgeLog, 'utf8').catch(() => '')).includes('203.0.113.7:5555'), 15_000, 'access log line with the carried address');
    const m = (await httpGet(`http://127.0.0.1:${port.edgeAdmin}/metrics`)).body;
    assert.match(m, /meshc_proxy_protocol_errors_total\{[^}]*reason="not_proxy"[^}]*\} 1/);
  });
});
