import type { Command } from '../main.js';

// Placeholder: the command is registered in cli/main.ts; its implementation replaces this file.
/** `meshc inject`. */
export const command: Command = {
  name: 'inject',
  summary: '',
  usage: 'Usage: meshc inject\n',
  async run() {
    process.stderr.write('meshc inject: not implemented yet\n');
    return 1;
  },
};
