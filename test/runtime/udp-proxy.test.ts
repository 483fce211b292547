import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Cluster as ClusterConfig } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, readGreeting, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { closeAll, newRuntime, request, sample, startUdpBackend, udpClient, type UdpBackend } from './udp-util.js';
import type { UdpListener } from '../../runtime/listener/udp-listener.js';
import type { NativeUdpListener } from '../../runtime/listener/native-udp-listener.js';

const CONN = { connectTimeoutMs: 5000, idleTimeoutMs: 60_000, maxConnections: 1024, connectAttempts: 1 };

function udpCluster(name: string, backends: Array<{ address?: string; port: number }>, over: Partial<ClusterConfig> = {}): ClusterConfig {
  return cluster(name, backends, { transport: 'udp', protocol: 'udp', connection: { ...CONN }, ...over });
}

async function backends(t: { after(fn: () => unknown): void }, ...names: string[]): Promise<UdpBackend[]> {
  const bs = await Promise.all(names.map((n) => startUdpBackend(n)));
  t.after(() => Promise.all(bs.map((b) => b.close())));
  return bs;
}

test('each session sticks to one host and one upstream socket; sessions spread over hosts', async (t) => {
  const [a, b] = await backends(t, 'A', 'B');
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_53_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_53_udp', [a!, b!])]));
  const clients = await Promise.all([1, 2, 3, 4].map(() => udpClient()));
  t.after(() => closeAll(clients));
  const seen = new Set<string>();
  for (const c of clients) {
    const answers = new Set<string>();
    for (let i = 0; i < 5; i++) answers.add((await request(c, 'who', port)).msg.toString());
    // same backend name AND same upstream source port for every datagram of the session
    assert.equal(answers.size, 1, `one client got answers ${[...answers]}`);
    seen.add([...answers][0]!.split(' ')[0]!);
  }
  assert.deepEqual([...seen].sort(), ['A', 'B']);
  assert.equal(a!.sources.size + b!.sources.size, 4, 'one upstream socket per session');
  const l = `listener="outbound_127.0.0.1_${port}_udp"`;
  assert.equal(sample(rt, `meshc_udp_sessions_active{${l}}`), 4);
  assert.equal(sample(rt, `meshc_udp_sessions_total{${l}}`), 4);
  assert.equal(sample(rt, `meshc_udp_datagrams_total{${l},direction="upstream"}`), 20);
  assert.equal(sample(rt, `meshc_udp_datagrams_total{${l},direction="downstream"}`), 20);
  assert.equal(sample(rt, `meshc_udp_bytes_total{${l},direction="upstream"}`), 60);
  assert.equal(sample(rt, `meshc_upstream_bytes_total{cluster="svc_53_udp",direction="upstream"}`), 60);
  assert.ok(sample(rt, `meshc_upstream_bytes_total{cluster="svc_53_udp",direction="downstream"}`)! > 0);
  assert.equal(rt.clusters.get('svc_53_udp')!.active, 4);
});

test('replies come from the listener address and port (connected clients receive them)', async (t) => {
  const [a] = await backends(t, 'A');
  const port = await freePort('127.0.0.3');
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_53_udp', port, { transport: 'udp', protocol: 'udp', address: '127.0.0.3' })], [udpCluster('svc_53_udp', [a!])]));
  const c = await udpClient('127.0.0.9');
  t.after(() => closeAll([c]));
  const { rinfo } = await request(c, 'who', port, '127.0.0.3');
  assert.equal(rinfo.address, '127.0.0.3');
  assert.equal(rinfo.port, port);
  // a connected socket only accepts datagrams from its peer: a reply from anywhere else is lost
  const cc = await udpClient('127.0.0.9');
  t.after(() => closeAll([cc]));
  await new Promise<void>((resolve) => cc.connect(port, '127.0.0.3', () => resolve()));
  const got = new Promise<string>((resolve) => cc.once('message', (m) => resolve(m.toString())));
  cc.send('hello');
  assert.equal(await got, 'hello');
});

test('datagrams of 0 to 65,507 bytes pass unchanged both ways', async (t) => {
  const [a] = await backends(t, 'A');
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [a!])]));
  const c = await udpClient();
  t.after(() => closeAll([c]));
  for (const size of [0, 1, 1472, 9000, 65_507]) {
    const payload = randomBytes(size);
    const { msg } = await request(c, payload, port);
    assert.equal(msg.length, size);
    assert.ok(msg.equals(payload), `payload of ${size} bytes changed`);
  }
});

