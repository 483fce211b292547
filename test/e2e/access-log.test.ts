import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import dgram from 'node:dgram';
import { mkdtemp, readFile, rename, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, spawnCli, type CliProcess } from '../helpers/cli.js';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, httpGet, metricValue, startEchoServer, type TestServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';

type Line = Record<string, unknown> & { type: string; listener: string; downstream: string };

async function lines(file: string): Promise<Line[]> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

/**
 * The `end` line of the connection (or UDP session) from local port `port`. The transport is
 * part of the match: TCP and UDP ephemeral ports are separate spaces, so a UDP client can get the
 * number an earlier TCP connection had (seen in CI: the UDP test found a TCP line).
 */
function endOf(file: string, port: number, what: string, transport: 'tcp' | 'udp' = 'tcp'): Promise<Line> {
  return waitFor(async () => (await lines(file)).find((l) => l.type === 'end' && l.transport === transport && l.downstream === `127.0.0.1:${port}`), 10_000, what);
}

/** The first `end` line of listener `name` that `pred` accepts (for connections reset before the client saw its port). */
function endOn(file: string, name: string, what: string, pred: (l: Line) => boolean = () => true): Promise<Line> {
  return waitFor(async () => (await lines(file)).find((l) => l.type === 'end' && l.listener === name && pred(l)), 10_000, what);
}

/** Connect, send `send`, wait for `expect` bytes, then end (client FIN first); resolves with the local port. */
function exchange(port: number, send: string, expect: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    let got = 0;
    let local = 0;
    s.on('connect', () => {
      local = s.localPort!;
      s.write(send);
    });
    s.on('data', (d: Buffer) => {
      got += d.length;
      if (got >= expect) s.end();
    });
    s.on('error', reject);
    s.on('close', () => resolve(local));
  });
}

/** Connect and wait until the proxy closes the connection (refused, reset or upstream close). */
function closedBy(port: number): Promise<void> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.on('error', () => undefined);
    s.resume();
    s.on('close', () => resolve());
  });
}

const PORTS = 8;

