/**
 * `meshc run` from the build's one-file bundle (scripts/bundle-run.mjs): used only while it
 * matches dist/, and the same sidecar as dist/ module by module. Runs in a copy of the package
 * (bin, dist/{cli,runtime,schemas}, package.json, the script) so it can break files freely.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { freePort } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';
import { cluster, listener } from '../helpers/plan.js';
import { planHash } from '../../schemas/plan-hash.js';
import type { Plan } from '../../schemas/types/plan.gen.js';

function copyPackage(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshc-bundle-'));
  for (const p of ['bin', 'dist/cli', 'dist/compiler', 'dist/runtime', 'dist/schemas', 'scripts/bundle-run.mjs', 'package.json', 'schemas']) {
    cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  if (existsSync(path.join(ROOT, 'build'))) symlinkSync(path.join(ROOT, 'build'), path.join(dir, 'build'));
  return dir;
}

function meshc(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(dir, 'bin/meshc.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function get(url: string): Promise<{ status: number; body: string }> {
  try {
    const r = await fetch(url);
    return { status: r.status, body: await r.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

/** Start `meshc run` in `dir` on a one-listener plan; the /metrics text once /ready is 200. */
async function runAndScrape(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const admin = await freePort();
  const plan: Plan = {
    apiVersion: 'meshc.dev/v1alpha1',
    kind: 'Plan',
    name: 'bundle',
    hash: '',
    admin: { address: '127.0.0.1', port: admin },
    listeners: [listener('svc_1_tcp', await freePort())],
    clusters: [cluster('svc_1_tcp', [{ port: await freePort() }])],
    interception: { mode: 'none' },
  };
  plan.hash = planHash(plan);
  const file = path.join(dir, `plan-${admin}.json`);
  writeFileSync(file, JSON.stringify(plan));
  const child = spawn(process.execPath, [path.join(dir, 'bin/meshc.js'), 'run', '--plan', file, '--log-level', 'warn'], { stdio: 'ignore', env: { ...process.env, ...env } });
  try {
    await waitFor(async () => (await get(`http://127.0.0.1:${admin}/ready`)).status === 200, 60_000, 'meshc run /ready');
    return (await get(`http://127.0.0.1:${admin}/metrics`)).body;
  } finally {
    child.kill('SIGKILL');
  }
}

test('meshc run uses the bundle only while it matches dist/, and runs the same sidecar from it', async () => {
  const dir = copyPackage();
  try {
    const built = spawnSync(process.execPath, [path.join(dir, 'scripts/bundle-run.mjs')], { encoding: 'utf8', cwd: dir });
    assert.equal(built.status, 0, built.stderr);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'dist/bundle/run/manifest.json'), 'utf8')) as { entry: string; inputs: [string, number, number][] };
    assert.ok(manifest.inputs.some(([f]) => f === 'dist/cli/commands/run.js'), 'the manifest lists run.js');

    // the same metrics (version label included: build-info finds package.json from the bundle)
    const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    const bundled = await runAndScrape(dir, {});
    const modules = await runAndScrape(dir, { MESHC_BUNDLE: '0' });
    const info = (m: string): string | undefined => m.split('\n').find((l) => l.startsWith('meshc_build_info{'));
    assert.match(info(bundled) ?? '', new RegExp(`version="${version.replace(/\./g, '\\.')}"`));
    assert.equal(info(bundled), info(modules));
    const families = (m: string): string[] => m.split('\n').filter((l) => l.startsWith('# TYPE ')).sort();
    assert.deepEqual(families(bundled), families(modules));

    // a fresh bundle is what runs: break it and `meshc run --help` fails...
    const entry = path.join(dir, 'dist/bundle/run', manifest.entry);
    writeFileSync(entry, "throw new Error('bundle-marker');\n");
    const broken = meshc(dir, ['run', '--help']);
    assert.notEqual(broken.code, 0);
    assert.match(broken.stderr, /bundle-marker/);
    // ...unless MESHC_BUNDLE=0 asks for dist/
    const off = meshc(dir, ['run', '--help'], { MESHC_BUNDLE: '0' });
    assert.equal(off.code, 0, off.stderr);
    assert.match(off.stdout, /^Usage: meshc run --plan FILE/);
    // a newer dist/ file (a later tsc) makes it stale: dist/ runs
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(dir, 'dist/runtime/runtime.js'), later, later);
    const stale = meshc(dir, ['run', '--help']);
    assert.equal(stale.code, 0, stale.stderr);
    assert.match(stale.stdout, /^Usage: meshc run --plan FILE/);
    // other commands never use it
    assert.equal(meshc(dir, ['--version']).stdout, `meshc ${version}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('meshc compile from its bundle writes the same files as from dist/', () => {
  const dir = copyPackage();
  try {
    const built = spawnSync(process.execPath, [path.join(dir, 'scripts/bundle-run.mjs')], { encoding: 'utf8', cwd: dir });
    assert.equal(built.status, 0, built.stderr);
    assert.ok(existsSync(path.join(dir, 'dist/bundle-compile/manifest.json')));
    const outputs = (env: NodeJS.ProcessEnv, out: string): Record<string, string> => {
      const r = meshc(dir, ['compile', path.join(ROOT, 'examples/shop'), '--out', path.join(dir, out), '--target', 'runtime,envoy,iptables,configmap'], env);
      assert.equal(r.code, 0, r.stderr);
      const files: Record<string, string> = {};
      const walk = (d: string): void => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(path.join(d, e.name));
          else files[path.relative(path.join(dir, out), path.join(d, e.name))] = readFileSync(path.join(d, e.name), 'utf8');
        }
      };
      walk(path.join(dir, out));
      return files;
    };
    const bundled = outputs({}, 'out-bundle');
    assert.ok(Object.keys(bundled).some((f) => f.endsWith('envoy.yaml')), Object.keys(bundled).join(' '));
    assert.deepEqual(bundled, outputs({ MESHC_BUNDLE: '0' }, 'out-dist'));
    // the bundle is what ran: broken, compile fails
    writeFileSync(path.join(dir, 'dist/bundle-compile/meshc-compile.js'), "throw new Error('bundle-marker');\n");
    const broken = meshc(dir, ['compile', '--help']);
    assert.notEqual(broken.code, 0);
    assert.match(broken.stderr, /bundle-marker/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
