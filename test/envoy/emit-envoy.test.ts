/**
 * emitEnvoyFiles on hand-built plans covering every feature: every file (bootstrap, LDS, CDS) is
 * checked against Envoy's v3 protos (strict walker) and the field mapping is asserted value by
 * value on the listeners and clusters of lds.yaml / cds.yaml.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { emitEnvoy, emitEnvoyFiles } from '../../compiler/emit/envoy.js';
import type { Cluster, Listener, Plan } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { envoyFilesIssues } from './validate-envoy.js';

const HC = { type: 'tcp' as const, intervalMs: 2500, timeoutMs: 750, healthyThreshold: 2, unhealthyThreshold: 4 };

/** A plan exercising every feature the emitter maps. */
function kitchenSink(): Plan {
  const clusters: Cluster[] = [
    cluster('db_3306_tcp', [{ address: '10.1.0.11', port: 3306 }, { address: '10.1.0.12', port: 13306, weight: 2 }], {
      port: 3306,
      affinity: { type: 'source-ip', ttlMs: 1_800_000 },
      healthCheck: { ...HC, sendHex: '50494e470d0a', expectHex: '2b504f4e47' },
      outlierDetection: { enabled: true, consecutiveFailures: 3, baseEjectionTimeMs: 5000, maxEjectionPercent: 50 },
      connection: { connectTimeoutMs: 250, idleTimeoutMs: 0, maxConnections: 64, connectAttempts: 3 },
    }),
    cluster('dns_53_udp', [], {
      port: 53,
      protocol: 'udp',
      transport: 'udp',
      endpoints: { type: 'dns', name: 'kube-dns.kube-system.svc.cluster.local', port: 53, refreshIntervalMs: 30_000, family: 'v4' },
      loadBalancer: { policy: 'maglev' },
      healthCheck: { type: 'udp', intervalMs: 5000, timeoutMs: 1000, healthyThreshold: 2, unhealthyThreshold: 3 },
      connection: { connectTimeoutMs: 5000, idleTimeoutMs: 60_000, maxConnections: 1024, connectAttempts: 1 },
    }),
    cluster('dns_53_tcp', [], {
      port: 53,
      endpoints: { type: 'dns', name: 'kube-dns.kube-system.svc.cluster.local', port: 53, refreshIntervalMs: 1500, family: 'any' },
      loadBalancer: { policy: 'least-connections' },
      healthCheck: HC,
    }),
    cluster('web_443_tcp', [{ address: '::1', port: 8443 }], { protocol: 'tls', loadBalancer: { policy: 'random' } }),
    cluster('api_443_tcp', [{ port: 9443 }], { protocol: 'tls', loadBalancer: { policy: 'ring-hash' } }),
    cluster('inbound_8080_tcp', [{ port: 8080 }], { service: 'inbound', port: 8080, protocol: 'auto' }),
    cluster('stats_8125_udp', [{ port: 8125 }], {
      protocol: 'udp',
      transport: 'udp',
      affinity: { type: 'source-ip', ttlMs: 60_000 },
      outlierDetection: { enabled: true, consecutiveFailures: 5, baseEjectionTimeMs: 30_000, maxEjectionPercent: 10 },
      connection: { connectTimeoutMs: 5000, idleTimeoutMs: 0, maxConnections: 10, connectAttempts: 1 },
    }),
  ];
  const listeners: Listener[] = [
    listener('db_3306_tcp', 15306),
    listener('dns_53_udp', 53, { transport: 'udp', protocol: 'udp' }),
    listener('dns_53_tcp', 53),
    listener('web_443_tcp', 443, {
      protocol: 'tls',
      detectionTimeoutMs: 100,
      sniRoutes: [
        { serverNames: ['api.shop.example', '*.api.shop.example'], cluster: 'api_443_tcp' },
        { serverNames: ['api.shop.example', 'www.shop.example'], cluster: 'web_443_tcp' },
      ],
    }),
    listener('api_443_tcp', 8443, { address: '::1', protocol: 'tls', detectionTimeoutMs: 100, sniRoutes: [{ serverNames: ['*.internal'], cluster: 'api_443_tcp' }] }),
    { ...listener('inbound_8080_tcp', 15080, { address: '0.0.0.0', protocol: 'auto', detectionTimeoutMs: 250 }), name: 'inbound_0.0.0.0_15080_tcp', direction: 'inbound' },
    listener('stats_8125_udp', 8125, { transport: 'udp', protocol: 'udp', address: '::' }),
  ];
  // The api listener routes purely by SNI: no default cluster.
  delete (listeners[4] as { cluster?: string }).cluster;
  return plan(listeners, clusters, { name: 'checkout', admin: { address: '127.0.0.1', port: 15001 } });
}

