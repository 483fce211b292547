/**
 * The image, without a Docker engine: the repository's Dockerfile is parsed and its steps are
 * replayed in a clean temporary directory standing in for each stage's filesystem (COPY from the
 * checkout or the build stage, WORKDIR, ENV, the RUN steps), then the image's ENTRYPOINT runs
 * as its USER (uid 1337, through setpriv) from a read-only copy: `meshc --version` and a short
 * `meshc run` that proxies a TCP connection and answers /ready on the health port.
 *
 * Every RUN step must be one the replay knows; a new or changed step fails the test until the
 * replay learns it, so the Dockerfile and this test cannot drift apart. Two steps are replayed
 * differently, and say so: the build stage's `npm ci` (dev dependencies) links the checkout's
 * node_modules, installed from the same package-lock.json; OS packages (apt-get) are the base
 * image's business. The production `npm ci --omit=dev --ignore-scripts` really runs (against the
 * npm registry, --prefer-offline), as do the addon build and tsc.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, httpGet, readGreeting, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { copyArgs, parseDockerfile, shellSteps, type Stage } from './dockerfile.js';

interface StageFs {
  root: string;
  cwd: string;
  env: Record<string, string>;
  user: string | null;
  entrypoint: string[] | null;
  aptPackages: string[];
}

/** Run a command to completion; rejects with its output when it fails. */
function exec(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out.slice(-3000)}`))));
  });
}

/** .dockerignore patterns -> a predicate on paths relative to the context (the checkout). */
async function dockerignore(): Promise<(rel: string) => boolean> {
  const pats = (await readFile(path.join(ROOT, '.dockerignore'), 'utf8'))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((p) => new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(?:.*/)?').replace(/\*/g, '[^/]*') + '(?:/.*)?$'));
  return (rel) => pats.some((re) => re.test(rel));
}

async function replayStage(stage: Stage, fsRoot: string, stages: Map<string, string>, ignored: (rel: string) => boolean, t: { diagnostic(m: string): void }): Promise<StageFs> {
  const s: StageFs = { root: fsRoot, cwd: '/', env: {}, user: null, entrypoint: null, aptPackages: [] };
  const host = (p: string): string => path.join(fsRoot, path.posix.resolve(s.cwd, p));
  await mkdir(fsRoot, { recursive: true, mode: 0o755 });
  for (const ins of stage.instructions) {
    const where = `Dockerfile:${ins.line}`;
    switch (ins.op) {
      case 'WORKDIR':
        s.cwd = path.posix.resolve(s.cwd, ins.args);
        await mkdir(host('.'), { recursive: true, mode: 0o755 });
        break;
      case 'ENV': {
        const m = /^(\w+)=(\S+)$/.exec(ins.args);
        assert.ok(m, `${where}: ENV KEY=VALUE expected`);
        s.env[m[1]!] = m[2]!;
        break;
      }
      case 'COPY': {
        const c = copyArgs(ins.args);
        const srcRoot = c.from === null ? ROOT : stages.get(c.from);
        assert.ok(srcRoot, `${where}: unknown stage ${c.from}`);
        const toDir = c.dest.endsWith('/') || c.sources.length > 1;
        for (const src of c.sources) {
          const rel = c.from === null ? src : src.replace(/^\//, '');
          const dir = path.join(srcRoot, path.dirname(rel));
          const base = path.basename(rel);
          const names = base.includes('*')
            ? (await import('node:fs/promises').then((f) => f.readdir(dir))).filter((n) => new RegExp('^' + base.replace(/\./g, '\\.').replace(/\*/g, '.*') + '$').test(n)).sort()
            : [base];
          assert.ok(names.length > 0, `${where}: ${src} matches nothing`);
          for (const n of names) {
            const from = path.join(dir, n);
            const to = toDir ? path.join(host(c.dest), n) : host(c.dest);
            assert.ok(await stat(from).catch(() => null), `${where}: COPY source ${src} does not exist`);
            await mkdir(path.dirname(to), { recursive: true, mode: 0o755 });
            await cp(from, to, {
              recursive: true,
              filter: (f) => c.from !== null || !ignored(path.relative(ROOT, f).split(path.sep).join('/')),
            });
          }
        }
        break;
      }
      case 'RUN':
        for (const step of shellSteps(ins.args)) {
          const t0 = Date.now();
          await replayRun(step, s, host, where, t);
          t.diagnostic(`${where}: ${step} (${Date.now() - t0} ms)`);
        }
        break;
      case 'USER':
        s.user = ins.args;
        break;
      case 'ENTRYPOINT':
        s.entrypoint = JSON.parse(ins.args) as string[];
        break;
      case 'LABEL':
      case 'EXPOSE':
      case 'CMD':
        break;
      default:
        assert.fail(`${where}: instruction ${ins.op} is not replayed; teach test/kubernetes/dockerfile.test.ts`);
    }
  }
  return s;
}

async function replayRun(step: string, s: StageFs, host: (p: string) => string, where: string, t: { diagnostic(m: string): void }): Promise<void> {
  const cwd = host('.');
  const env = { ...process.env, ...s.env };
  let m: RegExpExecArray | null;
  if (/^npm ci --ignore-scripts\b/.test(step)) {
    // dev dependencies for the build: the checkout's, installed from the same lock file
    assert.ok((await readFile(path.join(cwd, 'package-lock.json'))).equals(await readFile(path.join(ROOT, 'package-lock.json'))));
    await symlink(path.join(ROOT, 'node_modules'), path.join(cwd, 'node_modules'), 'dir');
    t.diagnostic(`${where}: ${step} -> the checkout's node_modules`);
  } else if (/^npm ci --omit=dev --ignore-scripts\b/.test(step)) {
    try {
      await exec('npm', [...step.split(' ').slice(1), '--prefer-offline'], { cwd, env });
    } catch (err) {
      assert.fail(`${where}: ${step} failed; it needs the npm registry (or a warm npm cache) to be reachable.\n${(err as Error).message}`);
    }
  } else if (/^npm cache clean\b/.test(step)) {
    t.diagnostic(`${where}: ${step} skipped (it would empty this machine's npm cache; image size only)`);
  } else if (step === 'npm run install' || step === 'node scripts/bundle-run.mjs' || /^npx tsc -p tsconfig\.json$/.test(step)) {
    const [cmd, ...args] = step.split(' ');
    await exec(cmd!, args, { cwd, env });
  } else if ((m = /^test -f (\S+)$/.exec(step))) {
    assert.ok((await stat(host(m[1]!)).catch(() => null))?.isFile(), `${where}: ${m[1]} was not built`);
  } else if ((m = /^apt-get install (?:-\S+ )*(.+)$/.exec(step))) {
    s.aptPackages.push(...m[1]!.split(' '));
  } else if (step === 'apt-get update' || step === 'rm -rf /var/lib/apt/lists/*') {
    // OS packages come with the base image; nothing to replay
  } else if ((m = /^ln -s (\/\S+) (\/\S+)$/.exec(step))) {
    await mkdir(path.dirname(host(m[2]!)), { recursive: true, mode: 0o755 });
    await symlink(host(m[1]!), host(m[2]!));
  } else {
    assert.fail(`${where}: RUN step ${JSON.stringify(step)} is not replayed; teach test/kubernetes/dockerfile.test.ts`);
  }
}