describe(`meshc run --access-log (data path: ${process.env.MESHC_NATIVE === '0' ? 'js' : 'native'})`, () => {
  let dir = '';
  let file = '';
  let proc: CliProcess;
  let admin = '';
  let echo: TestServer;
  let bye: net.Server;
  let byePort = 0;
  let udpEcho: dgram.Socket;
  const ports: number[] = [];
  const dead: number[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'meshc-alog-'));
    file = path.join(dir, 'access.log');
    echo = await startEchoServer('a');
    // an upstream that speaks first and closes first
    bye = net.createServer((s) => {
      s.on('error', () => undefined);
      s.end('bye\n');
    });
    await new Promise<void>((r) => bye.listen(0, '127.0.0.1', () => r()));
    byePort = (bye.address() as net.AddressInfo).port;
    udpEcho = dgram.createSocket('udp4');
    udpEcho.on('message', (m, r) => udpEcho.send(m, r.port, r.address));
    await new Promise<void>((r) => udpEcho.bind(0, '127.0.0.1', () => r()));
    for (let i = 0; i < PORTS; i++) ports.push(await freePort());
    dead.push(await freePort(), await freePort());
    const adminPort = await freePort();
    admin = `http://127.0.0.1:${adminPort}`;
    const conn = { connectTimeoutMs: 2000, idleTimeoutMs: 3_600_000, maxConnections: 1024, connectAttempts: 1 };
    const clusters = [
      cluster('echo', [{ port: echo.port }]),
      cluster('bye', [{ port: byePort }]),
      cluster('deadone', [{ port: dead[0]! }], { connection: conn }),
      cluster('deadtwo', [{ port: dead[0]! }, { port: dead[1]! }], { connection: { ...conn, connectAttempts: 2 } }),
      cluster('small', [{ port: echo.port }], { connection: { ...conn, maxConnections: 1 } }),
      cluster('idle', [{ port: echo.port }], { connection: { ...conn, idleTimeoutMs: 300 } }),
      cluster('udp', [{ port: udpEcho.address().port }], { transport: 'udp', protocol: 'udp', connection: { ...conn, idleTimeoutMs: 300 } }),
    ];
    const names = ['echo', 'bye', 'deadone', 'deadtwo', 'small', 'idle', 'udp'];
    const listeners = names.map((n, i) => listener(n, ports[i]!, { name: n, ...(n === 'udp' ? { transport: 'udp', protocol: 'udp' } : {}) }));
    const planFile = path.join(dir, 'plan.json');
    await writePlan(planFile, plan(listeners, clusters, { admin: { address: '127.0.0.1', port: adminPort } }));
    proc = spawnCli(['run', '--plan', planFile, '--access-log', file, '--access-log-flush-interval', '200ms']);
    await waitFor(async () => (await httpGet(`${admin}/ready`).catch(() => ({ status: 0 }))).status === 200, 15_000, `ready (stderr: ${proc.stderr()})`);
  });

  after(async () => {
    proc.kill();
    await Promise.all([echo.close(), new Promise((r) => bye.close(r)), new Promise((r) => udpEcho.close(() => r(undefined)))]);
    await rm(dir, { recursive: true, force: true });
  });

  it('counts bytes both ways; the client closing first is downstream_close', async () => {
    // greeting "a\n" (2) + the echo of "hello" (5) come back
    const local = await exchange(ports[0]!, 'hello', 7);
    const l = await endOf(file, local, 'end line of the echo connection');
    assert.equal(l.listener, 'echo');
    assert.equal(l.cluster, 'echo');
    assert.equal(l.transport, 'tcp');
    assert.equal(l.upstream, `127.0.0.1:${echo.port}`);
    assert.equal(l.bytesReceived, 5);
    assert.equal(l.bytesSent, 7);
    assert.equal(l.attempts, 1);
    assert.equal(l.flags, '-');
    assert.equal(l.termination, 'downstream_close');
    assert.ok(!Number.isNaN(Date.parse(l.start as string)) && (l.start as string).endsWith('Z'), `ISO-8601 start: ${l.start}`);
    assert.equal(typeof l.durationMs, 'number');
  });

  it('the upstream closing first is upstream_close', async () => {
    await closedBy(ports[1]!);
    const l = await endOn(file, 'bye', 'end line of the bye connection');
    assert.equal(l.termination, 'upstream_close');
    assert.equal(l.bytesSent, 4);
    assert.equal(l.bytesReceived, 0);
  });

  it('a refused connect is UF; attempts exhausted are URX (with UF)', async () => {
    await closedBy(ports[2]!);
    const one = await endOn(file, 'deadone', 'UF line');
    assert.equal(one.flags, 'UF');
    assert.equal(one.termination, 'reset');
    assert.equal(one.upstream, `127.0.0.1:${dead[0]}`);
    assert.equal(one.attempts, 1);
    await closedBy(ports[3]!);
    const two = await endOn(file, 'deadtwo', 'URX line');
    assert.equal(two.flags, 'UF,URX');
    assert.equal(two.attempts, 2);
    assert.ok([`127.0.0.1:${dead[0]}`, `127.0.0.1:${dead[1]}`].includes(two.upstream as string));
  });

  it('a connection over maxConnections is UO with no upstream; a long-lived one gets periodic lines', async () => {
    const held = net.connect({ port: ports[4]!, host: '127.0.0.1' });
    held.on('error', () => undefined);
    let echoed = '';
    held.setEncoding('utf8').on('data', (d: string) => (echoed += d));
    await waitFor(() => echoed === 'a\n', 5000, 'greeting on the held connection');
    held.write('0123456789');
    await waitFor(() => echoed.length === 12, 5000, 'echo on the held connection');
    await closedBy(ports[4]!);
    const over = await endOn(file, 'small', 'UO line', (l) => l.flags !== '-');
    assert.equal(over.flags, 'UO');
    assert.equal(over.cluster, 'small');
    assert.equal(over.upstream, null);
    assert.equal(over.attempts, 0);
    // running totals while it is still open
    const p = await waitFor(
      async () => (await lines(file)).find((l) => l.type === 'periodic' && l.downstream === `127.0.0.1:${held.localPort}` && l.bytesReceived === 10),
      10_000,
      'periodic line with running totals',
    );
    assert.equal(p.bytesSent, 12);
    assert.equal(p.termination, undefined);
    held.end();
    const end = await endOf(file, held.localPort!, 'end line of the held connection');
    assert.equal(end.bytesReceived, 10);
  });

  it('an idle connection ends with idle_timeout', async () => {
    await closedBy(ports[5]!);
    const l = await endOn(file, 'idle', 'idle line');
    assert.equal(l.termination, 'idle_timeout');
    assert.equal(l.bytesSent, 2);
  });

  it('a UDP session writes a line when it ends', async () => {
    const c = dgram.createSocket('udp4');
    await new Promise<void>((r) => c.bind(0, '127.0.0.1', () => r()));
    const got = new Promise<Buffer>((r) => c.once('message', (m) => r(m)));
    c.send('ping!', ports[6]!, '127.0.0.1');
    assert.equal((await got).toString(), 'ping!');
    const l = await endOf(file, c.address().port, 'udp session line', 'udp');
    c.close();
    assert.equal(l.transport, 'udp');
    assert.equal(l.listener, 'udp');
    assert.equal(l.termination, 'idle_timeout');
    assert.equal(l.bytesReceived, 5);
    assert.equal(l.bytesSent, 5);
    assert.equal(l.upstream, `127.0.0.1:${udpEcho.address().port}`);
  });

  it('a live UDP session gets periodic lines', async () => {
    const c = dgram.createSocket('udp4');
    await new Promise<void>((r) => c.bind(0, '127.0.0.1', () => r()));
    const local = c.address().port;
    // keep it busier than its 300 ms idle timeout until a periodic line shows up
    const timer = setInterval(() => c.send('tick', ports[6]!, '127.0.0.1'), 100);
    try {
      const p = await waitFor(async () => (await lines(file)).find((l) => l.type === 'periodic' && l.transport === 'udp' && l.downstream === `127.0.0.1:${local}`), 10_000, 'periodic udp line');
      assert.equal(p.listener, 'udp');
      assert.ok((p.bytesReceived as number) >= 4 && (p.bytesReceived as number) % 4 === 0, `running total ${p.bytesReceived}`);
    } finally {
      clearInterval(timer);
      c.close();
    }
  });

  it('reopens the file on SIGUSR1 after a rename (logrotate)', async () => {
    const rotated = file + '.1';
    await rename(file, rotated);
    proc.child.kill('SIGUSR1');
    // the reopen happens between two writes: new connections land in a fresh file at PATH
    const local = await waitFor(async () => {
      const p = await exchange(ports[0]!, 'x', 3);
      return (await waitFor(async () => (await lines(file)).length > 0 || (await lines(rotated)).some((l) => l.downstream === `127.0.0.1:${p}`), 5000)) && (await lines(file)).some((l) => l.downstream === `127.0.0.1:${p}`) ? p : null;
    }, 10_000, 'a line in the reopened file');
    assert.ok(local > 0);
    assert.ok((await lines(rotated)).some((l) => l.listener === 'echo'), 'older lines stay in the rotated file');
    assert.equal(proc.child.exitCode, null);
  });

  it('a destination that fails at run time drops and counts lines; the proxy goes on', async () => {
    // the file is swapped for a full device and reopened: every write fails with ENOSPC
    await rename(file, file + '.2');
    await symlink('/dev/full', file);
    proc.child.kill('SIGUSR1');
    const dropped = async (): Promise<number> => metricValue((await httpGet(`${admin}/metrics`)).body, 'meshc_access_log_dropped_total') ?? 0;
    await waitFor(async () => {
      await exchange(ports[0]!, 'y', 3);
      return (await dropped()) > 0;
    }, 15_000, 'dropped lines counted');
    assert.equal(await exchange(ports[0]!, 'zz', 4).then(() => 'ok'), 'ok', 'still proxying');
    assert.equal(proc.child.exitCode, null, 'no crash');
    const m = (await httpGet(`${admin}/metrics`)).body;
    assert.ok((metricValue(m, 'meshc_access_log_write_errors_total') ?? 0) > 0);
    assert.match(m, /meshc_listener_connection_duration_seconds_bucket\{listener="echo",le="\+Inf"\} [1-9]/);
    assert.match(m, /meshc_build_info\{version="[^"]+",data_path="(native|js)"\} 1/);
  });
});

