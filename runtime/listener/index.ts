import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { ClusterResolver, Listener, ListenerContext } from './listener.js';
import { TcpListener } from './tcp-listener.js';
import { UdpListener } from './udp-listener.js';
import { NativeTcpListener } from './native-tcp-listener.js';
import { NativeUdpListener } from './native-udp-listener.js';
import { native } from '../native/addon.js';

/** A listener for the config's transport. */
export function createListener(config: ListenerConfig, resolve: ClusterResolver, ctx: ListenerContext): Listener {
  // the native data path when the addon is built (npm install), else the pure-JS one
  if (config.transport === 'udp') return native !== null ? new NativeUdpListener(config, resolve, ctx) : new UdpListener(config, resolve, ctx);
  return native !== null ? new NativeTcpListener(config, resolve, ctx) : new TcpListener(config, resolve, ctx);
}
