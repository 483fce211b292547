import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { ClusterResolver, Listener, ListenerContext } from './listener.js';
import { TcpListener } from './tcp-listener.js';
import { UdpListener } from './udp-listener.js';

/** A listener for the config's transport. */
export function createListener(config: ListenerConfig, resolve: ClusterResolver, ctx: ListenerContext): Listener {
  return config.transport === 'udp' ? new UdpListener(config, resolve, ctx) : new TcpListener(config, resolve, ctx);
}
