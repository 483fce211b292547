import { stat } from 'node:fs/promises';
import type { Command } from '../main.js';
import { flag, parseArgs, UsageError } from '../args.js';
import { compileInWorker, type CompileData } from '../compile-worker.js';
import { GitError, snapshotAt, type GitSnapshot } from '../git-snapshot.js';
import { compile } from '../../compiler/index.js';
import { formatText, hasErrors, type Diagnostic } from '../../compiler/diagnostics.js';
import { parseDuration } from '../../compiler/duration.js';
import { DIFF_FORMATS, diffPlans, hasDifferences, renderDiff, type DiffFormat } from '../../compiler/diff/index.js';

const usage = `Usage: meshc diff BASE HEAD [--format text|markdown|json] [--exit-code] [--drain-timeout DURATION]
       meshc diff --git REV PATH... [options]

What a policy change does to each sidecar: both sides are compiled and their plans compared by
identity (sidecar, listener and cluster names; endpoints by address and port), so splitting
files or reordering documents and keys is never a difference. Each change is listed with its
old and new value and what hot reload does to live traffic.

  BASE, HEAD       policy files or directories (the policy before and after the change)
  --git REV        compare PATH... at git revision REV (read with git, no checkout) with
                   PATH... in the working tree; a PATH absent on one side counts as empty there

Options:
  --format FMT           text (default), markdown (a pull-request comment, at most 65,536
                         characters) or json (for tools; shape in docs/diff.md)
  --exit-code            exit 3 when there are differences
  --drain-timeout DUR    the sidecars' meshc run --drain-timeout, for the consequences (default 15s)
  -h, --help             show this help

Exit codes: 0 compared (with or without differences), 1 invalid policy on either side (errors
as 'meshc validate' prints them, each prefixed with 'base: ' or 'head: '), 2 usage error or git
failure (git missing, not a repository, unknown REV), 3 differences with --exit-code.
`;

const DURATION = /^(?:0|(?:[0-9]+(?:ms|h|m|s))+)$/; // as meshc run --drain-timeout

/** One side of the comparison: what to compile and how to name its files. */
interface Side {
  label: 'base' | 'head';
  /** How the output names this side. */
  title: string;
  paths: string[];
  display(file: string): string;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Compile one side (in a worker thread if asked); a side with nothing to read (every PATH absent) has no plans. */
async function compileSide(s: Side, inWorker: boolean): Promise<CompileData> {
  if (s.paths.length === 0) return { plans: [], diagnostics: [], summary: { files: 0, documents: 0, services: 0, sidecars: 0 } };
  return inWorker ? compileInWorker(s.paths) : compile(s.paths);
}

function labelled(side: Side, diags: readonly Diagnostic[]): string {
  return formatText(diags.map((d) => ({ ...d, file: side.display(d.file) })))
    .split('\n')
    .filter(Boolean)
    .map((l) => `${side.label}: ${l}\n`)
    .join('');
}

/** `meshc diff BASE HEAD` / `meshc diff --git REV PATH...`. */
export const command: Command = {
  name: 'diff',
  summary: 'what a policy change does to each sidecar, for pull-request review',
  usage,
  async run(argv) {
    const a = parseArgs(argv, {
      '--help': { value: false },
      '--format': { value: true },
      '--exit-code': { value: false },
      '--git': { value: true },
      '--drain-timeout': { value: true },
    });
    if (a.flags.has('--help')) {
      process.stdout.write(usage);
      return 0;
    }
    const format = (flag(a, '--format') ?? 'text') as DiffFormat;
    if (!DIFF_FORMATS.includes(format)) throw new UsageError(`unknown --format '${format}' (expected ${DIFF_FORMATS.join(', ')})`);
    const drain = flag(a, '--drain-timeout') ?? '15s';
    if (!DURATION.test(drain)) throw new UsageError(`--drain-timeout must be a duration like 15s or 500ms, got ${JSON.stringify(drain)}`);
    const rev = flag(a, '--git');
    if (rev !== undefined && rev === '') throw new UsageError('--git needs a revision');

    let snapshot: GitSnapshot | undefined;
    let base: Side;
    let head: Side;
    const asIs = (f: string) => f;
    if (rev !== undefined) {
      if (a.positionals.length === 0) throw new UsageError('--git REV needs at least one PATH');
      try {
        snapshot = await snapshotAt(rev, a.positionals);
      } catch (err) {
        if (!(err instanceof GitError)) throw err;
        process.stderr.write(`meshc diff: ${err.message} [${err.code}]\n`);
        return 2;
      }
      const here: string[] = [];
      for (const p of a.positionals) if (await exists(p)) here.push(p);
      const nowhere = snapshot.missing.filter((p) => !here.includes(p));
      if (nowhere.length) {
        await snapshot.dispose();
        throw new UsageError(`${nowhere.join(', ')}: not found at ${rev} nor in the working tree`);
      }
      const snap = snapshot;
      base = { label: 'base', title: `${rev}:${a.positionals.join(' ')}`, paths: snap.paths, display: (f) => snap.displayName(f) };
      head = { label: 'head', title: a.positionals.join(' '), paths: here, display: asIs };
    } else {
      if (a.positionals.length !== 2) throw new UsageError(`expected BASE and HEAD, got ${a.positionals.length} path${a.positionals.length === 1 ? '' : 's'}`);
      base = { label: 'base', title: a.positionals[0]!, paths: [a.positionals[0]!], display: asIs };
      head = { label: 'head', title: a.positionals[1]!, paths: [a.positionals[1]!], display: asIs };
    }

    let results: [CompileData, CompileData];
    try {
      // both sides at once: base in a worker thread, head here
      results = await Promise.all([compileSide(base, true), compileSide(head, false)]);
    } finally {
      await snapshot?.dispose();
    }
    const [rb, rh] = results;
    const failed = hasErrors(rb.diagnostics) || hasErrors(rh.diagnostics);
    if (failed) {
      // every problem of both sides, as validate prints them, each labelled with its side
      process.stderr.write(labelled(base, rb.diagnostics) + labelled(head, rh.diagnostics));
      return 1;
    }
    // warnings of the proposed policy (base's were seen when it was proposed)
    if (rh.diagnostics.length) process.stderr.write(labelled(head, rh.diagnostics));

    const d = diffPlans(rb.plans, rh.plans, { base: base.title, head: head.title, drainTimeoutMs: parseDuration(drain) });
    process.stdout.write(renderDiff(d, format));
    return a.flags.has('--exit-code') && hasDifferences(d) ? 3 : 0;
  },
};
