// The example GitHub Actions workflow that posts `meshc diff --format markdown` as a PR comment:
// it parses, runs on pull requests, can write the comment, fetches the base, and its meshc
// command lines are ones the real CLI accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT, runCli } from '../helpers/cli.js';

const FILE = path.join(ROOT, 'examples/kubernetes/.github/workflows/meshc-diff.yaml');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

test('examples/kubernetes meshc-diff workflow: pull_request, comment permission, base fetched, markdown posted', async () => {
  const wf = parse(await readFile(FILE, 'utf8'), { uniqueKeys: true }) as {
    on: { pull_request: { paths: string[] } };
    permissions: Record<string, string>;
    jobs: Record<string, { 'runs-on': string; env: Record<string, string>; steps: Step[] }>;
  };
  assert.deepEqual(wf.on.pull_request.paths, ['policy/**']);
  assert.equal(wf.permissions['pull-requests'], 'write');
  const job = wf.jobs['diff']!;
  assert.equal(job.env['BASE_REF'], '${{ github.base_ref }}');
  const runs = job.steps.map((s) => s.run ?? '');
  const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
  const fetch = at(/^git fetch .*origin "\+refs\/heads\/\$\{BASE_REF\}:refs\/remotes\/origin\/\$\{BASE_REF\}"$/);
  const md = at(/^meshc diff --git "origin\/\$\{BASE_REF\}" policy\/ --format markdown > diff\.md$/);
  const post = at(/^gh pr comment "\$PR" --edit-last --create-if-none --body-file diff\.md$/);
  assert.ok(job.steps.findIndex((s) => s.uses?.startsWith('actions/checkout@')) === 0, 'checkout first');
  assert.ok(fetch > 0 && md > fetch && post > md, `steps in order: fetch ${fetch}, diff ${md}, comment ${post}`);
  assert.ok(job.steps[post]!.env?.['GH_TOKEN'], 'gh needs a token');

  // every meshc invocation parses (a usage error would exit 2 before reading anything)
  for (const r of runs.filter((x) => x.startsWith('meshc '))) {
    const args = r.replace(/ > .*$/, '').split(' ').slice(1).map((a) => a.replace(/^"|"$/g, '').replace('${BASE_REF}', 'main'));
    const res = await runCli([...args, '--help']);
    assert.equal(res.code, 0, `${r}: ${res.stderr}`);
  }
});
