import type { Command } from '../main.js';

// Placeholder: the command is registered in cli/main.ts; its implementation replaces this file.
/** `meshc diff`. */
export const command: Command = {
  name: 'diff',
  summary: '',
  usage: 'Usage: meshc diff\n',
  async run() {
    process.stderr.write('meshc diff: not implemented yet\n');
    return 1;
  },
};
