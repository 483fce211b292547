// `meshc diff --format markdown`: a pull-request comment, summary first and details folded, that
// stays within GitHub's 65,536-character limit and says so when it had to cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { service, sidecar, tempDir, writeTree } from './policy-dirs.js';

/** `n` services in files of 100, and a sidecar reaching all of them; `variant` moves every endpoint. */
function policy(n: number, variant: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let f = 0; f * 100 < n; f++) {
    const docs: string[] = [];
    for (let i = f * 100; i < Math.min(n, (f + 1) * 100); i++)
      docs.push(service(`svc-${i}`, { port: 10000 + i, hosts: [`address: 10.${variant}.${i >> 8}.${i & 255}`] }));
    files[`services-${f}.yaml`] = docs.join('---\n');
  }
  let out = '  outbound:\n';
  for (let i = 0; i < n; i++) out += `    - { service: svc-${i} }\n`;
  files['sidecar.yaml'] = sidecar('big', out);
  return files;
}

test('markdown: summary first, details folded in a diff block, no truncation note when it fits', async (t) => {
  const dir = await tempDir(t);
  await writeTree(path.join(dir, 'a'), policy(3, 1));
  await writeTree(path.join(dir, 'b'), policy(3, 2));
  const r = await runCli(['diff', path.join(dir, 'a'), path.join(dir, 'b'), '--format', 'markdown']);
  assert.equal(r.code, 0, r.stderr);
  const md = r.stdout;
  const lines = md.split('\n');
  assert.match(lines[0]!, /^### meshc diff: `.*a` → `.*b`$/);
  assert.equal(lines[2], '**Plan changes: 1 sidecar changed; 3 clusters changed; 3 endpoints added, 3 removed**');
  assert.match(md, /\| endpoints \| 3 \| 0 \| 3 \|/);
  assert.match(md, /<details><summary>changed sidecar <code>big<\/code> — clusters ~3, endpoints \+3 -3<\/summary>\n\n```diff\n~ sidecar big\n/);
  assert.match(md, /^-     endpoint 10\.1\.0\.0:10000 \(weight 1\)$/m);
  assert.match(md, /^\+     endpoint 10\.2\.0\.0:10000 \(weight 1\)$/m);
  assert.match(md, /```\n\n<\/details>\n/);
  assert.doesNotMatch(md, /Truncated/);
});

test('markdown with 3,000 changed services stays within 65,536 characters, with an explicit truncation note', async (t) => {
  const dir = await tempDir(t);
  await writeTree(path.join(dir, 'a'), policy(3000, 1));
  await writeTree(path.join(dir, 'b'), policy(3000, 2));
  const r = await runCli(['diff', path.join(dir, 'a'), path.join(dir, 'b'), '--format', 'markdown'], { timeoutMs: 120_000 });
  assert.equal(r.code, 0, r.stderr);
  const md = r.stdout;
  assert.ok(md.length <= 65_536, `markdown is ${md.length} characters`);
  assert.ok(md.length > 60_000, `the budget is used (${md.length} characters)`);
  assert.match(md, /^### meshc diff: /);
  assert.match(md, /\*\*Plan changes: 1 sidecar changed; 3000 clusters changed; 3000 endpoints added, 3000 removed\*\*/);
  // the open section is closed before the note, and the note says what is missing and why
  assert.match(md, /… \d+ more lines of this sidecar not shown\n```\n\n<\/details>\n\n> \[!NOTE\]\n> \*\*Truncated:\*\* \d+ lines are not shown, to stay within GitHub's 65,536-character comment limit\./);
  assert.equal((md.match(/```/g) ?? []).length % 2, 0, 'code fences are balanced');
  // the full diff is still there in text form
  const text = await runCli(['diff', path.join(dir, 'a'), path.join(dir, 'b')], { timeoutMs: 120_000 });
  assert.equal(text.stdout.match(/^\+     endpoint /gm)?.length, 3000);
});
