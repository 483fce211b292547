/**
 * The strict proto walker must catch each kind of mistake on its own, so the envoy.yaml
 * validation that relies on it cannot pass vacuously.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envoyApiRoot } from './proto-root.js';
import { ProtoWalker, durationNanos } from './proto-walker.js';

const walker = new ProtoWalker(envoyApiRoot());
const BOOTSTRAP = 'envoy.config.bootstrap.v3.Bootstrap';
const TCP = 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy';

/** A small valid bootstrap; each test breaks one thing. */
function good(): any {
  return {
    admin: { address: { socket_address: { address: '127.0.0.1', port_value: 15000 } } },
    static_resources: {
      listeners: [
        {
          name: 'l',
          address: { socket_address: { address: '127.0.0.1', port_value: 10000 } },
          filter_chains: [
            {
              filters: [
                {
                  name: 'envoy.filters.network.tcp_proxy',
                  typed_config: { '@type': TCP, stat_prefix: 's', cluster: 'c', idle_timeout: '1.5s', max_connect_attempts: 2, hash_policy: [{ source_ip: {} }] },
                },
              ],
            },
          ],
        },
      ],
      clusters: [
        {
          name: 'c',
          type: 'STATIC',
          connect_timeout: '0.250s',
          lb_policy: 'RING_HASH',
          health_checks: [{ timeout: '1s', interval: '5s', unhealthy_threshold: 3, healthy_threshold: 2, tcp_health_check: { send: { text: '50' } } }],
          load_assignment: { cluster_name: 'c', endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.0.0.1', port_value: 80 } } }, load_balancing_weight: 2 }] }] },
        },
      ],
    },
  };
}

function messages(value: unknown): string[] {
  return walker.check(BOOTSTRAP, value).map((i) => `${i.path}: ${i.message}`);
}

function assertFails(value: unknown, pattern: RegExp): void {
  const msgs = messages(value);
  assert.ok(msgs.some((m) => pattern.test(m)), `expected an issue matching ${pattern}, got:\n${msgs.join('\n') || '(none)'}`);
}

const tcpConfig = (b: any) => b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
const cluster0 = (b: any) => b.static_resources.clusters[0];

test('walker: the valid sample has no issues (snake_case and lowerCamel both accepted)', () => {
  assert.deepEqual(messages(good()), []);
  const b = good();
  const c = cluster0(b);
  c.connectTimeout = c.connect_timeout;
  delete c.connect_timeout;
  assert.deepEqual(messages(b), []);
});

test('walker: unknown field', () => {
  const b = good();
  cluster0(b).conect_timeout = '1s';
  assertFails(b, /unknown field "conect_timeout"/);
  const b2 = good();
  tcpConfig(b2).idle_timout = '1s';
  assertFails(b2, /unknown field "idle_timout" in envoy\.extensions\.filters\.network\.tcp_proxy\.v3\.TcpProxy/);
});

test('walker: the same field twice (snake and camel)', () => {
  const b = good();
  cluster0(b).connectTimeout = '1s';
  assertFails(b, /given twice/);
});

test('walker: wrong types', () => {
  const b = good();
  b.admin.address.socket_address.port_value = 'http';
  assertFails(b, /port_value: expected an integer/);
  const b2 = good();
  cluster0(b2).connect_timeout = 5;
  assertFails(b2, /expected a Duration string/);
  const b3 = good();
  cluster0(b3).connect_timeout = '5';
  assertFails(b3, /expected a Duration string/);
  const b4 = good();
  cluster0(b4).health_checks[0].healthy_threshold = { value: 2 };
  assertFails(b4, /healthy_threshold: expected an integer \(uint32\)/);
  const b5 = good();
  b5.static_resources.listeners = { name: 'l' };
  assertFails(b5, /listeners: expected a list/);
  const b6 = good();
  cluster0(b6).respect_dns_ttl = 'yes';
  assertFails(b6, /expected a boolean/);
  const b7 = good();
  b7.admin.address.socket_address.port_value = -1;
  assertFails(b7, /unsigned 32-bit/);
});

test('walker: bad enum value', () => {
  const b = good();
  cluster0(b).lb_policy = 'LEAST_CONNECTIONS';
  assertFails(b, /"LEAST_CONNECTIONS" is not a value of enum envoy\.config\.cluster\.v3\.Cluster\.LbPolicy/);
  const b2 = good();
  cluster0(b2).type = 'STRICT-DNS';
  assertFails(b2, /not a value of enum/);
});

test('walker: unresolvable @type and missing @type', () => {
  const b = good();
  tcpConfig(b)['@type'] = 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxi';
  assertFails(b, /unresolvable @type/);
  const b2 = good();
  delete tcpConfig(b2)['@type'];
  assertFails(b2, /Any without a "@type"/);
});

test('walker: Any contents are checked against the resolved type', () => {
  const b = good();
  tcpConfig(b).clusterr = 'c';
  assertFails(b, /unknown field "clusterr"/);
});

test('walker: two members of a oneof', () => {
  const b = good();
  tcpConfig(b).weighted_clusters = { clusters: [{ name: 'c', weight: 1 }] };
  assertFails(b, /oneof .*cluster_specifier: cluster and weighted_clusters both set/);
  const b2 = good();
  cluster0(b2).health_checks[0].http_health_check = { path: '/' };
  assertFails(b2, /oneof .*health_checker: .* both set/);
});

test('walker: a required oneof left empty', () => {
  const b = good();
  delete tcpConfig(b).cluster;
  assertFails(b, /oneof .*cluster_specifier is required/);
});

test('walker: empty required string (validate min_len)', () => {
  const b = good();
  tcpConfig(b).stat_prefix = '';
  assertFails(b, /stat_prefix: .*at least 1 characters/);
  const b2 = good();
  delete tcpConfig(b2).stat_prefix; // the zero value is checked too, as PGV does
  assertFails(b2, /stat_prefix: .*at least 1 characters/);
  const b3 = good();
  cluster0(b3).load_assignment.cluster_name = '';
  assertFails(b3, /cluster_name: .*at least 1/);
});

test('walker: zero duration where Envoy wants > 0, and required durations/messages', () => {
  const b = good();
  cluster0(b).connect_timeout = '0s';
  assertFails(b, /connect_timeout: must be > 0ns/);
  const b2 = good();
  cluster0(b2).dns_refresh_rate = '0.001s'; // rule: gt 1ms
  assertFails(b2, /dns_refresh_rate: must be > 1000000ns/);
  const b3 = good();
  delete cluster0(b3).health_checks[0].interval;
  assertFails(b3, /required field envoy\.config\.core\.v3\.HealthCheck\.interval is missing/);
  const b4 = good();
  delete cluster0(b4).health_checks[0].healthy_threshold;
  assertFails(b4, /required field .*healthy_threshold is missing/);
});

test('walker: numeric bounds on wrappers and repeated max_items', () => {
  const b = good();
  tcpConfig(b).max_connect_attempts = 0;
  assertFails(b, /max_connect_attempts: must be >= 1/);
  const b2 = good();
  tcpConfig(b2).hash_policy = [{ source_ip: {} }, { source_ip: {} }];
  assertFails(b2, /at most 1 items/);
});

test('walker: deprecated fields and null values are failures', () => {
  const b = good();
  b.admin.access_log_path = '/dev/null';
  assertFails(b, /deprecated field envoy\.config\.bootstrap\.v3\.Admin\.access_log_path/);
  const b2 = good();
  cluster0(b2).lb_policy = null;
  assertFails(b2, /null value/);
});

test('walker: durationNanos parses protobuf JSON durations', () => {
  assert.equal(durationNanos('1.5s'), 1_500_000_000n);
  assert.equal(durationNanos('0.250s'), 250_000_000n);
  assert.equal(durationNanos('3600s'), 3_600_000_000_000n);
  assert.equal(durationNanos('5m'), undefined);
});

test('walker: bool const rules and oneof-member rules only when that member is set', () => {
  const b = good();
  const udp = {
    '@type': 'type.googleapis.com/envoy.extensions.filters.udp.udp_proxy.v3.UdpProxyConfig',
    stat_prefix: 'u',
    matcher: { on_no_match: { action: { name: 'route', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.udp.udp_proxy.v3.Route', cluster: 'c' } } } },
    hash_policies: [{ source_ip: true }],
    access_log: [{ name: 'envoy.access_loggers.stdout', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog' } }],
  };
  b.static_resources.listeners[0] = {
    name: 'u',
    address: { socket_address: { protocol: 'UDP', address: '127.0.0.1', port_value: 53 } },
    udp_listener_config: {},
    listener_filters: [{ name: 'envoy.filters.udp_listener.udp_proxy', typed_config: udp }],
  };
  assert.deepEqual(messages(b), []); // log_format (required, but in a oneof) may be left out
  udp.hash_policies = [{ source_ip: false }];
  assertFails(b, /source_ip: must be true/);
});
