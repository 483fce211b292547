import type { Listener as ListenerConfig } from '../../schemas/types/plan.gen.js';
import type { ClusterResolver, Listener, ListenerContext } from './listener.js';
import type { PromWriter } from '../metrics.js';
import { MeshcError } from '../errors.js';

/** Tcp listener. STUB — implemented by its runtime issue. */
export class TcpListener implements Listener {
  name: string;
  active = 0;
  constructor(
    public config: ListenerConfig,
    resolve: ClusterResolver,
    readonly ctx: ListenerContext,
  ) {
    this.name = config.name;
    if (config.cluster) resolve(config.cluster);
  }
  async listen(): Promise<void> {
    throw new MeshcError('E_UNSUPPORTED', 'tcp listeners are not implemented yet');
  }
  update(config: ListenerConfig, resolve: ClusterResolver): void {
    this.config = config;
    this.name = config.name;
    if (config.cluster) resolve(config.cluster);
  }
  async stopAccepting(): Promise<void> {}
  async drain(_timeoutMs: number): Promise<void> {}
  destroy(): void {}
  collect(_w: PromWriter): void {}
}