test('a burst sent before the upstream socket is connected is queued, not lost', async (t) => {
  const [a] = await backends(t, 'A');
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [a!])]));
  const c = await udpClient();
  t.after(() => closeAll([c]));
  const got = new Set<string>();
  c.on('message', (m) => got.add(m.toString()));
  // one synchronous burst: the listener reads these in one poll, while the connect is pending
  for (let i = 0; i < 8; i++) c.send(`m${i}`, port, '127.0.0.1');
  await waitFor(() => got.size === 8, 5000, 'all 8 echoes');
  assert.equal(a!.sources.size, 1);
  assert.equal(sample(rt, `meshc_udp_dropped_total{listener="outbound_127.0.0.1_${port}_udp",reason="queue_full"}`), 0);
});

test('sessions end after idleTimeout: upstream socket closed, host and cluster released', async (t) => {
  const [a] = await backends(t, 'A');
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [a!], { connection: { ...CONN, idleTimeoutMs: 300 } })]));
  const l = `listener="outbound_127.0.0.1_${port}_udp"`;
  const c = await udpClient();
  t.after(() => closeAll([c]));
  const first = (await request(c, 'who', port)).msg.toString();
  assert.equal(sample(rt, `meshc_udp_sessions_active{${l}}`), 1);
  const cl = rt.clusters.get('svc_9_udp')!;
  assert.equal(cl.hosts[0]!.active, 1);
  await waitFor(() => sample(rt, `meshc_udp_sessions_active{${l}}`) === 0, 5000, 'idle expiry');
  assert.equal(sample(rt, `meshc_udp_sessions_closed_total{${l},reason="idle"}`), 1);
  assert.equal(cl.active, 0);
  assert.equal(cl.hosts[0]!.active, 0);
  // the same client now gets a new session with a new upstream socket (new source port)
  const second = (await request(c, 'who', port)).msg.toString();
  assert.notEqual(second, first);
  assert.equal(sample(rt, `meshc_udp_sessions_total{${l}}`), 2);
});

test('activity in either direction keeps a session alive past idleTimeout', async (t) => {
  const [a] = await backends(t, 'A');
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [a!], { connection: { ...CONN, idleTimeoutMs: 400 } })]));
  const c = await udpClient();
  t.after(() => closeAll([c]));
  const answers = new Set<string>();
  const started = Date.now();
  // keep talking every ~20 ms (20x shorter than the timeout, so that late timers on a loaded
  // machine cannot open a real idle gap) for 3 idle periods: still one session
  while (Date.now() - started < 1200) {
    answers.add((await request(c, 'who', port)).msg.toString());
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(answers.size, 1);
  assert.equal(sample(rt, `meshc_udp_sessions_total{listener="outbound_127.0.0.1_${port}_udp"}`), 1);
});

test('source-ip affinity keeps every session of one client IP on one host', async (t) => {
  const [a, b] = await backends(t, 'A', 'B');
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(
    plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [a!, b!], { affinity: { type: 'source-ip', ttlMs: 60_000 } })]),
  );
  const names = async (ip: string): Promise<Set<string>> => {
    const out = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const c = await udpClient(ip);
      try {
        out.add((await request(c, 'who', port)).msg.toString().split(' ')[0]!);
      } finally {
        closeAll([c]);
      }
    }
    return out;
  };
  const one = await names('127.0.0.11');
  const two = await names('127.0.0.12');
  assert.equal(one.size, 1, `127.0.0.11 reached ${[...one]}`);
  assert.equal(two.size, 1, `127.0.0.12 reached ${[...two]}`);
  assert.equal(sample(rt, `meshc_udp_sessions_active{listener="outbound_127.0.0.1_${port}_udp"}`), 8);
});

test('an ICMP port-unreachable from a dead upstream ends the session and counts a failure', async (t) => {
  const dead = await freePort();
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [{ port: dead }])]));
  const l = `listener="outbound_127.0.0.1_${port}_udp"`;
  const c = await udpClient();
  t.after(() => closeAll([c]));
  c.send('ping', port, '127.0.0.1');
  const cl = rt.clusters.get('svc_9_udp')!;
  await waitFor(() => cl.hosts[0]!.connectFailures >= 1, 5000, 'connect failure counted');
  await waitFor(() => sample(rt, `meshc_udp_sessions_active{${l}}`) === 0, 5000, 'session ended');
  assert.equal(sample(rt, `meshc_udp_sessions_closed_total{${l},reason="error"}`), 1);
  assert.equal(sample(rt, `meshc_upstream_connect_failures_total{cluster="svc_9_udp"}`), 1);
  assert.equal(cl.active, 0);
  assert.equal(cl.hosts[0]!.active, 0);
});

