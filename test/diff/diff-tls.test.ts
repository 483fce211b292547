// `meshc diff` of mutual TLS and authorization changes (SPEC 6, 8): the new plan fields show up as
// field changes with consequences that say what happens to new and live connections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { service, sidecar, tempDir, writeTree } from './policy-dirs.js';

const TLS = '  tls:\n    certificate: /var/run/meshc/tls/tls.crt\n    privateKey: /var/run/meshc/tls/tls.key\n    trustedCA: /var/run/meshc/tls/ca.crt\n';
const inbound = (extra: string) => `  inbound:\n    - port: 8080\n      bind: 0.0.0.0:15080\n${extra}`;

async function diff(t: Parameters<typeof tempDir>[0], base: string, head: string): Promise<any> {
  const dir = await tempDir(t);
  await writeTree(path.join(dir, 'base'), { 'p.yaml': base });
  await writeTree(path.join(dir, 'head'), { 'p.yaml': head });
  const r = await runCli(['diff', path.join(dir, 'base'), path.join(dir, 'head'), '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const text = await runCli(['diff', path.join(dir, 'base'), path.join(dir, 'head')]);
  assert.equal(text.code, 0, text.stderr);
  return { json: JSON.parse(r.stdout), text: text.stdout };
}
const codes = (list: Array<{ code: string; target: string; severity: string }>) => list.map((c) => `${c.target}:${c.code}:${c.severity}`);

test('diff tls: turning on strict mTLS and authorization on an inbound port', async (t) => {
  const base = sidecar('web', TLS + inbound(''));
  const head = sidecar('web', TLS + inbound('      tls: strict\n      authorization:\n        allow:\n          - identities: ["spiffe://cluster.local/ns/shop/*"]\n'));
  const { json, text } = await diff(t, base, head);
  const l = json.sidecars[0].listeners[0];
  assert.equal(l.name, 'inbound_0.0.0.0_15080_tcp');
  assert.deepEqual(l.fields.map((f: { path: string }) => f.path).sort(), ['authorization', 'tls', 'workloadPort']);
  assert.deepEqual(l.fields.find((f: { path: string }) => f.path === 'tls'), { path: 'tls', new: 'strict' });
  assert.deepEqual(codes(l.consequences), ['runtime:listener-update:info', 'runtime:tls-mode:disruptive', 'runtime:authz-update:info', 'envoy:envoy-filter-chain-drain:disruptive']);
  const mode = l.consequences.find((c: { code: string }) => c.code === 'tls-mode');
  assert.equal(mode.message, 'tls mode changed (disabled → strict): new connections use it; live connections keep theirs; plaintext clients and clients without a certificate from the trusted CA are refused from now on');
  assert.match(text, /tls mode changed \(disabled → strict\): new connections use it; live connections keep theirs/);

  // strict -> permissive relaxes: informational
  const back = await diff(t, head, head.replace('tls: strict', 'tls: permissive'));
  const m = back.json.sidecars[0].listeners[0].consequences.find((c: { code: string }) => c.code === 'tls-mode');
  assert.equal(m.severity, 'info');
  assert.equal(m.message, 'tls mode changed (strict → permissive): new connections use it; live connections keep theirs');
});

test('diff tls: a service switching to mode mutual, and a sidecar gaining an identity', async (t) => {
  const svc = (extra: string) => service('orders', { port: 8080, extra });
  const mutual = '  tls:\n    mode: mutual\n    serverIdentities: ["spiffe://cluster.local/ns/shop/sa/orders"]\n';
  const base = `${svc('')}---\n${sidecar('web', '  outbound:\n    - { service: orders, bind: 127.0.0.1:18080 }\n')}`;
  const head = `${svc(mutual)}---\n${sidecar('web', TLS + '  outbound:\n    - { service: orders, bind: 127.0.0.1:18080 }\n')}`;
  const { json } = await diff(t, base, head);
  const sc = json.sidecars[0];
  assert.deepEqual(codes(sc.consequences), ['runtime:identity-files:info', 'pod:identity-mount:restart']);
  assert.match(sc.consequences[0].message, /^the sidecar gains an identity \(certificate, privateKey, trustedCA\): new TLS handshakes use the files the new plan names; live connections keep theirs$/);
  const c = sc.clusters[0];
  assert.deepEqual(c.fields, [{ path: 'tls', new: { mode: 'mutual', serverIdentities: ['spiffe://cluster.local/ns/shop/sa/orders'] } }]);
  assert.deepEqual(codes(c.consequences), ['runtime:upstream-tls:info']);
  assert.equal(c.consequences[0].message, 'TLS origination none → mutual: new connections use it; live connections keep theirs');

  const ids = await diff(t, head, head.replace('sa/orders"]', 'sa/orders-v2"]'));
  const c2 = ids.json.sidecars[0].clusters[0];
  assert.deepEqual(c2.fields.map((f: { path: string }) => f.path), ['tls.serverIdentities']);
  assert.equal(c2.consequences[0].message, 'server identities or SNI changed: new connections use it; live connections keep theirs');
});
