import type { Plan } from '../../schemas/types/plan.gen.js';
import type { HostState } from '../cluster/cluster.js';

/** Membership and health of every cluster, keyed by cluster name (primary -> workers). */
export type HostSnapshot = Record<string, HostState[]>;

/**
 * Messages from the primary to a worker over the cluster IPC channel. `hseq` orders host
 * snapshots (a plan's full snapshot and the pushes of changes): a worker never replaces a
 * cluster's states with older ones, whatever order its applies finish in.
 */
export type ToWorker =
  | { t: 'apply'; seq: number; plan: Plan; hosts: HostSnapshot; hseq: number }
  | { t: 'hosts'; hosts: HostSnapshot; hseq: number }
  | { t: 'collect'; id: number };

/** Messages from a worker to the primary. */
export type FromWorker =
  | { t: 'up' }
  | { t: 'applied'; seq: number; ok: boolean; error?: string; code?: string }
  | { t: 'collected'; id: number; metrics: string; clusters: object[]; ready: boolean };

/** Environment variable that tells a forked `meshc run` process which worker it is. */
export const WORKER_INDEX_ENV = 'MESHC_WORKER_INDEX';

/** Environment variable that tells a forked worker how many workers there are (each enforces 1/N of maxConnectionRate). */
export const WORKER_COUNT_ENV = 'MESHC_WORKER_COUNT';
