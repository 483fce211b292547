// Inbound interception for real: a "client" namespace reaches the "pod" namespace over a veth
// pair; in the pod, the compiled rules, the application and `meshc run --transparent` (uid 1337).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { runCli } from '../helpers/cli.js';
import { stagedPackage } from '../helpers/staged-package.js';
import { metricValue } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { nsUnavailable, NS_TOOL, PodAndClient, VETH } from './ns-env.js';

const UID = 1337;
const skip = nsUnavailable(['ip', 'iptables-restore', 'setpriv']);

const POLICY = `
apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: pod }
spec:
  admin: 127.0.0.1:15000
  inbound:
    - { port: 8080, bind: 0.0.0.0:15080, forwardTo: 127.0.0.1:8080 }
    - { port: 9090, bind: 0.0.0.0:19090, forwardTo: 127.0.0.1:9090 }
  interception:
    mode: iptables
    proxyUid: ${UID}
    proxyGid: ${UID}
    excludeInboundPorts: [9090]
`;

/** Compile `policy` into a directory the uid-1337 sidecar can read; the sidecar's output dir. */
async function compileFor(t: { after(fn: () => void): void }, policy: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meshc-netns-in-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'policy.yaml'), policy);
  const out = path.join(dir, 'out');
  const r = await runCli(['compile', path.join(dir, 'policy.yaml'), '--out', out, '--target', 'runtime,iptables']);
  assert.equal(r.code, 0, r.stderr);
  chmodSync(out, 0o755);
  chmodSync(path.join(out, 'pod'), 0o755);
  return path.join(out, 'pod');
}

/** Start `meshc run --transparent` in the pod as uid 1337 and wait for /ready. */
async function startSidecar(env: PodAndClient, planDir: string): Promise<ChildProcess> {
  // uid 1337 may not be able to read the checkout (a 0700 parent directory): run a staged copy
  const staged = stagedPackage();
  const sidecar = env.start(env.pod, ['setpriv', `--reuid=${UID}`, `--regid=${UID}`, '--clear-groups', staged.node, staged.meshc, 'run', '--plan', path.join(planDir, 'plan.json'), '--transparent', '--log-level', 'warn']);
  let err = '';
  sidecar.stderr!.on('data', (d) => (err += d));
  await waitFor(() => !env.tool(env.pod, 'get', 'http://127.0.0.1:15000/ready').startsWith('ERR') || sidecar.exitCode !== null, 20_000, 'sidecar ready', 200);
  assert.equal(sidecar.exitCode, null, `sidecar exited: ${err}`);
  return sidecar;
}

/** Start ns-tool backends in namespace `ns` and wait until they listen. */
async function startServers(env: PodAndClient, ns: string, specs: string[]): Promise<void> {
  const c = env.start(ns, [process.execPath, NS_TOOL, 'serve', ...specs]);
  let out = '';
  c.stdout!.on('data', (d) => (out += d));
  await waitFor(() => out.includes('ready') || c.exitCode !== null, 15_000, 'servers in the namespace');
  assert.ok(out.includes('ready'), `servers did not start: ${out}`);
}

test('inbound interception across a veth pair: connections from the network go through the sidecar, excluded ports do not', { skip: skip ?? false, timeout: 90_000 }, async (t) => {
  const env = new PodAndClient('in');
  t.after(() => env.cleanup());
  const planDir = await compileFor(t, POLICY);
  env.create();
  env.must(env.pod, ['iptables-restore'], readFileSync(path.join(planDir, 'iptables.rules')));
  assert.match(env.run(env.pod, ['iptables-save', '-t', 'nat']), /-A MESHC_INBOUND -p tcp -m tcp --dport 8080 -j MESHC_IN_TCP_15080/);

  // the application listens on every address of the pod, so without the redirect the client
  // would reach it directly (and it would see the client's address as the peer)
  await startServers(env, env.pod, ['peer:0.0.0.0:8080:app', 'peer:0.0.0.0:9090:metrics']);
  await startSidecar(env, planDir);

  assert.equal(env.tool(env.client, 'tcp', VETH.pod4, '8080'), 'app 1 127.0.0.1', 'the app is reached from the sidecar (loopback), not from the client');
  assert.equal(env.tool(env.client, 'tcp', VETH.pod4, '9090'), `metrics 1 ${VETH.client4}`, 'an excluded inbound port reaches the app directly');
  // PREROUTING never sees locally generated packets: the pod talking to its own address is direct
  assert.equal(env.tool(env.pod, 'tcp', VETH.pod4, '8080'), `app 2 ${VETH.pod4}`);
  assert.equal(env.tool(env.client, 'tcp', VETH.pod4, '8080'), 'app 3 127.0.0.1');

  const m = env.tool(env.pod, 'get', 'http://127.0.0.1:15000/metrics');
  assert.equal(metricValue(m, 'meshc_listener_connections_total{listener="inbound_0.0.0.0_15080_tcp"}'), 2, m);
  assert.equal(metricValue(m, 'meshc_listener_connections_total{listener="inbound_0.0.0.0_19090_tcp"}'), 0, 'the excluded port never reached its listener');
});

