import { it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, metricValue, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { scrape, startBackends, startRuntime } from '../runtime/tcp-helpers.js';
import { startProxyBackend } from '../helpers/proxy-backend.js';
import { Runtime } from '../../runtime/runtime.js';
import { silentLogger } from '../../runtime/logger.js';
import { AccessLog } from '../../runtime/access-log/access-log.js';
import type { Listener } from '../../schemas/types/plan.gen.js';

// Inbound listener proxyProtocol (SPEC §9): a v1/v2 header is read and stripped before anything
// else; its source is the client address (access log, affinity); a missing, malformed, oversized,
// cut-short or slow header closes the connection, counted, and nothing reaches the application.
// Native listeners hand these sockets to the JS path; test/js-path/proxy-protocol-accept.test.ts
// runs the same tests with the pure-JS listener.

const C = 'app_8080_tcp';
const SIG = Buffer.from('0d0a0d0a000d0a515549540a', 'hex');

function inbound(port: number, timeoutMs = 5000, over: Partial<Listener> = {}): Listener {
  return listener(C, port, { name: `inbound_127.0.0.1_${port}_tcp`, direction: 'inbound', proxyProtocol: { timeoutMs }, ...over });
}

/** A v2 PROXY header: IPv4 or IPv6 by the source's form. */
function v2(src: string, sport: number, dst: string, dport: number, cmd = 0x21): Buffer {
  const v6 = src.includes(':');
  const b = Buffer.alloc(v6 ? 52 : 28);
  SIG.copy(b);
  b[12] = cmd;
  b[13] = v6 ? 0x21 : 0x11;
  b.writeUInt16BE(v6 ? 36 : 12, 14);
  if (v6) {
    b.set(ip6(src), 16);
    b.set(ip6(dst), 32);
    b.writeUInt16BE(sport, 48);
    b.writeUInt16BE(dport, 50);
  } else {
    b.set(src.split('.').map(Number), 16);
    b.set(dst.split('.').map(Number), 20);
    b.writeUInt16BE(sport, 24);
    b.writeUInt16BE(dport, 26);
  }
  return b;
}

/** 16 bytes of a (test-simple) IPv6 address with one `::`. */
function ip6(s: string): number[] {
  const [h, t] = s.split('::') as [string, string];
  const hs = h ? h.split(':') : [];
  const ts = t ? t.split(':') : [];
  const groups = [...hs, ...Array(8 - hs.length - ts.length).fill('0'), ...ts].map((g) => parseInt(g, 16));
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

interface Outcome {
  /** Everything the proxy sent back. */
  data: Buffer;
  /** How the connection ended: 'end' (FIN), 'reset' (ECONNRESET) or 'open' (still open when asked). */
  how: string;
}

/** Connect, send `pieces` one event-loop turn apart (then FIN if `end`), collect until closed. */
function talk(port: number, pieces: Buffer[], end: boolean, until?: (got: Buffer) => boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const got: Buffer[] = [];
    let how = 'end';
    s.on('connect', async () => {
      for (const p of pieces) {
        if (s.destroyed) return;
        s.write(p);
        await new Promise((r) => setTimeout(r, 5));
      }
      if (end) s.end();
    });
    s.on('data', (d: Buffer) => {
      got.push(d);
      if (until?.(Buffer.concat(got))) {
        s.destroy();
        resolve({ data: Buffer.concat(got), how: 'open' });
      }
    });
    s.on('error', (e: NodeJS.ErrnoException) => (how = e.code === 'ECONNRESET' ? 'reset' : String(e.code)));
    s.on('end', () => s.end());
    s.on('close', () => resolve({ data: Buffer.concat(got), how }));
  });
}

const errors = (rt: Runtime, port: number, reason: string): number | undefined =>
  metricValue(scrape(rt), `meshc_proxy_protocol_errors_total{listener="inbound_127.0.0.1_${port}_tcp",reason="${reason}"}`);
const headers = (rt: Runtime, port: number, v: string): number | undefined =>
  metricValue(scrape(rt), `meshc_proxy_protocol_headers_total{listener="inbound_127.0.0.1_${port}_tcp",version="${v}"}`);

