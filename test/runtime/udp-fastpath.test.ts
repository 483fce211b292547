import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import type { Cluster as ClusterConfig } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { closeAll, newRuntime, request, sample, startUdpBackend, udpClient } from './udp-util.js';

// The data path's shortcuts: the latest-session cache in the listener, and sends without a
// completion callback while the host is answering. Both must be invisible to clients.

const CONN = { connectTimeoutMs: 5000, idleTimeoutMs: 60_000, maxConnections: 1024, connectAttempts: 1 };

function udpCluster(name: string, backends: Array<{ address?: string; port: number }>, over: Partial<ClusterConfig> = {}): ClusterConfig {
  return cluster(name, backends, { transport: 'udp', protocol: 'udp', connection: { ...CONN }, ...over });
}

test('interleaved datagrams of several clients (one sharing another one\'s port) each stay in their own session', async (t) => {
  const a = await startUdpBackend('A');
  t.after(() => a.close());
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [a])]));
  const c1 = await udpClient();
  const c2 = await udpClient();
  // same port number as c1 on another address: the session cache must compare the address too
  const c3 = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => c3.bind(c1.address().port, '127.0.0.7', () => resolve()));
  const clients = [c1, c2, c3];
  t.after(() => closeAll(clients));
  const answers = clients.map(() => new Set<string>());
  clients.forEach((c, i) => c.on('message', (m) => answers[i]!.add(m.toString())));
  const counts = [0, 0, 0];
  clients.forEach((c, i) => c.on('message', () => counts[i]!++));
  // round-robin over the clients, so nearly every datagram changes session
  for (let round = 0; round < 10; round++) {
    for (const c of clients) c.send('who', port, '127.0.0.1');
    await waitFor(() => counts.every((n) => n >= round + 1), 5000, `round ${round} answered`);
  }
  for (let i = 0; i < 3; i++) assert.equal(answers[i]!.size, 1, `client ${i} saw answers ${[...answers[i]!]}`);
  const sources = answers.map((s) => [...s][0]);
  assert.equal(new Set(sources).size, 3, 'three sessions, three upstream sockets');
  const l = `listener="outbound_127.0.0.1_${port}_udp"`;
  assert.equal(sample(rt, `meshc_udp_sessions_total{${l}}`), 3);
  assert.equal(sample(rt, `meshc_udp_datagrams_total{${l},direction="upstream"}`), 30);
  assert.equal(sample(rt, `meshc_udp_datagrams_total{${l},direction="downstream"}`), 30);
  assert.equal(sample(rt, `meshc_udp_dropped_total{${l},reason="send_error"}`), 0);
});

test('a host that answered and then died: bursts to it still end the session by ICMP and count a failure', async (t) => {
  const a = await startUdpBackend('A');
  let aOpen = true;
  t.after(() => (aOpen ? a.close() : undefined));
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [a])]));
  const l = `listener="outbound_127.0.0.1_${port}_udp"`;
  const c = await udpClient();
  t.after(() => closeAll([c]));
  // a few answered round trips: the session now sends to the host without completion callbacks
  for (let i = 0; i < 3; i++) await request(c, 'who', port);
  const host = rt.clusters.get('svc_9_udp')!.hosts[0]!;
  assert.equal(host.connectFailures, 0);
  await a.close();
  aOpen = false;
  // bursts, so that sends (not only reads) meet the pending ICMP errors
  const timer = setInterval(() => {
    for (let i = 0; i < 10; i++) c.send('ping', port, '127.0.0.1');
  }, 20);
  t.after(() => clearInterval(timer));
  await waitFor(() => sample(rt, `meshc_udp_sessions_closed_total{${l},reason="error"}`)! >= 1, 5000, 'session ended by the ICMP error');
  assert.ok(host.connectFailures >= 1, 'failure reported for outlier detection');
});
