/**
 * Decide, on the manifest as the user wrote it, what happens to one workload: skipped (opted
 * out), injected with which sidecar, or an error at its position. Every check runs here, before
 * any text is touched, so errors always point into the original input and nothing is written
 * when one is found.
 */
import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { HEALTH_PORT, INIT_NAME, PROXY_NAME, TLS_VOLUME_NAME, VOLUME_NAME, type SidecarIdentity, type TlsSource } from './additions.js';
import { INJECTED_ANNOTATION, INJECT_ANNOTATION, SIDECAR_ANNOTATION, parseStatus, type InjectionStatus } from './status.js';
import { tlsSource } from './tls-volume.js';
import { pairOf, stringOf, valueOf, type ManifestObject } from './workloads.js';

/** What the policy offers and the command line chose. */
export interface SidecarChoice {
  plans: ReadonlyMap<string, SidecarIdentity>;
  /** `--sidecar NAME` (already checked against `plans`). */
  flag: string | undefined;
  /** True when the policy has no Sidecar documents: every workload gets `default`. */
  implicitDefault: boolean;
}

/** The outcome for one workload. */
export type Decision =
  | { action: 'skip'; reason: string }
  | { action: 'inject'; sidecar: SidecarIdentity; previous: InjectionStatus | undefined; template: YAMLMap; tls?: TlsSource };

/** Where analysis reports to. */
export interface AnalyzeContext {
  file: string;
  text: string;
  lc: LineCounter;
  /** Anchors that some alias in the document refers to. */
  aliasedAnchors: ReadonlySet<string>;
  choice: SidecarChoice;
  diagnostics: Diagnostic[];
}

