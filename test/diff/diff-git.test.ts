// `meshc diff --git REV PATH...` against a real temporary repository: the base is read with git
// (no checkout), a path absent at REV counts as everything added, and git problems are clear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli, spawnCli } from '../helpers/cli.js';
import { service, sidecar, tempDir, writeTree } from './policy-dirs.js';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=meshc-test', '-c', 'user.email=test@meshc.dev', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

const SC = sidecar('app', '  outbound:\n    - { service: db, bind: 127.0.0.1:15432 }\n');

/** A repository with policy/ committed once, the working tree then edited. */
async function repo(t: Parameters<typeof tempDir>[0]): Promise<string> {
  const dir = await tempDir(t, 'meshc-diff-git-');
  git(dir, 'init', '-q', '-b', 'main');
  await writeTree(dir, {
    'policy/services/db.yaml': service('db', { hosts: ['address: 10.0.0.1', 'address: 10.0.0.2'] }),
    'policy/sidecar.yaml': SC,
    'README.md': 'not policy\n',
  });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  // the working tree: one endpoint replaced
  await writeFile(path.join(dir, 'policy/services/db.yaml'), service('db', { hosts: ['address: 10.0.0.1', 'address: 10.0.0.3'] }));
  return dir;
}

test('--git REV PATH compares the policy at REV with the working tree, without a checkout', async (t) => {
  const dir = await repo(t);
  const r = await runCli(['diff', '--git', 'HEAD', 'policy/', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.base, 'HEAD:policy/');
  assert.equal(j.head, 'policy/');
  assert.deepEqual(j.summary.endpoints, { added: 1, changed: 0, removed: 1 });
  assert.deepEqual(
    j.sidecars[0].clusters[0].endpoints.map((e: { change: string; key: string }) => `${e.change} ${e.key}`),
    ['removed 10.0.0.2:5432', 'added 10.0.0.3:5432'],
  );
  // the working tree is untouched and nothing is staged
  assert.match(await readFile(path.join(dir, 'policy/services/db.yaml'), 'utf8'), /10\.0\.0\.3/);
  assert.equal(git(dir, 'status', '--porcelain'), ' M policy/services/db.yaml\n');

  // from a subdirectory, paths are relative to it (as git's own commands take them)
  const sub = await runCli(['diff', '--git', 'HEAD', 'services', 'sidecar.yaml', '--exit-code'], { cwd: path.join(dir, 'policy') });
  assert.equal(sub.code, 3, sub.stderr);
  assert.match(sub.stdout, /^-     endpoint 10\.0\.0\.2:5432 \(weight 1\)$/m);
});

test('--git: errors in the base are reported with the paths the user gave, labelled base', async (t) => {
  const dir = await repo(t);
  await writeFile(path.join(dir, 'policy/sidecar.yaml'), sidecar('app', '  outbound:\n    - { service: nope }\n'));
  git(dir, 'commit', '-q', '-am', 'broken');
  await writeFile(path.join(dir, 'policy/sidecar.yaml'), SC);
  const r = await runCli(['diff', '--git', 'HEAD', './policy'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^base: \.\/policy\/sidecar\.yaml:\d+:\d+: error: sidecar "app": unknown service "nope"/m);
  assert.doesNotMatch(r.stderr, /meshc-diff-/, 'no temporary path leaks into messages');
  assert.doesNotMatch(r.stderr, /^head: /m);
});

test('--git: a path absent at REV counts as everything added; absent on both sides is a usage error', async (t) => {
  const dir = await repo(t);
  await writeTree(dir, { 'more/queue.yaml': `${service('queue', { port: 5672 })}---\n${sidecar('worker', '  outbound:\n    - { service: queue }\n')}` });
  const r = await runCli(['diff', '--git', 'HEAD', 'more'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Plan changes: 1 sidecar added; 1 listener added; 1 cluster added; 1 endpoint added$/m);
  assert.match(r.stdout, /^\+ sidecar worker$/m);

  // deleted in the working tree: everything removed
  await rm(path.join(dir, 'policy'), { recursive: true });
  const gone = await runCli(['diff', '--git', 'HEAD', 'policy', '--format', 'json'], { cwd: dir });
  assert.equal(gone.code, 0, gone.stderr);
  assert.deepEqual(JSON.parse(gone.stdout).summary.sidecars, { added: 0, changed: 0, removed: 1 });

  const neither = await runCli(['diff', '--git', 'HEAD', 'nowhere'], { cwd: dir });
  assert.equal(neither.code, 2);
  assert.match(neither.stderr, /nowhere: not found at HEAD nor in the working tree/);
});

test('--git: unknown REV, not a repository, git not installed, path outside the repository: clear errors, exit 2', async (t) => {
  const dir = await repo(t);
  const unknown = await runCli(['diff', '--git', 'no-such-branch', 'policy'], { cwd: dir });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^meshc diff: unknown revision 'no-such-branch' in .*fetch it first.*\[E_GIT_UNKNOWN_REVISION\]$/m);

  const plain = await tempDir(t, 'meshc-diff-norepo-');
  await writeTree(plain, { 'p.yaml': service('db') });
  const norepo = await runCli(['diff', '--git', 'HEAD', 'p.yaml'], { cwd: plain });
  assert.equal(norepo.code, 2);
  assert.match(norepo.stderr, /^meshc diff: not a git repository: .*\[E_GIT_NOT_A_REPOSITORY\]$/m);

  const outside = await runCli(['diff', '--git', 'HEAD', plain], { cwd: dir });
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /is outside the repository .*\[E_GIT_OUTSIDE\]/);

  const nogit = spawnCli(['diff', '--git', 'HEAD', 'policy'], { cwd: dir, env: { PATH: path.join(plain, 'no-bin') } });
  assert.equal(await nogit.exited, 2);
  assert.match(nogit.stderr(), /^meshc diff: git is not installed \(no `git` on PATH\).*\[E_GIT_NOT_FOUND\]$/m);
});

test('--git works in a shallow clone once REV is fetched', async (t) => {
  const dir = await repo(t);
  git(dir, 'commit', '-q', '-am', 'second');
  const clone = path.join(await tempDir(t, 'meshc-diff-clone-'), 'c');
  git(path.dirname(clone), 'clone', '-q', '--depth', '1', `file://${dir}`, clone);
  // HEAD~1 is not in the shallow clone
  const missing = await runCli(['diff', '--git', 'HEAD~1', 'policy'], { cwd: clone });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /unknown revision 'HEAD~1'/);
  git(clone, 'fetch', '-q', '--deepen', '1');
  const r = await runCli(['diff', '--git', 'HEAD~1', 'policy', '--exit-code'], { cwd: clone });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /^\+     endpoint 10\.0\.0\.3:5432/m);
});
