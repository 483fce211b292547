// Mutual TLS and authorization (SPEC 6), compiler side: every new problem at its exact position
// (fixtures test/fixtures/policy/errors/*.yaml, also run by errors.test.ts), and the plan fields
// the runtime reads (Plan.tls, Listener tls/authorization/workloadPort, Cluster.tls).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { ROOT, runCli } from '../helpers/cli.js';
import { compile } from '../../compiler/index.js';
import { canonicalCidr } from '../../compiler/cidr.js';
import { formatText } from '../../compiler/diagnostics.js';
import type { Plan } from '../../schemas/types/plan.gen.js';

const DIR = 'test/fixtures/policy/errors';
const planSchema = JSON.parse(await readFile(path.join(ROOT, 'schemas/plan.schema.json'), 'utf8'));
const validatePlan = new Ajv({ allErrors: true }).compile(planSchema);

/** fixture -> the one diagnostic it must produce: CODE LINE:COL. */
const FIXTURES: Record<string, string> = {
  'tls-no-identity-inbound': 'E_TLS_NO_IDENTITY 10:12',
  'tls-no-identity-outbound': 'E_TLS_NO_IDENTITY 23:16',
  'tls-no-identity-default': 'E_TLS_NO_IDENTITY 14:11',
  'tls-no-server-identities': 'E_TLS_NO_SERVER_IDENTITIES 14:11',
  'tls-fields-on-none': 'E_TLS_FIELDS_ON_NONE 14:5',
  'tls-udp-service': 'E_TLS_UDP 11:17',
  'tls-udp-inbound': 'E_TLS_UDP 15:12',
  'authz-udp': 'E_AUTHZ_UDP 11:7',
  'authz-identities-plaintext': 'E_AUTHZ_IDENTITIES_PLAINTEXT 17:13',
  'bad-identity-pattern': 'E_BAD_IDENTITY_PATTERN 17:70',
  'bad-server-identity': 'E_BAD_IDENTITY_PATTERN 16:9',
  'authz-bad-source': 'E_BAD_CIDR 14:17',
  'tls-path-not-absolute': 'E_TLS_PATH_NOT_ABSOLUTE 9:17',
  'warn-authz-port-unmatched': 'W_AUTHZ_PORT_UNMATCHED 13:13',
  'tls-bad-mode': 'E_BAD_VALUE 14:12',
  'authz-port-out-of-range': 'E_OUT_OF_RANGE 12:27',
  'tls-bad-sni': 'E_BAD_SNI 16:10',
};

test('each TLS/authorization fixture reports exactly its one problem at FILE:LINE:COL', async () => {
  for (const [name, want] of Object.entries(FIXTURES)) {
    const file = `${DIR}/${name}.yaml`;
    const r = await compile([file]);
    const got = r.diagnostics.map((d) => `${d.code} ${d.line}:${d.col}`);
    assert.deepEqual(got, [want], `${file}:\n${formatText(r.diagnostics)}`);
    const first = (await readFile(path.join(ROOT, file), 'utf8')).split('\n', 1)[0];
    assert.equal(first, `# expect: ${want}`, `${file}: header agrees (errors.test.ts reads it)`);
    if (want.startsWith('W_')) assert.equal(r.plans.length, 1, 'a warning does not stop compile');
    else assert.deepEqual(r.plans, []);
  }
});

test('the CLI: a tls error exits 1, the ports warning goes to stderr with exit 0', async () => {
  const e = await runCli(['validate', `${DIR}/tls-no-identity-outbound.yaml`]);
  assert.equal(e.code, 1);
  assert.match(e.stderr, /^test\/fixtures\/policy\/errors\/tls-no-identity-outbound\.yaml:23:16: error: sidecar "checkout": service "orders" has tls mode mutual.*add spec\.tls.*\[E_TLS_NO_IDENTITY\]$/m);
  const w = await runCli(['validate', `${DIR}/warn-authz-port-unmatched.yaml`]);
  assert.equal(w.code, 0, w.stderr);
  assert.match(w.stderr, /warn-authz-port-unmatched\.yaml:13:13: warning: .*never include inbound port 8080.*\[W_AUTHZ_PORT_UNMATCHED\]/);
});