const skip6 = skip ?? nsUnavailable(['ip6tables-restore']);

const POLICY6 = `
apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: orders-db }
spec:
  addresses: [fd00:77::10]
  ports: [{ port: 3306, protocol: tcp }]
  endpoints: { static: [{ address: "fd00:77::20", port: 3307 }] }
---
# no addresses: any IPv6 destination on 6379 is captured, the backend's own included
apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: cache }
spec:
  ports: [{ port: 6379, protocol: tcp }]
  endpoints: { static: [{ address: "fd00:77::31" }] }
---
apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: dns }
spec:
  addresses: [fd00:77::53]
  ports: [{ port: 53, protocol: udp }]
  endpoints: { static: [{ address: "fd00:77::54", port: 5353 }] }
---
apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: pod }
spec:
  admin: 127.0.0.1:15000
  outbound:
    - { service: orders-db, bind: "[::1]:15306" }
    - { service: cache, bind: "[::1]:16379" }
    - { service: dns, bind: "[::1]:15053" }
  inbound:
    - { port: 8080, bind: "[::]:15080", forwardTo: "[::1]:8080" }
  interception:
    mode: iptables
    proxyUid: ${UID}
    proxyGid: ${UID}
`;

test('IPv6 interception with ip6tables.rules: outbound TCP/UDP to service addresses, inbound from the network, no loop', { skip: skip6 ?? false, timeout: 90_000 }, async (t) => {
  const env = new PodAndClient('v6');
  t.after(() => env.cleanup());
  const planDir = await compileFor(t, POLICY6);
  env.create({ ipv6: true });
  // the backends' addresses, local to the pod (nothing listens on the service addresses)
  for (const a of ['fd00:77::20', 'fd00:77::31', 'fd00:77::54']) env.must(env.pod, ['ip', '-6', 'addr', 'add', `${a}/128`, 'dev', 'lo']);
  env.must(env.pod, ['ip', '-6', 'route', 'add', 'local', 'fd00:77::/64', 'dev', 'lo']); // the service addresses are routable (locally)
  env.must(env.pod, ['ip6tables-restore'], readFileSync(path.join(planDir, 'ip6tables.rules')));

  await startServers(env, env.pod, ['tcp:fd00:77::20:3307:orders-db', 'tcp:fd00:77::31:6379:cache', 'udp:fd00:77::54:5353:dns', 'peer:::1:8080:app']);
  await startSidecar(env, planDir);

  assert.equal(env.tool(env.pod, 'tcp', 'fd00:77::10', '3306'), 'orders-db 1', 'TCP to an IPv6 service address reaches its backend');
  assert.equal(env.tool(env.pod, 'tcp', 'fd00:77::30', '6379'), 'cache 1', 'any-destination capture; the proxy upstream is not captured again');
  assert.equal(env.tool(env.pod, 'udp', 'fd00:77::53', '53', 'hi'), 'dns:hi', 'UDP over IPv6, the reply from the service address');
  assert.equal(env.tool(env.pod, 'tcp', 'fd00:77::10', '3307'), 'ERR ECONNREFUSED', 'other ports are not captured');
  // the app listens on ::1 only: the client can reach it solely through the sidecar's [::]:15080
  assert.equal(env.tool(env.client, 'tcp', VETH.pod6, '8080'), 'app 1 ::1');

  const m = env.tool(env.pod, 'get', 'http://127.0.0.1:15000/metrics');
  for (const [l, n] of [['outbound_::1_15306_tcp', 1], ['outbound_::1_16379_tcp', 1], ['outbound_::1_15053_udp', 1], ['inbound_::_15080_tcp', 1]] as const)
    assert.equal(metricValue(m, `meshc_listener_connections_total{listener="${l}"}`), n, `${l}\n${m}`);
});
