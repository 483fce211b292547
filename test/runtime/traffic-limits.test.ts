import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, metricValue, readGreeting } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { hold, scrape, startBackends } from './tcp-helpers.js';
import { closeAll, request, startUdpBackend, udpClient } from './udp-util.js';
import { Runtime } from '../../runtime/runtime.js';
import { silentLogger } from '../../runtime/logger.js';
import { AccessLog } from '../../runtime/access-log/access-log.js';
import type { Plan } from '../../schemas/types/plan.gen.js';

// SPEC 9 listener limits on real sockets: maxConnectionDuration, maxConnectionRate, the
// listener's idle timeout override, and a UDP split. test/js-path/traffic-limits.test.ts runs the
// same file on the pure-JS data path.

interface Logged {
  rt: Runtime;
  /** Parsed access-log lines written so far. */
  lines(): Promise<Array<Record<string, unknown>>>;
}

/** A runtime with `--access-log` to a temporary file, stopped (and the file removed) when the test ends. */
async function startLogged(t: TestContext, p: Plan): Promise<Logged> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meshc-traffic-'));
  const file = path.join(dir, 'access.log');
  const log = new AccessLog({ target: file, flushIntervalMs: 0, logger: silentLogger() });
  log.open();
  const rt = new Runtime({ logger: silentLogger(), drainTimeoutMs: 1000, accessLog: log });
  t.after(async () => {
    await rt.stop(0);
    await log.close();
    await rm(dir, { recursive: true, force: true });
  });
  await rt.apply(p);
  const lines = async (): Promise<Array<Record<string, unknown>>> => {
    const text = await readFile(file, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  return { rt, lines };
}

/** Resolves when `s` is closed by the other side (end or reset). */
function closed(s: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (s.destroyed) resolve();
    s.once('close', () => resolve());
    s.resume();
  });
}

describe('maxConnectionDuration', () => {
  it('closes a TCP connection on both sides once it is reached (flag DT, termination max_duration)', async (t) => {
    const [b] = await startBackends(t, ['b']);
    const port = await freePort();
    const l = listener('b_1_tcp', port, { maxConnectionDuration: { ms: 300, jitterPercent: 50 } });
    const { rt, lines } = await startLogged(t, plan([l], [cluster('b_1_tcp', [{ port: b!.port }])]));
    const h = await hold(t, port);
    assert.equal(h.greeting, 'b');
    await waitFor(() => b!.sockets.size === 1, 5000, 'the backend side');
    // the client sees its connection closed, and so does the backend: no byte is needed for it
    await closed(h.socket);
    await waitFor(() => b!.sockets.size === 0, 10_000, 'the backend side to close');
    const name = l.name;
    await waitFor(() => metricValue(scrape(rt), `meshc_listener_connections_max_duration_total{listener="${name}"}`) === 1, 5000, 'the max-duration counter');
    const [line] = await waitFor(async () => {
      const ls = await lines();
      return ls.length === 1 ? ls : null;
    }, 5000, 'the access-log line');
    assert.equal(line!.flags, 'DT');
    assert.equal(line!.termination, 'max_duration');
    assert.equal(line!.cluster, 'b_1_tcp');
  });

  it('ends a UDP session once it is reached, however busy the session is', async (t) => {
    const b = await startUdpBackend('u');
    t.after(() => b.close());
    const port = await freePort();
    const l = listener('u_1_udp', port, { transport: 'udp', maxConnectionDuration: { ms: 300, jitterPercent: 0 } });
    const c = cluster('u_1_udp', [{ port: b.port }], { transport: 'udp', protocol: 'udp' });
    const { rt } = await startLogged(t, plan([l], [c]));
    const client = await udpClient();
    t.after(() => closeAll([client]));
    const first = (await request(client, 'who', port)).msg.toString();
    // keep the session busy: the idle timeout (1 h) never ends it, only the max duration does
    const timer = setInterval(() => client.send('ping', port, '127.0.0.1'), 20);
    t.after(() => clearInterval(timer));
    await waitFor(() => metricValue(scrape(rt), `meshc_listener_connections_max_duration_total{listener="${l.name}"}`)! >= 1, 10_000, 'the session to end by max duration');
    clearInterval(timer);
    // the next datagram opens a new session: a new upstream source port at the backend
    await waitFor(async () => (await request(client, 'who', port)).msg.toString() !== first, 10_000, 'a new session');
    assert.ok(b.sources.size >= 2);
    assert.equal(metricValue(scrape(rt), `meshc_udp_sessions_closed_total{listener="${l.name}",reason="max_duration"}`)! >= 1, true);
  });
});

