/**
 * Health, outlier and DNS behaviour seen through a real TCP listener (Runtime.apply in-process):
 * clients connect to the listener and learn which backend they reached from its greeting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Runtime } from '../../runtime/runtime.js';
import { silentLogger } from '../../runtime/logger.js';
import { setDnsServers } from '../../runtime/cluster/dns-resolver.js';
import { cluster as clusterCfg, listener, plan } from '../helpers/plan.js';
import { freePort, readGreeting, startEchoServer, type TestServer } from '../helpers/net.js';
import { LiveConn } from '../helpers/live-conn.js';
import { TestDnsServer } from '../helpers/dns-server.js';
import { waitFor } from '../helpers/wait.js';

async function greetings(port: number, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(await readGreeting(port).catch(() => 'FAILED'));
  return out;
}

test('through the listener: a killed backend receives nothing new, and traffic returns when it is back', async (t) => {
  const a = await startEchoServer('a');
  let b: TestServer | null = await startEchoServer('b');
  const bPort = b.port;
  const lport = await freePort();
  const rt = new Runtime({ logger: silentLogger() });
  t.after(async () => {
    await rt.stop(100);
    await a.close();
    await b?.close();
  });
  const cfg = clusterCfg('web_80_tcp', [{ port: a.port }, { port: bPort }], {
    healthCheck: { type: 'tcp', intervalMs: 100, timeoutMs: 500, healthyThreshold: 2, unhealthyThreshold: 2 },
  });
  await rt.apply(plan([listener('web_80_tcp', lport)], [cfg]));
  const c = rt.clusters.get('web_80_tcp')!;
  await waitFor(() => c.hosts.every((h) => h.healthy), 5000, 'both healthy');
  assert.deepEqual(new Set(await greetings(lport, 6)), new Set(['a', 'b']));

  await b.close();
  b = null;
  await waitFor(() => !c.host(`127.0.0.1:${bPort}`)!.healthy, 100 * 2 * 1.1 + 3000, 'b marked down');
  assert.deepEqual(await greetings(lport, 8), Array(8).fill('a'), 'every new connection reaches a');

  b = await startEchoServer('b', '127.0.0.1', bPort);
  await waitFor(() => c.host(`127.0.0.1:${bPort}`)!.healthy, 5000, 'b healthy again');
  assert.ok((await greetings(lport, 6)).includes('b'), 'b receives traffic again');
});

test('through the listener: connect failures eject a dead endpoint until its ejection time passes', async (t) => {
  const a = await startEchoServer('a');
  const dead = await freePort();
  const lport = await freePort();
  const rt = new Runtime({ logger: silentLogger() });
  t.after(async () => {
    await rt.stop(100);
    await a.close();
  });
  const cfg = clusterCfg('api_80_tcp', [{ port: a.port }, { port: dead }], {
    outlierDetection: { enabled: true, consecutiveFailures: 2, baseEjectionTimeMs: 400, maxEjectionPercent: 50 },
  });
  await rt.apply(plan([listener('api_80_tcp', lport)], [cfg]));
  const c = rt.clusters.get('api_80_tcp')!;
  const hd = c.host(`127.0.0.1:${dead}`)!;
  const first = await greetings(lport, 4);
  assert.equal(first.filter((g) => g === 'FAILED').length, 2, 'round-robin sent two connections to the dead port');
  await waitFor(() => hd.ejected, 2000, 'ejected after 2 connect failures');
  assert.deepEqual(await greetings(lport, 6), Array(6).fill('a'), 'ejected endpoint gets no connections');
  await waitFor(() => !hd.ejected, 5000, 'returned after the ejection time');
  assert.equal(hd.ejections, 1);
});

test('through the listener: a host that leaves DNS keeps its live connection but gets no new ones', async (t) => {
  const port = await freePort('127.0.0.2');
  const s2 = await startEchoServer('two', '127.0.0.2', port);
  const s3 = await startEchoServer('three', '127.0.0.3', port);
  const dns = await TestDnsServer.start();
  setDnsServers([dns.server]);
  dns.set('pods.mesh.test', { a: ['127.0.0.2', '127.0.0.3'], ttl: 30 });
  const lport = await freePort();
  const rt = new Runtime({ logger: silentLogger() });
  const live: LiveConn[] = [];
  t.after(async () => {
    for (const l of live) l.sock.destroy();
    await rt.stop(100);
    setDnsServers(null);
    await Promise.all([s2.close(), s3.close(), dns.close()]);
  });
  const cfg = clusterCfg('pods_80_tcp', [{ port: 1 }], {
    endpoints: { type: 'dns', name: 'pods.mesh.test', port, refreshIntervalMs: 100, family: 'v4' },
  });
  await rt.apply(plan([listener('pods_80_tcp', lport)], [cfg]));
  const c = rt.clusters.get('pods_80_tcp')!;
  await waitFor(() => c.hosts.length === 2, 5000, 'resolved');
  for (let i = 0; i < 2; i++) live.push(await LiveConn.open(lport));
  const onTwo = live.find((l) => l.backend === 'two')!;
  assert.ok(onTwo, 'one live connection on 127.0.0.2');

  dns.set('pods.mesh.test', { a: ['127.0.0.3'], ttl: 30 });
  await waitFor(() => c.hosts.length === 1, 5000, '127.0.0.2 removed');
  await onTwo.echo('still here\n');
  assert.equal(onTwo.closed, false);
  assert.deepEqual(await greetings(lport, 5), Array(5).fill('three'), 'new connections avoid the removed host');
  await onTwo.echo('and still\n');
});
