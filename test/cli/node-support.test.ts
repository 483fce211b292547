import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { enginesRange, nodeSupport } from '../../cli/node-support.js';
import { MESHC, ROOT } from '../helpers/cli.js';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort } from '../helpers/net.js';
import { waitFor } from '../helpers/wait.js';

const NOV_2026 = new Date('2026-11-27T12:00:00Z');

/**
 * Run the real launcher on this Node, with `process.version` replaced by `fake` before
 * bin/meshc.js runs (a preloaded module): the launcher sees the version an old Node reports.
 */
function meshcAs(fake: string | null, args: string[]): { done: Promise<{ code: number | null; stdout: string; stderr: string }>; stderr: () => string; kill: () => void } {
  const preload = fake === null ? [] : ['--import', `data:text/javascript,Object.defineProperty(process,"version",{value:${JSON.stringify(fake)}})`];
  const child = spawn(process.execPath, [...preload, MESHC, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { done, stderr: () => stderr, kill: () => child.kill('SIGKILL') };
}

describe('supported Node.js lines', () => {
  it('20.19+ runs (end of life after 2026-04-30), 22.12+ and 24+ are supported, anything older or odd-numbered is refused', () => {
    for (const v of ['v24.0.0', 'v24.21.0', '22.12.0', 'v22.21.1', 'v26.12.1', 'v27.0.0']) {
      assert.deepEqual(nodeSupport(v, NOV_2026), { status: 'supported' }, v);
    }
    for (const v of ['v18.20.4', 'v20.18.3', 'v21.7.3', 'v22.11.0', 'v23.11.1', 'v16.0.0', 'v0.12.18', 'not a version', '']) {
      const s = nodeSupport(v, NOV_2026);
      assert.equal(s.status, 'unsupported', v);
      assert.match(s.status === 'unsupported' ? s.message : '', /Node\.js 24 \(LTS\) or 22\.12\+/, v);
    }
    assert.match((nodeSupport('v20.10.0', NOV_2026) as { message: string }).message, /^Node\.js v20\.10\.0 is not supported; meshc needs /);
  });

  it('the end of life follows the calendar: 20 before and after 2026-04-30, 22 after 2027-04-30', () => {
    assert.deepEqual(nodeSupport('v20.19.0', new Date('2026-04-29T23:59:59Z')), { status: 'supported' });
    const eol20 = nodeSupport('v20.20.2', new Date('2026-04-30T00:00:00Z'));
    assert.equal(eol20.status, 'eol');
    assert.equal(eol20.status === 'eol' && eol20.endOfLife, '2026-04-30');
    assert.equal(
      eol20.status === 'eol' && eol20.message,
      'Node.js v20.20.2 reached its end of life on 2026-04-30 and gets no security fixes; run meshc on a maintained line: Node.js 24 or 22',
    );
    assert.deepEqual(nodeSupport('v22.12.0', new Date('2027-04-29T00:00:00Z')), { status: 'supported' });
    const eol22 = nodeSupport('v22.22.0', new Date('2027-05-01T00:00:00Z'));
    assert.equal(eol22.status, 'eol');
    assert.match(eol22.status === 'eol' ? eol22.message : '', /end of life on 2027-04-30 .* Node\.js 24$/);
  });

  it('the launcher refuses an unsupported Node before loading the CLI: one clear line, exit 1', async () => {
    for (const fake of ['v18.20.4', 'v21.7.3']) {
      const r = await meshcAs(fake, ['--version']).done;
      assert.equal(r.code, 1, fake);
      assert.equal(r.stdout, '', `${fake}: the CLI did not run`);
      assert.equal(r.stderr, `meshc: error: Node.js ${fake} is not supported; meshc needs Node.js 24 (LTS) or 22.12+; 20.19+ still runs but reached its end of life on 2026-04-30\n`);
    }
  });

  it('the Node running these tests passes the check: the CLI runs and says nothing about its version', async () => {
    assert.notEqual(nodeSupport(process.version).status, 'unsupported', `the tests run on ${process.version}, which meshc refuses`);
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };
    const r = await meshcAs(null, ['--version']).done;
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), `meshc ${pkg.version}`);
    assert.equal(r.stderr, '');
    assert.equal(pkg.engines.node, enginesRange(), 'package.json engines names the same lines');
  });

  it('meshc run on an end-of-life Node logs one warning with the date; on a maintained one it does not', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-node-eol-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'plan.json');
    const C = 'a_1_tcp';
    await writePlan(file, plan([listener(C, await freePort())], [cluster(C, [{ port: 9 }])], { admin: { address: '127.0.0.1', port: await freePort() } }));
    for (const fake of ['v20.19.0', 'v24.21.0']) {
      const run = meshcAs(fake, ['run', '--plan', file]);
      t.after(() => run.kill());
      const ready = await waitFor(() => run.stderr().split('\n').find((l) => l.includes('"msg":"ready"')), 20_000, `${fake}: ready`);
      assert.ok(ready);
      const warnings = run.stderr().split('\n').filter((l) => l.includes('end of life'));
      if (fake === 'v20.19.0') {
        assert.equal(warnings.length, 1, run.stderr());
        const w = JSON.parse(warnings[0]!) as { level: number | string; node: string; endOfLife: string; msg: string };
        assert.equal(w.node, 'v20.19.0');
        assert.equal(w.endOfLife, '2026-04-30');
        assert.match(w.msg, /gets no security fixes; run meshc on a maintained line/);
      } else {
        assert.deepEqual(warnings, [], `${fake}: no end-of-life warning`);
      }
      run.kill();
      await run.done;
    }
  });
});