describe(`meshc run --access-log stdout (data path: ${process.env.MESHC_NATIVE === '0' ? 'js' : 'native'})`, () => {
  it('keeps stdout clean JSON lines, one per connection; a connection cut by the drain deadline is drain_timeout', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-alog-'));
    const echo = await startEchoServer('a');
    t.after(() => Promise.all([echo.close(), rm(dir, { recursive: true, force: true })]));
    const port = await freePort();
    const adminPort = await freePort();
    const planFile = path.join(dir, 'plan.json');
    await writePlan(planFile, plan([listener('echo', port, { name: 'echo' })], [cluster('echo', [{ port: echo.port }])], { admin: { address: '127.0.0.1', port: adminPort } }));
    const proc = spawnCli(['run', '--plan', planFile, '--access-log', 'stdout', '--drain-timeout', '300ms']);
    t.after(() => proc.kill());
    await waitFor(async () => (await httpGet(`http://127.0.0.1:${adminPort}/ready`).catch(() => ({ status: 0 }))).status === 200, 15_000, `ready (stderr: ${proc.stderr()})`);
    const locals = [await exchange(port, 'one', 5), await exchange(port, 'three', 7)];
    await waitFor(() => proc.stdout().split('\n').length > 2, 10_000, 'two lines on stdout');
    // still open at shutdown: the drain deadline closes it
    const held = net.connect({ port, host: '127.0.0.1' });
    held.on('error', () => undefined);
    let greeting = '';
    held.setEncoding('utf8').on('data', (d: string) => (greeting += d));
    await waitFor(() => greeting === 'a\n', 5000, 'greeting on the held connection');
    const heldPort = held.localPort!;
    proc.child.kill('SIGTERM');
    assert.equal(await proc.exited, 0, proc.stderr());
    held.destroy();
    const out = proc.stdout().split('\n').filter((l) => l !== '');
    assert.equal(out.length, 3, proc.stdout());
    const parsed = out.map((l) => JSON.parse(l) as Line);
    const drained = parsed.filter((l) => l.termination === 'drain_timeout');
    assert.equal(drained.length, 1, proc.stdout());
    assert.equal(drained[0]!.downstream, `127.0.0.1:${heldPort}`);
    const closed = parsed.filter((l) => l.termination !== 'drain_timeout');
    assert.deepEqual(closed.map((l) => l.downstream).sort(), locals.map((p) => `127.0.0.1:${p}`).sort());
    assert.deepEqual(closed.map((l) => l.bytesReceived).sort(), [3, 5]);
    // the process log stays on stderr
    assert.match(proc.stderr(), /"msg":"ready"/);
  });
});

