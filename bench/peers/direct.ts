import type { PeerDef } from './peer.js';

/** No proxy: clients talk to the backends themselves (the ceiling of every figure). */
export const direct: PeerDef = {
  name: 'direct',
  async start(ctx) {
    return {
      name: 'direct',
      iperfPort: ctx.backends.iperfPort,
      echoPort: ctx.backends.echoPort,
      udpPort: ctx.backends.echoPort,
      notes: [],
      stop: async () => {},
    };
  },
};
