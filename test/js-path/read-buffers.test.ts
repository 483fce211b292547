// The JS path's bulk flows read into reused buffers through private symbols of node:net
// (runtime/proxy/read-buffers.ts); when a Node release renames them the proxy silently keeps
// Node's default reads. This pins that the mode is in use on every Node CI runs (20 and 24).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';

process.env.MESHC_NATIVE = '0';
const { startRuntime, tcpListener } = await import('../runtime/tcp-helpers.js');
const { pooledBuffers, userBuffersSupported } = await import('../../runtime/proxy/read-buffers.js');

const MiB = 1024 * 1024;

describe('bulk reads into reused buffers (JS path)', { skip: process.env.MESHC_NO_USER_BUFFERS !== undefined ? 'MESHC_NO_USER_BUFFERS is set' : false }, () => {
  it(`this Node (${process.version}) lets a live socket switch to a user read buffer`, () => {
    assert.equal(userBuffersSupported, true, 'node:net no longer has kBuffer/kBufferCb/kBufferGen: the bulk read path is off');
  });

  it('a bulk echo takes one buffer per direction, stays byte-exact, and gives both back when closed', async (t) => {
    const be = await startEchoServer(null);
    t.after(() => be.close());
    const port = await freePort();
    const C = 'bulk_9000_tcp';
    const rt = await startRuntime(t, plan([listener(C, port)], [cluster(C, [{ port: be.port }])]));
    assert.equal(pooledBuffers(), 0);
    const c = net.connect({ port, host: '127.0.0.1' });
    t.after(() => c.destroy());
    await once(c, 'connect');
    const sent = createHash('sha256');
    const got = createHash('sha256');
    let received = 0;
    c.on('data', (d: Buffer) => {
      received += d.length;
      got.update(d);
    });
    const block = randomBytes(MiB);
    for (let i = 0; i < 16; i++) {
      sent.update(block);
      if (!c.write(block)) await once(c, 'drain');
    }
    await waitFor(() => received === 16 * MiB, 20_000, 'echo of 16 MiB');
    assert.equal(got.digest('hex'), sent.digest('hex'));
    c.end();
    await waitFor(() => tcpListener(rt).active === 0, 5000, 'connection closed');
    await waitFor(() => pooledBuffers() === 2, 5000, 'both read buffers back in the pool');
  });
});
