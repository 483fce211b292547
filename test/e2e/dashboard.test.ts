import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, spawnCli } from '../helpers/cli.js';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort, httpGet, startEchoServer } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';

/** Every PromQL expression in a Grafana dashboard (panels, nested rows, variables, annotations). */
function expressions(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) expressions(x, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'expr' || k === 'definition') && typeof v === 'string') out.push(v);
      else if (k === 'query' && typeof v === 'string' && v.includes('(')) out.push(v);
      else expressions(v, out);
    }
  }
  return out;
}

describe('examples/grafana/meshc-dashboard.json', () => {
  it('queries only metrics that a real meshc /metrics exposes', async (t) => {
    const dash = JSON.parse(await readFile(path.join(ROOT, 'examples/grafana/meshc-dashboard.json'), 'utf8')) as { panels: Array<{ id: number; type: string; targets?: unknown[] }> };
    const ids = dash.panels.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, 'panel ids are unique');
    const exprs = expressions(dash);
    assert.ok(exprs.length >= 20, `queries found: ${exprs.length}`);
    for (const p of dash.panels) if (p.type !== 'row') assert.ok((p.targets ?? []).length > 0, `panel ${p.id} has queries`);

    // a sidecar with every kind of listener and cluster feature the panels cover
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-dash-'));
    const echo = await startEchoServer('a');
    t.after(() => Promise.all([echo.close(), rm(dir, { recursive: true, force: true })]));
    const [tcpPort, autoPort, udpPort, adminPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const planFile = path.join(dir, 'plan.json');
    const hc = { type: 'tcp', intervalMs: 1000, timeoutMs: 500, healthyThreshold: 1, unhealthyThreshold: 1 } as const;
    const od = { enabled: true, consecutiveFailures: 5, baseEjectionTimeMs: 30_000, maxEjectionPercent: 10 };
    await writePlan(
      planFile,
      plan(
        [listener('web', tcpPort, { name: 'web' }), listener('web', autoPort, { name: 'auto', protocol: 'auto', detectionTimeoutMs: 100 }), listener('dns', udpPort, { name: 'dns', transport: 'udp', protocol: 'udp' })],
        [cluster('web', [{ port: echo.port }], { healthCheck: hc, outlierDetection: od }), cluster('dns', [{ port: echo.port }], { transport: 'udp', protocol: 'udp' })],
        { admin: { address: '127.0.0.1', port: adminPort } },
      ),
    );
    const proc = spawnCli(['run', '--plan', planFile, '--access-log', path.join(dir, 'access.log')]);
    t.after(() => proc.kill());
    const base = `http://127.0.0.1:${adminPort}`;
    await waitFor(async () => (await httpGet(`${base}/ready`).catch(() => ({ status: 0 }))).status === 200, 15_000, `ready (stderr: ${proc.stderr()})`);
    const metrics = (await httpGet(`${base}/metrics`)).body;
    const families = new Set([...metrics.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => m[1]!));
    const histograms = new Set([...metrics.matchAll(/^# TYPE (\S+) histogram$/gm)].map((m) => m[1]!));

    const missing = new Set<string>();
    for (const e of exprs) {
      for (const [name] of e.matchAll(/\b(?:meshc|process|nodejs)_[a-z0-9_]+\b/g)) {
        const base = name.replace(/_(bucket|sum|count)$/, '');
        const ok = families.has(name) || (base !== name && histograms.has(base));
        if (!ok) missing.add(name);
      }
    }
    assert.deepEqual([...missing], [], `metrics the dashboard queries but /metrics lacks:\n${[...families].sort().join('\n')}`);
  });
});
