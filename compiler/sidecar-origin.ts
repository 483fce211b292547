/**
 * Where a plan comes from in the policy: the `metadata.name` of its Sidecar document, so that
 * problems found after compiling (e.g. a ConfigMap too large) still point at FILE:LINE:COL.
 */
import type { CompileContext } from './context.js';
import { locate } from './locate.js';

/** A source position. */
export interface Origin {
  file: string;
  line: number;
  col: number;
}

/**
 * The Sidecar document named `sidecar`; for the implicit `default` plan (no Sidecar documents)
 * the start of the first file read, since every Service contributes to it.
 */
export function sidecarOrigin(ctx: CompileContext, sidecar: string): Origin {
  for (const src of ctx.docs) {
    const v = src.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
    if (v?.kind === 'Sidecar' && v.metadata?.name === sidecar) {
      const { doc, lc } = src.ast();
      return { file: src.file, ...locate(doc, lc, ['metadata', 'name']) };
    }
  }
  const first = [...ctx.fileOrder.entries()].sort((a, b) => a[1] - b[1])[0];
  return { file: first?.[0] ?? '<policy>', line: 1, col: 1 };
}
