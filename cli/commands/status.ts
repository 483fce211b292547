import type { Command } from '../main.js';

// Placeholder: the command is registered in cli/main.ts; its implementation replaces this file.
/** `meshc status`. */
export const command: Command = {
  name: 'status',
  summary: '',
  usage: 'Usage: meshc status\n',
  async run() {
    process.stderr.write('meshc status: not implemented yet\n');
    return 1;
  },
};
