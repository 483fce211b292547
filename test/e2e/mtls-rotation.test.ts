import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, spawnCli, type CliProcess } from '../helpers/cli.js';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { makeCa, makeLeaf, type CertFiles } from '../helpers/certs.js';
import { AtomicWriter, writeInPlace } from '../helpers/kubelet.js';
import type { Plan } from '../../schemas/types/plan.gen.js';

// Certificate rotation, start-up errors and --workers metrics of meshc's mutual TLS (SPEC 6).

const ORDERS = 'spiffe://cluster.local/ns/shop/sa/orders';
let dir: string;
let ca: CertFiles;
let web: CertFiles;
let orders: CertFiles;
let rotated: CertFiles;
let third: CertFiles;
const procs: CliProcess[] = [];

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshc-mtls-rot-'));
  ca = makeCa(dir, 'ca');
  web = makeLeaf(dir, 'web', ca, ['URI:spiffe://cluster.local/ns/shop/sa/web']);
  orders = makeLeaf(dir, 'orders', ca, [`URI:${ORDERS}`]);
  rotated = makeLeaf(dir, 'orders-rotated', ca, [`URI:${ORDERS}`], { days: 20 });
  third = makeLeaf(dir, 'orders-third', ca, [`URI:${ORDERS}`]);
});

after(async () => {
  for (const p of procs) p.kill();
  await rm(dir, { recursive: true, force: true });
});

/** A strict inbound plan to `backendPort` with the identity files at `files`. */
function strictPlan(port: number, backendPort: number, files: NonNullable<Plan['tls']>): Plan {
  const l = listener('app_8080_tcp', port, { name: `inbound_127.0.0.1_${port}_tcp`, direction: 'inbound', tls: 'strict', workloadPort: backendPort });
  return plan([l], [cluster('app_8080_tcp', [{ port: backendPort }])], { tls: files });
}

async function run(p: Plan, extra: string[] = []): Promise<{ proc: CliProcess; metrics: () => Promise<string> }> {
  const file = path.join(dir, `plan-${procs.length}.json`);
  await writePlan(file, p);
  const adminPort = await freePort();
  const proc = spawnCli(['run', '--plan', file, '--admin', `127.0.0.1:${adminPort}`, '--drain-timeout', '1s', ...extra]);
  procs.push(proc);
  const admin = `http://127.0.0.1:${adminPort}`;
  await waitFor(async () => (await httpGet(`${admin}/ready`).catch(() => ({ status: 0 }))).status === 200, 20_000, `ready (stderr: ${proc.stderr()})`);
  return { proc, metrics: async () => (await httpGet(`${admin}/metrics`)).body };
}

/** Handshake as web, resolve with the serial of the certificate the sidecar presented, close. */
function serverSerial(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ port, host: '127.0.0.1', ca: ca.certPem, cert: web.certPem, key: web.keyPem, checkServerIdentity: () => undefined }, () => {
      const serial = s.getPeerX509Certificate()!.serialNumber.toUpperCase();
      // end(), not destroy(): our Finished must reach the server for its handshake to complete
      s.end();
      s.resume();
      resolve(serial);
    });
    s.on('error', reject);
  });
}