describe('meshc run --access-log with --workers 2', () => {
  it('every worker writes whole lines to the same file, and reopens it on the SIGUSR1 the primary forwards', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-alog-'));
    const echo = await startEchoServer('a');
    t.after(() => Promise.all([echo.close(), rm(dir, { recursive: true, force: true })]));
    const port = await freePort();
    const adminPort = await freePort();
    const file = path.join(dir, 'access.log');
    const planFile = path.join(dir, 'plan.json');
    await writePlan(planFile, plan([listener('echo', port, { name: 'echo' })], [cluster('echo', [{ port: echo.port }])], { admin: { address: '127.0.0.1', port: adminPort } }));
    const proc = spawnCli(['run', '--plan', planFile, '--workers', '2', '--access-log', file]);
    t.after(() => proc.kill());
    await waitFor(async () => (await httpGet(`http://127.0.0.1:${adminPort}/ready`).catch(() => ({ status: 0 }))).status === 200, 20_000, `ready (stderr: ${proc.stderr()})`);
    const locals: number[] = [];
    for (let i = 0; i < 20; i++) locals.push(await exchange(port, 'ping', 6));
    await waitFor(async () => (await lines(file)).length === 20, 10_000, '20 lines');
    assert.deepEqual((await lines(file)).map((l) => l.downstream).sort(), locals.map((p) => `127.0.0.1:${p}`).sort());
    const m = (await httpGet(`http://127.0.0.1:${adminPort}/metrics`)).body;
    assert.equal(metricValue(m, 'meshc_access_log_lines_total'), 20, 'the primary sums the workers');
    assert.match(m, /meshc_build_info\{version="[^"]+",data_path="[a-z]+"\} 1\n/);

    await rename(file, file + '.1');
    proc.child.kill('SIGUSR1');
    await waitFor(async () => {
      await exchange(port, 'again', 7);
      return (await lines(file)).length >= 4;
    }, 15_000, 'lines in the reopened file');
    proc.child.kill('SIGTERM');
    assert.equal(await proc.exited, 0, proc.stderr());
  });
});

describe('meshc run --access-log flags', () => {
  it('rejects bad values as usage errors, and an unopenable path at startup', async () => {
    const bad = await runCli(['run', '--plan', 'x.json', '--access-log-flush-interval', '10s']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--access-log-flush-interval needs --access-log/);
    const dur = await runCli(['run', '--plan', 'x.json', '--access-log', 'stdout', '--access-log-flush-interval', 'soon']);
    assert.equal(dur.code, 2);
    assert.match(dur.stderr, /--access-log-flush-interval must be a positive duration/);
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-alog-'));
    try {
      const r = await runCli(['run', '--plan', 'x.json', '--access-log', path.join(dir, 'no', 'such', 'dir', 'a.log')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /meshc run: cannot open the access log .*a\.log: ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
