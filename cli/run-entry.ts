/**
 * `meshc run` alone: the entry point that scripts/bundle-run.mjs bundles into
 * dist/bundle/run/meshc-run.js at build time. bin/meshc.js starts `meshc run` from that one file
 * when it matches dist/ (no module resolution and no per-file compilation of ~50 modules at every
 * sidecar start: docs/benchmarks.md, footprint), and from dist/cli/main.js otherwise.
 */
import { command } from './commands/run.js';
import { runCommand } from './command.js';

/** Same contract as main() in cli/main.ts, for argv[0] === 'run'. */
export function main(argv: string[]): Promise<number> {
  return runCommand('run', command, argv.slice(1));
}