describe('maxConnectionRate', () => {
  it('closes excess TCP connections at once, before any of them reaches the backend (flag RL)', async (t) => {
    const [b] = await startBackends(t, ['b']);
    const port = await freePort();
    const l = listener('b_1_tcp', port, { maxConnectionRate: 5 });
    const { rt, lines } = await startLogged(t, plan([l], [cluster('b_1_tcp', [{ port: b!.port }])]));
    const burst = 60;
    const results = await Promise.allSettled(Array.from({ length: burst }, () => readGreeting(port)));
    const accepted = results.filter((r) => r.status === 'fulfilled').length;
    const refused = burst - accepted;
    assert.ok(accepted >= 1, 'the bucket starts full');
    assert.ok(refused > 0, `a burst of ${burst} against 5/s refuses some (accepted ${accepted})`);
    // refused connections never reached the backend
    await waitFor(() => b!.connections === accepted, 5000, 'backend connection count');
    const m = scrape(rt);
    assert.equal(metricValue(m, `meshc_listener_connections_rate_limited_total{listener="${l.name}"}`), refused);
    assert.equal(metricValue(m, `meshc_listener_connections_total{listener="${l.name}"}`), burst);
    const ls = await waitFor(async () => {
      const x = await lines();
      return x.length === burst ? x : null;
    }, 10_000, 'one access-log line per connection');
    const rl = ls.filter((x) => x.flags === 'RL');
    assert.equal(rl.length, refused);
    for (const x of rl) assert.equal(x.upstream, null);
  });

  it('drops the first datagram of new UDP sessions beyond the rate; admitted sessions flow', async (t) => {
    const b = await startUdpBackend('u');
    t.after(() => b.close());
    const port = await freePort();
    const l = listener('u_1_udp', port, { transport: 'udp', maxConnectionRate: 3 });
    const c = cluster('u_1_udp', [{ port: b.port }], { transport: 'udp', protocol: 'udp' });
    const { rt } = await startLogged(t, plan([l], [c]));
    const clients = await Promise.all(Array.from({ length: 30 }, () => udpClient()));
    t.after(() => closeAll(clients));
    for (const s of clients) s.send('hello', port, '127.0.0.1');
    const name = l.name;
    await waitFor(() => (metricValue(scrape(rt), `meshc_udp_sessions_total{listener="${name}"}`) ?? 0) + (metricValue(scrape(rt), `meshc_listener_connections_rate_limited_total{listener="${name}"}`) ?? 0) === 30, 10_000, 'every first datagram decided');
    const sessions = metricValue(scrape(rt), `meshc_udp_sessions_total{listener="${name}"}`)!;
    assert.ok(sessions >= 1 && sessions < 30, `sessions ${sessions}`);
    // only admitted sessions reached the backend
    await waitFor(() => b.sources.size === sessions, 5000, 'backend sources');
  });
});

describe('Listener.idleTimeoutMs', () => {
  it("overrides the cluster's idle timeout for the listener's connections", async (t) => {
    const [b] = await startBackends(t, ['b']);
    const port = await freePort();
    // the cluster would keep an idle connection for an hour; the listener says 200 ms
    const l = listener('b_1_tcp', port, { idleTimeoutMs: 200 });
    const { rt } = await startLogged(t, plan([l], [cluster('b_1_tcp', [{ port: b!.port }])]));
    const h = await hold(t, port);
    await closed(h.socket);
    await waitFor(() => metricValue(scrape(rt), `meshc_listener_idle_timeouts_total{listener="${l.name}"}`) === 1, 5000, 'the idle-timeout counter');
  });
});

