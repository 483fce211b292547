import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { stagedPackage } from '../helpers/staged-package.js';
import { freePort, metricValue } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { NS_TOOL, nsUnavailable } from './ns-env.js';

const TOOL = NS_TOOL;
const NS = `meshc-test-${process.pid}`;
const UID = 1337;

const skip = nsUnavailable(['ip', 'iptables-restore', 'setpriv']);

const POLICY = `
apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: orders-db }
spec:
  addresses: [127.0.0.10]
  ports: [{ port: 3306, protocol: tcp }]
  endpoints: { static: [{ address: 127.0.0.20, port: 3307 }] }
---
# no addresses: every destination on port 6379 is captured, including the backend's own
# address, so only the uid exemption keeps the proxy's upstream connection from looping
apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: cache }
spec:
  ports: [{ port: 6379, protocol: tcp }]
  endpoints: { static: [{ address: 127.0.0.31 }] }
---
apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: dns }
spec:
  addresses: [127.0.0.53]
  ports: [{ port: 53, protocol: udp }]
  endpoints: { static: [{ address: 127.0.0.54, port: 5353 }] }
---
apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: app }
spec:
  admin: 127.0.0.1:15000
  outbound:
    - { service: orders-db, bind: 127.0.0.1:15306 }
    - { service: cache, bind: 127.0.0.2:16379 }
    - { service: dns, bind: 127.0.0.1:15053 }
  interception:
    mode: iptables
    proxyUid: ${UID}
    proxyGid: ${UID}
`;

/** Run a command inside the namespace to completion; stdout, trimmed. */
function inNs(args: string[]): string {
  const r = spawnSync('ip', ['netns', 'exec', NS, ...args], { encoding: 'utf8', timeout: 15_000 });
  return (r.stdout ?? '').trim() || `ERR exit ${r.status} ${r.stderr}`;
}

/** Run ns-tool inside the namespace (as root: the "application", not the proxy). */
const tool = (...args: string[]): string => inNs([process.execPath, TOOL, ...args]);

test('iptables interception in a network namespace: the app reaches services through the sidecar, the sidecar is not looped back', { skip: skip ?? false, timeout: 90_000 }, async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meshc-netns-'));
  chmodSync(dir, 0o755); // the proxy runs as uid 1337 and must read its plan
  const children: ChildProcess[] = [];
  t.after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    spawnSync('ip', ['netns', 'del', NS]);
    rmSync(dir, { recursive: true, force: true });
  });

  writeFileSync(path.join(dir, 'policy.yaml'), POLICY);
  const out = path.join(dir, 'out');
  const compiled = await runCli(['compile', path.join(dir, 'policy.yaml'), '--out', out, '--target', 'runtime,iptables']);
  assert.equal(compiled.code, 0, compiled.stderr);
  const rules = readFileSync(path.join(out, 'app', 'iptables.rules'));
  chmodSync(out, 0o755);
  chmodSync(path.join(out, 'app'), 0o755);

  execFileSync('ip', ['netns', 'add', NS]);
  execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
  execFileSync('ip', ['netns', 'exec', NS, 'iptables-restore'], { input: rules });
  assert.match(inNs(['iptables-save', '-t', 'nat']), /-A MESHC_OUTPUT -m owner --uid-owner 1337 -j RETURN/);

  const start = (args: string[]): ChildProcess => {
    const c = spawn('ip', ['netns', 'exec', NS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(c);
    return c;
  };
  // backends: nothing listens on the service addresses 127.0.0.10:3306 / 127.0.0.53:53 / 127.0.0.30:6379
  const backends = start([process.execPath, TOOL, 'serve', 'tcp:127.0.0.20:3307:orders-db', 'tcp:127.0.0.31:6379:cache', 'udp:127.0.0.54:5353:dns']);
  let backendOut = '';
  backends.stdout!.on('data', (d) => (backendOut += d));
  await waitFor(() => backendOut.includes('ready'), 15_000, 'backends in the namespace');

  // the sidecar, under its own uid, as the rules expect
  // uid 1337 may not be able to read the checkout (a 0700 parent directory): run a staged copy
  const staged = stagedPackage();
  const sidecar = start(['setpriv', `--reuid=${UID}`, `--regid=${UID}`, '--clear-groups', staged.node, staged.meshc, 'run', '--plan', path.join(out, 'app', 'plan.json'), '--transparent', '--log-level', 'warn']);
  let sidecarErr = '';
  sidecar.stderr!.on('data', (d) => (sidecarErr += d));
  await waitFor(() => tool('get', 'http://127.0.0.1:15000/ready').startsWith('ERR') === false || sidecar.exitCode !== null, 20_000, 'sidecar ready', 200);
  assert.equal(sidecar.exitCode, null, `sidecar exited: ${sidecarErr}`);

  // the application dials the service addresses; only the redirect can answer them
  assert.equal(tool('tcp', '127.0.0.10', '3306'), 'orders-db 1', 'TCP to a narrowed service address reaches its backend');
  assert.equal(tool('tcp', '127.0.0.30', '6379'), 'cache 1', 'TCP on a captured port (any address) reaches the backend exactly once');
  assert.equal(tool('udp', '127.0.0.53', '53', 'hello'), 'dns:hello', 'UDP is captured; the reply comes from the service address');
  assert.equal(tool('tcp', '127.0.0.10', '3307'), 'ERR ECONNREFUSED', 'ports that are not service ports are not captured');

  const m = tool('get', 'http://127.0.0.1:15000/metrics');
  assert.equal(metricValue(m, 'meshc_listener_connections_total{listener="outbound_127.0.0.1_15306_tcp"}'), 1);
  assert.equal(metricValue(m, 'meshc_listener_connections_total{listener="outbound_127.0.0.2_16379_tcp"}'), 1, 'the proxy upstream to 127.0.0.31:6379 was not captured again');
  assert.equal(metricValue(m, 'meshc_listener_connections_total{listener="outbound_127.0.0.1_15053_udp"}'), 1);
});

test('meshc run --transparent refuses to start as a uid the rules do not exempt (would loop)', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meshc-transparent-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'policy.yaml'), POLICY.replaceAll(`${UID}`, '4242'));
  const compiled = await runCli(['compile', path.join(dir, 'policy.yaml'), '--out', dir, '--target', 'runtime']);
  assert.equal(compiled.code, 0, compiled.stderr);
  const r = await runCli(['run', '--plan', path.join(dir, 'app', 'plan.json'), '--transparent', '--admin', `127.0.0.1:${await freePort()}`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /exempt only uid 4242 \/ gid 4242/);
  assert.match(r.stderr, /E_TRANSPARENT/);
});