describe('meshc run: TLS certificate rotation', () => {
  it('a kubelet ..data swap rotates new handshakes; live connections keep flowing; a broken pair is counted and ignored', async (t) => {
    const backend = await startEchoServer(null);
    t.after(() => backend.close());
    const vol = path.join(dir, 'secret-volume');
    await mkdir(vol, { recursive: true });
    const writer = new AtomicWriter(vol);
    await writer.write({ 'tls.crt': orders.certPem, 'tls.key': orders.keyPem, 'ca.crt': ca.certPem });
    const port = await freePort();
    const files = { certificate: path.join(vol, 'tls.crt'), privateKey: path.join(vol, 'tls.key'), trustedCA: path.join(vol, 'ca.crt') };
    const sc = await run(strictPlan(port, backend.port, files));
    assert.equal(await serverSerial(port), orders.serial);

    // a live connection across the rotation
    const live = tls.connect({ port, host: '127.0.0.1', ca: ca.certPem, cert: web.certPem, key: web.keyPem, checkServerIdentity: () => undefined });
    let echoed = '';
    live.setEncoding('utf8');
    live.on('data', (d: string) => (echoed += d));
    live.write('before;');
    await waitFor(() => echoed === 'before;', 10_000, 'echo before the rotation');

    await writer.write({ 'tls.crt': rotated.certPem, 'tls.key': rotated.keyPem, 'ca.crt': ca.certPem });
    await waitFor(async () => (await serverSerial(port)) === rotated.serial, 20_000, 'new handshakes present the rotated certificate');
    live.write('after;');
    await waitFor(() => echoed === 'before;after;', 10_000, 'the live connection still echoes');
    let m = await sc.metrics();
    assert.equal(metricValue(m, 'meshc_tls_certificate_reloads_total{result="success"}'), 1);
    assert.equal(metricValue(m, 'meshc_tls_certificate_reloads_total{result="failure"}'), 0);
    const expiry = metricValue(m, `meshc_tls_certificate_expiry_timestamp_seconds{identity="${ORDERS}"}`)!;
    // the rotated leaf is valid for 20 days, the first for 10
    assert.ok(expiry > Date.now() / 1000 + 15 * 86400, `expiry gauge follows the rotation (${expiry})`);

    // a pair whose key does not match: logged, counted, the rotated set stays
    await writer.write({ 'tls.crt': third.certPem, 'tls.key': rotated.keyPem, 'ca.crt': ca.certPem });
    m = await waitFor(async () => {
      const text = await sc.metrics();
      return metricValue(text, 'meshc_tls_certificate_reloads_total{result="failure"}') === 1 ? text : null;
    }, 20_000, 'the broken pair is counted');
    assert.equal(metricValue(m, 'meshc_tls_certificate_reloads_total{result="success"}'), 1);
    assert.equal(await serverSerial(port), rotated.serial);
    assert.match(sc.proc.stderr(), /tls certificate reload failed: keeping the previous certificate/);
    assert.match(sc.proc.stderr(), /E_TLS_KEY_MISMATCH/);
    live.write('still;');
    await waitFor(() => echoed === 'before;after;still;', 10_000, 'the live connection still echoes');
    live.destroy();
  });

  it('in-place rewrites of the certificate and key rotate too', async (t) => {
    const backend = await startEchoServer(null);
    t.after(() => backend.close());
    const d = path.join(dir, 'in-place');
    const files = { certificate: path.join(d, 'tls.crt'), privateKey: path.join(d, 'tls.key'), trustedCA: ca.cert };
    await mkdir(d, { recursive: true });
    await writeFile(files.certificate, orders.certPem);
    await writeFile(files.privateKey, orders.keyPem);
    const port = await freePort();
    await run(strictPlan(port, backend.port, files));
    assert.equal(await serverSerial(port), orders.serial);
    await writeInPlace(files.privateKey, third.keyPem);
    await writeInPlace(files.certificate, third.certPem);
    await waitFor(async () => (await serverSerial(port)) === third.serial, 20_000, 'in-place rotation');
  });
});

describe('meshc run: TLS start-up errors', () => {
  it('exits 1 naming the file when a certificate file is missing, malformed or does not match its key', async () => {
    const backend = await startEchoServer(null);
    try {
      const port = await freePort();
      const missing = path.join(dir, 'missing.crt');
      const bad = path.join(dir, 'garbage.key');
      await writeFile(bad, 'not a key\n');
      const cases: Array<[NonNullable<Plan['tls']>, string, string]> = [
        [{ certificate: missing, privateKey: orders.key, trustedCA: ca.cert }, missing, 'E_TLS_FILE'],
        [{ certificate: orders.cert, privateKey: bad, trustedCA: ca.cert }, bad, 'E_TLS_PEM'],
        [{ certificate: orders.cert, privateKey: orders.key, trustedCA: bad }, bad, 'E_TLS_PEM'],
        [{ certificate: orders.cert, privateKey: web.key, trustedCA: ca.cert }, web.key, 'E_TLS_KEY_MISMATCH'],
      ];
      for (const [files, named, code] of cases) {
        const file = path.join(dir, `bad-${code}.json`);
        await writePlan(file, strictPlan(port, backend.port, files));
        const r = await runCli(['run', '--plan', file, '--admin', `127.0.0.1:${await freePort()}`], { timeoutMs: 20_000 });
        assert.equal(r.code, 1, r.stderr);
        const line = r.stderr.split('\n').find((l) => l.startsWith('meshc run: '));
        assert.ok(line !== undefined && line.includes(named) && line.includes(`[${code}]`), `stderr names ${named} with ${code}: ${r.stderr}`);
      }
    } finally {
      await backend.close();
    }
  });
});

describe('meshc run --workers 2: TLS metrics', () => {
  it('sums handshakes over the workers and keeps one expiry and reload value', async (t) => {
    const backend = await startEchoServer(null);
    t.after(() => backend.close());
    const port = await freePort();
    const sc = await run(strictPlan(port, backend.port, { certificate: orders.cert, privateKey: orders.key, trustedCA: ca.cert }), ['--workers', '2']);
    for (let i = 0; i < 6; i++) assert.equal(await serverSerial(port), orders.serial);
    const name = `inbound_127.0.0.1_${port}_tcp`;
    const m = await waitFor(async () => {
      const text = await sc.metrics();
      return metricValue(text, `meshc_tls_handshakes_total{listener="${name}",result="success"}`) === 6 ? text : null;
    }, 10_000, 'six handshakes over two workers', 20).catch(async (err: Error) => {
      throw new Error(`${err.message}: ${(await sc.metrics()).split('\n').filter((l) => l.includes('tls')).join('\n')}`);
    });
    const expiry = metricValue(m, `meshc_tls_certificate_expiry_timestamp_seconds{identity="${ORDERS}"}`)!;
    assert.ok(expiry > Date.now() / 1000 && expiry < Date.now() / 1000 + 11 * 86400, `one certificate's notAfter, not a sum (${expiry})`);
    assert.equal(metricValue(m, 'meshc_tls_certificate_reloads_total{result="success"}'), 0);
  });
});
