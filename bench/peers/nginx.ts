import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startListening, stop } from '../lib/procs.js';
import { NGINX_STREAM_SO, childPids, freePort } from '../lib/sys.js';
import type { PeerDef } from './peer.js';

/** nginx stream proxy, one worker process, its own prefix/pid/log under the peer's temp dir. */
export const nginx: PeerDef = {
  name: 'nginx',
  async start(ctx) {
    const [iperfPort, echoPort, udpPort] = [await freePort(), await freePort(), await freePort()];
    mkdirSync(path.join(ctx.dir, 'logs'), { recursive: true });
    const conf = path.join(ctx.dir, 'nginx.conf');
    const b = ctx.backends;
    writeFileSync(
      conf,
      [
        existsSync(NGINX_STREAM_SO) ? `load_module ${NGINX_STREAM_SO};` : '',
        'worker_processes 1;',
        'daemon off;',
        `pid ${ctx.dir}/nginx.pid;`,
        `error_log ${ctx.dir}/logs/error.log error;`,
        `worker_rlimit_nofile ${ctx.nofile};`,
        'events { worker_connections 40000; }',
        'stream {',
        `  server { listen 127.0.0.1:${iperfPort}; proxy_pass 127.0.0.1:${b.iperfPort}; }`,
        `  server { listen 127.0.0.1:${echoPort}; proxy_pass 127.0.0.1:${b.echoPort}; }`,
        `  server { listen 127.0.0.1:${udpPort} udp; proxy_pass 127.0.0.1:${b.echoPort}; proxy_timeout 60s; }`,
        '}',
        '',
      ].join('\n'),
    );
    const p = await startListening('nginx', 'nginx', ['-p', ctx.dir, '-c', conf, '-e', `${ctx.dir}/logs/error.log`], [echoPort, iperfPort], { nofile: ctx.nofile });
    // The worker does the forwarding; measure it, not the master.
    let worker: number | undefined;
    for (let i = 0; i < 100 && worker === undefined; i++) {
      worker = childPids(p.pid)[0];
      if (worker === undefined) await delay(20);
    }
    if (worker === undefined) throw new Error('nginx worker process not found');
    return { name: 'nginx', pid: worker, iperfPort, echoPort, udpPort, notes: [], stop: () => stop(p) };
  },
};