test('reload: live sessions keep their host, new sessions use the new cluster', async (t) => {
  const [a, b] = await backends(t, 'A', 'B');
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  const lst = listener('one_9_udp', port, { transport: 'udp', protocol: 'udp' });
  await rt.apply(plan([lst], [udpCluster('one_9_udp', [a!])]));
  const old = await udpClient();
  t.after(() => closeAll([old]));
  assert.match((await request(old, 'who', port)).msg.toString(), /^A /);
  await rt.apply(plan([{ ...lst, cluster: 'two_9_udp' }], [udpCluster('two_9_udp', [b!])]));
  assert.match((await request(old, 'who', port)).msg.toString(), /^A /);
  const fresh = await udpClient();
  t.after(() => closeAll([fresh]));
  assert.match((await request(fresh, 'who', port)).msg.toString(), /^B /);
  assert.equal(sample(rt, `meshc_udp_sessions_active{listener="outbound_127.0.0.1_${port}_udp"}`), 2);
});

test('draining: new clients are dropped, live sessions go on until they idle out', async (t) => {
  const [a] = await backends(t, 'A');
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [a!], { connection: { ...CONN, idleTimeoutMs: 500 } })]));
  const lst = [...rt.listeners.values()][0] as UdpListener | NativeUdpListener;
  const live = await udpClient();
  const late = await udpClient();
  t.after(() => closeAll([live, late]));
  await request(live, 'x', port);
  await lst.stopAccepting();
  assert.equal((await request(live, 'still here', port)).msg.toString(), 'still here');
  late.send('hello', port, '127.0.0.1');
  await waitFor(() => lst.stats.dropDraining === 1, 5000, 'draining drop');
  const started = Date.now();
  await lst.drain(10_000);
  assert.ok(Date.now() - started < 9_000, 'drain ended when the session idled out, not at the timeout');
  assert.equal(lst.active, 0);
  assert.equal(lst.stats.closedIdle, 1);
});

test('a TCP and a UDP listener share one address and port (DNS-style service)', async (t) => {
  const [a] = await backends(t, 'A');
  const tcpBackend = await startEchoServer('T');
  t.after(() => tcpBackend.close());
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(
    plan(
      [listener('dns_53_tcp', port), listener('dns_53_udp', port, { transport: 'udp', protocol: 'udp' })],
      [cluster('dns_53_tcp', [tcpBackend]), udpCluster('dns_53_udp', [a!])],
    ),
  );
  assert.equal(rt.listeners.size, 2);
  const c = await udpClient();
  t.after(() => closeAll([c]));
  assert.match((await request(c, 'who', port)).msg.toString(), /^A /);
  assert.equal(await readGreeting(port), 'T');
});

test('IPv6: a listener on ::1 proxies to an IPv6 host and replies from [::1]:port', async (t) => {
  const a = await startUdpBackend('A6', '::1');
  t.after(() => a.close());
  const port = await freePort('::1');
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp', address: '::1' })], [udpCluster('svc_9_udp', [{ address: '::1', port: a.port }])]));
  const c = await udpClient('::1');
  t.after(() => closeAll([c]));
  const { msg, rinfo } = await request(c, 'who', port, '::1');
  assert.match(msg.toString(), /^A6 /);
  assert.equal(rinfo.address, '::1');
  assert.equal(rinfo.port, port);
});

test('a UDP address already in use fails the apply with E_BIND and leaves the old plan', async (t) => {
  const [a] = await backends(t, 'A');
  const busy = await udpClient();
  t.after(() => closeAll([busy]));
  const port = busy.address().port;
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  await assert.rejects(
    rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [a!])])),
    (err: { code?: string }) => err.code === 'E_BIND',
  );
  assert.equal(rt.plan, null);
  assert.equal(rt.listeners.size, 0);
});

test('ICMP errors feed outlier detection: the dead host is ejected and new sessions avoid it', async (t) => {
  const [live] = await backends(t, 'L');
  const dead = await freePort();
  const port = await freePort();
  const rt = newRuntime();
  t.after(() => rt.stop(0));
  const outlierDetection = { enabled: true, consecutiveFailures: 2, baseEjectionTimeMs: 60_000, maxEjectionPercent: 50 };
  await rt.apply(plan([listener('svc_9_udp', port, { transport: 'udp', protocol: 'udp' })], [udpCluster('svc_9_udp', [{ port: dead }, live!], { outlierDetection })]));
  const deadHost = rt.clusters.get('svc_9_udp')!.hosts[0]!;
  const clients = await Promise.all(Array.from({ length: 10 }, () => udpClient()));
  t.after(() => closeAll(clients));
  // every client retries until answered: sessions on the dead host end by ICMP, the retry opens a new one
  const answers = await Promise.all(clients.map((c) => request(c, 'who', port, '127.0.0.1', 10, 300)));
  for (const a of answers) assert.match(a.msg.toString(), /^L /);
  assert.equal(deadHost.ejected, true);
  assert.ok(deadHost.connectFailures >= 2);
  const before = deadHost.total;
  const more = await Promise.all(Array.from({ length: 4 }, () => udpClient()));
  t.after(() => closeAll(more));
  for (const c of more) assert.match((await request(c, 'who', port)).msg.toString(), /^L /);
  assert.equal(deadHost.total, before, 'no new session went to the ejected host');
});
