/**
 * Where mutual TLS / authorization (SPEC 6) and traffic management (SPEC 9) meet in one Envoy
 * object: a mutual cluster that also sends a PROXY header (the PROXY socket wraps the TLS one, so
 * the header goes out in clear before the handshake), and an inbound listener with PROXY accept,
 * strict or permissive mTLS, a connection rate and authorization (proxy_protocol before
 * tls_inspector; local_ratelimit, RBAC deny, RBAC allow, then tcp_proxy). Strict-valid against
 * Envoy's protos, and the plans valid for the runtime.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { compile } from '../../compiler/index.js';
import { emitEnvoyFiles } from '../../compiler/emit/envoy.js';
import { checkPlan } from '../../runtime/plan/plan-loader.js';
import type { Cluster, Listener, Plan } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { envoyFilesIssues } from './validate-envoy.js';

const H = 'apiVersion: meshc.dev/v1alpha1\n';
const TLS = { certificate: '/var/run/meshc/tls/tls.crt', privateKey: '/var/run/meshc/tls/tls.key', trustedCA: '/var/run/meshc/tls/ca.crt' };
const UPSTREAM_TLS = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';

function envoyFiles(p: Plan): Map<string, string> {
  const files = new Map(emitEnvoyFiles(p).map((f) => [f.name, f.content]));
  assert.deepEqual(envoyFilesIssues(files), []);
  return files;
}
const resources = (files: Map<string, string>, name: string) => YAML.parse(files.get(name)!).resources as any[];

async function compileOne(t: TestContext, docs: string[], name: string): Promise<Plan> {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-envoy-tls-traffic-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, 'policy.yaml'), docs.join('---\n'));
  const r = await compile([dir]);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const p = r.plans.find((x) => x.name === name)!;
  checkPlan(JSON.parse(JSON.stringify(p)));
  return p;
}

test('mutual + proxyProtocol service: the PROXY socket wraps the UpstreamTlsContext (header first, then TLS)', async (t) => {
  const p = await compileOne(t, [
    `${H}kind: Service\nmetadata: { name: orders }\nspec:\n  ports: [ { port: 8080, protocol: tcp } ]\n  endpoints: { static: [ { address: 10.1.0.21 } ] }\n  proxyProtocol: v2\n  tls: { mode: mutual, serverIdentities: ["spiffe://cluster.local/ns/shop/sa/orders"], sni: orders.shop.svc }\n`,
    `${H}kind: Service\nmetadata: { name: billing }\nspec:\n  ports: [ { port: 9000, protocol: tcp } ]\n  endpoints: { static: [ { address: 10.1.0.31 } ] }\n  tls: { mode: mutual, serverIdentities: ["spiffe://cluster.local/ns/shop/sa/billing"] }\n`,
    `${H}kind: Sidecar\nmetadata: { name: checkout }\nspec:\n  tls: { certificate: ${TLS.certificate}, privateKey: ${TLS.privateKey}, trustedCA: ${TLS.trustedCA} }\n  outbound:\n    - { service: orders }\n    - { service: billing }\n`,
  ], 'checkout');
  const orders = p.clusters.find((c) => c.name === 'orders_8080_tcp')!;
  // Plan schema order: tls before proxyProtocol, both last.
  assert.deepEqual(Object.keys(orders).slice(-2), ['tls', 'proxyProtocol']);
  const cds = resources(envoyFiles(p), 'cds.yaml');
  const ts = cds.find((c) => c.name === 'orders_8080_tcp').transport_socket;
  assert.equal(ts.name, 'envoy.transport_sockets.upstream_proxy_protocol');
  assert.deepEqual(ts.typed_config.config, { version: 'V2' });
  const inner = ts.typed_config.transport_socket;
  assert.equal(inner.name, 'envoy.transport_sockets.tls');
  assert.equal(inner.typed_config['@type'], UPSTREAM_TLS);
  assert.equal(inner.typed_config.sni, 'orders.shop.svc');
  assert.deepEqual(inner.typed_config.common_tls_context.combined_validation_context.default_validation_context.match_typed_subject_alt_names, [
    { san_type: 'URI', matcher: { exact: 'spiffe://cluster.local/ns/shop/sa/orders' } },
  ]);
  // A mutual cluster without proxyProtocol keeps the TLS socket itself, unwrapped.
  const billing = cds.find((c) => c.name === 'billing_9000_tcp').transport_socket;
  assert.equal(billing.typed_config['@type'], UPSTREAM_TLS);
});

test('a split target with tls mode mutual needs the sidecar identity (E_TLS_NO_IDENTITY at the outbound entry)', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-envoy-tls-traffic-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, 'policy.yaml'), [
    `${H}kind: Service\nmetadata: { name: orders }\nspec:\n  ports: [ { port: 8080, protocol: tcp } ]\n  split: [ { service: orders-v2, weight: 1 } ]\n`,
    `${H}kind: Service\nmetadata: { name: orders-v2 }\nspec:\n  ports: [ { port: 8080, protocol: tcp } ]\n  endpoints: { static: [ { address: 10.1.0.21 } ] }\n  tls: { mode: mutual, serverIdentities: ["*"] }\n`,
    `${H}kind: Sidecar\nmetadata: { name: checkout }\nspec:\n  outbound:\n    - { service: orders }\n`,
  ].join('---\n'));
  const r = await compile([dir]);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => d.code), ['E_TLS_NO_IDENTITY']);
  assert.match(errors[0]!.message, /service "orders-v2" has tls mode mutual/);
});

function inboundPlan(tls: 'strict' | 'permissive', over: Partial<Listener> = {}): Plan {
  const clusters: Cluster[] = [cluster('inbound_8080_tcp', [{ port: 8080 }], { service: 'web', port: 8080 })];
  const l: Listener = {
    ...listener('inbound_8080_tcp', 15080, { address: '0.0.0.0' }),
    name: 'inbound_0.0.0.0_15080_tcp',
    direction: 'inbound',
    workloadPort: 8080,
    tls,
    authorization: { deny: [{ sources: ['10.9.0.0/16'] }], allow: [{ identities: ['spiffe://cluster.local/ns/shop/*'] }] },
    maxConnectionRate: 50,
    proxyProtocol: { timeoutMs: 2000 },
    ...over,
  };
  const p = plan([l], clusters, { name: 'web', tls: TLS });
  checkPlan(JSON.parse(JSON.stringify(p)));
  return p;
}

const FILTERS = ['envoy.filters.network.local_ratelimit', 'envoy.filters.network.rbac', 'envoy.filters.network.rbac', 'envoy.filters.network.tcp_proxy'];

test('inbound PROXY accept + tls strict + maxConnectionRate + authorization: rate limit, deny, allow, tcp_proxy behind TLS', () => {
  const l = resources(envoyFiles(inboundPlan('strict')), 'lds.yaml')[0];
  // Strict needs no tls_inspector: one chain, TLS always.
  assert.deepEqual(l.listener_filters.map((f: any) => f.name), ['envoy.filters.listener.proxy_protocol']);
  assert.equal(l.listener_filters_timeout, '2s');
  assert.equal(l.continue_on_listener_filters_timeout, undefined);
  assert.equal(l.filter_chains.length, 1);
  const chain = l.filter_chains[0];
  assert.equal(chain.name, 'mtls');
  assert.equal(chain.transport_socket.typed_config.require_client_certificate, true);
  assert.deepEqual(chain.filters.map((f: any) => f.name), FILTERS);
  assert.deepEqual(chain.filters[0].typed_config.token_bucket, { max_tokens: 50, tokens_per_fill: 50, fill_interval: '1s' });
  assert.deepEqual(chain.filters.slice(1, 3).map((f: any) => f.typed_config.rules.action), ['DENY', 'ALLOW']);
  assert.deepEqual(chain.filters[1].typed_config.rules.policies['deny-0'].principals, [{ remote_ip: { address_prefix: '10.9.0.0', prefix_len: 16 } }]);
});

test('inbound PROXY accept + tls permissive: proxy_protocol before tls_inspector, both chains share one rate bucket', () => {
  for (const detectionTimeoutMs of [0, 300]) {
    const files = envoyFiles(inboundPlan('permissive', { detectionTimeoutMs }));
    const l = resources(files, 'lds.yaml')[0];
    assert.deepEqual(l.listener_filters.map((f: any) => f.name), ['envoy.filters.listener.proxy_protocol', 'envoy.filters.listener.tls_inspector']);
    // One timeout for both; a permissive port without detectionTimeout waits 100 ms for a ClientHello.
    assert.equal(l.listener_filters_timeout, detectionTimeoutMs === 0 ? '2.100s' : '2.300s');
    assert.equal(l.continue_on_listener_filters_timeout, undefined);
    assert.match(files.get('lds.yaml')!, /# PROXY header \+ ClientHello wait/);
    assert.deepEqual(l.filter_chains.map((c: any) => [c.name, c.filter_chain_match.transport_protocol]), [['mtls', 'tls'], ['plaintext', 'raw_buffer']]);
    for (const c of l.filter_chains) {
      assert.deepEqual(c.filters.map((f: any) => f.name), FILTERS);
      assert.equal(c.filters[0].typed_config.share_key, 'inbound_0.0.0.0_15080_tcp');
    }
  }
});

test('the Envoy validator rejects a cluster PROXY socket around a non-TLS socket and proxy_protocol after tls_inspector', () => {
  const files = envoyFiles(inboundPlan('permissive'));
  const lds = YAML.parse(files.get('lds.yaml')!);
  lds.resources[0].listener_filters.reverse();
  const cds = YAML.parse(files.get('cds.yaml')!);
  cds.resources[0].transport_socket = {
    name: 'envoy.transport_sockets.upstream_proxy_protocol',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport',
      config: { version: 'V1' },
      transport_socket: { name: 'envoy.transport_sockets.tls', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext' } },
    },
  };
  const issues = envoyFilesIssues(new Map([...files, ['lds.yaml', YAML.stringify(lds)], ['cds.yaml', YAML.stringify(cds)]]));
  assert.ok(issues.some((i) => /proxy_protocol runs after tls_inspector/.test(i)), issues.join('\n'));
  assert.ok(issues.some((i) => /transport_socket is .*DownstreamTlsContext, not an UpstreamTlsContext/.test(i)), issues.join('\n'));
});