test('the image (Dockerfile replayed without Docker): production install, addon, tsc; meshc --version and meshc run as uid 1337 from a read-only copy', { timeout: 300_000 }, async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root: the image runs as uid 1337, and only root can switch to it (setpriv)');
    return;
  }
  const stages = parseDockerfile(await readFile(path.join(ROOT, 'Dockerfile'), 'utf8'));
  assert.equal(stages.length, 2, 'a build stage and the runtime stage');
  const [build, final] = stages as [Stage, Stage];
  assert.equal(build.name, 'build');
  assert.match(build.from, /^node:24-bookworm(-slim)?$/);
  assert.equal(final.from, 'node:24-bookworm-slim');
  const steps = (st: Stage): string[] => st.instructions.filter((i) => i.op === 'RUN').flatMap((i) => shellSteps(i.args));
  assert.ok(steps(final).some((c) => /^npm ci --omit=dev --ignore-scripts\b/.test(c)), 'production dependencies only');
  assert.ok(!final.instructions.some((i) => i.op === 'COPY' && /node_modules/.test(i.args)), 'no node_modules copied into the runtime stage');

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'meshc-image-'));
  await chmod(tmp, 0o755); // uid 1337 must traverse it
  const backend = await startEchoServer('A');
  t.after(async () => {
    await backend.close();
    await exec('chmod', ['-R', 'u+w', tmp], { cwd: '/' }).catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
  });
  const ignored = await dockerignore();
  const named = new Map<string, string>();
  const buildFs = await replayStage(build, path.join(tmp, 'build'), named, ignored, t);
  named.set('build', buildFs.root);
  const img = await replayStage(final, path.join(tmp, 'image'), named, ignored, t);
  assert.equal(img.user, '1337:1337');
  assert.deepEqual(img.entrypoint, ['meshc']);
  assert.ok(img.aptPackages.includes('iptables'), 'iptables for meshc-init');
  assert.ok(!(await stat(path.join(img.root, 'opt/meshc/node_modules/typescript')).catch(() => null)), 'no dev dependencies in the image');
  assert.ok(!(await stat(path.join(img.root, 'opt/meshc/test')).catch(() => null)));

  // read-only, readable by others: as a pod with readOnlyRootFilesystem sees it
  await exec('chmod', ['-R', 'a-w,a+rX', img.root], { cwd: '/' });
  const etc = path.join(tmp, 'etc-meshc');
  await mkdir(etc, { mode: 0o755 });
  const [tcpPort, healthPort, adminPort] = [await freePort(), await freePort(), await freePort()];
  await writeFile(path.join(etc, 'plan.json'), JSON.stringify(plan([listener('svc_80_tcp', tcpPort)], [cluster('svc_80_tcp', [{ port: backend.port }])]), null, 2) + '\n', { mode: 0o644 });

  const [uid, gid] = img.user!.split(':');
  const entry = path.join(img.root, 'usr/local/bin', img.entrypoint![0]!);
  const env = { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, ...img.env };
  const asUser = [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', entry];
  const version = await exec('setpriv', [...asUser, '--version'], { cwd: '/', env });
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.trim(), `meshc ${pkg.version}`);

  const child = spawn('setpriv', [...asUser, 'run', '--plan', path.join(etc, 'plan.json'), '--admin', `127.0.0.1:${adminPort}`, '--health', `127.0.0.1:${healthPort}`], { cwd: '/', env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  t.after(() => {
    child.kill('SIGKILL');
  });
  await waitFor(async () => (await httpGet(`http://127.0.0.1:${healthPort}/ready`).catch(() => ({ status: 0 }))).status === 200, 20_000, `ready (stderr: ${stderr})`);
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  assert.match(status, new RegExp(`^Uid:\\s+${uid}\\s+${uid}\\s+${uid}\\s+${uid}$`, 'm'), 'runs as the image USER');
  assert.equal(await readGreeting(tcpPort), 'A', 'a TCP connection is proxied');
  assert.match(stderr, /"dataPath":"native"/, 'the image carries the native addon');
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);
});
