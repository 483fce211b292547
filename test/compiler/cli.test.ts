// The validate/compile command line: help, usage errors, formats, what gets written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';

const BAD = 'test/fixtures/policy/errors/unknown-service.yaml';

test('--help prints usage and exits 0 for validate and compile', async () => {
  const [v, c] = await Promise.all([runCli(['validate', '--help']), runCli(['compile', '-h'])]);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^Usage: meshc validate PATH\.\.\./);
  assert.equal(c.code, 0);
  assert.match(c.stdout, /--target LIST/);
});

test('usage errors exit 2: unknown flag, unknown target, bad format, missing --out, no PATH', async () => {
  const runs = await Promise.all([
    runCli(['validate', '--frobnicate', 'examples/shop']),
    runCli(['compile', 'examples/shop', '--out', '/tmp/x', '--target', 'runtime,nginx']),
    runCli(['validate', 'examples/shop', '--format', 'xml']),
    runCli(['compile', 'examples/shop']),
    runCli(['validate']),
  ]);
  const want = [/unknown flag --frobnicate/, /unknown target 'nginx'/, /unknown --format 'xml'/, /--out DIR is required/, /no PATH given/];
  runs.forEach((r, i) => {
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, want[i]!);
  });
});

test('--format json prints a machine-readable report on stdout', async () => {
  const r = await runCli(['validate', BAD, '--format', 'json']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.stdout);
  assert.equal(j.ok, false);
  assert.equal(j.errors, 1);
  assert.deepEqual(Object.keys(j.diagnostics[0]).sort(), ['code', 'col', 'file', 'line', 'message', 'severity']);
  assert.equal(j.diagnostics[0].code, 'E_UNKNOWN_SERVICE');
  assert.equal(j.diagnostics[0].file, BAD);
});

test('--format github prints ::error workflow commands', async () => {
  const r = await runCli(['validate', BAD, '--format', 'github']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^::error file=test\/fixtures\/policy\/errors\/unknown-service\.yaml,line=\d+,col=\d+,title=E_UNKNOWN_SERVICE::sidecar "app": unknown service "dbx"/m);
});

test('compile writes nothing when the policy has errors, and leaves no temp files', async (t) => {
  const out = await mkdtemp(path.join(tmpdir(), 'meshc-cli-'));
  t.after(() => rm(out, { recursive: true, force: true }));
  const bad = await runCli(['compile', BAD, '--out', out, '--target', 'runtime']);
  assert.equal(bad.code, 1);
  assert.deepEqual(await readdir(out), []);
  const ok = await runCli(['compile', 'examples/shop/services', '--out', out, '--target', 'runtime']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(await readdir(out), ['default']);
  assert.deepEqual(await readdir(path.join(out, 'default')), ['plan.json']);
});

test('a directory with no policy files is an error', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'meshc-empty-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, 'README.md'), 'not yaml');
  const r = await runCli(['validate', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no policy documents found.*\[E_NO_DOCUMENTS\]/);
});
