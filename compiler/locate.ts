/** Map a path inside a parsed YAML document back to a source position (1-based line/col). */
import type { Document, LineCounter, Node } from 'yaml';
import { yamlLib } from './yaml-lib.js';

export type PathSeg = string | number;

/** Where a diagnostic points. */
export interface Position {
  line: number;
  col: number;
}

/**
 * Position of the node at `path` in `doc`: its key when `target` is 'key' (the last segment must
 * be a map key), else its value. Walks only as far as the document goes, so a missing field points
 * at its nearest existing parent.
 */
export function locate(doc: Document, lc: LineCounter, path: readonly PathSeg[], target: 'key' | 'value' = 'value'): Position {
  const { isAlias, isMap, isScalar, isSeq } = yamlLib();
  let node: unknown = doc.contents;
  let best = offsetOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = (node as { resolve(d: Document): unknown }).resolve(doc);
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyOff = offsetOf(pair.key);
      if (last && target === 'key' && keyOff !== undefined) return lc.linePos(keyOff);
      node = pair.value;
      // A key without a value (`port:`) has no useful value position: point at the key.
      best = offsetOf(node) ?? keyOff ?? best;
      if (node === null) break;
    } else if (isSeq(node)) {
      const idx = typeof seg === 'number' ? seg : Number(seg);
      node = node.items[idx];
      const off = offsetOf(node);
      if (off === undefined) break;
      best = off;
    } else break;
  }
  return lc.linePos(best);
}

function offsetOf(node: unknown): number | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? r[0] : undefined;
}

/** `spec.ports[0].protocol` for messages. */
export function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}
