/**
 * How a manifest is indented, and rendering of inject's additions in that style, so the added
 * lines look as if the author had written them: the same step for nested maps, the same choice
 * between `key:\n- item` and `key:\n  - item`, the same gap after the dash. Flow collections
 * (`[...]`, `{...}`, JSON manifests) get JSON text, which is valid YAML flow.
 */
import { isMap, isScalar, isSeq, stringify, type YAMLMap, type YAMLSeq } from 'yaml';
import { columnOf } from './text-edit.js';

/** Indentation of one manifest. */
export interface Layout {
  /** Columns a nested block map is indented by. */
  step: number;
  /** Columns a block sequence's dash sits right of its key (0: `key:\n- item`). */
  seqIndent: number;
  /** Columns from a dash to its item's content (2 for `- name: x`). */
  dashPad: number;
}

const DEFAULT_LAYOUT: Layout = { step: 2, seqIndent: 0, dashPad: 2 };

/**
 * The layout of a pod template: step from a block map nested in a block map (`spec` in its
 * parent), sequence style from the `containers` list, each falling back to kubectl's style.
 */
export function detectLayout(text: string, parent: YAMLMap, spec: unknown, containersKey: unknown, containers: unknown): Layout {
  const l = { ...DEFAULT_LAYOUT };
  if (isMap(spec) && !spec.flow && !parent.flow) {
    const inner = firstKeyColumn(text, spec);
    const outer = firstKeyColumn(text, parent);
    if (inner !== undefined && outer !== undefined && inner > outer) l.step = inner - outer;
  }
  if (isSeq(containers) && !containers.flow && isScalar(containersKey) && containersKey.range) {
    const seq = containers as YAMLSeq;
    const first = seq.items[0] as { range?: number[] } | undefined;
    if (first?.range) {
      const dash = text.lastIndexOf('-', first.range[0]);
      if (dash >= 0) {
        l.seqIndent = Math.max(0, columnOf(text, dash) - columnOf(text, containersKey.range[0]));
        l.dashPad = Math.max(2, first.range[0] - dash);
      }
    }
  }
  return l;
}

/** Column of the first key of a block map. */
export function firstKeyColumn(text: string, map: YAMLMap): number | undefined {
  const k = map.items[0]?.key as { range?: number[] } | undefined;
  return k?.range ? columnOf(text, k.range[0]) : undefined;
}

/** A scalar as YAML would write it plainly (quoted only when it must be). */
export function scalar(v: unknown): string {
  return stringify(v, { lineWidth: 0 }).replace(/\n$/, '');
}

const pad = (n: number) => ' '.repeat(n);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Block lines (each ending in a newline) for the pairs of `obj`, keys at column `col`. */
export function blockPairs(obj: Record<string, unknown>, col: number, l: Layout): string {
  let out = '';
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v) && v.length > 0) out += `${pad(col)}${scalar(k)}:\n${blockItems(v, col + l.seqIndent, l)}`;
    else if (isObject(v) && Object.keys(v).length > 0) out += `${pad(col)}${scalar(k)}:\n${blockPairs(v, col + l.step, l)}`;
    else out += `${pad(col)}${scalar(k)}: ${flow(v)}\n`;
  }
  return out;
}

/** Block sequence lines for `items`, dashes at column `dashCol`. */
export function blockItems(items: readonly unknown[], dashCol: number, l: Layout): string {
  let out = '';
  for (const item of items) {
    if (isObject(item) && Object.keys(item).length > 0) {
      const body = blockPairs(item, dashCol + l.dashPad, l);
      out += pad(dashCol) + '-' + pad(l.dashPad - 1) + body.slice(dashCol + l.dashPad);
    } else out += `${pad(dashCol)}- ${flow(item)}\n`;
  }
  return out;
}

/** A value as one line of flow YAML (JSON for collections, plain or quoted scalars). */
export function flow(v: unknown): string {
  if (Array.isArray(v) || isObject(v)) return JSON.stringify(v);
  return scalar(v);
}
