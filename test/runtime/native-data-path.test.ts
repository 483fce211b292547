import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, metricValue } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { scrape, startBackends, startRuntime, tcpListener } from './tcp-helpers.js';
import { dataPath, native } from '../../runtime/native/addon.js';
import { NativeTcpListener } from '../../runtime/listener/native-tcp-listener.js';

const C = 'svc_9000_tcp';
const skip = native === null ? `native addon not loaded: ${dataPath.detail}` : false;

/** Open a connection, send `msg`, read until the echo of it is back, then end and wait for close. */
async function roundTrip(port: number, msg: string): Promise<string> {
  const s = net.connect({ port, host: '127.0.0.1' });
  s.setEncoding('utf8');
  let got = '';
  s.on('data', (d: string) => {
    got += d;
    if (got.endsWith(msg)) s.end();
  });
  await once(s, 'connect');
  s.write(msg);
  await once(s, 'close');
  return got;
}

describe('native TCP data path', { skip }, () => {
  it('plain tcp listeners run natively; every accepted connection is accounted and freed', async (t) => {
    const [be] = await startBackends(t, ['a']);
    const port = await freePort();
    const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, [{ port: be!.port }])]));
    const l = tcpListener(rt);
    assert.ok(l instanceof NativeTcpListener, 'a NativeTcpListener');
    const N = 200;
    const replies = await Promise.all(Array.from({ length: N }, (_, i) => roundTrip(port, `m${i}.`)));
    replies.forEach((r, i) => assert.equal(r, `a\nm${i}.`));
    await waitFor(() => l.active === 0, 5000, 'all connections closed');
    assert.equal(native!.stats()[0], 0, 'no live native connection left');
    assert.equal(native!.stats()[2], 0, 'no pending buffer left');
    assert.equal(l.counters.accepted, N);
    assert.equal(l.counters.established, N);
    assert.equal(l.connections.size, 0, 'no JS connection was made');
    const text = scrape(rt);
    assert.equal(metricValue(text, `meshc_upstream_bytes_total{cluster="${C}",direction="upstream"}`), [...Array(N).keys()].reduce((n, i) => n + `m${i}.`.length, 0));
    assert.equal(metricValue(text, `meshc_endpoint_connections_total{cluster="${C}",endpoint="127.0.0.1:${be!.port}"}`), N);
    assert.equal(metricValue(text, `meshc_upstream_connections_active{cluster="${C}"}`), 0);
  });

  it('protocol detection listeners hand accepted sockets to the JS path', async (t) => {
    const [be] = await startBackends(t, ['b']);
    const port = await freePort();
    const rt = await startRuntime(
      t,
      plan([listener(C, port, { protocol: 'auto', detectionTimeoutMs: 100 })], [cluster(C, [{ port: be!.port }])]),
    );
    const l = tcpListener(rt);
    // a client-first byte stream that is neither TLS nor HTTP: detected as tcp, then proxied
    const s = net.connect({ port, host: '127.0.0.1' });
    s.setEncoding('utf8');
    let got = '';
    s.on('data', (d: string) => (got += d));
    await once(s, 'connect');
    s.write('\x00\x01hello');
    await waitFor(() => got === 'b\n\x00\x01hello', 5000, 'echo through the JS path');
    assert.equal(l.connections.size, 1, 'the connection lives in the JS path');
    assert.equal(native!.stats()[0], 0, 'and not in the native one');
    s.end();
    await waitFor(() => l.active === 0, 5000, 'closed');
  });

  it('stop() closes live native connections (drain deadline)', async (t) => {
    const [be] = await startBackends(t, ['c']);
    const port = await freePort();
    const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, [{ port: be!.port }])]));
    const socks = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const s = net.connect({ port, host: '127.0.0.1' });
        s.on('error', () => {});
        await once(s, 'data');
        return s;
      }),
    );
    assert.equal(native!.stats()[0], 5);
    const closed = Promise.all(socks.map((s) => once(s, 'close')));
    await rt.stop(50);
    await closed;
    await waitFor(() => native!.stats()[0] === 0, 5000, 'native connections freed');
  });

  it('a worker_thread, a second JS environment in the process, falls back to the JS path', async () => {
    const url = new URL('../../runtime/native/addon.js', import.meta.url).href;
    // the default fallback is under test: MESHC_NATIVE=1 (npm run test:sanitize) would make it an error
    const { MESHC_NATIVE: _, ...env } = process.env;
    const w = new Worker(`import(${JSON.stringify(url)}).then((m) => require('node:worker_threads').parentPort.postMessage(m.dataPath))`, { eval: true, env });
    const [msg] = (await once(w, 'message')) as [{ kind: string; detail: string }];
    await w.terminate();
    assert.equal(msg.kind, 'js');
    assert.match(msg.detail, /one JS environment per process/);
    assert.equal(dataPath.kind, 'native', 'the main thread keeps the native path');
  });
});
