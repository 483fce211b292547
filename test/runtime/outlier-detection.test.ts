import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import dgram from 'node:dgram';
import { pino } from 'pino';
import { Cluster } from '../../runtime/cluster/cluster.js';
import type { Host } from '../../runtime/cluster/host.js';
import { PromWriter } from '../../runtime/metrics.js';
import { silentLogger, type Logger } from '../../runtime/logger.js';
import { MAX_EJECTION_MS } from '../../runtime/outlier/outlier-detector.js';
import { Runtime } from '../../runtime/runtime.js';
import { cluster as clusterCfg, listener, plan } from '../helpers/plan.js';
import { freePort, metricValue, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import type { OutlierDetection } from '../../schemas/types/plan.gen.js';

function withOutlier(name: string, ports: number[], od: Partial<OutlierDetection>, logger: Logger = silentLogger()): Cluster {
  const c = new Cluster(
    clusterCfg(name, ports.map((port) => ({ port })), {
      outlierDetection: { enabled: true, consecutiveFailures: 3, baseEjectionTimeMs: 300, maxEjectionPercent: 50, ...od },
    }),
    logger,
  );
  c.start();
  return c;
}

function metrics(c: Cluster): string {
  const w = new PromWriter();
  c.collect(w);
  return w.render();
}

/** Connect to the picked host for real and report the outcome, as the TCP proxy does. */
function connectVia(c: Cluster): Promise<Host> {
  const h = c.pick('127.0.0.9')!;
  return new Promise((resolve) => {
    const s = net.connect({ host: h.address, port: h.port });
    s.on('connect', () => {
      c.reportSuccess(h);
      s.destroy();
      resolve(h);
    });
    s.on('error', () => {
      c.reportFailure(h);
      resolve(h);
    });
  });
}

test('consecutive real connect failures eject the dead host; it returns after the ejection time', async (t) => {
  const a = await startEchoServer(null);
  const b = await startEchoServer(null);
  const dead = await freePort();
  t.after(async () => {
    await a.close();
    await b.close();
  });
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void logs.push(JSON.parse(s)) });
  const c = withOutlier('orders_1_tcp', [a.port, b.port, dead], { maxEjectionPercent: 34 }, logger);
  t.after(() => c.stop());
  const hd = c.host(`127.0.0.1:${dead}`)!;
  // round-robin: every third connection hits the dead port; the third such failure ejects it
  for (let i = 0; i < 9; i++) await connectVia(c);
  assert.equal(hd.ejected, true);
  const ejectedAt = Date.now();
  assert.equal(hd.ejections, 1);
  assert.equal(hd.connectFailures, 3);
  for (let i = 0; i < 10; i++) assert.notEqual((await connectVia(c)).port, dead, 'no traffic to the ejected host');
  const m = metrics(c);
  assert.equal(metricValue(m, 'meshc_outlier_ejections_total{cluster="orders_1_tcp"}'), 1);
  assert.equal(metricValue(m, `meshc_endpoint_ejections_total{cluster="orders_1_tcp",endpoint="127.0.0.1:${dead}"}`), 1);
  assert.equal(metricValue(m, `meshc_endpoint_healthy{cluster="orders_1_tcp",endpoint="127.0.0.1:${dead}"}`), 0);
  const ep = JSON.parse(JSON.stringify(c)).endpoints.find((e: { port: number }) => e.port === dead);
  assert.equal(ep.ejected, true);
  assert.equal(ep.ejections, 1);
  assert.ok(logs.some((l) => l.msg === 'endpoint ejected (outlier detection)' && l.level === 40 && l.endpoint === `127.0.0.1:${dead}`));

  await waitFor(() => !hd.ejected, 5000, 'timed return');
  assert.ok(Date.now() - ejectedAt >= 300 - 20, 'not before the base ejection time');
  assert.ok(logs.some((l) => l.msg === 'endpoint returned from ejection'));
  assert.ok(c.hosts.every((h) => h.available));
});

test('the ejection time grows with repeated ejections and is capped', () => {
  const c = withOutlier('grow_1_tcp', [1, 2], { baseEjectionTimeMs: 200_000, consecutiveFailures: 1, maxEjectionPercent: 100 });
  try {
    const h = c.hosts[0]!;
    let t0 = Date.now();
    c.reportFailure(h);
    assert.ok(Math.abs(h.ejectedUntil - t0 - 200_000) < 1000, 'first: base');
    // simulate the timer firing right away, then a new failure: level 2, but capped at 300 s
    (c.outlier as unknown as { uneject(h: Host, why: string): void }).uneject(h, 'test');
    t0 = Date.now();
    c.reportFailure(h);
    assert.ok(Math.abs(h.ejectedUntil - t0 - MAX_EJECTION_MS) < 1000, 'second: 2 × base capped at 300 s');
    assert.equal(h.ejections, 2);
  } finally {
    c.stop();
  }
});

