/**
 * Add meshc's containers, volume and annotations to one pod template as text insertions at
 * positions taken from the `yaml` AST; nothing else in the document is rewritten.
 *
 * Placement (documented in docs/inject.md):
 *  - native sidecar: initContainers = [meshc-init, meshc-proxy, ...the app's]. meshc-init's rules
 *    are in place before the proxy starts; the proxy is up (startupProbe) before the app's own
 *    init containers run, so they already have the mesh.
 *  - classic sidecar: containers = [meshc-proxy, ...]; meshc-init goes last in initContainers, so
 *    the app's init containers run before capture starts (there is no proxy yet to serve them).
 *  - volume meshc-plan last in volumes; annotations last in the template's annotations.
 *  - keys that do not exist yet: `metadata` before the template's `spec`, `initContainers`
 *    before `containers`, `volumes` at the end of the pod spec, `annotations` at the end of
 *    the template's metadata.
 */
import { isMap, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { initContainer, planVolume, proxyContainer, PROXY_NAME, TLS_VOLUME_NAME, tlsVolume, VOLUME_NAME, type AdditionOptions, type SidecarIdentity, type TlsSource } from './additions.js';
import { blockItems, blockPairs, detectLayout, firstKeyColumn, type Layout } from './layout.js';
import { DEFAULT_CONTAINER_ANNOTATION, INJECTED_ANNOTATION, formatStatus, type InjectionStatus } from './status.js';
import { aboveComments, columnOf, insertLines, lineEnd, lineStart, startsLine, type Patch } from './text-edit.js';
import { pairOf, stringOf, valueOf } from './workloads.js';

type Range = { range?: [number, number, number] | null };
const r = (n: unknown) => (n as Range | null)?.range ?? undefined;
type AnyPair = Pair<Node, Node | null>;

/** The insertions for one pod template, in document order. */
export function injectPatches(text: string, tmpl: YAMLMap, id: SidecarIdentity, o: AdditionOptions & { version: string }, tls?: TlsSource): Patch[] {
  const spec = valueOf(tmpl, 'spec') as YAMLMap;
  const containersPair = pairOf(spec, 'containers')!;
  const containers = containersPair.value as YAMLSeq;
  const layout = detectLayout(text, tmpl, spec, containersPair.key, containers);
  const ed = new Editor(text, layout);

  const proxy = proxyContainer(id, o, tls);
  const init = id.interception ? [initContainer(o)] : [];
  const initItems = o.classic ? init : [...init, proxy];
  const status: InjectionStatus = {
    version: o.version,
    sidecar: id.name,
    initContainers: initItems.map((c) => c.name as string),
    containers: o.classic ? [PROXY_NAME] : [],
    volumes: tls ? [VOLUME_NAME, TLS_VOLUME_NAME] : [VOLUME_NAME],
    annotations: [],
    created: [],
  };

  const metaPair = pairOf(tmpl, 'metadata');
  const annPair = pairOf(metaPair?.value, 'annotations');
  const annotations: Record<string, string> = {};
  if (o.classic && valueOf(annPair?.value, DEFAULT_CONTAINER_ANNOTATION) === undefined) {
    const app = stringOf(valueOf(containers.items[0], 'name'));
    if (app) {
      annotations[DEFAULT_CONTAINER_ANNOTATION] = app;
      status.annotations.push(DEFAULT_CONTAINER_ANNOTATION);
    }
  }
  if (!metaPair) status.created.push('metadata');
  if (!annPair) status.created.push('metadata.annotations');
  const initPair = pairOf(spec, 'initContainers');
  if (!initPair && initItems.length) status.created.push('spec.initContainers');
  const volPair = pairOf(spec, 'volumes');
  if (!volPair) status.created.push('spec.volumes');
  // JSON key order: the injected annotation first, then the others
  const ann = { [INJECTED_ANNOTATION]: formatStatus(status), ...annotations };

  // metadata.annotations
  if (!metaPair) ed.addPairs(tmpl, { metadata: { annotations: ann } }, 'spec');
  else if (metaPair.value === null || isNullish(metaPair.value)) ed.fill(tmpl, metaPair, { annotations: ann });
  else if (!annPair) ed.addPairs(metaPair.value as YAMLMap, { annotations: ann });
  else if (isNullish(annPair.value)) ed.fill(metaPair.value as YAMLMap, annPair, ann);
  else ed.addPairs(annPair.value as YAMLMap, ann);

  // initContainers
  if (initItems.length) {
    if (!initPair) ed.addPairs(spec, { initContainers: initItems }, 'containers');
    else if (isNullish(initPair.value)) ed.fill(spec, initPair, initItems);
    else ed.addItems(initPair.value as YAMLSeq, initItems, o.classic ? 'end' : 'start');
  }
  if (o.classic) ed.addItems(containers, [proxy], 'start');

  // volumes
  const vols = tls ? [planVolume(id), tlsVolume(tls, id)] : [planVolume(id)];
  if (!volPair) ed.addPairs(spec, { volumes: vols });
  else if (isNullish(volPair.value)) ed.fill(spec, volPair, vols);
  else ed.addItems(volPair.value as YAMLSeq, vols, 'end');
  return ed.patches;
}

function isNullish(n: unknown): boolean {
  return n === null || (!isMap(n) && !isSeq(n));
}

/** Builds insertion patches against one text, in the layout of its document. */
class Editor {
  readonly patches: Patch[] = [];
  constructor(
    private readonly text: string,
    private readonly layout: Layout,
  ) {}

  /** Add pairs to a map: before key `before` when it starts a line, else at the end. */
  addPairs(map: YAMLMap, pairs: Record<string, unknown>, before?: string): void {
    const t = this.text;
    if (map.flow) {
      const body = Object.entries(pairs).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ');
      if (map.items.length === 0) this.insert(r(map)![0] + 1, body);
      else this.insert(entryEnd(map.items[map.items.length - 1] as AnyPair), `, ${body}`);
      return;
    }
    const col = firstKeyColumn(t, map) ?? 0;
    const lines = blockPairs(pairs, col, this.layout);
    const anchor = before ? pairOf(map, before) : undefined;
    const k = r(anchor?.key);
    // a new key goes after anything that completes the value before it at the same offset
    if (k && startsLine(t, k[0])) {
      this.patches.push({ ...insertLines(t, aboveComments(t, lineStart(t, k[0]), col), lines), order: 1 });
      return;
    }
    const last = map.items[map.items.length - 1] as AnyPair;
    this.patches.push({ ...insertLines(t, lineEnd(t, entryEnd(last) - 1), lines), order: 1 });
  }

  /** Add items to a sequence at its start or end. */
  addItems(seq: YAMLSeq, items: unknown[], where: 'start' | 'end'): void {
    const t = this.text;
    if (seq.flow) {
      const body = items.map((i) => JSON.stringify(i)).join(', ');
      if (seq.items.length === 0) this.insert(r(seq)![0] + 1, body);
      else if (where === 'start') this.insert(r(seq)![0] + 1, `${body}, `);
      else this.insert(r(seq.items[seq.items.length - 1])![1], `, ${body}`);
      return;
    }
    const ref = r(where === 'start' ? seq.items[0] : seq.items[seq.items.length - 1])!;
    const dash = t.lastIndexOf('-', ref[0] - 1);
    const dashCol = columnOf(t, dash);
    const sameLine = !t.slice(dash, ref[0]).includes('\n');
    const layout = { ...this.layout, dashPad: sameLine ? Math.max(2, ref[0] - dash) : this.layout.dashPad };
    const lines = blockItems(items, dashCol, layout);
    const at = where === 'start' ? aboveComments(t, lineStart(t, dash), dashCol) : lineEnd(t, ref[1] - 1);
    this.patches.push(insertLines(t, at, lines));
  }

  /** Give an empty (`key:`) or null (`key: null`) pair a collection value. */
  fill(parent: YAMLMap, pair: AnyPair, value: Record<string, unknown> | unknown[]): void {
    const t = this.text;
    const k = r(pair.key)!;
    const v = r(pair.value);
    if (parent.flow) {
      if (v && v[1] > v[0]) this.patches.push({ start: v[0], end: v[1], text: JSON.stringify(value) });
      else this.insert(t.indexOf(':', k[1]) + 1, ` ${JSON.stringify(value)}`);
      return;
    }
    const colon = t.indexOf(':', k[1]);
    if (v && v[1] > v[0]) this.patches.push({ start: colon + 1, end: v[1], text: '' });
    const col = columnOf(t, k[0]);
    const lines = Array.isArray(value) ? blockItems(value, col + this.layout.seqIndent, this.layout) : blockPairs(value, col + this.layout.step, this.layout);
    this.patches.push(insertLines(t, lineEnd(t, Math.max(colon, v ? v[1] - 1 : colon)), lines));
  }

  private insert(at: number, s: string): void {
    this.patches.push({ start: at, end: at, text: s });
  }
}

/** Where a map pair ends (its value, or its key when the value is empty). */
function entryEnd(p: AnyPair): number {
  const k = r(p.key)!;
  const v = r(p.value);
  return Math.max(k[1], v ? v[1] : k[1]);
}
