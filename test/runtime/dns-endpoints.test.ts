import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { Cluster } from '../../runtime/cluster/cluster.js';
import { setDnsServers } from '../../runtime/cluster/dns-resolver.js';
import { Runtime } from '../../runtime/runtime.js';
import { PromWriter } from '../../runtime/metrics.js';
import { silentLogger } from '../../runtime/logger.js';
import { MeshcError } from '../../runtime/errors.js';
import { TestDnsServer } from '../helpers/dns-server.js';
import { cluster as clusterCfg, plan } from '../helpers/plan.js';
import { metricValue } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import type { DnsEndpoints } from '../../schemas/types/plan.gen.js';

function dnsCluster(name: string, ep: Partial<DnsEndpoints> & { name: string }) {
  return clusterCfg(name, [{ port: 1 }], {
    endpoints: { type: 'dns', port: 9000, refreshIntervalMs: 200, family: 'any', ...ep },
  });
}

function keys(c: Cluster): string[] {
  return c.hosts.map((h) => h.key).sort();
}

function metrics(c: Cluster): string {
  const w = new PromWriter();
  c.collect(w);
  return w.render();
}

async function withServer(t: { after(fn: () => unknown): void }): Promise<TestDnsServer> {
  const dns = await TestDnsServer.start();
  setDnsServers([dns.server]);
  t.after(async () => {
    setDnsServers(null);
    await dns.close();
  });
  return dns;
}

test('dns cluster follows additions and removals; hosts that stay keep their state', async (t) => {
  const dns = await withServer(t);
  dns.set('db.mesh.test', { a: ['127.0.0.2', '127.0.0.3'], ttl: 30 });
  const c = new Cluster(dnsCluster('db_9000_tcp', { name: 'db.mesh.test' }), silentLogger());
  t.after(() => c.stop());
  assert.deepEqual(keys(c), [], 'no hosts before the first answer');
  c.start();
  await waitFor(() => keys(c).length === 2, 10_000, 'first answer');
  assert.deepEqual(keys(c), ['127.0.0.2:9000', '127.0.0.3:9000']);
  const stay = c.host('127.0.0.3:9000')!;
  const leave = c.host('127.0.0.2:9000')!;
  // a live connection on the host that will disappear
  c.attach(leave, '127.0.0.50');
  c.attach(stay, '127.0.0.51');

  dns.set('db.mesh.test', { a: ['127.0.0.3', '127.0.0.4'], ttl: 30 });
  await waitFor(() => keys(c).includes('127.0.0.4:9000'), 10_000, 'addition followed');
  assert.deepEqual(keys(c), ['127.0.0.3:9000', '127.0.0.4:9000']);
  assert.equal(c.host('127.0.0.3:9000'), stay, 'the staying host is the same object');
  assert.equal(stay.active, 1, 'its connection count is kept');
  assert.equal(leave.removed, true, 'the vanished host is marked removed');
  assert.equal(leave.active, 1, 'its live connection is untouched');
  for (let i = 0; i < 20; i++) assert.notEqual(c.pick('127.0.0.9'), leave, 'no new traffic to a removed host');
  c.detach(leave, '127.0.0.50');
  assert.equal(leave.active, 0);
  assert.ok(metricValue(metrics(c), 'meshc_dns_resolutions_total{cluster="db_9000_tcp"}')! >= 2);
});

test('a TTL shorter than refreshInterval triggers earlier re-resolution', async (t) => {
  const dns = await withServer(t);
  dns.set('short.mesh.test', { a: ['127.0.0.2'], ttl: 1 });
  dns.set('long.mesh.test', { a: ['127.0.0.2'], ttl: 3600 });
  const short = new Cluster(dnsCluster('short_9000_tcp', { name: 'short.mesh.test', refreshIntervalMs: 600_000, family: 'v4' }), silentLogger());
  const long = new Cluster(dnsCluster('long_9000_tcp', { name: 'long.mesh.test', refreshIntervalMs: 600_000, family: 'v4' }), silentLogger());
  t.after(() => {
    short.stop();
    long.stop();
  });
  short.start();
  long.start();
  await waitFor(() => short.hosts.length === 1 && long.hosts.length === 1, 10_000, 'first answers');
  // TTL 1 s: re-asked about every second although the refresh interval is 10 minutes
  await waitFor(() => dns.queries('short.mesh.test', 'A') >= 2, 15_000, 'TTL-driven re-resolution');
  dns.set('short.mesh.test', { a: ['127.0.0.7'], ttl: 1 });
  await waitFor(() => short.hosts[0]?.address === '127.0.0.7', 10_000, 'change seen via TTL');
  // the long TTL name was asked exactly once in the meantime
  assert.equal(dns.queries('long.mesh.test', 'A'), 1);
});