/** The emitted files by name. */
function filesOf(p: Plan): Map<string, string> {
  return new Map(emitEnvoyFiles(p).map((f) => [f.name, f.content]));
}

/** All files' text, and the bootstrap with the listeners/clusters of lds.yaml / cds.yaml. */
function parse(p: Plan): { text: string; b: any } {
  const files = filesOf(p);
  const b = YAML.parse(files.get('envoy.yaml')!);
  b.listeners = YAML.parse(files.get('lds.yaml')!).resources;
  b.clusters = YAML.parse(files.get('cds.yaml')!).resources;
  return { text: [...files.values()].join(''), b };
}
const L = (b: any, name: string) => b.listeners.find((l: any) => l.name === name);
const C = (b: any, name: string) => b.clusters.find((c: any) => c.name === name);
const proxy = (l: any, chain = 0) => l.filter_chains[chain].filters[0].typed_config;

test('envoy: the kitchen-sink plan passes strict v3 validation (bootstrap, LDS, CDS)', () => {
  assert.deepEqual(envoyFilesIssues(filesOf(kitchenSink())), []);
});

test('envoy: headers, admin, node and deterministic bytes', () => {
  const p = kitchenSink();
  const files = emitEnvoyFiles(p);
  assert.deepEqual(emitEnvoyFiles(structuredClone(p)), files);
  assert.equal(emitEnvoy(p), files.find((f) => f.name === 'envoy.yaml')!.content, 'emitEnvoy is the bootstrap of emitEnvoyFiles');
  for (const { name, content } of files) {
    assert.ok(content.startsWith(`# Generated by meshc from plan checkout; do not edit`), `${name}: ${content.slice(0, 200)}`);
    assert.ok(content.includes(`\n# plan hash: ${p.hash}\n`), `${name}: ${content.slice(0, 300)}`);
    assert.doesNotMatch(content, /\d{4}-\d{2}-\d{2}T/); // no timestamps
  }
  const { b } = parse(p);
  assert.deepEqual(b.admin, { address: { socket_address: { address: '127.0.0.1', port_value: 15001 } } });
  assert.deepEqual(b.node, { id: 'checkout', cluster: 'checkout' });
  assert.deepEqual(b.listeners.map((l: any) => l.name), p.listeners.map((l) => l.name));
  assert.deepEqual(b.clusters.map((c: any) => c.name), p.clusters.map((c) => c.name));
});

test('envoy: the bootstrap reads lds.yaml / cds.yaml from the Envoy directory, watching it for the ..data swap', () => {
  const p = kitchenSink();
  const source = (dir: string, file: string) => ({
    path_config_source: { path: `${dir}/${file}`, watched_directory: { path: dir } },
    resource_api_version: 'V3',
  });
  for (const dir of [undefined, '/etc/envoy/mesh']) {
    const files = emitEnvoyFiles(p, dir === undefined ? {} : { dir });
    assert.deepEqual(files.map((f) => f.name), ['cds.yaml', 'envoy.yaml', 'lds.yaml'], 'sorted by name');
    const byName = new Map(files.map((f) => [f.name, YAML.parse(f.content)]));
    const boot = byName.get('envoy.yaml');
    const d = dir ?? '/etc/meshc/envoy';
    assert.deepEqual(Object.keys(boot), ['node', 'admin', 'dynamic_resources'], 'no static_resources: everything routable is reloadable');
    assert.deepEqual(boot.dynamic_resources, { lds_config: source(d, 'lds.yaml'), cds_config: source(d, 'cds.yaml') });
    for (const [name, url, count] of [
      ['lds.yaml', 'type.googleapis.com/envoy.config.listener.v3.Listener', p.listeners.length],
      ['cds.yaml', 'type.googleapis.com/envoy.config.cluster.v3.Cluster', p.clusters.length],
    ] as const) {
      const r = byName.get(name);
      assert.deepEqual(Object.keys(r), ['version_info', 'type_url', 'resources'], name);
      assert.equal(r.version_info, p.hash, `${name}: version_info is the plan hash`);
      assert.equal(r.type_url, url);
      assert.equal(r.resources.length, count);
      for (const res of r.resources) {
        assert.equal(Object.keys(res)[0], '@type');
        assert.equal(res['@type'], url);
      }
    }
  }
  assert.throws(() => emitEnvoyFiles(p, { dir: 'relative/dir' }), /must be an absolute path/);
});

