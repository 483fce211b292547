import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startListening, stop } from '../lib/procs.js';
import { freePort } from '../lib/sys.js';
import type { PeerDef } from './peer.js';

/** HAProxy in `mode tcp` with one thread, foreground, no master process. */
export const haproxy: PeerDef = {
  name: 'haproxy',
  async start(ctx) {
    const [iperfPort, echoPort] = [await freePort(), await freePort()];
    const cfg = path.join(ctx.dir, 'haproxy.cfg');
    const b = ctx.backends;
    // HAProxy refuses to start when 2 × maxconn (+ a few) exceeds the descriptor limit it can get.
    const maxconn = Math.min(40_000, Math.floor((ctx.nofile - 100) / 2));
    writeFileSync(
      cfg,
      [
        'global',
        '  nbthread 1',
        `  maxconn ${maxconn}`,
        '',
        'defaults',
        '  mode tcp',
        `  maxconn ${maxconn}`,
        '  timeout connect 5s',
        '  timeout client 1h',
        '  timeout server 1h',
        '',
        'listen iperf',
        `  bind 127.0.0.1:${iperfPort}`,
        `  server s1 127.0.0.1:${b.iperfPort}`,
        '',
        'listen echo',
        `  bind 127.0.0.1:${echoPort}`,
        `  server s1 127.0.0.1:${b.echoPort}`,
        '',
      ].join('\n'),
    );
    const p = await startListening('haproxy', 'haproxy', ['-db', '-f', cfg], [echoPort, iperfPort], { nofile: ctx.nofile });
    return {
      name: 'haproxy',
      pid: p.pid,
      iperfPort,
      echoPort,
      notes: ["UDP n/a: Debian's HAProxy has no UDP proxying"],
      stop: () => stop(p),
    };
  },
};
