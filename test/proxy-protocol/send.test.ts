import { it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, metricValue } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { scrape, startRuntime } from '../runtime/tcp-helpers.js';
import { expand6, hasIpv6Loopback, startProxyBackend } from '../helpers/proxy-backend.js';

// Cluster.proxyProtocol (SPEC §9): the endpoint gets a v1/v2 header with the client's address and
// port as source and the listener's as destination, then exactly the client's bytes. Runs on the
// native data path when the addon is built; test/js-path/proxy-protocol-send.test.ts runs it on JS.

const C = 'db_5432_tcp';

/** Connect, send `payload`, FIN, collect everything until the proxy's FIN. */
function roundTrip(port: number, host: string, payload: Buffer): Promise<{ localPort: number; echoed: Buffer }> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host });
    const got: Buffer[] = [];
    let localPort = 0;
    s.on('connect', () => {
      localPort = s.localPort!;
      // in pieces, so the header cannot ride on the first client write by luck
      s.write(payload.subarray(0, 7));
      setImmediate(() => s.end(payload.subarray(7)));
    });
    s.on('data', (d: Buffer) => got.push(d));
    s.on('end', () => resolve({ localPort, echoed: Buffer.concat(got) }));
    s.on('error', reject);
  });
}

for (const version of ['v1', 'v2'] as const) {
  it(`${version}: IPv4 client -> header with its address and port, the listener's, then the bytes exactly`, async (t) => {
    const be = await startProxyBackend(t);
    const port = await freePort();
    const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, [{ port: be.port }], { proxyProtocol: version })]));
    for (const size of [10, 300_000]) {
      const payload = randomBytes(size);
      const { localPort, echoed } = await roundTrip(port, '127.0.0.1', payload);
      assert.ok(echoed.equals(payload), `echo of ${size} bytes is byte-exact`);
      const c = be.conns.at(-1)!;
      assert.equal(c.error, null);
      assert.deepEqual(c.header, { version: version === 'v1' ? 1 : 2, family: 'TCP4', srcIp: '127.0.0.1', srcPort: localPort, dstIp: '127.0.0.1', dstPort: port });
      assert.ok(Buffer.concat(c.payload).equals(payload), 'the endpoint got exactly the client bytes after the header');
    }
    assert.equal(be.conns.length, 2);
    // the header is not the client's: the byte counters see exactly the payloads
    const up = `meshc_upstream_bytes_total{cluster="${C}",direction="upstream"}`;
    await waitFor(() => metricValue(scrape(rt), up) === 300_010, 10_000, `${up} = 300010 (got ${metricValue(scrape(rt), up)})`);
  });

  it(`${version}: IPv6 client on ::1, and an IPv4 client on a dual-stack :: listener`, async (t) => {
    if (!(await hasIpv6Loopback())) return t.skip('no ::1 on this host');
    const be = await startProxyBackend(t);
    const p6 = await freePort('::1');
    const pAny = await freePort('::1');
    const C2 = 'db2_5432_tcp';
    await startRuntime(
      t,
      plan(
        [listener(C, p6, { address: '::1', name: `outbound_::1_${p6}_tcp` }), listener(C2, pAny, { address: '::', name: `outbound_::_${pAny}_tcp` })],
        [cluster(C, [{ port: be.port }], { proxyProtocol: version }), cluster(C2, [{ port: be.port }], { proxyProtocol: version })],
      ),
    );
    const payload = randomBytes(5000);
    const r6 = await roundTrip(p6, '::1', payload);
    assert.ok(r6.echoed.equals(payload));
    assert.deepEqual(be.conns.at(-1)!.header, { version: version === 'v1' ? 1 : 2, family: 'TCP6', srcIp: expand6('::1'), srcPort: r6.localPort, dstIp: expand6('::1'), dstPort: p6 });
    // the wildcard listener: the destination is the address the client reached (IPv4, unwrapped)
    const r4 = await roundTrip(pAny, '127.0.0.1', payload);
    assert.ok(r4.echoed.equals(payload));
    assert.deepEqual(be.conns.at(-1)!.header, { version: version === 'v1' ? 1 : 2, family: 'TCP4', srcIp: '127.0.0.1', srcPort: r4.localPort, dstIp: '127.0.0.1', dstPort: pAny });
    for (const c of be.conns) assert.equal(c.error, null);
  });

  it(`${version}: a server-first endpoint gets the header before the client sends anything`, async (t) => {
    const be = await startProxyBackend(t, '127.0.0.1', 'HELLO\n');
    const port = await freePort();
    await startRuntime(t, plan([listener(C, port)], [cluster(C, [{ port: be.port }], { proxyProtocol: version })]));
    const s = net.connect({ port, host: '127.0.0.1' });
    t.after(() => s.destroy());
    s.on('error', () => {});
    const banner = await new Promise<string>((resolve) => {
      let b = '';
      s.on('data', (d: Buffer) => {
        b += d.toString();
        if (b.includes('\n')) resolve(b);
      });
    });
    assert.equal(banner, 'HELLO\n');
    const c = await waitFor(() => be.conns[0]?.header, 10_000, 'the header at the endpoint');
    assert.deepEqual(c, { version: version === 'v1' ? 1 : 2, family: 'TCP4', srcIp: '127.0.0.1', srcPort: s.localPort, dstIp: '127.0.0.1', dstPort: port });
    assert.equal(be.conns[0]!.payload.length, 0, 'the client has sent nothing');
    // then the client speaks, and its bytes follow the header untouched
    s.write('ping');
    await waitFor(() => Buffer.concat(be.conns[0]!.payload).toString() === 'ping', 10_000, 'ping after the header');
  });
}

it('a connect retry sends the header again to the next endpoint', async (t) => {
  const be = await startProxyBackend(t);
  const dead = await freePort();
  const port = await freePort();
  await startRuntime(
    t,
    plan([listener(C, port)], [cluster(C, [{ port: dead }, { port: be.port }], { proxyProtocol: 'v2', connection: { connectTimeoutMs: 5000, idleTimeoutMs: 3_600_000, maxConnections: 1024, connectAttempts: 2 } })]),
  );
  const payload = randomBytes(1000);
  for (let i = 0; i < 2; i++) {
    const { localPort, echoed } = await roundTrip(port, '127.0.0.1', payload);
    assert.ok(echoed.equals(payload));
    assert.equal(be.conns.at(-1)!.header?.srcPort, localPort);
  }
});

it('with protocol detection: the header, then the sniffed first bytes, then the rest, byte-exact', async (t) => {
  const be = await startProxyBackend(t);
  const port = await freePort();
  await startRuntime(t, plan([listener(C, port, { protocol: 'auto', detectionTimeoutMs: 2000 })], [cluster(C, [{ port: be.port }], { proxyProtocol: 'v1' })]));
  const payload = Buffer.concat([Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), randomBytes(50_000)]);
  const { localPort, echoed } = await roundTrip(port, '127.0.0.1', payload);
  assert.ok(echoed.equals(payload));
  assert.deepEqual(be.conns[0]!.header, { version: 1, family: 'TCP4', srcIp: '127.0.0.1', srcPort: localPort, dstIp: '127.0.0.1', dstPort: port });
  assert.ok(Buffer.concat(be.conns[0]!.payload).equals(payload));
});
