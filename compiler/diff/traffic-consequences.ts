/**
 * What a reload does with the traffic-management fields (SPEC 9, docs/traffic.md): split weights
 * and targets, idle/duration/rate limits of a listener, PROXY protocol in both directions,
 * locality. Called by consequences.ts for changed listeners, clusters and plans.
 */
import type { Cluster, Listener, Plan } from '../../schemas/types/plan.gen.js';
import { formatDuration } from '../duration.js';
import { field, touches } from './fields.js';
import type { Consequence, FieldChange } from './model.js';

function rt(code: string, severity: Consequence['severity'], message: string): Consequence {
  return { code, target: 'runtime', severity, message };
}

/** `a=90, b=10` */
export function splitText(w: Listener['weightedClusters']): string {
  return (w ?? []).map((x) => `${x.cluster}=${x.weight}`).join(', ');
}

/** Where a listener's new connections go: its cluster, its split, or its SNI routes only. */
export function destinationText(l: Listener | undefined): string {
  if (!l) return 'nowhere';
  if (l.weightedClusters) return `split ${splitText(l.weightedClusters)}`;
  return l.cluster ?? 'SNI routes only';
}

const ms = (v: unknown) => (typeof v === 'number' ? formatDuration(v) : 'none');

/** Consequences of a changed listener's traffic fields. */
export function listenerTrafficConsequences(f: readonly FieldChange[], old: Listener | undefined, now: Listener | undefined): Consequence[] {
  const out: Consequence[] = [];
  const unit = now?.transport === 'udp' ? 'sessions' : 'connections';
  const wc = field(f, 'weightedClusters');
  if (wc && old?.weightedClusters && now?.weightedClusters) {
    const names = (l: Listener) => l.weightedClusters!.map((w) => w.cluster).join(',');
    if (names(old) === names(now))
      out.push(rt('split-weights', 'info', `weights changed (${splitText(old.weightedClusters)} → ${splitText(now.weightedClusters)}): new ${unit} use the new split; live ${unit} stay on the target they picked`));
    else
      out.push(rt('split-targets', 'info', `split targets changed (${splitText(old.weightedClusters)} → ${splitText(now.weightedClusters)}): new ${unit} use the new split; live ${unit} stay on the target they picked, also one no longer in the split, until they close`));
  } else if (wc || field(f, 'cluster')) {
    if (now?.weightedClusters) out.push(rt('split-start', 'info', `now a split (${splitText(now.weightedClusters)}): new ${unit} pick a target by weight; live ${unit} stay where they are`));
    else if (old?.weightedClusters) out.push(rt('split-end', 'info', `no longer a split: new ${unit} go to ${destinationText(now)}; live ${unit} stay on the target they picked`));
  }
  if (field(f, 'idleTimeoutMs'))
    out.push(rt('split-idle-timeout', 'info', `the split's idle timeout ${ms(old?.idleTimeoutMs)} → ${ms(now?.idleTimeoutMs)} (none: each target's own) applies to new ${unit}; live ${unit} keep the one they started with`));
  if (touches(f, 'maxConnectionDuration')) {
    const o = old?.maxConnectionDuration;
    const n = now?.maxConnectionDuration;
    const text = (d: typeof o) => (d ? `${formatDuration(d.ms)}${d.jitterPercent ? ` +${d.jitterPercent}%` : ''}` : 'no limit');
    out.push(rt('max-duration', 'info', `maxDuration ${text(o)} → ${text(n)}: new ${unit} get the new limit; live ${unit} keep the limit they were accepted with`));
  }
  if (field(f, 'maxConnectionRate')) {
    const r = (v: number | undefined) => (v === undefined ? 'unlimited' : `${v}/s`);
    out.push(rt('connection-rate', 'info', `maxConnectionRate ${r(old?.maxConnectionRate)} → ${r(now?.maxConnectionRate)}: applies to new ${unit} from the reload on (excess ones are closed at once, flag RL); live ${unit} are not affected`));
  }
  if (touches(f, 'proxyProtocol')) {
    if (!old?.proxyProtocol && now?.proxyProtocol)
      out.push(rt('proxy-protocol-accept', 'disruptive', 'new connections must start with a PROXY protocol header: make the load balancer in front send it before applying this, or they are closed; live connections are not affected'));
    else if (old?.proxyProtocol && !now?.proxyProtocol)
      out.push(rt('proxy-protocol-accept-off', 'disruptive', 'new connections are forwarded as they come: stop the load balancer sending PROXY headers, or the application receives them as data; live connections are not affected'));
    else out.push(rt('proxy-protocol-timeout', 'info', `PROXY header timeout ${ms(old?.proxyProtocol?.timeoutMs)} → ${ms(now?.proxyProtocol?.timeoutMs)}: applies to new connections`));
  }
  return out;
}

/** Consequences of a changed cluster's traffic fields. */
export function clusterTrafficConsequences(f: readonly FieldChange[], old: Cluster | undefined, now: Cluster | undefined): Consequence[] {
  const out: Consequence[] = [];
  const pp = field(f, 'proxyProtocol');
  if (pp) {
    const v = (x: unknown) => (x === undefined ? 'no header' : `a PROXY ${String(x)} header`);
    out.push(
      rt('proxy-protocol-send', 'disruptive', `new upstream connections start with ${v(now?.proxyProtocol)} (was ${v(old?.proxyProtocol)}): every endpoint must expect exactly that before this applies, or it rejects or misreads them; live connections are not affected`),
    );
  }
  const la = field(f, 'loadBalancer.localityAware');
  if (la)
    out.push(rt('locality', 'info', la.new === true
      ? 'locality-aware: new connections prefer healthy endpoints in the sidecar\'s zone; live connections stay'
      : 'no longer locality-aware: new connections are spread over every zone; live connections stay'));
  return out;
}

/** Endpoint changes other than weight: a zone moved. */
export function endpointZoneChanges(fields: ReadonlyArray<readonly FieldChange[]>): number {
  return fields.filter((f) => f.some((x) => x.path === 'zone')).length;
}

/** Plan-level: the sidecar's zone. */
export function planTrafficConsequences(f: readonly FieldChange[], a: Plan | undefined, b: Plan | undefined): Consequence[] {
  if (!field(f, 'zone')) return [];
  const z = (p: Plan | undefined) => p?.zone ?? '(none)';
  return [
    rt('zone-change', 'info', `sidecar zone ${z(a)} → ${z(b)}: locality-aware clusters prefer the new zone for new connections; live connections stay`),
    { code: 'envoy-zone-restart', target: 'envoy', severity: 'restart', message: 'Envoy reads node.locality from the bootstrap at start: restart it (the CDS failover priorities follow the reload)' },
  ];
}
