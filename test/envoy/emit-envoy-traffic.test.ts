/**
 * The Envoy mapping of L4 traffic management (docs/traffic.md), from policy through the compiler:
 * what maps exactly (strict-valid against Envoy's protos) and what Envoy cannot do, which must be
 * said in a YAML comment where it happens (UDP splits and limits, weight-0 targets, the shared
 * PROXY/ClientHello timeout, locality without a local host).
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { compile } from '../../compiler/index.js';
import { emitEnvoyFiles } from '../../compiler/emit/envoy.js';
import { envoyFilesIssues } from './validate-envoy.js';

const H = 'apiVersion: meshc.dev/v1alpha1\n';
const svc = (name: string, body: string) => `${H}kind: Service\nmetadata: { name: ${name} }\nspec:\n${body}`;

/** Compile `docs` (one file) and emit the Envoy files of sidecar `name`: parsed LDS/CDS, raw text, and issues. */
async function envoyOf(t: TestContext, docs: string[], name = 'app') {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-envoy-traffic-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, 'policy.yaml'), docs.join('---\n'));
  const r = await compile([dir]);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const plan = r.plans.find((p) => p.name === name)!;
  const files = new Map(emitEnvoyFiles(plan).map((f) => [f.name, f.content]));
  assert.deepEqual(envoyFilesIssues(files), []);
  return {
    lds: YAML.parse(files.get('lds.yaml')!).resources as any[],
    cds: YAML.parse(files.get('cds.yaml')!).resources as any[],
    text: files,
  };
}

