import type { Plan } from '../../schemas/types/plan.gen.js';
import type { Logger } from '../logger.js';
import { Cluster } from '../cluster/cluster.js';
import type { HostSnapshot } from './protocol.js';

/**
 * The primary's view of cluster membership and health with `--workers N`: one Cluster per plan
 * cluster whose active health checks and DNS resolution run here, once, instead of N times in N
 * workers that could disagree. Workers adopt `snapshot()`; the hub never carries traffic.
 */
export class HealthHub {
  readonly clusters = new Map<string, Cluster>();
  /** Clusters whose membership or health changed since the last `takeChanges()`. */
  private readonly dirty = new Set<string>();
  /** Called (synchronously) when a cluster becomes dirty; the primary schedules a push. */
  onDirty: () => void = () => undefined;

  constructor(private readonly logger: Logger) {}

  /** Follow a newly applied plan: update kept clusters, start new ones, stop removed ones. */
  apply(plan: Plan): void {
    const wanted = new Set<string>();
    for (const c of plan.clusters) {
      wanted.add(c.name);
      const existing = this.clusters.get(c.name);
      if (existing) existing.update(c, plan.zone ?? null);
      else {
        const nc = new Cluster(c, this.logger, plan.zone ?? null);
        nc.onChange = () => {
          this.dirty.add(c.name);
          this.onDirty();
        };
        nc.start();
        this.clusters.set(c.name, nc);
      }
    }
    for (const [name, c] of this.clusters) {
      if (wanted.has(name)) continue;
      c.onChange = null;
      c.stop();
      this.clusters.delete(name);
      this.dirty.delete(name);
    }
  }

  /** Membership and health of every cluster. */
  snapshot(): HostSnapshot {
    const s: HostSnapshot = {};
    for (const [name, c] of this.clusters) s[name] = c.hostStates();
    return s;
  }

  /** Membership and health of the clusters that changed since the last call, or null (O(changed)). */
  takeChanges(): HostSnapshot | null {
    if (this.dirty.size === 0) return null;
    const s: HostSnapshot = {};
    for (const name of this.dirty) {
      const c = this.clusters.get(name);
      if (c !== undefined) s[name] = c.hostStates();
    }
    this.dirty.clear();
    return s;
  }

  /** Stop every checker and resolver. */
  stop(): void {
    for (const c of this.clusters.values()) {
      c.onChange = null;
      c.stop();
    }
    this.clusters.clear();
    this.dirty.clear();
  }
}
