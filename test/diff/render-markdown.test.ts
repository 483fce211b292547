// The markdown renderer's size budget on its own (a pure function): whatever the diff, the
// comment fits the limit, code fences stay balanced, and the note says what was left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPlans, renderDiff } from '../../compiler/diff/index.js';
import { renderMarkdown, GITHUB_COMMENT_LIMIT } from '../../compiler/diff/render-markdown.js';
import { cluster, listener, plan } from '../helpers/plan.js';

/** `sidecars` plans of `services` clusters each; `v` moves every endpoint. */
function plans(sidecars: number, services: number, v: number) {
  return Array.from({ length: sidecars }, (_, s) => {
    const cs = Array.from({ length: services }, (_, i) => cluster(`svc-${i}_80_tcp`, [{ address: `10.${v}.${s}.${i}`, port: 80 }]));
    const ls = cs.map((c, i) => listener(c.name, 20000 + i));
    return plan(ls, cs, { name: `sc-${String(s).padStart(3, '0')}` });
  });
}

test('markdown budget: many sidecars are cut at a sidecar or line boundary, the note counts what is missing', () => {
  const d = diffPlans(plans(40, 30, 1), plans(40, 30, 2), { base: 'a', head: 'b', drainTimeoutMs: 15_000 });
  assert.equal(d.summary.endpoints.added, 1200);
  for (const limit of [4_000, 9_999, 20_000]) {
    const md = renderMarkdown(d, limit);
    assert.ok(md.length <= limit, `${md.length} > ${limit}`);
    assert.equal((md.match(/```/g) ?? []).length % 2, 0, 'balanced fences');
    assert.equal((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length, 'balanced details');
    const note = /> \*\*Truncated:\*\* (\d+) lines and (\d+) of 40 sidecars are not shown/.exec(md);
    assert.ok(note, md.slice(-400));
    const shown = (md.match(/<details>/g) ?? []).length;
    assert.equal(Number(note[2]), 40 - shown);
    // every line not shown is counted: shown diff lines + omitted = all lines
    const all = renderDiff(d, 'text').split('\n').filter((l) => /^[-+~ ] |^[-+~] {2,}|^ {4,}=>/.test(l)).length;
    const inBlocks = md.split('```diff\n').slice(1).map((s) => s.split('```')[0]!).join('').split('\n').filter((l) => l && !l.startsWith('… ')).length;
    assert.equal(inBlocks + Number(note[1]), all);
  }
  assert.doesNotMatch(renderMarkdown(d, 10_000_000), /Truncated/);
  assert.equal(GITHUB_COMMENT_LIMIT, 65_536);
});
