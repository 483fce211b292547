import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { Cluster } from '../../runtime/cluster/cluster.js';
import { PromWriter } from '../../runtime/metrics.js';
import { silentLogger } from '../../runtime/logger.js';
import { cluster as clusterCfg } from '../helpers/plan.js';
import { freePort, metricValue } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import type { HealthCheck } from '../../schemas/types/plan.gen.js';

const hex = (s: string): string => Buffer.from(s).toString('hex');

/** A UDP server: `reply(msg)` returns the datagram to send back, or null to stay silent. */
async function udpServer(reply: (msg: Buffer) => Buffer | null): Promise<{ port: number; received: number; close(): Promise<void> }> {
  const sock = dgram.createSocket('udp4');
  const s = {
    port: 0,
    received: 0,
    close: () => new Promise<void>((r) => sock.close(() => r())),
  };
  sock.on('message', (msg, rinfo) => {
    s.received++;
    const out = reply(msg);
    if (out) sock.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  s.port = sock.address().port;
  return s;
}

function checked(name: string, ports: number[], hc: Partial<HealthCheck> = {}): Cluster {
  const c = new Cluster(
    clusterCfg(name, ports.map((port) => ({ port })), {
      transport: 'udp',
      protocol: 'udp',
      healthCheck: { type: 'udp', intervalMs: 100, timeoutMs: 300, healthyThreshold: 2, unhealthyThreshold: 2, ...hc },
    }),
    silentLogger(),
  );
  c.start();
  return c;
}

function failures(c: Cluster, reason: string): number {
  const w = new PromWriter();
  c.collect(w);
  return metricValue(w.render(), `meshc_health_check_failures_total{cluster="${c.name}",reason="${reason}"}`) ?? 0;
}

test('udp check: echoing backend passes, silent fails (timeout), closed port fails (ICMP refused)', async (t) => {
  const echo = await udpServer((m) => m);
  const silent = await udpServer(() => null);
  const closed = await freePort();
  t.after(() => Promise.all([echo.close(), silent.close()]));
  const c = checked('dns_53_udp', [echo.port, silent.port, closed], { sendHex: hex('ping') });
  t.after(() => c.stop());
  await waitFor(() => c.host(`127.0.0.1:${echo.port}`)!.healthy && failures(c, 'timeout') >= 2 && failures(c, 'refused') >= 2, 10_000, 'results');
  assert.equal(c.host(`127.0.0.1:${silent.port}`)!.healthy, false);
  assert.equal(c.host(`127.0.0.1:${silent.port}`)!.healthFailure, 'timeout');
  assert.ok(silent.received >= 2, 'the silent backend did receive the probes');
  assert.equal(c.host(`127.0.0.1:${closed}`)!.healthy, false);
  assert.equal(c.host(`127.0.0.1:${closed}`)!.healthFailure, 'refused');
  for (let i = 0; i < 6; i++) assert.equal(c.pick('127.0.0.9')!.port, echo.port);
});

test('udp check with expect: the reply must start with it', async (t) => {
  const good = await udpServer((m) => (m.toString() === 'status?' ? Buffer.from('OK ready') : null));
  const bad = await udpServer(() => Buffer.from('NO'));
  t.after(() => Promise.all([good.close(), bad.close()]));
  const c = checked('svc_9_udp', [good.port, bad.port], { sendHex: hex('status?'), expectHex: hex('OK') });
  t.after(() => c.stop());
  await waitFor(() => c.host(`127.0.0.1:${good.port}`)!.healthy && failures(c, 'mismatch') >= 2, 10_000, 'results');
  assert.equal(c.host(`127.0.0.1:${bad.port}`)!.healthy, false);
  assert.equal(c.host(`127.0.0.1:${bad.port}`)!.healthFailure, 'mismatch');
});

test('udp check: a healthy backend that goes silent is marked down, and back up when it answers', async (t) => {
  let answering = true;
  const srv = await udpServer((m) => (answering ? m : null));
  t.after(() => srv.close());
  const c = checked('flip_9_udp', [srv.port]);
  t.after(() => c.stop());
  const h = c.hosts[0]!;
  await waitFor(() => h.healthy, 5000, 'healthy');
  answering = false;
  await waitFor(() => !h.healthy, (100 * 1.1 + 300) * 2 + 3000, 'down after unhealthyThreshold timeouts');
  answering = true;
  await waitFor(() => h.healthy, 5000, 'up again after healthyThreshold successes');
});
