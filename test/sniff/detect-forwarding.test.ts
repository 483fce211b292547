import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, metricValue } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { captureClientHello, connect, readAll, startSidecar } from './sniff-helpers.js';

const TIMEOUT = 150;

/** A backend that greets (optionally), records every byte it receives and echoes it. */
async function recordingBackend(greeting: string | null): Promise<{ port: number; received: Buffer[]; ended: number; close(): void }> {
  const b = { port: 0, received: [] as Buffer[], ended: 0, close: (): void => undefined };
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('error', () => {});
    const mine: Buffer[] = [];
    b.received.push(Buffer.alloc(0));
    const idx = b.received.length - 1;
    if (greeting !== null) s.write(greeting);
    s.on('data', (d: Buffer) => {
      mine.push(d);
      b.received[idx] = Buffer.concat(mine);
      s.write(d);
    });
    s.on('end', () => {
      b.ended++;
      s.end();
    });
  });
  b.close = () => {
    for (const s of sockets) s.destroy();
    server.close();
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  b.port = (server.address() as net.AddressInfo).port;
  return b;
}

test('protocol auto through the real listener: peeked bytes forwarded byte-exact, verdicts counted', { timeout: 60_000 }, async (t) => {
  const echo = await recordingBackend(null);
  const smtp = await recordingBackend('220 mail.example ESMTP\r\n');
  t.after(() => {
    echo.close();
    smtp.close();
  });
  const [pEcho, pSmtp] = [await freePort(), await freePort()];
  const lEcho = listener('echo_9000_tcp', pEcho, { protocol: 'auto', detectionTimeoutMs: TIMEOUT });
  const lSmtp = listener('smtp_25_tcp', pSmtp, { protocol: 'auto', detectionTimeoutMs: TIMEOUT });
  const sc = await startSidecar(t, plan([lEcho, lSmtp], [cluster('echo_9000_tcp', [{ port: echo.port }]), cluster('smtp_25_tcp', [{ port: smtp.port }])]));

  // 1. TLS ClientHello followed by 1 MiB: everything arrives in order and echoes back intact
  const hello = await captureClientHello('bulk.example.com');
  const payload = Buffer.concat([hello, randomBytes(1 << 20)]);
  {
    const c = await connect(pEcho);
    const back = readAll(c);
    c.end(payload);
    assert.ok((await back).equals(payload), 'echoed bytes equal the bytes sent');
    assert.ok(echo.received[0]!.equals(payload), 'the backend received exactly the bytes sent');
  }

  // 2. HTTP/1.1 request
  await new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: pEcho, path: '/x', method: 'PUT', headers: { connection: 'close' } });
    req.on('error', reject);
    req.end('abc', () => resolve());
  });
  await waitFor(() => echo.received[1]?.toString().endsWith('abc'), 10_000, 'the HTTP request at the backend');
  assert.match(echo.received[1]!.toString(), /^PUT \/x HTTP\/1\.1\r\n[\s\S]*\r\n\r\nabc$/);

  // 3. one byte, then silence: forwarded at the timeout, the rest follows, nothing reordered
  {
    const c = await connect(pEcho);
    c.write('G');
    const [first] = (await once(c, 'data')) as [Buffer];
    assert.equal(first.toString(), 'G', 'the single byte reached the backend after the detection timeout');
    const back = readAll(c);
    c.end('ET / HTTP/1.0\r\n\r\n');
    assert.equal((await back).toString(), 'ET / HTTP/1.0\r\n\r\n');
    assert.equal(echo.received[2]!.toString(), 'GET / HTTP/1.0\r\n\r\n');
  }

  // 4. client FIN while detection waits: the backend still gets the bytes and the FIN
  {
    const c = await connect(pEcho);
    const back = readAll(c);
    c.end('GE');
    assert.equal((await back).toString(), 'GE');
    await waitFor(() => echo.ended >= 4, 10_000, 'the backend to see the half-close');
  }

  // 5. server-first: the client sends nothing; the greeting arrives once detection gives up
  {
    const t0 = Date.now();
    const c = await connect(pSmtp);
    const [greeting] = (await once(c, 'data')) as [Buffer];
    const waited = Date.now() - t0;
    assert.equal(greeting.toString(), '220 mail.example ESMTP\r\n');
    assert.ok(waited >= TIMEOUT - 1, `greeting after ${waited} ms, detection timeout ${TIMEOUT} ms`);
    const back = readAll(c);
    c.end('QUIT\r\n');
    assert.equal((await back).toString(), 'QUIT\r\n');
  }

  const m = await sc.metrics();
  const e = `listener="${lEcho.name}"`;
  assert.equal(metricValue(m, `meshc_protocol_detected_total{${e},protocol="tls"}`), 1);
  assert.equal(metricValue(m, `meshc_protocol_detected_total{${e},protocol="http"}`), 1);
  assert.equal(metricValue(m, `meshc_protocol_detected_total{${e},protocol="tcp"}`), 2);
  assert.equal(metricValue(m, `meshc_protocol_detection_seconds_count{${e}}`), 4);
  const s = `listener="${lSmtp.name}"`;
  assert.equal(metricValue(m, `meshc_protocol_detected_total{${s},protocol="tcp"}`), 1);
  assert.equal(metricValue(m, `meshc_protocol_detection_timeouts_total{${s}}`), 1);
  assert.equal(metricValue(m, `meshc_protocol_detection_seconds_bucket{${s},le="0.1"}`), 0, 'a timeout verdict takes at least the timeout');
});
