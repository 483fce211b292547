import { test } from 'node:test';
import assert from 'node:assert/strict';
import type dgram from 'node:dgram';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { closeAll, newRuntime, request, sample, startUdpBackend, udpClient } from './udp-util.js';
import type { UdpListener } from '../../runtime/listener/udp-listener.js';
import type { NativeUdpListener } from '../../runtime/listener/native-udp-listener.js';

/**
 * The thousands of client sockets here take ephemeral UDP ports. Bound to their own loopback
 * address, they cannot take a port that another test file (running at the same time) picked on
 * 127.0.0.1 for a listener a moment earlier.
 */
const FLOOD_IP = '127.0.0.213';

const conn = (maxConnections: number, idleTimeoutMs = 60_000) => ({ connectTimeoutMs: 5000, idleTimeoutMs, maxConnections, connectAttempts: 1 });

test('maxConnections bounds sessions; datagrams of clients beyond it are dropped and counted', async (t) => {
  const a = await startUdpBackend('A');
  t.after(() => a.close());
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [cluster('svc_9_udp', [a], { transport: 'udp', protocol: 'udp', connection: conn(3) })]));
  const l = `listener="outbound_127.0.0.1_${port}_udp"`;
  const admitted = await Promise.all([1, 2, 3].map(() => udpClient()));
  const refused = await Promise.all([1, 2, 3, 4, 5].map(() => udpClient()));
  t.after(() => closeAll([...admitted, ...refused]));
  for (const c of admitted) await request(c, 'who', port);
  for (const c of refused) c.send('who', port, '127.0.0.1');
  await waitFor(() => sample(rt, `meshc_udp_dropped_total{${l},reason="overflow"}`) === 5, 5000, '5 overflow drops');
  assert.equal(sample(rt, `meshc_udp_sessions_active{${l}}`), 3);
  assert.equal(sample(rt, `meshc_upstream_overflow_total{cluster="svc_9_udp"}`), 5);
  // admitted sessions keep working at the limit
  assert.equal((await request(admitted[0]!, 'ok', port)).msg.toString(), 'ok');
  assert.equal(a.sources.size, 3);
});

test('a flood of 3,000 distinct source ports keeps the session table at maxConnections', async (t) => {
  const a = await startUdpBackend('A');
  t.after(() => a.close());
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [cluster('svc_9_udp', [a], { transport: 'udp', protocol: 'udp', connection: conn(200) })]));
  const lst = [...rt.listeners.values()][0] as UdpListener | NativeUdpListener;
  let peak = 0;
  // 6 waves of 500 sockets, all kept open so every source port is distinct, each sending one
  // datagram; sent in chunks of 100 so none is lost to a full receive buffer and counts are exact
  const all: dgram.Socket[] = [];
  t.after(() => closeAll(all));
  let sent = 0;
  for (let wave = 0; wave < 6; wave++) {
    const socks: dgram.Socket[] = await Promise.all(Array.from({ length: 500 }, () => udpClient(FLOOD_IP)));
    all.push(...socks);
    for (let i = 0; i < socks.length; i += 100) {
      for (const s of socks.slice(i, i + 100)) s.send('x', port, '127.0.0.1');
      sent += 100;
      await waitFor(() => {
        peak = Math.max(peak, lst.active);
        return lst.stats.sessionsTotal + lst.stats.dropOverflow >= sent;
      }, 10_000, `${sent} datagrams processed`);
    }
  }
  assert.equal(lst.active, 200);
  assert.ok(peak <= 200, `peak ${peak}`);
  // the JS path's idle wheel holds exactly the live sessions; the native path has no wheel
  if ('wheel' in lst) assert.equal(lst.wheel.size, 200);
  else assert.equal(lst.addonSessions(), 200, 'native session table');
  assert.equal(lst.stats.sessionsTotal, 200);
  assert.equal(lst.stats.dropOverflow, 2_800);
  assert.equal(rt.clusters.get('svc_9_udp')!.active, 200);
});

test('1,000 concurrent client sockets each get their own session and their replies', async (t) => {
  const a = await startUdpBackend('A');
  const b = await startUdpBackend('B');
  t.after(() => Promise.all([a.close(), b.close()]));
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [cluster('svc_9_udp', [a, b], { transport: 'udp', protocol: 'udp', connection: conn(1024) })]));
  const socks = await Promise.all(Array.from({ length: 1000 }, () => udpClient(FLOOD_IP)));
  t.after(() => closeAll(socks));
  const replies = await Promise.all(socks.map((s, i) => request(s, `c${i}`, port, '127.0.0.1', 10, 500)));
  replies.forEach((r, i) => assert.equal(r.msg.toString(), `c${i}`));
  assert.equal(sample(rt, `meshc_udp_sessions_active{listener="outbound_127.0.0.1_${port}_udp"}`), 1000);
  assert.equal(a.sources.size + b.sources.size, 1000);
  assert.equal(a.sources.size, 500, 'round-robin spreads sessions evenly');
});