test('envoy: tcp listener -> tcp_proxy with idle timeout, attempts, hash policy, stdout access log', () => {
  const { b } = parse(kitchenSink());
  const l = L(b, 'outbound_127.0.0.1_15306_tcp');
  assert.equal(l.traffic_direction, 'OUTBOUND');
  assert.equal(l.listener_filters, undefined);
  assert.equal(l.filter_chains.length, 1);
  assert.equal(l.filter_chains[0].filters[0].name, 'envoy.filters.network.tcp_proxy');
  assert.deepEqual(proxy(l), {
    '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
    stat_prefix: 'outbound_127_0_0_1_15306_tcp',
    cluster: 'db_3306_tcp',
    idle_timeout: '0s',
    max_connect_attempts: 3,
    hash_policy: [{ source_ip: {} }],
    access_log: [{ name: 'envoy.access_loggers.stdout', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog' } }],
  });
  // least-connections without affinity: no hash policy
  assert.equal(proxy(L(b, 'outbound_127.0.0.1_53_tcp')).hash_policy, undefined);
  assert.equal(proxy(L(b, 'outbound_127.0.0.1_53_tcp')).idle_timeout, '3600s');
});

test('envoy: udp listener -> udp_listener_config + udp_proxy matcher form, idle timeout, hash_policies', () => {
  const { b, text } = parse(kitchenSink());
  const l = L(b, 'outbound_127.0.0.1_53_udp');
  assert.deepEqual(l.address, { socket_address: { protocol: 'UDP', address: '127.0.0.1', port_value: 53 } });
  assert.deepEqual(l.udp_listener_config, {});
  assert.equal(l.filter_chains, undefined);
  const f = l.listener_filters[0];
  assert.equal(f.name, 'envoy.filters.udp_listener.udp_proxy');
  assert.equal(f.typed_config.cluster, undefined, 'deprecated cluster field must not be used');
  assert.deepEqual(f.typed_config.matcher.on_no_match.action.typed_config, {
    '@type': 'type.googleapis.com/envoy.extensions.filters.udp.udp_proxy.v3.Route',
    cluster: 'dns_53_udp',
  });
  assert.equal(f.typed_config.idle_timeout, '60s');
  assert.deepEqual(f.typed_config.hash_policies, [{ source_ip: true }]); // maglev hashes the client IP
  const statsListener = L(b, 'outbound_::_8125_udp');
  assert.deepEqual(statsListener.address, { socket_address: { protocol: 'UDP', address: '::', port_value: 8125, ipv4_compat: true } });
  const stats = statsListener.listener_filters[0].typed_config;
  assert.deepEqual(stats.hash_policies, [{ source_ip: true }]);
  assert.equal(stats.idle_timeout, '31536000s');
  assert.match(text, /# plan disables the idle timeout; Envoy's udp_proxy has no "never"/);
});

test('envoy: SNI routes -> tls_inspector + one chain per route + default; duplicates dropped; no default when absent', () => {
  const { b, text } = parse(kitchenSink());
  const l = L(b, 'outbound_127.0.0.1_443_tcp');
  assert.equal(l.listener_filters[0].name, 'envoy.filters.listener.tls_inspector');
  assert.equal(l.listener_filters[0].typed_config['@type'], 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector');
  assert.equal(l.listener_filters_timeout, '0.100s');
  assert.equal(l.continue_on_listener_filters_timeout, true);
  assert.deepEqual(
    l.filter_chains.map((fc: any) => [fc.filter_chain_match?.server_names, proxy({ filter_chains: [fc] }).cluster]),
    [
      [['api.shop.example', '*.api.shop.example'], 'api_443_tcp'],
      [['www.shop.example'], 'web_443_tcp'], // api.shop.example already claimed by the first route
      [undefined, 'web_443_tcp'],
    ],
  );
  const sniOnly = L(b, 'outbound_::1_8443_tcp');
  assert.deepEqual(sniOnly.address, { socket_address: { address: '::1', port_value: 8443 } });
  assert.equal(sniOnly.filter_chains.length, 1);
  assert.deepEqual(sniOnly.filter_chains[0].filter_chain_match, { server_names: ['*.internal'] });
  assert.match(text, /# no default cluster: a connection whose SNI matches no chain is closed/);
  // protocol auto (inbound) gets the inspector too, with its own detection timeout
  const inbound = L(b, 'inbound_0.0.0.0_15080_tcp');
  assert.equal(inbound.traffic_direction, 'INBOUND');
  assert.equal(inbound.listener_filters[0].name, 'envoy.filters.listener.tls_inspector');
  assert.equal(inbound.listener_filters_timeout, '0.250s');
});

test('envoy: clusters -> STATIC/STRICT_DNS, weights, dns settings, lb policies, breakers', () => {
  const { b } = parse(kitchenSink());
  const db = C(b, 'db_3306_tcp');
  assert.equal(db.type, 'STATIC');
  assert.equal(db.connect_timeout, '0.250s');
  assert.equal(db.lb_policy, 'RING_HASH'); // round-robin + source-ip affinity
  assert.deepEqual(db.circuit_breakers, { thresholds: [{ max_connections: 64 }] });
  assert.deepEqual(db.load_assignment, {
    cluster_name: 'db_3306_tcp',
    endpoints: [
      {
        lb_endpoints: [
          { endpoint: { address: { socket_address: { address: '10.1.0.11', port_value: 3306 } } }, load_balancing_weight: 1 },
          { endpoint: { address: { socket_address: { address: '10.1.0.12', port_value: 13306 } } }, load_balancing_weight: 2 },
        ],
      },
    ],
  });
  const dnsTcp = C(b, 'dns_53_tcp');
  assert.equal(dnsTcp.type, 'STRICT_DNS');
  assert.equal(dnsTcp.dns_refresh_rate, '1.500s');
  assert.equal(dnsTcp.dns_lookup_family, 'ALL');
  assert.equal(dnsTcp.respect_dns_ttl, true);
  assert.equal(dnsTcp.lb_policy, 'LEAST_REQUEST');
  assert.deepEqual(dnsTcp.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address, {
    address: 'kube-dns.kube-system.svc.cluster.local',
    port_value: 53,
  });
  assert.equal(C(b, 'dns_53_udp').dns_lookup_family, 'V4_ONLY');
  assert.equal(C(b, 'dns_53_udp').lb_policy, 'MAGLEV');
  assert.equal(C(b, 'web_443_tcp').lb_policy, 'RANDOM');
  assert.equal(C(b, 'api_443_tcp').lb_policy, 'RING_HASH');
  assert.equal(C(b, 'inbound_8080_tcp').lb_policy, 'ROUND_ROBIN');
  assert.equal(C(b, 'stats_8125_udp').lb_policy, 'RING_HASH');
});

test('envoy: health checks (tcp with hex payloads; udp -> none with a comment) and panic threshold', () => {
  const { b, text } = parse(kitchenSink());
  const db = C(b, 'db_3306_tcp');
  assert.deepEqual(db.health_checks, [
    {
      timeout: '0.750s',
      interval: '2.500s',
      no_traffic_interval: '2.500s',
      unhealthy_threshold: 4,
      healthy_threshold: 2,
      tcp_health_check: { send: { text: '50494e470d0a' }, receive: [{ text: '2b504f4e47' }] },
    },
  ]);
  assert.deepEqual(db.common_lb_config, { healthy_panic_threshold: { value: 1 } });
  assert.deepEqual(C(b, 'dns_53_tcp').health_checks[0].tcp_health_check, {});
  const udp = C(b, 'dns_53_udp');
  assert.equal(udp.health_checks, undefined);
  assert.equal(udp.common_lb_config, undefined);
  assert.match(text, /# healthCheck type udp: Envoy has no UDP health checker/);
  assert.equal(C(b, 'web_443_tcp').health_checks, undefined);
  assert.equal(C(b, 'web_443_tcp').common_lb_config, undefined);
});

test('envoy: outlier detection maps consecutive connect failures to local-origin failures', () => {
  const { b, text } = parse(kitchenSink());
  assert.deepEqual(C(b, 'db_3306_tcp').outlier_detection, {
    split_external_local_origin_errors: true,
    consecutive_local_origin_failure: 3,
    enforcing_consecutive_local_origin_failure: 100,
    enforcing_consecutive_5xx: 0,
    enforcing_success_rate: 0,
    enforcing_local_origin_success_rate: 0,
    interval: '5s',
    base_ejection_time: '5s',
    max_ejection_time: '300s',
    max_ejection_percent: 50,
    always_eject_one_host: true,
  });
  assert.equal(C(b, 'web_443_tcp').outlier_detection, undefined);
  assert.match(text, /# UDP has no connect step/);
});

test('envoy: every lb policy x affinity x transport x endpoint kind validates', () => {
  const policies = ['round-robin', 'least-connections', 'random', 'ring-hash', 'maglev'] as const;
  for (const policy of policies) {
    for (const affinity of ['none', 'source-ip'] as const) {
      for (const transport of ['tcp', 'udp'] as const) {
        for (const kind of ['static', 'dns'] as const) {
          const name = `svc_80_${transport}`;
          const c = cluster(name, [{ port: 80 }], {
            protocol: transport,
            transport,
            loadBalancer: { policy },
            affinity: { type: affinity, ttlMs: affinity === 'none' ? 0 : 1000 },
            ...(kind === 'dns' ? { endpoints: { type: 'dns' as const, name: 'svc.local', port: 80, refreshIntervalMs: 1000, family: 'v6' as const } } : {}),
            healthCheck: transport === 'tcp' ? HC : { type: 'udp' },
          });
          const p = plan([listener(name, 8080, { transport, protocol: transport })], [c]);
          assert.deepEqual(envoyFilesIssues(filesOf(p)), [], `${policy}/${affinity}/${transport}/${kind}`);
          const { b } = parse(p);
          const hashing = affinity === 'source-ip' || policy === 'ring-hash' || policy === 'maglev';
          assert.equal(['RING_HASH', 'MAGLEV'].includes(b.clusters[0].lb_policy), hashing, `${policy}/${affinity}`);
        }
      }
    }
  }
});

/** The kitchen-sink files with `from` replaced by `to` in file `name` (which must contain it). */
function broken(name: string, from: string, to: string): Map<string, string> {
  const files = filesOf(kitchenSink());
  const text = files.get(name)!;
  assert.ok(text.includes(from), `${name} has no ${JSON.stringify(from)}`);
  files.set(name, text.replace(from, to));
  return files;
}

test('envoy: a broken emission is caught by the validation (no vacuous pass)', () => {
  const issues = (files: Map<string, string>) => envoyFilesIssues(files).join('\n');
  assert.match(issues(broken('cds.yaml', 'lb_policy: LEAST_REQUEST', 'lb_policy: LEAST_CONNECTIONS')), /cds\.yaml\.resources\[\d+\]\.lb_policy: .*LEAST_CONNECTIONS/);
  assert.match(issues(broken('lds.yaml', 'cluster: dns_53_udp\n', 'cluster: nowhere_53_udp\n')), /unknown cluster nowhere_53_udp/);
  // an access logger's config under the tcp_proxy name: valid protos, wrong extension
  assert.match(issues(broken('lds.yaml', 'name: envoy.access_loggers.stdout', 'name: envoy.filters.network.tcp_proxy')), /extension envoy\.filters\.network\.tcp_proxy needs a .*TcpProxy config/);
  // typed resources are walked too: an unknown field deep inside a Listener in lds.yaml
  assert.match(issues(broken('lds.yaml', 'traffic_direction: OUTBOUND', 'traffic_direction: OUTBOUND\n    bogus_field: 1')), /lds\.yaml\.resources\[\d+\]\.bogus_field: unknown field/);
  // a cluster served by the listener subscription is a rejected update
  assert.match(
    issues(broken('cds.yaml', '"@type": type.googleapis.com/envoy.config.cluster.v3.Cluster\n', '"@type": type.googleapis.com/envoy.config.listener.v3.Listener\n')),
    /cds\.yaml\.resources\[0\]: @type .*Listener, the subscription decodes .*Cluster/,
  );
  // the DiscoveryResponse envelope is strict as well
  assert.match(issues(broken('cds.yaml', 'version_info:', 'versionInfo: x\nversion:')), /cds\.yaml\.version: unknown field/);
  // a path outside the watched directory would never be reloaded by the ..data swap
  assert.match(issues(broken('envoy.yaml', 'path: /etc/meshc/envoy/lds.yaml', 'path: /etc/meshc/lds.yaml')), /not directly in the watched directory/);
  // without watched_directory Envoy watches lds.yaml itself, which the kubelet never moves
  assert.match(issues(broken('envoy.yaml', '      watched_directory:\n        path: /etc/meshc/envoy\n', '')), /lds_config: no watched_directory/);
  const dropped = filesOf(kitchenSink());
  dropped.delete('cds.yaml');
  assert.match(envoyFilesIssues(dropped).join('\n'), /reads cds\.yaml, which is not in the file set/);
});
