import type { WeightedCluster } from '../../schemas/types/plan.gen.js';
import type { Cluster } from '../cluster/cluster.js';
import type { ClusterResolver } from '../listener/listener.js';

/**
 * A split listener's choice of target cluster (Envoy: tcp_proxy.weighted_clusters), one per new
 * connection or UDP session, by smooth weighted round-robin (nginx's algorithm): every pick adds
 * each target's weight to its running score, takes the highest and subtracts the total from it.
 * Over any run of `total` picks each target gets exactly its weight, spread out rather than in
 * bursts, so a 90/10 canary gets 1 connection in 10 from the first ten on; no random numbers are
 * drawn. A split has a handful of targets, so the scan costs less than a random draw.
 *
 * Built when a plan is applied (cluster references resolved then, weight-0 targets dropped); a
 * reload builds a new one, so weights change for new connections only. `--workers`: each worker
 * has its own, and each is exact, so the sum is too.
 */
export class WeightedClusters {
  readonly clusters: readonly Cluster[];
  private readonly weights: Int32Array;
  private readonly scores: Float64Array;
  private readonly total: number;

  constructor(targets: readonly WeightedCluster[], resolve: ClusterResolver) {
    const live = targets.filter((t) => t.weight > 0);
    this.clusters = live.map((t) => resolve(t.cluster));
    this.weights = Int32Array.from(live, (t) => t.weight);
    this.scores = new Float64Array(live.length);
    this.total = live.reduce((n, t) => n + t.weight, 0);
  }

  /** The target cluster for a new connection/session; undefined only when every weight is 0. */
  pick(): Cluster | undefined {
    const n = this.weights.length;
    if (n <= 1) return this.clusters[0];
    const s = this.scores;
    const w = this.weights;
    let best = 0;
    for (let i = 0; i < n; i++) {
      s[i] += w[i]!;
      if (s[i]! > s[best]!) best = i;
    }
    s[best] -= this.total;
    return this.clusters[best];
  }
}

/** The names of every cluster a listener can send to: its `cluster`, split targets and SNI routes. */
export function listenerClusterNames(l: { cluster?: string; weightedClusters?: readonly WeightedCluster[]; sniRoutes: readonly { cluster: string }[] }): string[] {
  const out: string[] = [];
  if (l.cluster !== undefined) out.push(l.cluster);
  if (l.weightedClusters !== undefined) for (const t of l.weightedClusters) out.push(t.cluster);
  for (const r of l.sniRoutes) out.push(r.cluster);
  return out;
}
