// W_INTERCEPT_SHADOWED: the warning fires exactly where the rules files can capture only one of
// two listeners (its position is checked by the fixture in test/fixtures/policy/errors/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compile } from '../../compiler/index.js';
import { emitIptables } from '../../compiler/emit/iptables.js';
import { emitIp6tables } from '../../compiler/emit/ip6tables.js';
import { ROOT } from '../helpers/cli.js';

const svc = (name: string, port: number, addresses?: string[]): string => `
apiVersion: meshc.dev/v1alpha1
kind: Service
metadata: { name: ${name} }
spec:
  ${addresses ? `addresses: ${JSON.stringify(addresses)}` : ''}
  ports: [{ port: ${port}, protocol: tcp }]
  endpoints: { static: [{ address: 10.0.0.1 }] }
`;

const sidecar = (outbound: string[], mode = 'iptables'): string => `
apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: app }
spec:
  outbound:
${outbound.map((o) => `    - ${o}`).join('\n')}
  interception: { mode: ${mode} }
`;

async function warnings(t: { after(fn: () => void): void }, docs: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meshc-shadow-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'policy.yaml');
  writeFileSync(file, docs.join('---\n'));
  const r = await compile([file]);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  return { r, shadowed: r.diagnostics.filter((d) => d.code === 'W_INTERCEPT_SHADOWED') };
}

test('the fixture warns once, and the rules file notes the same listener as not captured', async () => {
  const r = await compile([path.join(ROOT, 'test/fixtures/policy/errors/warn-intercept-shadowed.yaml')]);
  const w = r.diagnostics.filter((d) => d.code === 'W_INTERCEPT_SHADOWED');
  assert.equal(w.length, 1);
  assert.match(w[0]!.message, /service "web" port 8080\/tcp .* service "api" \(listener outbound_127\.0\.0\.1_15080_tcp\)/);
  assert.equal(r.plans.length, 1, 'a warning does not stop the compile');
  assert.match(emitIptables(r.plans[0]!)!, /^# outbound_127\.0\.0\.1_15081_tcp: tcp:\*:8080 is already captured for outbound_127\.0\.0\.1_15080_tcp/m);
});

test('no warning when either service lists addresses, with mode none, or across address families', async (t) => {
  const binds = ['{ service: a, bind: 127.0.0.1:15080 }', '{ service: b, bind: 127.0.0.1:15081 }'];
  assert.equal((await warnings(t, [svc('a', 80), svc('b', 80, ['10.96.0.2']), sidecar(binds)])).shadowed.length, 0);
  assert.equal((await warnings(t, [svc('a', 80, ['10.96.0.1']), svc('b', 80), sidecar(binds)])).shadowed.length, 0);
  assert.equal((await warnings(t, [svc('a', 80), svc('b', 80), sidecar(binds, 'none')])).shadowed.length, 0);
  // a captures IPv4 (iptables.rules), b IPv6 (ip6tables.rules): each family has one taker
  const split = await warnings(t, [svc('a', 80), svc('b', 80), sidecar(['{ service: a, bind: 127.0.0.1:15080 }', '{ service: b, bind: "[::1]:15081" }'])]);
  assert.equal(split.shadowed.length, 0);
  assert.match(emitIp6tables(split.r.plans[0]!)!, /^-A MESHC_OUTPUT -p tcp -m tcp --dport 80 -j MESHC_OUT_TCP_15081$/m);
});

test('two IPv6 listeners without addresses on one port: the later one is shadowed', async (t) => {
  const { shadowed } = await warnings(t, [svc('a', 80), svc('b', 80), sidecar(['{ service: a, bind: "[::1]:15080" }', '{ service: b, bind: "[::1]:15081" }'])]);
  assert.equal(shadowed.length, 1);
  assert.match(shadowed[0]!.message, /service "b" port 80\/tcp/);
});