test('repeated ejections multiply the base time', () => {
  const c = withOutlier('mult_1_tcp', [1, 2], { baseEjectionTimeMs: 10_000, consecutiveFailures: 2, maxEjectionPercent: 100 });
  try {
    const h = c.hosts[0]!;
    const uneject = (c.outlier as unknown as { uneject(h: Host, why: string): void }).uneject.bind(c.outlier);
    for (const level of [1, 2, 3]) {
      const t0 = Date.now();
      c.reportFailure(h);
      assert.equal(h.ejected, false, 'one failure is not enough');
      c.reportFailure(h);
      assert.equal(h.ejected, true);
      assert.ok(Math.abs(h.ejectedUntil - t0 - 10_000 * level) < 1000, `level ${level}`);
      uneject(h, 'test');
    }
  } finally {
    c.stop();
  }
});

test('a success resets the failure streak', () => {
  const c = withOutlier('reset_1_tcp', [1, 2], {});
  try {
    const h = c.hosts[0]!;
    c.reportFailure(h);
    c.reportFailure(h);
    c.reportSuccess(h);
    c.reportFailure(h);
    c.reportFailure(h);
    assert.equal(h.ejected, false);
    c.reportFailure(h);
    assert.equal(h.ejected, true);
  } finally {
    c.stop();
  }
});

test('maxEjectionPercent bounds ejections, but one host may always be ejected', () => {
  const failAll = (c: Cluster): void => {
    for (const h of c.hosts) for (let i = 0; i < 3; i++) c.reportFailure(h);
  };
  const ejected = (c: Cluster): number => c.hosts.filter((h) => h.ejected).length;
  const c50 = withOutlier('p50_1_tcp', [1, 2, 3, 4], { maxEjectionPercent: 50 });
  const c10 = withOutlier('p10_1_tcp', [1, 2, 3, 4], { maxEjectionPercent: 10 });
  const c100 = withOutlier('p100_1_tcp', [1, 2, 3, 4], { maxEjectionPercent: 100 });
  try {
    failAll(c50);
    failAll(c10);
    failAll(c100);
    assert.equal(ejected(c50), 2, '50% of 4');
    assert.equal(ejected(c10), 1, '10% of 4 rounds to 0, yet one may be ejected');
    assert.equal(ejected(c100), 4);
    assert.equal(c100.panic, true, 'all ejected: panic mode spreads over all');
    assert.equal(metricValue(metrics(c50), 'meshc_outlier_ejections_overflow_total{cluster="p50_1_tcp"}'), 2);
    assert.equal(metricValue(metrics(c50), 'meshc_outlier_ejections_active{cluster="p50_1_tcp"}'), 2);
  } finally {
    [c50, c10, c100].forEach((c) => c.stop());
  }
});

test('disabled detection never ejects; disabling it on reload returns ejected hosts', () => {
  const off = withOutlier('off_1_tcp', [1, 2], { enabled: false });
  const on = withOutlier('on_1_tcp', [1, 2], {});
  try {
    for (let i = 0; i < 10; i++) off.reportFailure(off.hosts[0]!);
    assert.equal(off.hosts[0]!.ejected, false);
    for (let i = 0; i < 3; i++) on.reportFailure(on.hosts[0]!);
    assert.equal(on.hosts[0]!.ejected, true);
    on.update({ ...on.config, outlierDetection: { ...on.config.outlierDetection, enabled: false } });
    assert.equal(on.hosts[0]!.ejected, false);
    assert.equal(on.hosts[0]!.available, true);
  } finally {
    off.stop();
    on.stop();
  }
});

test('through a UDP listener: ICMP port-unreachable from a dead endpoint ejects it', async (t) => {
  const echo = dgram.createSocket('udp4');
  echo.on('message', (m, r) => echo.send(m, r.port, r.address));
  await new Promise<void>((r) => echo.bind(0, '127.0.0.1', () => r()));
  const echoPort = echo.address().port;
  const dead = await freePort();
  const lport = await freePort();
  const rt = new Runtime({ logger: silentLogger() });
  const clients: dgram.Socket[] = [];
  t.after(async () => {
    for (const s of clients) s.close();
    await rt.stop(100);
    echo.close();
  });
  const cfg = clusterCfg('dns_53_udp', [{ port: echoPort }, { port: dead }], {
    protocol: 'udp',
    transport: 'udp',
    outlierDetection: { enabled: true, consecutiveFailures: 1, baseEjectionTimeMs: 60_000, maxEjectionPercent: 50 },
  });
  await rt.apply(plan([listener('dns_53_udp', lport, { transport: 'udp' })], [{ ...cfg, connection: { ...cfg.connection, idleTimeoutMs: 60_000 } }]));
  const c = rt.clusters.get('dns_53_udp')!;
  const hd = c.host(`127.0.0.1:${dead}`)!;
  // each client socket is a new session; keep sending until one lands on the dead endpoint
  await waitFor(
    async () => {
      const s = dgram.createSocket('udp4');
      clients.push(s);
      await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
      s.send('q', lport, '127.0.0.1');
      return hd.ejected;
    },
    5000,
    'dead endpoint ejected',
    50,
  );
  assert.equal(hd.ejections, 1);
  // from now on every new session reaches the echo endpoint
  for (let i = 0; i < 4; i++) {
    const s = dgram.createSocket('udp4');
    clients.push(s);
    const reply = new Promise<string>((r) => s.once('message', (m) => r(m.toString())));
    s.send(`hi${i}`, lport, '127.0.0.1');
    assert.equal(await reply, `hi${i}`);
  }
});