describe('split listener settings', () => {
  it("a split's own idle timeout applies to every target; the access log names the target", async (t) => {
    const [a, b] = await startBackends(t, ['a', 'b']);
    const port = await freePort();
    const { cluster: _, ...base } = listener('x', port);
    const l = { ...base, idleTimeoutMs: 200, weightedClusters: [{ cluster: 'a_1_tcp', weight: 1 }, { cluster: 'b_1_tcp', weight: 1 }] };
    const { rt, lines } = await startLogged(t, plan([l], [cluster('a_1_tcp', [{ port: a!.port }]), cluster('b_1_tcp', [{ port: b!.port }])]));
    const held = [await hold(t, port), await hold(t, port)];
    assert.deepEqual(held.map((h) => h.greeting).sort(), ['a', 'b']);
    await Promise.all(held.map((h) => closed(h.socket)));
    await waitFor(() => metricValue(scrape(rt), `meshc_listener_idle_timeouts_total{listener="${l.name}"}`) === 2, 5000, 'two idle timeouts');
    const ls = await waitFor(async () => {
      const x = await lines();
      return x.length === 2 ? x : null;
    }, 5000, 'two access-log lines');
    assert.deepEqual(ls.map((x) => x.cluster).sort(), ['a_1_tcp', 'b_1_tcp']);
    for (const x of ls) assert.equal(x.termination, 'idle_timeout');
    // and each target's bytes count on that target ("a\n", "b\n")
    await waitFor(() => metricValue(scrape(rt), 'meshc_upstream_bytes_total{cluster="b_1_tcp",direction="downstream"}') === 2, 5000, 'b bytes');
  });
});

describe('UDP split', () => {
  it('spreads new sessions over the targets by weight', async (t) => {
    const a = await startUdpBackend('a');
    const b = await startUdpBackend('b');
    t.after(() => Promise.all([a.close(), b.close()]));
    const port = await freePort();
    const { cluster: _, ...base } = listener('x', port, { transport: 'udp' });
    const l = { ...base, weightedClusters: [{ cluster: 'a_1_udp', weight: 3 }, { cluster: 'b_1_udp', weight: 1 }] };
    const ca = cluster('a_1_udp', [{ port: a.port }], { transport: 'udp', protocol: 'udp' });
    const cb = cluster('b_1_udp', [{ port: b.port }], { transport: 'udp', protocol: 'udp' });
    const { rt, lines } = await startLogged(t, plan([l], [ca, cb]));
    const n = 400;
    const counts = new Map<string, number>();
    // every client stays open to the end: a closed one's port could come back as a "new" client
    // and land in the old one's live session
    const all: Awaited<ReturnType<typeof udpClient>>[] = [];
    t.after(() => closeAll(all));
    for (let i = 0; i < n; i += 40) {
      const batch = await Promise.all(Array.from({ length: 40 }, () => udpClient()));
      all.push(...batch);
      const replies = await Promise.all(batch.map((s) => request(s, 'who', port)));
      for (const r of replies) {
        const who = r.msg.toString().split(' ')[0]!;
        counts.set(who, (counts.get(who) ?? 0) + 1);
      }
    }
    const sigma = Math.sqrt(n * 0.75 * 0.25);
    assert.ok(Math.abs((counts.get('a') ?? 0) - n * 0.75) <= 5 * sigma, `a got ${counts.get('a')} of ${n}`);
    assert.equal((counts.get('a') ?? 0) + (counts.get('b') ?? 0), n);
    const m = scrape(rt);
    assert.equal(metricValue(m, `meshc_endpoint_connections_total{cluster="b_1_udp",endpoint="127.0.0.1:${b.port}"}`), counts.get('b'));
    // bytes count on the session's target (the native path's per-session counter slot); a resent "who" only adds
    for (const [name, who] of [['a_1_udp', 'a'], ['b_1_udp', 'b']] as const) {
      assert.ok(metricValue(m, `meshc_upstream_bytes_total{cluster="${name}",direction="upstream"}`)! >= 3 * counts.get(who)!, `${name} bytes`);
    }
    // the access log names the target cluster (a session's line is written when it ends: stop them all)
    await rt.stop(0);
    const ls = await waitFor(async () => {
      const x = await lines();
      return x.length === n ? x : null;
    }, 10_000, 'one access-log line per session');
    assert.equal(ls.filter((x) => x.cluster === 'b_1_udp').length, counts.get('b'));
  });
});
