import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli, spawnCli, type CliProcess } from './cli.js';
import { httpGet } from './net.js';
import { waitFor } from './wait.js';

/** One sidecar of a compiled mesh to start: its name, admin port and extra `meshc run` flags. */
export interface MeshSidecar {
  name: string;
  adminPort: number;
  args?: string[];
}

/**
 * Write `policy` to DIR/mesh.yaml, `meshc compile` it (runtime and Envoy targets) to DIR/out and
 * run each sidecar's plan with a real `meshc run`; resolves once every one answers /ready.
 * The processes are pushed to `procs` as they start, so the caller's `after` can kill them.
 */
export async function compileAndRun(dir: string, policy: string, sidecars: MeshSidecar[], procs: CliProcess[]): Promise<void> {
  const policyFile = path.join(dir, 'mesh.yaml');
  await writeFile(policyFile, policy);
  const out = path.join(dir, 'out');
  const r = await runCli(['compile', policyFile, '--out', out, '--target', 'runtime,envoy']);
  assert.equal(r.code, 0, r.stderr);
  for (const s of sidecars) {
    const proc = spawnCli(['run', '--plan', path.join(out, s.name, 'plan.json'), '--drain-timeout', '1s', ...(s.args ?? [])]);
    procs.push(proc);
    const admin = `http://127.0.0.1:${s.adminPort}`;
    await waitFor(async () => (await httpGet(`${admin}/ready`).catch(() => ({ status: 0 }))).status === 200, 20_000, `${s.name} ready (stderr: ${proc.stderr()})`);
  }
}
