/**
 * `meshc compile` alone: the entry point that scripts/bundle-run.mjs bundles into
 * dist/bundle-compile/meshc-compile.js at build time. bin/meshc.js starts `meshc compile` from it
 * when it matches dist/ (no module resolution and no per-file compilation of ~50 modules at every
 * compile: docs/benchmarks.md, compile), and from dist/cli/main.js otherwise.
 */
import { command } from './commands/compile.js';
import { runCommand } from './command.js';

/** Same contract as main() in cli/main.ts, for argv[0] === 'compile'. */
export function main(argv: string[]): Promise<number> {
  return runCommand('compile', command, argv.slice(1));
}
