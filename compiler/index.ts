/**
 * The compiler: policy YAML -> one Plan per sidecar. A pipeline of stages sharing one context
 * (load -> validate -> resolve -> normalize); problems are returned as diagnostics, never thrown.
 */
import type { Plan } from '../schemas/types/plan.gen.js';
import { createContext, type CompileOptions } from './context.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { load } from './load.js';
import { normalize } from './normalize.js';
import { resolve } from './resolve.js';
import { validate } from './validate.js';
import { sidecarOrigin, type Origin } from './sidecar-origin.js';

export type { Diagnostic } from './diagnostics.js';
export type { CompileOptions } from './context.js';

/** Result of compiling a set of policy files/directories. */
export interface CompileResult {
  /** One plan per Sidecar (or `default`), sorted by name; empty when there are errors. */
  plans: Plan[];
  diagnostics: Diagnostic[];
  /** What was read, for summaries. */
  summary: { files: number; documents: number; services: number; sidecars: number };
  /** Where the plan named `sidecar` comes from (its Sidecar's metadata.name), for later diagnostics. */
  origin(sidecar: string): Origin;
}

/** Load, validate, resolve and normalize the policy at `paths` into plans. */
export async function compile(paths: string[], options: CompileOptions = {}): Promise<CompileResult> {
  const ctx = createContext(options);
  await load(ctx, paths);
  validate(ctx);
  resolve(ctx);
  const failed = hasErrors(ctx.diagnostics);
  if (!failed) normalize(ctx);
  const kinds = ctx.docs.map((d) => (d.value as { kind?: unknown } | null)?.kind);
  return {
    plans: failed ? [] : ctx.plans,
    diagnostics: sortDiagnostics(ctx.diagnostics, ctx.fileOrder),
    summary: {
      files: ctx.fileOrder.size,
      documents: ctx.docs.length,
      services: kinds.filter((k) => k === 'Service').length,
      sidecars: kinds.filter((k) => k === 'Sidecar').length,
    },
    origin: (sidecar) => sidecarOrigin(ctx, sidecar),
  };
}
