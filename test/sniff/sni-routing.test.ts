import { test } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, metricValue } from '../helpers/net.js';
import { startSidecar } from './sniff-helpers.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A throwaway self-signed P-256 certificate for `names` (first one is the CN). */
function selfSigned(dir: string, names: string[]): { key: Buffer; cert: Buffer } {
  const base = path.join(dir, names[0]!.replace(/\*/g, 'star'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-keyout', `${base}.key`, '-out', `${base}.crt`, '-subj', `/CN=${names[0]}`,
    '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
  ], { stdio: 'ignore' });
  return { key: readFileSync(`${base}.key`), cert: readFileSync(`${base}.crt`) };
}

/** A TLS backend that answers every handshake with its name and closes. */
async function tlsBackend(name: string, creds: { key: Buffer; cert: Buffer }): Promise<{ port: number; server: tls.Server }> {
  const server = tls.createServer(creds, (s) => {
    s.on('error', () => {});
    s.end(`${name}:${s.servername || "-"}`);
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, server };
}

/** Handshake through the proxy verifying against `ca`; resolves with the backend's reply. */
function ask(port: number, servername: string | undefined, ca: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const opts: tls.ConnectionOptions = { host: '127.0.0.1', port, ca };
    if (servername !== undefined) opts.servername = servername;
    else opts.checkServerIdentity = () => undefined; // no SNI: the default backend's name is not ours
    const c = tls.connect(opts);
    let body = '';
    c.setEncoding('utf8');
    c.on('data', (d) => (body += d));
    c.on('end', () => resolve(body));
    c.on('error', reject);
  });
}

test('SNI routing end to end: real TLS clients reach distinct TLS backends (passthrough) and the default', { skip: hasOpenssl() ? false : 'openssl CLI not found: cannot make test certificates' }, async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meshc-sni-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const certA = selfSigned(dir, ['a.example.com']);
  const certB = selfSigned(dir, ['*.b.example.com']);
  const certD = selfSigned(dir, ['fallback.example.com', 'other.test']);
  const a = await tlsBackend('A', certA);
  const b = await tlsBackend('B', certB);
  const d = await tlsBackend('D', certD);
  t.after(() => {
    for (const s of [a, b, d]) s.server.close();
  });

  const [port, strictPort] = [await freePort(), await freePort()];
  const routed = listener('dflt_443_tcp', port, {
    protocol: 'tls',
    detectionTimeoutMs: 100,
    sniRoutes: [
      { serverNames: ['a.example.com'], cluster: 'a_443_tcp' },
      { serverNames: ['*.b.example.com'], cluster: 'b_443_tcp' },
    ],
  });
  const strict = listener('a_443_tcp', strictPort, { protocol: 'tls', detectionTimeoutMs: 100, sniRoutes: [{ serverNames: ['a.example.com'], cluster: 'a_443_tcp' }] });
  delete strict.cluster;
  const clusters = [cluster('a_443_tcp', [{ port: a.port }]), cluster('b_443_tcp', [{ port: b.port }]), cluster('dflt_443_tcp', [{ port: d.port }])];
  const sc = await startSidecar(t, plan([routed, strict], clusters));

  // the handshake verifies each backend's own certificate: the proxy passed TLS through untouched
  assert.equal(await ask(port, 'a.example.com', certA.cert), 'A:a.example.com');
  assert.equal(await ask(port, 'A.Example.com', certA.cert), 'A:A.Example.com', 'SNI matching ignores case; the backend sees the ClientHello untouched');
  assert.equal(await ask(port, 'x.b.example.com', certB.cert), 'B:x.b.example.com');
  assert.equal(await ask(port, 'other.test', certD.cert), 'D:other.test', 'no route -> default cluster');
  assert.equal(await ask(port, undefined, certD.cert), 'D:-', 'no SNI -> default cluster');

  // a listener without a default closes connections whose SNI matches no route
  assert.equal(await ask(strictPort, 'a.example.com', certA.cert), 'A:a.example.com');
  await assert.rejects(ask(strictPort, 'b.example.com', certA.cert));

  const m = await sc.metrics();
  assert.equal(metricValue(m, `meshc_protocol_detected_total{listener="${routed.name}",protocol="tls"}`), 5);
  assert.equal(metricValue(m, `meshc_listener_no_route_total{listener="${strict.name}"}`), 1);
});
