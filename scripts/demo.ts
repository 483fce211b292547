/**
 * `npm start`: compile examples/quickstart, start the demo backends it names on loopback, run
 * `meshc run` on the compiled plan as a child process, and print what to try. Ctrl-C stops all.
 */
import { dataPath } from '../runtime/native/addon.js';
import net from 'node:net';
import dgram from 'node:dgram';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { compile } from '../compiler/index.js';
import { emitPlan } from '../compiler/emit/plan.js';
import type { Plan } from '../schemas/types/plan.gen.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const QUICKSTART = path.join(ROOT, 'examples', 'quickstart');
const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

type Closer = () => Promise<void>;

/** A TCP backend that greets with its name, then echoes every line back prefixed with it. */
function tcpBackend(name: string, address: string, port: number): Promise<Closer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    s.write(`hello from ${name} (${address}:${port}); type a line and it comes back\n`);
    let buf = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        s.write(`${name}: ${buf.slice(0, i)}\n`);
        buf = buf.slice(i + 1);
      }
    });
    s.on('end', () => s.end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new Error(`demo backend ${name} cannot listen on ${address}:${port}: ${e.code}`)));
    server.listen(port, address, () =>
      resolve(async () => {
        for (const s of sockets) s.destroy();
        await new Promise<void>((r) => server.close(() => r()));
      }),
    );
  });
}

/** A UDP backend that answers every datagram with `name: <datagram>`. */
function udpBackend(name: string, address: string, port: number): Promise<Closer> {
  const sock = dgram.createSocket(address.includes(':') ? 'udp6' : 'udp4');
  sock.on('message', (msg, rinfo) => sock.send(Buffer.concat([Buffer.from(`${name}: `), msg]), rinfo.port, rinfo.address));
  return new Promise((resolve, reject) => {
    sock.once('error', (e: NodeJS.ErrnoException) => reject(new Error(`demo backend ${name} cannot bind udp ${address}:${port}: ${e.code}`)));
    sock.bind(port, address, () => resolve(() => new Promise<void>((r) => sock.close(() => r()))));
  });
}

function ready(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    http
      .get({ host: address, port, path: '/ready', timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      })
      .on('error', () => resolve(false));
  });
}

async function main(): Promise<number> {
  console.log(`Compiling ${path.relative(process.cwd(), QUICKSTART) || '.'} ...`);
  const { plans, diagnostics } = await compile([QUICKSTART]);
  for (const d of diagnostics) console.error(`${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`);
  const plan: Plan | undefined = plans[0];
  if (plan === undefined) {
    console.error('the quickstart policy did not compile');
    return 1;
  }

  const closers: Closer[] = [];
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-demo-'));
  const cleanup = async (): Promise<void> => {
    await Promise.all(closers.map((c) => c().catch(() => undefined)));
    await rm(dir, { recursive: true, force: true });
  };

  try {
    // one backend per endpoint of every cluster, named after its service
    for (const c of plan.clusters) {
      if (c.endpoints.type !== 'static') continue;
      let i = 0;
      for (const h of c.endpoints.hosts) {
        const name = `${c.service}-${++i}`;
        closers.push(await (c.transport === 'udp' ? udpBackend(name, h.address, h.port) : tcpBackend(name, h.address, h.port)));
      }
    }
  } catch (err) {
    console.error((err as Error).message);
    await cleanup();
    return 1;
  }

  const planFile = path.join(dir, 'plan.json');
  const logFile = path.join(dir, 'meshc.log');
  await writeFile(planFile, emitPlan(plan));
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'meshc.js'), 'run', '--plan', planFile, '--drain-timeout', '2s'], {
    stdio: ['ignore', 'inherit', 'pipe'],
    // its own process group: the terminal's Ctrl-C reaches only us, and we stop it with one SIGTERM
    detached: true,
  });
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  child.stderr!.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let childDone = false;
  void exited.then(() => (childDone = true));

  const admin = plan.admin;
  const deadline = Date.now() + 15_000;
  while (!(await ready(admin.address, admin.port))) {
    if (childDone || Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      console.error(`meshc run did not become ready; its log:\n${await readFile(logFile, 'utf8').catch(() => '')}`);
      await cleanup();
      return 1;
    }
    await delay(100);
  }

  const a = `${admin.address}:${admin.port}`;
  console.log(`\n${bold('meshc run is up')} (plan ${plan.name}, ${plan.hash.slice(0, 19)}…); logs: ${logFile}`);
  console.log(`data path: ${dataPath.kind} (${dataPath.detail}; docs/native.md)\n`);
  console.log('Try:');
  for (const l of plan.listeners) {
    const c = plan.clusters.find((x) => x.name === l.cluster);
    const what = c ? `${c.service}: ${c.loadBalancer.policy}${c.affinity.type === 'source-ip' ? ', source-ip affinity' : ''}` : 'SNI routes';
    const cmd = l.transport === 'udp' ? `echo hi | nc -u -w1 ${l.address} ${l.port}` : `nc ${l.address} ${l.port}`;
    console.log(`  ${cmd.padEnd(38)} # ${what}${l.transport === 'tcp' ? ' (run it a few times)' : ''}`);
  }
  console.log(`  ${`curl -s ${a}/metrics | grep ^meshc_listener`.padEnd(38)} # Prometheus metrics`);
  console.log(`  ${`curl -s ${a}/clusters`.padEnd(38)} # endpoints, health, active connections`);
  console.log(`  ${`curl -s ${a}/plan`.padEnd(38)} # the plan in force`);
  console.log(`  ${`curl -i ${a}/ready`.padEnd(38)} # readiness`);
  console.log(`  ${`node bin/meshc.js status --admin ${a} --watch`.padEnd(38)} # live table: listeners, clusters, endpoints, rates`);
  console.log('\n(no nc? `node -e "require(\'net\').connect(15001).pipe(process.stdout)"` works too)');
  console.log('Press Ctrl-C to stop.\n');

  const stop = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const why = await Promise.race([stop, exited.then(() => 'exit')]);
  if (why !== 'exit') {
    if (!childDone) child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
  }
  const code = await exited;
  log.end();
  await cleanup();
  if (why === 'exit') {
    console.error(`meshc run exited unexpectedly (code ${code})`);
    return 1;
  }
  console.log('stopped.');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
