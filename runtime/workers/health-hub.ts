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
  private last = '';

  constructor(private readonly logger: Logger) {}

  /** Follow a newly applied plan: update kept clusters, start new ones, stop removed ones. */
  apply(plan: Plan): void {
    const wanted = new Set<string>();
    for (const c of plan.clusters) {
      wanted.add(c.name);
      const existing = this.clusters.get(c.name);
      if (existing) existing.update(c);
      else {
        const nc = new Cluster(c, this.logger);
        nc.start();
        this.clusters.set(c.name, nc);
      }
    }
    for (const [name, c] of this.clusters) {
      if (wanted.has(name)) continue;
      c.stop();
      this.clusters.delete(name);
    }
  }

  /** Membership and health of every cluster. */
  snapshot(): HostSnapshot {
    const s: HostSnapshot = {};
    for (const [name, c] of this.clusters) s[name] = c.hostStates();
    return s;
  }

  /** The snapshot if it differs from the last one this returned, else null (cheap change detection). */
  changed(): HostSnapshot | null {
    const s = this.snapshot();
    const text = JSON.stringify(s);
    if (text === this.last) return null;
    this.last = text;
    return s;
  }

  /** Stop every checker and resolver. */
  stop(): void {
    for (const c of this.clusters.values()) c.stop();
    this.clusters.clear();
  }
}