test('UDP split: udp_proxy routes to the heaviest target, and the comment says what Envoy does not do', async (t) => {
  const { lds, text } = await envoyOf(t, [
    svc('dns', '  ports: [{ port: 53, protocol: udp }]\n  split: [{ service: dns-a, weight: 1 }, { service: dns-b, weight: 3 }]\n  connection: { maxDuration: 5m, maxConnectionRate: 100, idleTimeout: 20s }\n'),
    svc('dns-a', '  ports: [{ port: 53, protocol: udp }]\n  endpoints: { static: [{ address: 10.0.0.1 }] }\n'),
    svc('dns-b', '  ports: [{ port: 53, protocol: udp }]\n  endpoints: { static: [{ address: 10.0.0.2 }] }\n'),
    `${H}kind: Sidecar\nmetadata: { name: app }\nspec:\n  outbound: [{ service: dns, port: 53, bind: 127.0.0.1:15053 }]\n`,
  ]);
  const cfg = lds[0].listener_filters[0].typed_config;
  assert.equal(cfg.matcher.on_no_match.action.typed_config.cluster, 'dns-b_53_udp');
  assert.equal(cfg.idle_timeout, '20s', 'the split\'s own idle timeout');
  const lt = text.get('lds.yaml')!;
  assert.match(lt, /# split dns-a_53_udp=1, dns-b_53_udp=3: Envoy's udp_proxy routes a listener to one cluster,/);
  assert.match(lt, /# maxDuration: udp_proxy has no session lifetime limit/);
  assert.match(lt, /# maxConnectionRate: no UDP session rate limit in Envoy/);
});

test('TCP split: weight-0 targets are left out (Envoy needs >= 1), differing target settings take the most lenient', async (t) => {
  const { lds, text } = await envoyOf(t, [
    svc('orders', '  ports: [{ port: 5432, protocol: tcp }]\n  split: [{ service: v1, weight: 100 }, { service: v2, weight: 0 }]\n'),
    svc('v1', '  ports: [{ port: 5432, protocol: tcp }]\n  endpoints: { static: [{ address: 10.0.0.1 }] }\n  connection: { idleTimeout: 10m, connectAttempts: 2 }\n'),
    svc('v2', '  ports: [{ port: 5432, protocol: tcp }]\n  endpoints: { static: [{ address: 10.0.0.2 }] }\n  connection: { idleTimeout: 0s }\n  affinity: { type: source-ip }\n'),
    `${H}kind: Sidecar\nmetadata: { name: app }\nspec:\n  outbound: [{ service: orders, bind: 127.0.0.1:15432 }]\n`,
  ]);
  const cfg = lds[0].filter_chains[0].filters[0].typed_config;
  assert.deepEqual(cfg.weighted_clusters, { clusters: [{ name: 'v1_5432_tcp', weight: 100 }] });
  assert.equal(cfg.cluster, undefined);
  assert.equal(cfg.idle_timeout, '0s', 'one target never idles out: none');
  assert.equal(cfg.max_connect_attempts, 2);
  assert.deepEqual(cfg.hash_policy, [{ source_ip: {} }], 'a hashing target needs the hash policy');
  assert.equal(cfg.max_downstream_connection_duration, undefined);
  const lt = text.get('lds.yaml')!;
  assert.match(lt, /# weight 0 \(no new connections\): v2_5432_tcp left out/);
  assert.match(lt, /# split targets have different idle timeouts/);
});

test('SNI-routed listener: every chain rate-limits from one shared bucket and has the duration limit', async (t) => {
  const tls = (sni: string) => `  ports: [{ port: 443, protocol: tls, sni: [${sni}] }]\n  endpoints: { static: [{ address: 10.0.0.9 }] }\n  connection: { maxConnectionRate: 20, maxDuration: 1h }\n`;
  const { lds } = await envoyOf(t, [
    svc('pay', tls('pay.example')),
    svc('fraud', tls('fraud.example')),
    `${H}kind: Sidecar\nmetadata: { name: app }\nspec:\n  outbound:\n    - { service: pay, port: 443, bind: 127.0.0.1:15443 }\n    - { service: fraud, port: 443, bind: 127.0.0.1:15443 }\n`,
  ]);
  const chains = lds[0].filter_chains;
  assert.equal(chains.length, 2);
  for (const c of chains) {
    assert.equal(c.filters[0].name, 'envoy.filters.network.local_ratelimit');
    assert.deepEqual(c.filters[0].typed_config.token_bucket, { max_tokens: 20, tokens_per_fill: 20, fill_interval: '1s' });
    assert.equal(c.filters[0].typed_config.share_key, 'outbound_127.0.0.1_15443_tcp');
    assert.equal(c.filters[1].typed_config.max_downstream_connection_duration, '3600s');
  }
});

test('inbound tls + PROXY protocol: header first, one timeout for both, closed (not continued) on expiry', async (t) => {
  const { lds, text } = await envoyOf(t, [
    `${H}kind: Sidecar\nmetadata: { name: app }\nspec:\n  inbound:\n    - { port: 8443, protocol: tls, bind: 0.0.0.0:15443, forwardTo: 127.0.0.1:8443, proxyProtocol: accept, proxyProtocolTimeout: 2s, detectionTimeout: 300ms }\n`,
  ]);
  const l = lds[0];
  assert.deepEqual(l.listener_filters.map((f: any) => f.name), ['envoy.filters.listener.proxy_protocol', 'envoy.filters.listener.tls_inspector']);
  assert.equal(l.listener_filters_timeout, '2.300s');
  assert.equal(l.continue_on_listener_filters_timeout, undefined);
  assert.match(text.get('lds.yaml')!, /# PROXY header \+ ClientHello wait/);
});

test('locality: zones group the endpoints; localityAware without a host in the sidecar zone keeps one priority and says so', async (t) => {
  const { cds, text } = await envoyOf(t, [
    svc('db', '  ports: [{ port: 5432, protocol: tcp }]\n  endpoints: { static: [{ address: 10.0.0.1, zone: b }, { address: 10.0.0.2, zone: c }, { address: 10.0.0.3 }] }\n  loadBalancer: { localityAware: true }\n'),
    `${H}kind: Sidecar\nmetadata: { name: app }\nspec:\n  zone: a\n  outbound: [{ service: db }]\n`,
  ]);
  const la = cds.find((c) => c.name === 'db_5432_tcp').load_assignment;
  assert.deepEqual(la.endpoints.map((g: any) => [g.locality?.zone, g.priority]), [['b', undefined], ['c', undefined], [undefined, undefined]]);
  assert.equal(la.policy, undefined);
  assert.match(text.get('cds.yaml')!, /# localityAware, but no host is in zone a: every zone is used alike\./);
  assert.match(text.get('envoy.yaml')!, /locality:\n {4}zone: a\n/);
});
