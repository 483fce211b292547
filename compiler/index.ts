import type { Plan } from '../schemas/types/plan.gen.js';

/** A problem found in the policy, returned as data (never thrown). */
export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  col: number;
  message: string;
}

/** Result of compiling a set of policy files/directories. */
export interface CompileResult {
  /** One plan per Sidecar (or `default`), sorted by name; empty when there are errors. */
  plans: Plan[];
  diagnostics: Diagnostic[];
}

/** Load, validate, resolve and normalize the policy at `paths` into plans. STUB. */
export async function compile(paths: string[]): Promise<CompileResult> {
  void paths;
  return { plans: [], diagnostics: [] };
}
