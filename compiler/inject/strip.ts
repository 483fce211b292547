/**
 * Take out what an earlier injection added, as recorded in its `meshc.dev/injected` annotation:
 * the exact inverse of the insertions in apply.ts (whole lines in block style, items with their
 * separators in flow style), so injecting injected output gives the same bytes and a second run
 * with another image or sidecar replaces the proxy instead of adding one.
 */
import { isMap, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { INJECTED_ANNOTATION, type InjectionStatus } from './status.js';
import { deleteLines, lineEnd, lineStart, type Patch } from './text-edit.js';
import { pairOf, stringOf, valueOf } from './workloads.js';

/** A deletion; `lines` ranges cover whole lines and may be merged with their neighbours. */
interface Cut {
  start: number;
  end: number;
  lines: boolean;
}

type Range = { range?: [number, number, number] | null };
const r = (n: unknown) => (n as Range | null)?.range ?? undefined;

/** Start and end of a collection entry (a map pair or a sequence item). */
function span(text: string, entry: unknown, flow: boolean): { start: number; end: number } {
  if (entry && typeof entry === 'object' && 'key' in entry) {
    const p = entry as Pair<Node, Node | null>;
    const k = r(p.key)!;
    const v = r(p.value);
    const end = Math.max(k[1], v ? v[1] : k[1]);
    return { start: k[0], end };
  }
  const rr = r(entry)!;
  // a block item starts at its dash
  return { start: flow ? rr[0] : text.lastIndexOf('-', rr[0] - 1), end: rr[1] };
}

/** Cuts for the entries at `indices` (sorted) of a collection, grouped into consecutive runs. */
function entryCuts(text: string, coll: YAMLMap | YAMLSeq, indices: number[]): Cut[] {
  const entries = coll.items as unknown[];
  const flow = Boolean(coll.flow);
  const cuts: Cut[] = [];
  for (let a = 0; a < indices.length; ) {
    let b = a;
    while (b + 1 < indices.length && indices[b + 1] === indices[b]! + 1) b++;
    const i = indices[a]!;
    const j = indices[b]!;
    const first = span(text, entries[i], flow);
    const last = span(text, entries[j], flow);
    if (!flow) cuts.push({ start: lineStart(text, first.start), end: lineEnd(text, last.end - 1), lines: true });
    else if (j + 1 < entries.length) cuts.push({ start: first.start, end: span(text, entries[j + 1], flow).start, lines: false });
    else if (i > 0) cuts.push({ start: span(text, entries[i - 1], flow).end, end: last.end, lines: false });
    else cuts.push({ start: first.start, end: last.end, lines: false });
    a = b + 1;
  }
  return cuts;
}

/** Cut the pair `key` out of `map`. */
function pairCut(text: string, map: YAMLMap, key: string): Cut[] {
  const i = map.items.findIndex((p) => p === pairOf(map, key));
  return i < 0 ? [] : entryCuts(text, map, [i]);
}

/** Deletions that remove the additions recorded in `status` from the pod template `tmpl`. */
export function stripCuts(text: string, tmpl: YAMLMap, status: InjectionStatus): Cut[] {
  const created = new Set(status.created);
  const cuts: Cut[] = [];
  const metadata = valueOf(tmpl, 'metadata');
  const annotations = valueOf(metadata, 'annotations');
  const ourKeys = [INJECTED_ANNOTATION, ...status.annotations];
  if (isMap(annotations)) {
    const idx = annotations.items.flatMap((p, i) => (ourKeys.includes(String((p.key as { value?: unknown }).value)) ? [i] : []));
    const allOurs = idx.length === annotations.items.length;
    const metaOnlyAnnotations = isMap(metadata) && metadata.items.length === 1;
    if (allOurs && created.has('metadata.annotations') && created.has('metadata') && metaOnlyAnnotations) cuts.push(...pairCut(text, tmpl, 'metadata'));
    else if (allOurs && created.has('metadata.annotations') && isMap(metadata)) cuts.push(...pairCut(text, metadata, 'annotations'));
    else if (idx.length) cuts.push(...entryCuts(text, annotations, idx));
  }
  const spec = valueOf(tmpl, 'spec');
  if (!isMap(spec)) return cuts;
  const lists: [string, string[]][] = [
    ['initContainers', status.initContainers],
    ['containers', status.containers],
    ['volumes', status.volumes],
  ];
  const specPairs: number[] = []; // whole keys go in one batch: adjacent flow pairs share separators
  for (const [key, names] of lists) {
    const seq = valueOf(spec, key);
    if (!isSeq(seq) || names.length === 0) continue;
    const idx = seq.items.flatMap((item, i) => (names.includes(stringOf(valueOf(item, 'name')) ?? '') ? [i] : []));
    if (idx.length === 0) continue;
    if (idx.length === seq.items.length && created.has(`spec.${key}`)) specPairs.push(spec.items.findIndex((p) => p === pairOf(spec, key)));
    else cuts.push(...entryCuts(text, seq, idx));
  }
  if (specPairs.length) cuts.push(...entryCuts(text, spec, specPairs.sort((a, b) => a - b)));
  return cuts;
}

/** Merge touching line cuts (so the end-of-file rule sees the whole block) and make patches. */
export function cutsToPatches(text: string, cuts: readonly Cut[]): Patch[] {
  const sorted = [...cuts].sort((a, b) => a.start - b.start);
  const merged: Cut[] = [];
  for (const c of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && prev.lines && c.lines && c.start <= prev.end) prev.end = Math.max(prev.end, c.end);
    else merged.push({ ...c });
  }
  return merged.map((c) => (c.lines ? deleteLines(text, c.start, c.end) : { start: c.start, end: c.end, text: '' }));
}
