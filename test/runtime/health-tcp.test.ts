import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Cluster } from '../../runtime/cluster/cluster.js';
import { PromWriter } from '../../runtime/metrics.js';
import { silentLogger } from '../../runtime/logger.js';
import { cluster as clusterCfg } from '../helpers/plan.js';
import { freePort, metricValue, startEchoServer, type TestServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import type { HealthCheck } from '../../schemas/types/plan.gen.js';

const hex = (s: string): string => Buffer.from(s).toString('hex');

function checked(name: string, ports: number[], hc: Partial<HealthCheck> = {}): Cluster {
  const c = new Cluster(
    clusterCfg(name, ports.map((port) => ({ port })), {
      healthCheck: { type: 'tcp', intervalMs: 100, timeoutMs: 1000, healthyThreshold: 2, unhealthyThreshold: 2, ...hc },
    }),
    silentLogger(),
  );
  c.start();
  return c;
}

function metrics(c: Cluster): string {
  const w = new PromWriter();
  c.collect(w);
  return w.render();
}

/** A TCP server that answers every connection with `reply` (or nothing when null) and keeps it open. */
async function replyServer(reply: string | null, port = 0): Promise<net.Server & { sockets: Set<net.Socket> }> {
  const sockets = new Set<net.Socket>();
  const srv = Object.assign(
    net.createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
      s.once('data', () => {
        if (reply !== null) s.write(reply);
      });
    }),
    { sockets },
  );
  await new Promise<void>((r) => srv.listen(port, '127.0.0.1', () => r()));
  return srv;
}

function closeServer(srv: net.Server & { sockets?: Set<net.Socket> }): Promise<void> {
  for (const s of srv.sockets ?? []) s.destroy();
  return new Promise((r) => srv.close(() => r()));
}

test('tcp check: hosts start unhealthy, a killed backend goes down and comes back', async (t) => {
  const a = await startEchoServer(null);
  let b: TestServer = await startEchoServer(null);
  const bPort = b.port;
  t.after(async () => {
    await a.close();
    await b.close();
  });
  const c = checked('svc_1_tcp', [a.port, bPort]);
  t.after(() => c.stop());
  const hb = c.host(`127.0.0.1:${bPort}`)!;
  assert.equal(c.hosts.every((h) => !h.healthy), true, 'unchecked hosts start unhealthy');
  await waitFor(() => c.hosts.every((h) => h.healthy), 5000, 'first successful checks');

  await b.close();
  // interval 100 ms × unhealthyThreshold 2 (+10% jitter) plus generous slack
  await waitFor(() => !hb.healthy, 100 * 2 * 1.1 + 3000, 'killed backend marked down');
  assert.equal(hb.healthFailure, 'refused');
  for (let i = 0; i < 10; i++) assert.equal(c.pick('127.0.0.9')?.port, a.port, 'no new traffic to the down host');
  assert.equal(metricValue(metrics(c), `meshc_endpoint_healthy{cluster="svc_1_tcp",endpoint="127.0.0.1:${bPort}"}`), 0);
  assert.ok(metricValue(metrics(c), 'meshc_health_check_failures_total{cluster="svc_1_tcp",reason="refused"}')! >= 2);

  b = await startEchoServer(null, '127.0.0.1', bPort);
  await waitFor(() => hb.healthy, 5000, 'backend back');
  const picked = new Set<number>();
  for (let i = 0; i < 10; i++) picked.add(c.pick('127.0.0.9')!.port);
  assert.deepEqual([...picked].sort(), [a.port, bPort].sort(), 'traffic reaches it again');
  const m = metrics(c);
  assert.equal(metricValue(m, 'meshc_health_check_transitions_total{cluster="svc_1_tcp",to="unhealthy"}'), 1);
  assert.equal(metricValue(m, 'meshc_health_check_transitions_total{cluster="svc_1_tcp",to="healthy"}'), 3);
});