test('canonicalCidr: host bits cleared, bare addresses /32 or /128, IPv6 compressed; junk rejected', () => {
  assert.equal(canonicalCidr('10.1.2.3/8'), '10.0.0.0/8');
  assert.equal(canonicalCidr('10.1.2.3'), '10.1.2.3/32');
  assert.equal(canonicalCidr('192.168.1.255/23'), '192.168.0.0/23');
  assert.equal(canonicalCidr('0.0.0.0/0'), '0.0.0.0/0');
  assert.equal(canonicalCidr('FD00:0:0:0::1/8'), 'fd00::/8');
  assert.equal(canonicalCidr('2001:db8::7/127'), '2001:db8::6/127');
  assert.equal(canonicalCidr('::ffff:10.1.2.3'), '::ffff:a01:203/128');
  assert.equal(canonicalCidr('::/0'), '::/0');
  for (const bad of ['10.0.0.0/33', '10.0.0/8', 'fd00::/129', 'fe80::1%eth0', '10.0.0.0/', '10.0.0.0/+8', 'host.example']) assert.equal(canonicalCidr(bad), null, bad);
});

test('examples/mtls compiles to plans carrying tls, authorization and workloadPort as the plan schema says', async (t) => {
  const out = await mkdtemp(path.join(tmpdir(), 'meshc-mtls-'));
  t.after(() => rm(out, { recursive: true, force: true }));
  const r = await runCli(['compile', 'examples/mtls', '--out', out, '--target', 'runtime']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'no warnings');
  const plan = async (name: string) => JSON.parse(await readFile(path.join(out, name, 'plan.json'), 'utf8')) as Plan;
  const orders = await plan('orders');
  const checkout = await plan('checkout');
  for (const p of [orders, checkout]) assert.ok(validatePlan(p), JSON.stringify(validatePlan.errors));
  const identity = { certificate: '/var/run/meshc/tls/tls.crt', privateKey: '/var/run/meshc/tls/tls.key', trustedCA: '/var/run/meshc/tls/ca.crt' };
  assert.deepEqual(orders.tls, identity);
  assert.deepEqual(checkout.tls, identity);
  assert.deepEqual(Object.keys(orders).slice(-2), ['interception', 'tls'], 'Plan.tls in schema order');

  const [api, metrics] = orders.listeners;
  assert.equal(api!.name, 'inbound_0.0.0.0_15080_tcp');
  assert.equal(api!.tls, 'strict');
  assert.equal(api!.workloadPort, 8080);
  assert.deepEqual(api!.authorization, {
    deny: [{ identities: ['spiffe://cluster.local/ns/shop/sa/legacy'] }],
    allow: [{ identities: ['spiffe://cluster.local/ns/shop/*'] }],
  });
  assert.deepEqual(Object.keys(api!).slice(-4), ['sniRoutes', 'workloadPort', 'tls', 'authorization']);
  assert.equal(metrics!.tls, 'permissive');
  assert.deepEqual(metrics!.authorization, {
    deny: [],
    allow: [{ identities: ['spiffe://cluster.local/ns/monitoring/*'] }, { sources: ['10.200.0.0/16', 'fd00:200::/32'], ports: [9090] }],
  });

  const byName = Object.fromEntries(checkout.clusters.map((c) => [c.name, c]));
  assert.deepEqual(byName['orders_8080_tcp']!.tls, { mode: 'mutual', serverIdentities: ['spiffe://cluster.local/ns/shop/sa/orders'], sni: 'orders.shop.svc' });
  assert.equal(byName['legacy-db_5432_tcp']!.tls, undefined, 'mode none: no Cluster.tls');
  for (const l of checkout.listeners) for (const k of ['tls', 'authorization', 'workloadPort']) assert.ok(!(k in l), `${l.name}: no ${k}`);
});

test('rules normalize: sources canonical and sorted, lists de-duplicated, rule order kept; workloadPort only with authorization', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-authz-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'p.yaml');
  await writeFile(file, `apiVersion: meshc.dev/v1alpha1
kind: Sidecar
metadata: { name: web }
spec:
  tls: { certificate: /tls/c.pem, privateKey: /tls/k.pem, trustedCA: /tls/ca.pem }
  inbound:
    - port: 8080
      bind: 0.0.0.0:15080
      tls: permissive
      authorization:
        allow:
          - { sources: [10.9.8.7/16, "FD00::1/8", 10.9.0.0/16, 192.168.1.1], ports: [8443, 8080, 8080] }
          - { identities: [b, a, b] }
          - {}
    - port: 9090
      bind: 0.0.0.0:19090
      tls: strict
`);
  const r = await compile([file]);
  assert.deepEqual(r.diagnostics, []);
  const [l1, l2] = r.plans[0]!.listeners;
  assert.deepEqual(l1!.authorization, {
    deny: [],
    allow: [{ sources: ['10.9.0.0/16', '192.168.1.1/32', 'fd00::/8'], ports: [8080, 8443] }, { identities: ['a', 'b'] }, {}],
  });
  assert.equal(l1!.workloadPort, 8080);
  assert.equal(l2!.tls, 'strict');
  assert.equal(l2!.workloadPort, undefined, 'no authorization: no workloadPort');
  assert.equal(l2!.authorization, undefined);
});
