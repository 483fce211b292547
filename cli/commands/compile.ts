import type { Command } from '../main.js';
import { parseArgs } from '../args.js';

const usage = 'Usage: meshc compile ... (STUB)\n';

/** `meshc compile`. STUB — implemented by its issue. */
export const command: Command = {
  name: 'compile',
  summary: 'compile',
  usage,
  async run(argv) {
    const a = parseArgs(argv, { '--help': { value: false } });
    if (a.flags.has('--help')) {
      process.stdout.write(usage);
      return 0;
    }
    process.stderr.write('meshc compile: not yet supported\n');
    return 2;
  },
};
