// `meshc diff` over the traffic-management fields (SPEC 9): split weights and targets, listener
// limits, PROXY protocol both ways, locality, zones — each with its live-traffic consequence.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { service, sidecar, tempDir, writeTree } from './policy-dirs.js';

const split = (weights: [string, number][], extra = '') =>
  'apiVersion: meshc.dev/v1alpha1\nkind: Service\nmetadata:\n  name: orders\nspec:\n  ports:\n    - port: 5432\n      protocol: tcp\n' +
  `  split:\n${weights.map(([s, w]) => `    - { service: ${s}, weight: ${w} }\n`).join('')}${extra}`;

function policy(o: { weights: [string, number][]; splitExtra?: string; v2Extra?: string; v2Zone: string; zone?: string; accept?: boolean }): Record<string, string> {
  return {
    'services.yaml': [
      split(o.weights, o.splitExtra),
      service('orders-v1', { hosts: ['address: 10.0.0.1'] }),
      service('orders-v2', { hosts: [`address: 10.0.0.2, zone: ${o.v2Zone}`], extra: o.v2Extra }),
      service('orders-v3', { hosts: ['address: 10.0.0.3'] }),
    ].join('---\n'),
    'sidecar.yaml': sidecar(
      'app',
      (o.zone ? `  zone: ${o.zone}\n` : '') +
        '  outbound:\n    - { service: orders, bind: 127.0.0.1:15432 }\n' +
        `  inbound:\n    - { port: 8080, bind: 0.0.0.0:18080${o.accept ? ', proxyProtocol: accept' : ''} }\n`,
    ),
  };
}

interface Json { sidecars: Array<{ fields: Array<{ path: string }>; consequences: Array<{ code: string; message: string; severity: string; target: string }>; listeners: Array<{ name: string; consequences: Array<{ code: string; message: string; severity: string }> }>; clusters: Array<{ name: string; change: string; consequences: Array<{ code: string; message: string; severity: string }> }> }> }

async function diff(t: TestContext, base: Record<string, string>, head: Record<string, string>): Promise<Json> {
  const dir = await tempDir(t);
  await writeTree(path.join(dir, 'base'), base);
  await writeTree(path.join(dir, 'head'), head);
  const r = await runCli(['diff', path.join(dir, 'base'), path.join(dir, 'head'), '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Json;
}

const codes = (xs: Array<{ code: string }>) => xs.map((c) => c.code);

test('split weights changed: new connections use the new split, live ones stay', async (t) => {
  const d = await diff(t, policy({ weights: [['orders-v1', 90], ['orders-v2', 10]], v2Zone: 'a' }), policy({ weights: [['orders-v1', 50], ['orders-v2', 50]], v2Zone: 'a' }));
  const l = d.sidecars[0]!.listeners.find((x) => x.name === 'outbound_127.0.0.1_15432_tcp')!;
  const w = l.consequences.find((c) => c.code === 'split-weights')!;
  assert.match(w.message, /^weights changed \(orders-v1_5432_tcp=90, orders-v2_5432_tcp=10 → orders-v1_5432_tcp=50, orders-v2_5432_tcp=50\): new connections use the new split; live connections stay/);
  assert.equal(w.severity, 'info');
  assert.deepEqual(d.sidecars[0]!.clusters, [], 'no cluster changed');
});

test('split target replaced: the new target cluster starts, the old one stops, the listener says so', async (t) => {
  const d = await diff(t, policy({ weights: [['orders-v1', 90], ['orders-v2', 10]], v2Zone: 'a' }), policy({ weights: [['orders-v1', 90], ['orders-v3', 10]], v2Zone: 'a' }));
  const s = d.sidecars[0]!;
  const l = s.listeners.find((x) => x.name === 'outbound_127.0.0.1_15432_tcp')!;
  assert.ok(codes(l.consequences).includes('split-targets'), JSON.stringify(l.consequences));
  assert.deepEqual(s.clusters.map((c) => [c.name, c.change]), [['orders-v2_5432_tcp', 'removed'], ['orders-v3_5432_tcp', 'added']]);
});

test('listener limits, PROXY protocol both ways, locality and zones: each change has its consequence', async (t) => {
  const base = policy({ weights: [['orders-v1', 1], ['orders-v2', 1]], v2Zone: 'a' });
  const head = policy({
    weights: [['orders-v1', 1], ['orders-v2', 1]],
    splitExtra: '  connection:\n    maxDuration: 30m\n    maxDurationJitterPercent: 10\n    maxConnectionRate: 50\n    idleTimeout: 2h\n',
    v2Extra: '  proxyProtocol: v2\n  loadBalancer:\n    localityAware: true\n',
    v2Zone: 'b',
    zone: 'b',
    accept: true,
  });
  const s = (await diff(t, base, head)).sidecars[0]!;
  assert.ok(s.fields.some((f) => f.path === 'zone'));
  assert.ok(codes(s.consequences).includes('zone-change'));
  assert.ok(s.consequences.some((c) => c.code === 'envoy-zone-restart' && c.target === 'envoy' && c.severity === 'restart'));
  const out = s.listeners.find((x) => x.name === 'outbound_127.0.0.1_15432_tcp')!;
  for (const c of ['max-duration', 'connection-rate', 'split-idle-timeout']) assert.ok(codes(out.consequences).includes(c), `${c}: ${JSON.stringify(out.consequences)}`);
  assert.match(out.consequences.find((c) => c.code === 'max-duration')!.message, /maxDuration no limit → 30m \+10%/);
  const inb = s.listeners.find((x) => x.name === 'inbound_0.0.0.0_18080_tcp')!;
  const acc = inb.consequences.find((c) => c.code === 'proxy-protocol-accept')!;
  assert.equal(acc.severity, 'disruptive');
  const v2 = s.clusters.find((c) => c.name === 'orders-v2_5432_tcp')!;
  assert.deepEqual(codes(v2.consequences).sort(), ['endpoint-zone', 'locality', 'proxy-protocol-send']);
  assert.equal(v2.consequences.find((c) => c.code === 'proxy-protocol-send')!.severity, 'disruptive');
  assert.ok(!codes(v2.consequences).includes('endpoint-weight'), 'a zone change is not a weight change');

  // And back: the reverse consequences.
  const back = (await diff(t, head, base)).sidecars[0]!;
  const inbBack = back.listeners.find((x) => x.name === 'inbound_0.0.0.0_18080_tcp')!;
  assert.ok(codes(inbBack.consequences).includes('proxy-protocol-accept-off'));
  const v2Back = back.clusters.find((c) => c.name === 'orders-v2_5432_tcp')!;
  assert.match(v2Back.consequences.find((c) => c.code === 'locality')!.message, /spread over every zone/);
});

test('text output names the split of an added listener', async (t) => {
  const dir = await tempDir(t);
  const base = policy({ weights: [['orders-v1', 1]], v2Zone: 'a' });
  const head = { ...base, 'sidecar.yaml': base['sidecar.yaml']!.replace('127.0.0.1:15432', '127.0.0.1:25432') };
  await writeTree(path.join(dir, 'base'), base);
  await writeTree(path.join(dir, 'head'), head);
  const r = await runCli(['diff', path.join(dir, 'base'), path.join(dir, 'head')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\+ {3}listener outbound_127\.0\.0\.1_25432_tcp: 127\.0\.0\.1:25432\/tcp → split orders-v1_5432_tcp=1/);
});