it('valid v1 and v2 headers (IPv4 and IPv6 sources, whole or byte by byte) are stripped; the bytes after them reach the application exactly', async (t) => {
  const be = await startEchoServer(null);
  t.after(() => be.close());
  const port = await freePort();
  const rt = await startRuntime(t, plan([inbound(port)], [cluster(C, [{ port: be.port }])]));
  const payload = randomBytes(70_000);
  const cases: Buffer[] = [
    Buffer.from('PROXY TCP4 203.0.113.7 10.0.0.1 4242 8080\r\n'),
    Buffer.from('PROXY TCP6 2001:db8::7 2001:db8::1 4242 8080\r\n'),
    Buffer.from('PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n'),
    v2('203.0.113.7', 4242, '10.0.0.1', 8080),
    v2('2001:db8::7', 4242, '2001:db8::1', 8080),
    v2('0.0.0.0', 0, '0.0.0.0', 0, 0x20), // LOCAL (a load balancer's health check)
  ];
  for (const h of cases) {
    // whole, together with the first application bytes
    const whole = await talk(port, [Buffer.concat([h, payload])], true);
    assert.ok(whole.data.equals(payload), `echo after ${JSON.stringify(h.toString('latin1'))}`);
    // byte by byte: the header arrives in pieces
    const pieces = [...h].map((b) => Buffer.from([b]));
    const slow = await talk(port, [...pieces, Buffer.from('tail')], true);
    assert.equal(slow.data.toString(), 'tail');
  }
  assert.equal(be.connections, cases.length * 2);
  assert.equal(headers(rt, port, 'v1'), 6);
  assert.equal(headers(rt, port, 'v2'), 6);
  for (const r of ['not_proxy', 'invalid', 'too_large', 'timeout', 'truncated']) assert.equal(errors(rt, port, r), 0, r);
});

it('missing, malformed, oversized, truncated and slow headers: closed, counted, the application never sees a connection', async (t) => {
  const be = await startEchoServer('app');
  t.after(() => be.close());
  const port = await freePort();
  const rt = await startRuntime(t, plan([inbound(port, 300)], [cluster(C, [{ port: be.port }])]));
  const tooLong = v2('1.2.3.4', 1, '5.6.7.8', 2);
  tooLong.writeUInt16BE(5000, 14);
  const badVersion = v2('1.2.3.4', 1, '5.6.7.8', 2, 0x11);
  const cases: Array<[string, Buffer[], boolean]> = [
    ['not_proxy', [Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')], false],
    ['not_proxy', [Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05])], false], // a TLS ClientHello
    ['invalid', [Buffer.from('PROXY TCP4 203.0.113.999 10.0.0.1 4242 8080\r\nhello')], false],
    ['invalid', [Buffer.from('PROXY TCP4 203.0.113.7 10.0.0.1 04242 8080\r\n')], false],
    ['invalid', [Buffer.from('PROXY TCP6 203.0.113.7 10.0.0.1 4242 8080\r\n')], false],
    ['invalid', [Buffer.from('PROXY TCP4 203.0.113.7 10.0.0.1 4242 8080\n')], false],
    ['invalid', [badVersion], false],
    ['too_large', [Buffer.from('PROXY TCP4 ' + '1'.repeat(120))], false],
    ['too_large', [tooLong, Buffer.alloc(5000)], false],
    ['truncated', [v2('1.2.3.4', 1, '5.6.7.8', 2).subarray(0, 20)], true],
    ['truncated', [Buffer.from('PROXY TCP4 1.2.')], true],
    ['timeout', [Buffer.from('PROXY TCP4 203.0.113.7 ')], false],
    ['timeout', [], false],
  ];
  const want = new Map<string, number>();
  for (const [reason, pieces, end] of cases) {
    const r = await talk(port, pieces, end);
    assert.equal(r.data.length, 0, `${reason}: nothing comes back (no greeting from the application)`);
    assert.notEqual(r.how, 'open');
    want.set(reason, (want.get(reason) ?? 0) + 1);
    assert.equal(errors(rt, port, reason), want.get(reason), `${reason} counted for ${JSON.stringify(Buffer.concat(pieces).subarray(0, 40).toString('latin1'))}`);
  }
  // a connection closed before sending any byte (a TCP health check) is no error
  await talk(port, [], true);
  assert.equal(be.connections, 0, 'the application saw no connection');
  let total = 0;
  for (const n of want.values()) total += n;
  const text = scrape(rt);
  let counted = 0;
  for (const l of text.split('\n')) if (l.startsWith('meshc_proxy_protocol_errors_total{')) counted += Number(l.split(' ')[1]);
  assert.equal(counted, total);
  // the listener still serves well-formed clients afterwards
  const ok = await talk(port, [Buffer.from('PROXY TCP4 203.0.113.7 10.0.0.1 4242 8080\r\n')], false, (g) => g.toString().includes('\n'));
  assert.equal(ok.data.toString(), 'app\n');
});

