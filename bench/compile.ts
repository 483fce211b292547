/**
 * Compile-time benchmark: generates 100 / 1,000 / 10,000 Services (plus one Sidecar reaching
 * all of them) in a temp dir and times `compile()` on each. Target: 10,000 services in under
 * 2 s, growing linearly. Run: `node dist/bench/compile.js [--sizes 100,1000,10000] [--runs 3]`.
 * A last row times `meshc diff` (the CLI, as CI runs it) of the largest size against a copy in
 * which 1 % of the services changed; target under 3 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../compiler/index.js';

/** YAML for service number `i` (a mix of the policy features users write). */
function serviceYaml(i: number, changed = false): string {
  const name = `svc-${i}`;
  if (changed) return serviceYaml(i).replace(/\.1 \}/, '.9 }').replace('idleTimeout: 30m', 'idleTimeout: 20m');
  const port = 10000 + i;
  const ep =
    i % 5 === 0
      ? `  endpoints:\n    dns:\n      name: ${name}.shop.svc.cluster.local\n`
      : `  endpoints:\n    static:\n      - { address: 10.${(i >> 8) & 255}.${i & 255}.1 }\n      - { address: 10.${(i >> 8) & 255}.${i & 255}.2, weight: 2 }\n`;
  return (
    `apiVersion: meshc.dev/v1alpha1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n` +
    `  ports:\n    - name: main\n      port: ${port}\n      protocol: ${i % 7 === 0 ? 'udp' : 'tcp'}\n` +
    ep +
    `  loadBalancer:\n    policy: ${i % 2 ? 'least-connections' : 'round-robin'}\n` +
    (i % 3 === 0 ? `  affinity:\n    type: source-ip\n    ttl: 10m\n` : '') +
    `  connection:\n    connectTimeout: 2s\n    idleTimeout: 30m\n`
  );
}

/** Write `n` services, 100 documents per file, and a sidecar reaching every one of them. */
async function generate(dir: string, n: number, changedEvery = 0): Promise<void> {
  await mkdir(dir, { recursive: true });
  const perFile = 100;
  for (let f = 0; f * perFile < n; f++) {
    const docs: string[] = [];
    for (let i = f * perFile; i < Math.min(n, (f + 1) * perFile); i++) docs.push(serviceYaml(i, changedEvery > 0 && i % changedEvery === 1));
    await writeFile(path.join(dir, `services-${String(f).padStart(4, '0')}.yaml`), docs.join('---\n'));
  }
  let sc = 'apiVersion: meshc.dev/v1alpha1\nkind: Sidecar\nmetadata:\n  name: bench\nspec:\n  admin: 127.0.0.1:9901\n  outbound:\n';
  for (let i = 0; i < n; i++) sc += `    - service: svc-${i}\n`;
  await writeFile(path.join(dir, 'sidecar.yaml'), sc);
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
}

const sizes = arg('--sizes', '100,1000,10000').split(',').map(Number);
const runs = Number(arg('--runs', '3'));
const root = await mkdtemp(path.join(tmpdir(), 'meshc-bench-compile-'));
try {
  await compile([path.join(root, 'nothing')]); // load ajv & modules once, outside the timings
  // CPU time is reported too: on a shared machine wall time mostly measures the neighbours.
  console.log('services   wall best ms   wall median ms   cpu best ms   cpu us/service');
  for (const n of sizes) {
    const dir = path.join(root, String(n));
    await generate(dir, n);
    const times: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      const res = await compile([dir]);
      const c = process.cpuUsage(c0);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      cpu.push((c.user + c.system) / 1000);
      const errors = res.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length || res.plans.length !== 1) throw new Error(`bench policy did not compile: ${JSON.stringify(errors.slice(0, 3))}`);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const best = times[0]!;
    const median = times[Math.floor(times.length / 2)]!;
    const cpuBest = cpu[0]!;
    console.log(
      `${String(n).padStart(8)} ${best.toFixed(0).padStart(14)} ${median.toFixed(0).padStart(16)} ${cpuBest.toFixed(0).padStart(13)} ${((cpuBest * 1000) / n).toFixed(1).padStart(16)}`,
    );
  }
  // `meshc diff` of the largest policy against a copy with 1 % of its services changed.
  const n = Math.max(...sizes);
  const head = path.join(root, `${n}-head`);
  await generate(head, n, 100);
  const bin = fileURLToPath(new URL('../../bin/meshc.js', import.meta.url));
  const times: number[] = [];
  let summary = '';
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(process.execPath, [bin, 'diff', path.join(root, String(n)), head, '--format', 'markdown'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (p.status !== 0) throw new Error(`meshc diff failed (${p.status}): ${p.stderr.slice(0, 500)}`);
    summary = p.stdout.split('\n')[2] ?? '';
  }
  times.sort((a, b) => a - b);
  console.log(`diff ${n} vs 1 % changed (meshc diff CLI): wall best ${times[0]!.toFixed(0)} ms, median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms; ${summary}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
