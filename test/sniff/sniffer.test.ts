import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import http2 from 'node:http2';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { captureClientHello, connect, readAll, splitRecords, startSniffServer } from './sniff-helpers.js';
import { H2_PREFACE } from '../../runtime/sniff/http-detect.js';

/** Long enough that a verdict reached "immediately" can never be the timeout's. */
const LONG = 10_000;

test('TLS ClientHello from a real node:tls client: tls with the lower-cased SNI', async (t) => {
  const srv = await startSniffServer(LONG);
  t.after(() => srv.close());
  const { default: tls } = await import('node:tls');
  const c = tls.connect({ host: '127.0.0.1', port: srv.port, servername: 'API.Example.COM', rejectUnauthorized: false });
  c.on('error', () => {});
  t.after(() => c.destroy());
  const { r } = await srv.next();
  assert.equal(r.protocol, 'tls');
  assert.equal(r.sni, 'api.example.com');
  assert.equal(r.timedOut, undefined);
  assert.equal(r.head[0], 0x16);
});

test('ClientHello written byte by byte in lock-step segments: SNI still found, bytes intact', async (t) => {
  const hello = await captureClientHello('split.example.net');
  const srv = await startSniffServer(LONG, { ackChunks: true });
  t.after(() => srv.close());
  const c = await connect(srv.port);
  t.after(() => c.destroy());
  c.setNoDelay(true);
  const pending = srv.next();
  // each byte goes out alone: the next one is written only after the server acked the segment
  for (let i = 0; i < hello.length; i++) {
    c.write(hello.subarray(i, i + 1));
    if (i < hello.length - 1) await once(c, 'data');
  }
  const { r, chunks } = await pending;
  assert.equal(r.protocol, 'tls');
  assert.equal(r.sni, 'split.example.net');
  assert.equal(chunks, hello.length, 'every byte arrived as its own segment');
  assert.deepEqual(r.head, hello);
});

test('ClientHello spread over several TLS records and segments (handshake header split too)', async (t) => {
  const hello = await captureClientHello('records.example.org');
  const framed = splitRecords(hello, [2, 61, 100]);
  assert.ok(framed.length > hello.length + 10);
  const srv = await startSniffServer(LONG);
  t.after(() => srv.close());
  const c = await connect(srv.port);
  t.after(() => c.destroy());
  c.setNoDelay(true);
  const pending = srv.next();
  for (const [a, b] of [[0, 3], [3, 70], [70, 200], [200, framed.length]] as const) {
    c.cork();
    c.write(framed.subarray(a, b));
    c.uncork();
    await new Promise<void>((resolve) => (c.writableNeedDrain ? c.once('drain', resolve) : setImmediate(resolve)));
  }
  const { r } = await pending;
  assert.equal(r.protocol, 'tls');
  assert.equal(r.sni, 'records.example.org');
  assert.deepEqual(r.head, framed);
});

test('HTTP/1.1 request from node:http: http, head starts with the request line', async (t) => {
  const srv = await startSniffServer(LONG);
  t.after(() => srv.close());
  const req = http.request({ host: '127.0.0.1', port: srv.port, path: '/orders?x=1', method: 'POST' });
  req.on('error', () => {});
  req.end('body');
  t.after(() => req.destroy());
  const { r } = await srv.next();
  assert.equal(r.protocol, 'http');
  assert.match(r.head.toString('latin1'), /^POST \/orders\?x=1 HTTP\/1\.1\r\n/);
});

test('HTTP/2 prior-knowledge preface from node:http2: http2', async (t) => {
  const srv = await startSniffServer(LONG);
  t.after(() => srv.close());
  const session = http2.connect(`http://127.0.0.1:${srv.port}`);
  session.on('error', () => {});
  t.after(() => session.destroy());
  const { r } = await srv.next();
  assert.equal(r.protocol, 'http2');
  assert.deepEqual(r.head.subarray(0, H2_PREFACE.length), H2_PREFACE);
});

