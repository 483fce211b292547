import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MESHC } from '../helpers/cli.js';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { dataPath, native } from '../../runtime/native/addon.js';

/** utime+stime of a process in seconds (/proc/PID/stat, clock ticks of 10 ms). */
async function cpuSeconds(pid: number): Promise<number> {
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** One connection: send plain bytes, resolve true if the backend's greeting and the echo come back. */
function echoOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.setEncoding('utf8');
    let got = '';
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 2000);
    s.on('error', () => done(false));
    s.on('close', () => done(false));
    s.on('connect', () => s.write('\x00ping'));
    s.on('data', (d: string) => {
      got += d;
      if (got === 'e\n\x00ping') done(true);
    });
  });
}

describe('native data path out of file descriptors', { skip: native === null ? `native addon not loaded: ${dataPath.detail}` : false }, () => {
  it('EMFILE on accept pauses accepting (no busy loop), is counted, and accepting resumes', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-emfile-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const be = await startEchoServer('e');
    t.after(() => be.close());
    const port = await freePort();
    const adminPort = await freePort();
    const file = path.join(dir, 'plan.json');
    const C = 'svc_9000_tcp';
    // protocol detection with a long timeout: every silent client holds one descriptor in meshc
    await writePlan(file, plan([listener(C, port, { protocol: 'auto', detectionTimeoutMs: 60_000 })], [cluster(C, [{ port: be.port }])]));
    // a hard limit, so that Node cannot raise it at startup
    const child = spawn('bash', ['-c', 'ulimit -n 96 && exec "$0" "$@"', process.execPath, MESHC, 'run', '--plan', file, '--admin', `127.0.0.1:${adminPort}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    t.after(() => child.kill('SIGKILL'));
    await waitFor(async () => (await httpGet(`http://127.0.0.1:${adminPort}/ready`).catch(() => ({ status: 0 }))).status === 200, 15_000, '/ready');

    const clients: net.Socket[] = [];
    t.after(() => clients.forEach((s) => s.destroy()));
    for (let i = 0; i < 150; i++) {
      const s = net.connect({ port, host: '127.0.0.1' });
      s.on('error', () => {});
      clients.push(s);
    }
    await waitFor(() => stderr.includes('cannot accept connections'), 15_000, `EMFILE logged (stderr: ${stderr.slice(-500)})`);
    // out of descriptors, the listening socket stays readable: a level-triggered watch that is
    // not paused spins at 100 % of a core; paused, the process is idle
    const before = await cpuSeconds(child.pid!);
    await new Promise((r) => setTimeout(r, 1500));
    const used = (await cpuSeconds(child.pid!)) - before;
    assert.ok(used < 0.75, `meshc used ${used.toFixed(2)} s of CPU in 1.5 s while out of descriptors`);

    for (const s of clients) s.destroy();
    const text = await waitFor(
      async () => {
        const r = await httpGet(`http://127.0.0.1:${adminPort}/metrics`).catch(() => null);
        return r !== null && r.status === 200 ? r.body : undefined;
      },
      15_000,
      '/metrics once descriptors are free',
    );
    const errors = metricValue(text!, `meshc_listener_accept_errors_total{listener="${listener(C, port).name}"}`)!;
    assert.ok(errors >= 1, `accept errors counted: ${errors}`);

    // accepting resumed: a new connection is detected (plain bytes -> tcp) and proxied. Clients
    // still queued in the backlog are accepted (and fail) meanwhile, so retry until one gets through
    await waitFor(() => echoOnce(port), 15_000, 'an echo through meshc after recovery');
  });
});