test('a failing resolver keeps the last good answer, counts and logs it, and recovers', async (t) => {
  const dns = await withServer(t);
  dns.set('flaky.mesh.test', { a: ['127.0.0.2', '127.0.0.3'], ttl: 30 });
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void logs.push(JSON.parse(s)) });
  const c = new Cluster(dnsCluster('flaky_9000_tcp', { name: 'flaky.mesh.test' }), logger);
  t.after(() => c.stop());
  c.start();
  await waitFor(() => c.hosts.length === 2, 10_000, 'first answer');
  const before = c.hosts.slice();
  dns.set('flaky.mesh.test', { rcode: 'SERVFAIL' });
  const failures = (): number => metricValue(metrics(c), 'meshc_dns_resolution_failures_total{cluster="flaky_9000_tcp"}') ?? 0;
  await waitFor(() => failures() >= 2, 15_000, 'failures counted');
  assert.deepEqual(c.hosts, before, 'the last good answer stays in force');
  assert.ok(c.hosts.every((h) => !h.removed));
  assert.ok(logs.some((l) => l.msg === 'DNS resolution failed; keeping the last answer' && l.level === 40));
  dns.set('flaky.mesh.test', { a: ['127.0.0.4'], ttl: 30 });
  await waitFor(() => keys(c).join() === '127.0.0.4:9000', 15_000, 'recovery');
});

test('NXDOMAIN is an answer: the cluster empties (scaled-to-zero headless service)', async (t) => {
  const dns = await withServer(t);
  dns.set('gone.mesh.test', { a: ['127.0.0.2'], ttl: 30 });
  const c = new Cluster(dnsCluster('gone_9000_tcp', { name: 'gone.mesh.test' }), silentLogger());
  t.after(() => c.stop());
  c.start();
  await waitFor(() => c.hosts.length === 1, 10_000, 'first answer');
  dns.set('gone.mesh.test', { rcode: 'NXDOMAIN' });
  await waitFor(() => c.hosts.length === 0, 10_000, 'cluster emptied');
  assert.equal(c.pick('127.0.0.9'), undefined);
  assert.equal(metricValue(metrics(c), 'meshc_dns_resolution_failures_total{cluster="gone_9000_tcp"}'), 0);
});

test('family any/v4/v6 selects A, AAAA or both', async (t) => {
  const dns = await withServer(t);
  dns.set('dual.mesh.test', { a: ['127.0.0.5', '127.0.0.6'], aaaa: ['::1', 'fd00::7'], ttl: 30 });
  const mk = (family: DnsEndpoints['family']) => new Cluster(dnsCluster(`dual${family}_9000_tcp`, { name: 'dual.mesh.test', family }), silentLogger());
  const any = mk('any');
  const v4 = mk('v4');
  const v6 = mk('v6');
  t.after(() => [any, v4, v6].forEach((c) => c.stop()));
  [any, v4, v6].forEach((c) => c.start());
  await waitFor(() => any.hosts.length === 4 && v4.hosts.length === 2 && v6.hosts.length === 2, 10_000, 'answers');
  assert.deepEqual(keys(v4), ['127.0.0.5:9000', '127.0.0.6:9000']);
  assert.deepEqual(keys(v6), ['[::1]:9000', '[fd00::7]:9000']);
  assert.deepEqual(any.hosts.map((h) => h.key), ['127.0.0.5:9000', '127.0.0.6:9000', '[::1]:9000', '[fd00::7]:9000'], 'v4 first, stable order');
  assert.equal(dns.queries('dual.mesh.test', 'AAAA') >= 1 && dns.queries('dual.mesh.test', 'A') >= 1, true);
});

test('through Runtime.apply: a dns cluster resolves, and removing it stops resolution', async (t) => {
  const dns = await withServer(t);
  dns.set('api.mesh.test', { a: ['127.0.0.2'], ttl: 30 });
  const rt = new Runtime({ logger: silentLogger() });
  t.after(() => rt.stop(100));
  await rt.apply(plan([], [dnsCluster('api_9000_tcp', { name: 'api.mesh.test', refreshIntervalMs: 100 })]));
  const c = rt.clusters.get('api_9000_tcp')!;
  await waitFor(() => c.hosts.length === 1, 10_000, 'resolved');
  assert.deepEqual(JSON.parse(JSON.stringify(c)).dns, { name: 'api.mesh.test', family: 'any' });
  await rt.apply(plan([], []));
  const asked = dns.queries('api.mesh.test');
  // a second cluster polling its own name serves as the clock
  dns.set('clock.mesh.test', { a: ['127.0.0.2'], ttl: 30 });
  await rt.apply(plan([], [dnsCluster('clock_9000_tcp', { name: 'clock.mesh.test', refreshIntervalMs: 100 })]));
  await waitFor(() => dns.queries('clock.mesh.test') >= 10, 10_000, 'clock cluster polled');
  assert.equal(dns.queries('api.mesh.test'), asked, 'removed cluster no longer resolves');
});

test('names only /etc/hosts knows (localhost) resolve via getaddrinfo when no servers are set', async (t) => {
  setDnsServers(null);
  const c = new Cluster(dnsCluster('local_9000_tcp', { name: 'localhost', family: 'v4' }), silentLogger());
  t.after(() => c.stop());
  c.start();
  await waitFor(() => c.hosts.length > 0, 10_000, 'localhost resolved');
  assert.ok(c.hosts.every((h) => h.address.startsWith('127.')));
});

test('setDnsServers rejects a malformed list with a stable code', () => {
  assert.throws(() => setDnsServers(['not an ip']), (e: unknown) => e instanceof MeshcError && e.code === 'E_DNS_SERVERS');
  setDnsServers(null);
});