test('bytes that rule every protocol out decide tcp at once (binary, Redis inline, bad TLS version)', async (t) => {
  const srv = await startSniffServer(LONG);
  t.after(() => srv.close());
  for (const first of [Buffer.from([0, 0, 0, 8, 4, 0xd2, 0x16, 0x2f]), Buffer.from('GET mykey\r\n'), Buffer.from([0x16, 0x07, 1])]) {
    const c = await connect(srv.port);
    c.write(first);
    const { r } = await srv.next();
    c.destroy();
    assert.equal(r.protocol, 'tcp', first.toString('hex'));
    assert.equal(r.timedOut, undefined, 'decided before the timeout');
    assert.deepEqual(r.head, first);
  }
});

test('a client that sends one byte and waits: tcp at the timeout, the byte kept', async (t) => {
  const srv = await startSniffServer(150);
  t.after(() => srv.close());
  const c = await connect(srv.port);
  t.after(() => c.destroy());
  c.write('G');
  const { r } = await srv.next();
  assert.equal(r.protocol, 'tcp');
  assert.equal(r.timedOut, true);
  assert.equal(r.head.toString(), 'G');
  // not before the timeout; Node arms timers from the loop's cached clock, which can lag
  // Date.now() by a few ms when the loop is busy, hence the slack
  assert.ok(r.elapsedMs >= 150 - 25, `elapsed ${r.elapsedMs}`);
});

test('server-first protocol: nothing sent, tcp after the timeout, then the greeting flows', async (t) => {
  const srv = await startSniffServer(120);
  t.after(() => srv.close());
  const c = await connect(srv.port);
  t.after(() => c.destroy());
  const { r, sock } = await srv.next();
  assert.equal(r.protocol, 'tcp');
  assert.equal(r.timedOut, true);
  assert.equal(r.head.length, 0);
  // measured by the sniffer from its own start (the client's 'connect' can run after it); slack
  // as above for the loop's cached clock
  assert.ok(r.elapsedMs >= 120 - 25, `elapsed ${r.elapsedMs}`);
  // the "server" speaks first once detection gave up; the client sees it and answers
  sock.write('220 mail.example ESMTP\r\n');
  const [greeting] = (await once(c, 'data')) as [Buffer];
  assert.equal(greeting.toString(), '220 mail.example ESMTP\r\n');
  c.end('EHLO client\r\n');
  assert.equal((await readAll(sock)).toString(), 'EHLO client\r\n');
});

test('client FIN while sniffing resolves with what was read; the end is not lost', async (t) => {
  const srv = await startSniffServer(LONG);
  t.after(() => srv.close());
  const c = await connect(srv.port);
  t.after(() => c.destroy());
  c.end('GE');
  const { r, sock } = await srv.next();
  assert.equal(r.protocol, 'tcp');
  assert.equal(r.timedOut, undefined);
  assert.equal(r.head.toString(), 'GE');
  assert.equal(sock.readableEnded, true);
});

test('nothing beyond head is consumed: head + the rest equals every byte sent, in order', async (t) => {
  const hello = await captureClientHello('exact.example.com');
  const tail = randomBytes(256 * 1024);
  const srv = await startSniffServer(LONG);
  t.after(() => srv.close());
  const c = await connect(srv.port);
  t.after(() => c.destroy());
  c.end(Buffer.concat([hello, tail]));
  const { r, sock } = await srv.next();
  assert.equal(r.sni, 'exact.example.com');
  const rest = await readAll(sock);
  assert.deepEqual(Buffer.concat([r.head, rest]), Buffer.concat([hello, tail]));
});

test('a ClientHello larger than 16 KiB: tls without SNI, decided without waiting for it all', async (t) => {
  const srv = await startSniffServer(LONG);
  t.after(() => srv.close());
  const c = await connect(srv.port);
  t.after(() => c.destroy());
  // first record complete and valid-looking, announcing a 40000-byte handshake message
  const rec = Buffer.alloc(5 + 16384, 0x41);
  rec.set([0x16, 0x03, 0x01], 0);
  rec.writeUInt16BE(16384, 3);
  rec.set([0x01, 0x00, 0x9c, 0x40, 0x03, 0x03], 5);
  c.write(rec);
  const { r } = await srv.next();
  assert.equal(r.protocol, 'tls');
  assert.equal(r.sni, undefined);
  assert.equal(r.timedOut, undefined);
});
