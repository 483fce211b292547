import type { Plan } from '../../schemas/types/plan.gen.js';
import type { HostState } from '../cluster/cluster.js';

/** Membership and health of every cluster, keyed by cluster name (primary -> workers). */
export type HostSnapshot = Record<string, HostState[]>;

/** Messages from the primary to a worker over the cluster IPC channel. */
export type ToWorker =
  | { t: 'apply'; seq: number; plan: Plan; hosts: HostSnapshot }
  | { t: 'hosts'; hosts: HostSnapshot }
  | { t: 'collect'; id: number };

/** Messages from a worker to the primary. */
export type FromWorker =
  | { t: 'up' }
  | { t: 'applied'; seq: number; ok: boolean; error?: string; code?: string }
  | { t: 'collected'; id: number; metrics: string; clusters: object[]; ready: boolean };

/** Environment variable that tells a forked `meshc run` process which worker it is. */
export const WORKER_INDEX_ENV = 'MESHC_WORKER_INDEX';