async function withAccessLog(t: TestContext): Promise<{ file: string; log: AccessLog }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-pp-'));
  const file = path.join(dir, 'access.log');
  const log = new AccessLog({ target: file, flushIntervalMs: 0, logger: silentLogger() });
  log.open();
  t.after(async () => {
    await log.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { file, log };
}

it('the access log shows the address the header carried', async (t) => {
  const be = await startEchoServer(null);
  t.after(() => be.close());
  const port = await freePort();
  const { file, log } = await withAccessLog(t);
  const rt = new Runtime({ logger: silentLogger(), drainTimeoutMs: 1000, accessLog: log });
  t.after(() => rt.stop(0));
  await rt.apply(plan([inbound(port, 300)], [cluster(C, [{ port: be.port }])]));
  await talk(port, [Buffer.from('PROXY TCP4 203.0.113.7 10.0.0.1 4242 8080\r\nabc')], true);
  await talk(port, [v2('2001:db8::7', 443, '2001:db8::1', 8080), Buffer.from('abcd')], true);
  await talk(port, [Buffer.from('garbage')], false);
  const lines = await waitFor(
    async () => {
      const l = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((x) => JSON.parse(x) as Record<string, unknown>);
      return l.length >= 3 ? l : null;
    },
    10_000,
    'three access-log lines',
  );
  const v4 = lines.find((l) => l.bytesReceived === 3)!;
  assert.equal(v4.downstream, '203.0.113.7:4242');
  assert.equal(v4.cluster, C);
  const v6 = lines.find((l) => l.bytesReceived === 4)!;
  assert.equal(v6.downstream, '[2001:db8::7]:443');
  // the refused one: the socket's own address, no cluster, no upstream
  const bad = lines.find((l) => l.cluster === null)!;
  assert.match(String(bad.downstream), /^127\.0\.0\.1:\d+$/);
  assert.equal(bad.upstream, null);
  assert.equal(bad.termination, 'reset');
});

it('source-ip affinity follows the carried address, not the load balancer socket', async (t) => {
  const [a, b] = await startBackends(t, ['a', 'b']);
  const port = await freePort();
  const rt = await startRuntime(t, plan([inbound(port)], [cluster(C, [{ port: a!.port }, { port: b!.port }], { affinity: { type: 'source-ip', ttlMs: 60_000 } })]));
  const greet = async (ip: string): Promise<string> =>
    (await talk(port, [Buffer.from(`PROXY TCP4 ${ip} 10.0.0.1 4242 8080\r\n`)], false, (g) => g.toString().includes('\n'))).data.toString().trim();
  const first = await greet('198.51.100.1');
  const second = await greet('198.51.100.2');
  // every connection comes from 127.0.0.1: only the carried address can tell them apart
  assert.notEqual(first, second);
  for (let i = 0; i < 3; i++) {
    assert.equal(await greet('198.51.100.1'), first);
    assert.equal(await greet('198.51.100.2'), second);
  }
  const aff = rt.clusters.get(C)!.affinity!;
  assert.ok(aff.lookup('198.51.100.1', Date.now()));
  assert.ok(aff.lookup('198.51.100.2', Date.now()));
  assert.equal(aff.lookup('127.0.0.1', Date.now()), undefined);
});

it('accept then send: the endpoint gets a header with the carried source and this listener as destination', async (t) => {
  const be = await startProxyBackend(t);
  const port = await freePort();
  await startRuntime(t, plan([inbound(port)], [cluster(C, [{ port: be.port }], { proxyProtocol: 'v2' })]));
  const r = await talk(port, [Buffer.from('PROXY TCP4 203.0.113.7 10.0.0.1 4242 8080\r\nxyz')], true);
  assert.equal(r.data.toString(), 'xyz');
  assert.deepEqual(be.conns[0]!.header, { version: 2, family: 'TCP4', srcIp: '203.0.113.7', srcPort: 4242, dstIp: '127.0.0.1', dstPort: port });
  assert.equal(Buffer.concat(be.conns[0]!.payload).toString(), 'xyz');
});

it('protocol detection runs on the bytes after the header (the header is not mistaken for the protocol)', async (t) => {
  const be = await startEchoServer(null);
  t.after(() => be.close());
  const port = await freePort();
  const rt = await startRuntime(t, plan([inbound(port, 5000, { protocol: 'auto', detectionTimeoutMs: 2000 })], [cluster(C, [{ port: be.port }])]));
  const req = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
  const r = await talk(port, [v2('203.0.113.7', 4242, '10.0.0.1', 8080), Buffer.from(req)], true);
  assert.equal(r.data.toString(), req);
  assert.equal(metricValue(scrape(rt), `meshc_protocol_detected_total{listener="inbound_127.0.0.1_${port}_tcp",protocol="http"}`), 1);
});
