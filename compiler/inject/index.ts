/**
 * `meshc inject`: manifests in, the same manifests out with meshc's sidecar added to every
 * workload. Three passes per file, all on the file's text:
 *  1. analyze every document as written (errors point into the input; nothing is output if any);
 *  2. delete the additions of an earlier injection (recorded in `meshc.dev/injected`);
 *  3. insert the additions.
 * Documents that are not injected are never touched, so they come out byte for byte.
 */
import { isAlias, isMap, isScalar, LineCounter, parseAllDocuments, visit, type Document, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { AdditionOptions } from './additions.js';
import { analyzeWorkload, type Decision, type SidecarChoice } from './analyze.js';
import { injectPatches } from './apply.js';
import type { ManifestFile } from './manifests.js';
import { cutsToPatches, stripCuts } from './strip.js';
import { applyPatches } from './text-edit.js';
import { describe, listItems, valueOf, WORKLOAD_KINDS } from './workloads.js';

export type { SidecarIdentity } from './additions.js';
export { readManifests, STDIN_LABEL, type ManifestFile } from './manifests.js';

/** What to inject. */
export interface InjectOptions extends AdditionOptions, SidecarChoice {
  version: string;
}

/** One line of the stderr summary. */
export interface SummaryEntry {
  file: string;
  /** `deployment.apps/web` */
  label: string;
  action: 'injected' | 'skipped' | 'unchanged';
  detail: string;
}

export interface InjectResult {
  /** The output stream; empty when there are errors. */
  output: string;
  diagnostics: Diagnostic[];
  entries: SummaryEntry[];
}

interface Parsed {
  docs: Document[];
  lc: LineCounter;
}

function parse(text: string): Parsed {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  return { docs: Array.isArray(docs) ? (docs as Document[]) : [], lc };
}

/** Call `fn` for every object of a document (List items included) with a stable key. */
function forEachObject(doc: Document, docIndex: number, fn: (node: YAMLMap, key: string) => void, other?: (node: unknown, key: string) => void): void {
  const walk = (node: unknown, key: string) => {
    if (!isMap(node)) return other?.(node, key);
    fn(node as YAMLMap, key);
    const items = listItems(describe(node as YAMLMap));
    items?.forEach((item, i) => walk(item, `${key}/${i}`));
  };
  const c = doc.contents;
  if (c === null || (isScalar(c) && c.value === null)) return; // comment-only or empty document
  walk(c, String(docIndex));
}

/** Inject every workload in `files`; output is every document in input order. */
export function injectFiles(files: readonly ManifestFile[], o: InjectOptions): InjectResult {
  const diagnostics: Diagnostic[] = [];
  const entries: SummaryEntry[] = [];
  const analyzed: { file: ManifestFile; decisions: Map<string, Decision & { action: 'inject' }> }[] = [];

  for (const f of files) {
    const { docs, lc } = parse(f.text);
    const at = (off: number) => lc.linePos(off);
    const errors = docs.flatMap((d) => d.errors);
    for (const e of errors) {
      const pos = at(e.pos[0]);
      const dup = e.code === 'DUPLICATE_KEY';
      diagnostics.push({ code: dup ? 'E_YAML_DUPLICATE_KEY' : 'E_YAML_SYNTAX', severity: 'error', file: f.file, line: pos.line, col: pos.col, message: dup ? 'duplicate key: map keys must be unique' : `not valid YAML: ${e.message.split('\n')[0]}` });
    }
    if (errors.length) continue;
    const decisions = new Map<string, Decision & { action: 'inject' }>();
    docs.forEach((doc, di) => {
      const aliasedAnchors = new Set<string>();
      visit(doc, { Alias: (_k, n) => void aliasedAnchors.add(n.source) });
      const ctx = { file: f.file, text: f.text, lc, aliasedAnchors, choice: o, diagnostics };
      forEachObject(
        doc,
        di,
        (node, key) => {
          const obj = describe(node);
          if (listItems(obj)) return;
          if (!obj.templatePath && obj.kind && WORKLOAD_KINDS.includes(obj.kind) && obj.apiVersion === undefined) {
            // kubectl refuses it too; skipping it silently would hide a workload without a proxy
            const pos = at((node.range ?? [0])[0]);
            diagnostics.push({ code: 'E_INJECT_INVALID_WORKLOAD', severity: 'error', file: f.file, line: pos.line, col: pos.col, message: `${obj.label}: no apiVersion, so it is not clear this ${obj.kind} is Kubernetes' own` });
            return;
          }
          if (!obj.templatePath) {
            entries.push({ file: f.file, label: obj.kind ? obj.label : `document ${di + 1}`, action: 'unchanged', detail: obj.kind ? 'not a workload' : 'no kind' });
            return;
          }
          const d = analyzeWorkload(ctx, obj);
          if (!d) return;
          if (d.action === 'skip') entries.push({ file: f.file, label: obj.label, action: 'skipped', detail: d.reason });
          else {
            decisions.set(key, d);
            const again = d.previous ? ', replacing an earlier injection' : '';
            entries.push({ file: f.file, label: obj.label, action: 'injected', detail: `sidecar ${d.sidecar.name}${again}` });
            if (o.classic && (obj.kind === 'Job' || obj.kind === 'CronJob')) {
              const pos = at((node.range ?? [0])[0]);
              diagnostics.push({ code: 'W_INJECT_CLASSIC_JOB', severity: 'warning', file: f.file, line: pos.line, col: pos.col, message: `${obj.label}: with --classic-sidecar the proxy keeps running after the job's containers finish, so its pods never complete; native sidecars (the default) end with the job` });
            }
          }
        },
        (node, key) => {
          const off = (node as { range?: number[] } | null)?.range?.[0] ?? 0;
          const pos = at(off);
          const what = isAlias(node) ? 'an alias; write the object out' : 'not a Kubernetes object (a mapping with apiVersion and kind)';
          diagnostics.push({ code: isAlias(node) ? 'E_INJECT_ALIAS' : 'E_INJECT_NOT_OBJECT', severity: 'error', file: f.file, line: pos.line, col: pos.col, message: `${key.includes('/') ? 'list item' : 'document'} is ${what}` });
        },
      );
    });
    analyzed.push({ file: f, decisions });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { output: '', diagnostics, entries: [] };

  const outputs: string[] = [];
  for (const { file, decisions } of analyzed) {
    let text = file.text;
    if (decisions.size > 0) {
      const cuts = [...decisions.values()].flatMap((d) => (d.previous ? stripCuts(text, d.template, d.previous) : []));
      if (cuts.length) text = applyPatches(text, cutsToPatches(text, cuts));
      const { docs } = parse(text);
      const patches = docs.flatMap((doc, di) => {
        const out: ReturnType<typeof injectPatches> = [];
        forEachObject(doc, di, (node, key) => {
          const d = decisions.get(key);
          if (!d) return;
          let tmpl: unknown = node;
          for (const seg of describe(node).templatePath!) tmpl = valueOf(tmpl, seg);
          out.push(...injectPatches(text, tmpl as YAMLMap, d.sidecar, o, d.tls));
        });
        return out;
      });
      text = applyPatches(text, patches);
      const check = parse(text).docs.flatMap((d) => d.errors);
      if (check.length) throw new Error(`meshc inject produced invalid YAML for ${file.file}: ${check[0]!.message}`);
    }
    outputs.push(text);
  }
  return { output: joinFiles(outputs), diagnostics, entries };
}

const MARKER = /^---(?:[ \t].*)?$/;

/** Concatenate files' texts into one stream, with a `---` between files where none is. */
export function joinFiles(texts: readonly string[]): string {
  let out = '';
  for (const t of texts) {
    if (t.length === 0) continue;
    if (out.length === 0) {
      out = t;
      continue;
    }
    if (!out.endsWith('\n')) out += '\n';
    const first = t.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    const tail = out.trimEnd().split('\n').pop() ?? '';
    if (first?.startsWith('%')) out += '...\n';
    else if (!MARKER.test(tail) && !(first !== undefined && MARKER.test(first))) out += '---\n';
    out += t;
  }
  return out;
}