test('tcp check with send/expect: matching reply passes, mismatch and silence fail', async (t) => {
  const good = await replyServer('+PONG\r\n');
  const bad = await replyServer('-ERR unknown\r\n');
  const silent = await replyServer(null);
  t.after(() => Promise.all([good, bad, silent].map(closeServer)));
  const port = (s: net.Server): number => (s.address() as net.AddressInfo).port;
  const c = checked('redis_1_tcp', [port(good), port(bad), port(silent)], { sendHex: hex('PING\r\n'), expectHex: hex('+PONG'), timeoutMs: 300 });
  t.after(() => c.stop());
  const m = (): string => metrics(c);
  await waitFor(
    () =>
      metricValue(m(), 'meshc_health_check_failures_total{cluster="redis_1_tcp",reason="mismatch"}')! >= 2 &&
      metricValue(m(), 'meshc_health_check_failures_total{cluster="redis_1_tcp",reason="timeout"}')! >= 2 &&
      c.host(`127.0.0.1:${port(good)}`)!.healthy,
    10_000,
    'results for every host',
  );
  assert.equal(c.host(`127.0.0.1:${port(bad)}`)!.healthy, false);
  assert.equal(c.host(`127.0.0.1:${port(bad)}`)!.healthFailure, 'mismatch');
  assert.equal(c.host(`127.0.0.1:${port(silent)}`)!.healthy, false);
  assert.equal(c.host(`127.0.0.1:${port(silent)}`)!.healthFailure, 'timeout');
  for (let i = 0; i < 6; i++) assert.equal(c.pick('127.0.0.9')!.port, port(good));
  const json = JSON.parse(JSON.stringify(c));
  assert.equal(json.healthCheck, 'tcp');
  assert.equal(json.endpoints.find((e: { port: number }) => e.port === port(bad)).lastHealthCheckFailure, 'mismatch');
});

test('a reply split across segments is accumulated before comparing', async (t) => {
  const srv = net.createServer((s) => {
    s.on('error', () => {});
    s.once('data', () => {
      s.write('+PO');
      setTimeout(() => s.write('NG\r\n'), 30);
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  t.after(() => closeServer(srv));
  const c = checked('split_1_tcp', [(srv.address() as net.AddressInfo).port], { sendHex: hex('PING\r\n'), expectHex: hex('+PONG') });
  t.after(() => c.stop());
  await waitFor(() => c.hosts[0]!.healthy, 5000, 'split reply accepted');
});

test('removed hosts and stopped clusters are no longer checked', async (t) => {
  const a = await startEchoServer(null);
  const b = await startEchoServer(null);
  t.after(async () => {
    await a.close();
    await b.close();
  });
  const c = checked('rm_1_tcp', [a.port, b.port], { intervalMs: 50 });
  await waitFor(() => a.connections >= 2 && b.connections >= 2, 5000, 'both checked');
  c.setMembers([{ address: '127.0.0.1', port: a.port, weight: 1 }]);
  const bAtRemoval = b.connections;
  const aAtRemoval = a.connections;
  await waitFor(() => a.connections >= aAtRemoval + 5, 5000, 'remaining host keeps being checked');
  assert.ok(b.connections <= bAtRemoval + 1, 'removed host: at most the check already in flight');
  c.stop();
  const aAtStop = a.connections;
  // a second cluster checking b is the clock: once it has checked several times, c would have too
  const clock = checked('clock_1_tcp', [b.port], { intervalMs: 50 });
  t.after(() => clock.stop());
  const bAtStop = b.connections;
  await waitFor(() => b.connections >= bAtStop + 5, 5000, 'clock cluster checks');
  assert.ok(a.connections <= aAtStop + 1, 'stopped cluster no longer checks');
});

test('a plan reload turning checks off makes every host healthy at once', async (t) => {
  const dead = await freePort();
  const c = checked('off_1_tcp', [dead]);
  t.after(() => c.stop());
  await waitFor(() => metricValue(metrics(c), 'meshc_health_check_failures_total{cluster="off_1_tcp",reason="refused"}')! >= 1, 5000, 'a failed check');
  assert.equal(c.hosts[0]!.healthy, false);
  c.update({ ...c.config, healthCheck: { type: 'none' } });
  assert.equal(c.hosts[0]!.healthy, true);
  assert.equal(c.panic, false);
});
