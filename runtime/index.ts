/**
 * The runtime's public API: run plans in-process (what `meshc run` does, usable from tests,
 * benchmarks and embedding applications).
 */
export { Runtime, type RuntimeOptions } from './runtime.js';
export { PlanSource, type PlanSourceOptions } from './plan-source.js';
export { loadPlanFile, parsePlan, checkPlan } from './plan/plan-loader.js';
export { AdminServer, type AdminServerOptions } from './admin/admin-server.js';
export { createLogger, silentLogger, type Logger } from './logger.js';
export { MeshcError } from './errors.js';
export { PromWriter, type MetricsSource } from './metrics.js';
export { Cluster } from './cluster/cluster.js';
export { Host } from './cluster/host.js';
export { createLoadBalancer, LB_POLICIES, type LbPolicy } from './lb/index.js';
export type { LoadBalancer } from './lb/load-balancer.js';
export type { Listener } from './listener/listener.js';
export type { Plan } from '../schemas/types/plan.gen.js';
