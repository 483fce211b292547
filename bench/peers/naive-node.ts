/**
 * The naive reference proxy: `socket.pipe()` both ways, nothing else (no pooling, no tuning).
 * Usage: node dist/bench/peers/naive-node.js LISTEN_PORT=TARGET_PORT... (all on 127.0.0.1)
 * It shows what a straightforward Node proxy costs, i.e. what the meshc runtime improves on.
 * Also exports the peer definition that runs it.
 */
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { startListening, stop } from '../lib/procs.js';
import { freePort } from '../lib/sys.js';
import type { PeerDef } from './peer.js';

function serve(listenPort: number, targetPort: number): void {
  net
    .createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    })
    .listen(listenPort, '127.0.0.1', 4096);
}

/** The naive proxy as a peer of the bench. */
export const naiveNode: PeerDef = {
  name: 'naive-node',
  async start(ctx) {
    const [iperfPort, echoPort] = [await freePort(), await freePort()];
    const p = await startListening(
      'naive-node',
      process.execPath,
      [fileURLToPath(import.meta.url), `${iperfPort}=${ctx.backends.iperfPort}`, `${echoPort}=${ctx.backends.echoPort}`],
      [echoPort, iperfPort],
      { nofile: ctx.nofile },
    );
    return { name: 'naive-node', pid: p.pid, iperfPort, echoPort, notes: ['UDP n/a: TCP-only reference'], stop: () => stop(p) };
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const a of process.argv.slice(2)) {
    const [l, t] = a.split('=').map(Number);
    serve(l!, t!);
  }
}
