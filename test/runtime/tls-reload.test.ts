import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Runtime } from '../../runtime/runtime.js';
import { silentLogger } from '../../runtime/logger.js';
import { PromWriter } from '../../runtime/metrics.js';
import type { Listener, Plan } from '../../schemas/types/plan.gen.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, metricValue, startEchoServer, type TestServer } from '../helpers/net.js';
import { makeCa, makeLeaf, type CertFiles } from '../helpers/certs.js';

// Plan reloads that switch TLS and authorization on a kept listener, and plans the runtime must
// refuse before changing anything (in-process Runtime; the CLI paths are in test/e2e/mtls-*).

let dir: string;
let ca: CertFiles;
let web: CertFiles;
let orders: CertFiles;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshc-tls-reload-'));
  ca = makeCa(dir, 'ca');
  web = makeLeaf(dir, 'web', ca, ['URI:spiffe://td/ns/a/sa/web']);
  orders = makeLeaf(dir, 'orders', ca, ['URI:spiffe://td/ns/a/sa/orders']);
});
after(() => rm(dir, { recursive: true, force: true }));

function inboundPlan(port: number, backend: TestServer, over: Partial<Listener>, withTls = true): Plan {
  const l = listener('app_80_tcp', port, { name: `inbound_127.0.0.1_${port}_tcp`, direction: 'inbound', workloadPort: backend.port, ...over });
  return plan([l], [cluster('app_80_tcp', [{ port: backend.port }])], withTls ? { tls: { certificate: orders.cert, privateKey: orders.key, trustedCA: ca.cert } } : {});
}

/** Plaintext exchange: resolves with the echo, or null when the connection was closed without one. */
function plainEcho(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      got += d;
      if (got === 'x') s.end();
    });
    s.on('error', () => undefined);
    s.on('close', () => resolve(got === '' ? null : got));
    s.write('x');
  });
}

function tlsEcho(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const s = tls.connect({ port, host: '127.0.0.1', ca: ca.certPem, cert: web.certPem, key: web.keyPem, checkServerIdentity: () => undefined });
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      got += d;
      if (got === 'y') s.end();
    });
    s.on('error', () => undefined);
    s.on('close', () => resolve(got === '' ? null : got));
    s.on('secureConnect', () => s.write('y'));
  });
}

describe('runtime: TLS and authorization across plan reloads', () => {
  it('switches a kept listener between disabled, strict, permissive and authorization', async (t) => {
    const backend = await startEchoServer(null);
    t.after(() => backend.close());
    const rt = new Runtime({ logger: silentLogger(), drainTimeoutMs: 1000 });
    t.after(() => rt.stop(0));
    const port = await freePort();
    await rt.apply(inboundPlan(port, backend, {}, false));
    assert.equal(await plainEcho(port), 'x');

    let s = await rt.apply(inboundPlan(port, backend, { tls: 'strict' }));
    assert.equal(s.listenersKept, 1, 'same socket, new settings');
    assert.equal(await plainEcho(port), null);
    assert.equal(await tlsEcho(port), 'y');

    s = await rt.apply(inboundPlan(port, backend, { tls: 'permissive' }));
    assert.equal(await plainEcho(port), 'x');
    assert.equal(await tlsEcho(port), 'y');

    await rt.apply(inboundPlan(port, backend, { tls: 'permissive', authorization: { deny: [], allow: [{ identities: ['spiffe://td/ns/a/*'] }] } }));
    assert.equal(await plainEcho(port), null, 'identity rules never match plaintext');
    assert.equal(await tlsEcho(port), 'y');

    const w = new PromWriter();
    rt.collect(w);
    const text = w.render();
    assert.equal(metricValue(text, `meshc_authz_denied_total{listener="inbound_127.0.0.1_${port}_tcp"}`), 1);
    assert.equal(metricValue(text, `meshc_tls_handshakes_total{listener="inbound_127.0.0.1_${port}_tcp",result="not_tls"}`), 1);

    await rt.apply(inboundPlan(port, backend, {}, false));
    assert.equal(await plainEcho(port), 'x');
    assert.equal(rt.tls, null, 'the identity is dropped with the plan that had it');
  });

  it('refuses plans whose TLS settings cannot work, keeping the plan in force', async (t) => {
    const backend = await startEchoServer(null);
    t.after(() => backend.close());
    const rt = new Runtime({ logger: silentLogger(), drainTimeoutMs: 1000 });
    t.after(() => rt.stop(0));
    const port = await freePort();
    const good = inboundPlan(port, backend, { tls: 'strict' });
    await rt.apply(good);
    await assert.rejects(rt.apply(inboundPlan(port, backend, { tls: 'strict' }, false)), { code: 'E_PLAN_TLS' });
    await assert.rejects(rt.apply(inboundPlan(port, backend, { tls: 'strict', authorization: { deny: [{ sources: ['300.0.0.0/8'] }] } })), { code: 'E_PLAN_AUTHZ' });
    const missing = inboundPlan(port, backend, { tls: 'strict' });
    missing.tls = { certificate: path.join(dir, 'nope.crt'), privateKey: orders.key, trustedCA: ca.cert };
    await assert.rejects(rt.apply(missing), (err: Error & { code?: string }) => err.code === 'E_TLS_FILE' && err.message.includes('nope.crt'));
    const outbound = plan([listener('up_80_tcp', await freePort())], [cluster('up_80_tcp', [{ port: 1 }], { tls: { mode: 'mutual', serverIdentities: ['x'] } })]);
    await assert.rejects(rt.apply(outbound), { code: 'E_PLAN_TLS' });
    assert.equal(rt.plan, good);
    assert.equal(await tlsEcho(port), 'y');
    assert.equal(await plainEcho(port), null);
  });
});