export class Problem extends Error {
  constructor(
    readonly code: string,
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

/** `key:` or `key: null`. */
const isEmpty = (v: unknown): boolean => v === null || (isScalar(v) && v.value === null);
export const offsetOf = (n: unknown): number => (n as { range?: number[] } | null)?.range?.[0] ?? 0;

/** Analyze one workload; problems are pushed to ctx.diagnostics and yield undefined. */
export function analyzeWorkload(ctx: AnalyzeContext, obj: ManifestObject): Decision | undefined {
  try {
    return decide(ctx, obj);
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    const pos = ctx.lc.linePos(err.at);
    ctx.diagnostics.push({ code: err.code, severity: 'error', file: ctx.file, line: pos.line, col: pos.col, message: `${obj.label}: ${err.message}` });
    return undefined;
  }
}

/** Refuse nodes inject cannot edit in place: aliases, shared anchors, merge keys. */
function editable(ctx: AnalyzeContext, node: unknown, what: string): void {
  if (isAlias(node)) throw new Problem('E_INJECT_ALIAS', offsetOf(node), `${what} is an alias (*${node.source}); inject edits it in place, so write it out instead of referring to an anchor`);
  const anchor = (node as { anchor?: string } | null)?.anchor;
  if (anchor && ctx.aliasedAnchors.has(anchor))
    throw new Problem('E_INJECT_ALIAS', Math.max(0, ctx.text.lastIndexOf(`&${anchor}`, offsetOf(node))), `${what} carries the anchor &${anchor}, which an alias refers to; injecting would change both places`);
  if (isMap(node)) {
    const merge = (node as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === '<<');
    if (merge) throw new Problem('E_INJECT_ALIAS', offsetOf(merge.key), `${what} uses a merge key (<<); write its keys out so inject can see them`);
  }
}

/** The value node of the annotation `key` in a metadata map, if there is one. */
export function annotation(metadata: unknown, key: string): Node | undefined {
  const v = valueOf(valueOf(metadata, 'annotations'), key);
  return v ?? undefined;
}

function optedOut(node: Node | undefined): boolean {
  if (node === undefined) return false;
  const v = isScalar(node) ? node.value : undefined;
  if (v === 'false' || v === false) return true;
  if (v === 'true' || v === true) return false;
  throw new Problem('E_INJECT_BAD_ANNOTATION', offsetOf(node), `${INJECT_ANNOTATION} must be "true" or "false"`);
}

function decide(ctx: AnalyzeContext, obj: ManifestObject): Decision {
  const metadata = valueOf(obj.node, 'metadata');
  if (optedOut(annotation(metadata, INJECT_ANNOTATION))) return { action: 'skip', reason: `${INJECT_ANNOTATION}: "false"` };

  // Walk to the pod template, refusing anything that cannot be edited in place on the way.
  editable(ctx, obj.node, 'the workload');
  let template: unknown = obj.node;
  let lastKey: unknown = obj.node;
  const path: string[] = [];
  for (const seg of obj.templatePath!) {
    const pair = pairOf(template, seg);
    path.push(seg);
    if (!pair || !isMap(pair.value)) {
      if (pair && isAlias(pair.value)) editable(ctx, pair.value, path.join('.'));
      throw new Problem('E_INJECT_INVALID_WORKLOAD', offsetOf(pair?.key ?? lastKey), `no pod template: ${path.join('.')} must be a mapping`);
    }
    editable(ctx, pair.value, path.join('.'));
    lastKey = pair.key;
    template = pair.value;
  }
  const tmpl = template as YAMLMap;
  const at = (rel: string) => [...obj.templatePath!, rel].join('.');

  const tmeta = pairOf(tmpl, 'metadata');
  if (tmeta?.value) editable(ctx, tmeta.value, at('metadata'));
  if (tmeta && !isEmpty(tmeta.value) && !isMap(tmeta.value)) throw mustBe(tmeta, at('metadata'), 'a mapping');
  if (optedOut(annotation(tmeta?.value, INJECT_ANNOTATION))) return { action: 'skip', reason: `${INJECT_ANNOTATION}: "false" on the pod template` };
  const ann = pairOf(tmeta?.value, 'annotations');
  if (ann?.value) editable(ctx, ann.value, at('metadata.annotations'));
  if (ann && !isEmpty(ann.value) && !isMap(ann.value)) throw mustBe(ann, at('metadata.annotations'), 'a mapping');

  const specPair = pairOf(tmpl, 'spec');
  if (!specPair || !isMap(specPair.value)) {
    if (specPair && isAlias(specPair.value)) editable(ctx, specPair.value, at('spec'));
    throw new Problem('E_INJECT_NO_CONTAINERS', offsetOf(specPair?.key ?? lastKey), `the pod template has no spec with containers (${at('spec.containers')})`);
  }
  const spec = specPair.value as YAMLMap;
  editable(ctx, spec, at('spec'));
  const containers = pairOf(spec, 'containers');
  if (containers && isAlias(containers.value)) editable(ctx, containers.value, at('spec.containers'));
  if (!containers || !isSeq(containers.value) || containers.value.items.length === 0)
    throw new Problem('E_INJECT_NO_CONTAINERS', offsetOf(containers?.key ?? specPair.key), `the pod template has no containers (${at('spec.containers')} must list at least one)`);
  editable(ctx, containers.value, at('spec.containers'));
  for (const key of ['initContainers', 'volumes']) {
    const p = pairOf(spec, key);
    if (p && !isEmpty(p.value) && !isSeq(p.value)) {
      if (isAlias(p.value)) editable(ctx, p.value, at(`spec.${key}`));
      throw mustBe(p, at(`spec.${key}`), 'a list');
    }
    if (p?.value) editable(ctx, p.value, at(`spec.${key}`));
  }

  const hostNetwork = pairOf(spec, 'hostNetwork');
  if (hostNetwork && isScalar(hostNetwork.value) && isTrue(hostNetwork.value))
    throw new Problem('E_INJECT_HOST_NETWORK', offsetOf(hostNetwork.key), `hostNetwork: true shares the node's network namespace; the sidecar (and its iptables rules) would serve the whole node. Opt the workload out with the annotation ${INJECT_ANNOTATION}: "false"`);

  // An earlier injection (ours, recorded), and names that would collide with the additions.
  const statusNode = annotation(tmeta?.value, INJECTED_ANNOTATION);
  let previous: InjectionStatus | undefined;
  if (statusNode !== undefined) {
    const s = parseStatus(isScalar(statusNode) ? statusNode.value : undefined);
    if (typeof s === 'string') throw new Problem('E_INJECT_BAD_ANNOTATION', offsetOf(statusNode), `${INJECTED_ANNOTATION} ${s}; remove the annotation and meshc's containers, then inject again`);
    previous = s;
  }
  checkNames(spec, 'initContainers', [INIT_NAME, PROXY_NAME], previous?.initContainers ?? [], at);
  checkNames(spec, 'containers', [INIT_NAME, PROXY_NAME], previous?.containers ?? [], at);
  checkNames(spec, 'volumes', [VOLUME_NAME, TLS_VOLUME_NAME], previous?.volumes ?? [], at);
  checkPorts(spec, previous, at);

  const sidecar = chooseSidecar(ctx, obj, metadata, tmeta?.value, previous, statusNode);
  if (sidecar.interception) warnProxyIdentity(ctx, obj, spec, sidecar, previous);
  const tls = tlsSource(ctx, obj, metadata, tmeta?.value, sidecar);
  return tls ? { action: 'inject', sidecar, previous, template: tmpl, tls } : { action: 'inject', sidecar, previous, template: tmpl };
}

/**
 * With interception, traffic of the proxy's uid or gid is exempt from capture: an application
 * running as that identity would bypass the proxy without any error.
 */
function warnProxyIdentity(ctx: AnalyzeContext, obj: ManifestObject, spec: YAMLMap, id: SidecarIdentity, previous: InjectionStatus | undefined): void {
  const ours = new Set([...(previous?.containers ?? []), ...(previous?.initContainers ?? [])]);
  const check = (sc: unknown, who: string) => {
    for (const [key, want] of [['runAsUser', id.proxyUid], ['runAsGroup', id.proxyGid]] as const) {
      const v = valueOf(sc, key);
      if (!isScalar(v) || Number(v.value) !== want) continue;
      const pos = ctx.lc.linePos(offsetOf(v));
      ctx.diagnostics.push({ code: 'W_INJECT_PROXY_IDENTITY', severity: 'warning', file: ctx.file, line: pos.line, col: pos.col, message: `${obj.label}: ${who} runs with ${key} ${want}, the identity sidecar ${id.name}'s interception exempts: its traffic bypasses the proxy` });
    }
  };
  check(valueOf(spec, 'securityContext'), 'the pod');
  for (const key of ['initContainers', 'containers']) {
    const seq = valueOf(spec, key);
    if (!isSeq(seq)) continue;
    for (const c of (seq as YAMLSeq).items) {
      const n = stringOf(valueOf(c, 'name')) ?? '?';
      if (!ours.has(n)) check(valueOf(c, 'securityContext'), `container ${n}`);
    }
  }
}

function mustBe(pair: { key: unknown }, where: string, what: string): Problem {
  return new Problem('E_INJECT_INVALID_WORKLOAD', offsetOf(pair.key), `${where} must be ${what}`);
}

function isTrue(n: { value: unknown; source?: string }): boolean {
  return n.value === true || (typeof n.source === 'string' && /^(y|yes|on)$/i.test(n.source) && typeof n.value === 'string');
}

/** Items of `spec[key]` named like an addition but not recorded as ours are somebody else's. */
function checkNames(spec: YAMLMap, key: string, ours: string[], recorded: string[], at: (rel: string) => string): void {
  const seq = valueOf(spec, key);
  if (!isSeq(seq)) return;
  for (const item of (seq as YAMLSeq).items) {
    const name = valueOf(item, 'name');
    const n = stringOf(name);
    if (n && ours.includes(n) && !recorded.includes(n))
      throw new Problem('E_INJECT_NAME_CONFLICT', offsetOf(name), `${at(`spec.${key}`)} already has an item named ${n} that meshc did not add (no ${INJECTED_ANNOTATION} annotation records it); rename it`);
  }
}

/** The health port must be free in the pod's network namespace. */
function checkPorts(spec: YAMLMap, previous: InjectionStatus | undefined, at: (rel: string) => string): void {
  for (const key of ['containers', 'initContainers']) {
    const seq = valueOf(spec, key);
    if (!isSeq(seq)) continue;
    for (const c of (seq as YAMLSeq).items) {
      const n = stringOf(valueOf(c, 'name'));
      if (n && previous && [...previous.containers, ...previous.initContainers].includes(n)) continue;
      const ports = valueOf(c, 'ports');
      if (!isSeq(ports)) continue;
      for (const p of (ports as YAMLSeq).items) {
        const cp = valueOf(p, 'containerPort');
        if (isScalar(cp) && Number(cp.value) === HEALTH_PORT)
          throw new Problem('E_INJECT_PORT_CONFLICT', offsetOf(cp), `container ${n ?? '?'} in ${at(`spec.${key}`)} uses port ${HEALTH_PORT}, meshc-proxy's health port`);
      }
    }
  }
}

function chooseSidecar(ctx: AnalyzeContext, obj: ManifestObject, metadata: unknown, tmeta: unknown, previous: InjectionStatus | undefined, statusNode: Node | undefined): SidecarIdentity {
  const { plans, flag, implicitDefault } = ctx.choice;
  if (flag !== undefined) return plans.get(flag)!;
  const named = annotation(tmeta, SIDECAR_ANNOTATION) ?? annotation(metadata, SIDECAR_ANNOTATION);
  let name: string | undefined;
  let where: unknown;
  if (named !== undefined) {
    name = stringOf(named);
    where = named;
    if (name === undefined) throw new Problem('E_INJECT_BAD_ANNOTATION', offsetOf(named), `${SIDECAR_ANNOTATION} must be a string`);
  } else if (previous) {
    name = previous.sidecar;
    where = statusNode;
  } else if (implicitDefault) name = 'default';
  if (name === undefined) {
    const metaKey = pairOf(obj.node, 'metadata')?.key ?? obj.node;
    throw new Problem('E_INJECT_NO_SIDECAR', offsetOf(metaKey), `no sidecar named: annotate the workload or its pod template with ${SIDECAR_ANNOTATION}: NAME, or pass --sidecar NAME (the policy defines: ${[...plans.keys()].join(', ')})`);
  }
  const id = plans.get(name);
  if (!id) throw new Problem('E_INJECT_UNKNOWN_SIDECAR', offsetOf(where), `unknown sidecar '${name}': the policy defines ${[...plans.keys()].join(', ')}`);
  return id;
}
