/**
 * What applying a change does to live traffic. Every sentence here describes what meshc's hot
 * reload actually does (runtime/runtime.ts, runtime/cluster/cluster.ts, docs/reload.md) and, where
 * they differ, what Envoy and the pod's interception rules do. Change the runtime, change this.
 */
import type { Cluster, Listener, Plan } from '../../schemas/types/plan.gen.js';
import { formatDuration } from '../duration.js';
import { envoyBootstrap } from '../emit/envoy.js';
import { emitIp6tables } from '../emit/ip6tables.js';
import { emitIptables } from '../emit/iptables.js';
import { field, touches } from './fields.js';
import type { ClusterDiff, Consequence, ListenerDiff, SidecarDiff } from './model.js';
import { clusterTrafficConsequences, destinationText, endpointZoneChanges, listenerTrafficConsequences, planTrafficConsequences } from './traffic-consequences.js';

export interface ConsequenceContext {
  drainTimeoutMs: number;
  envoyDynamic: boolean;
}

function rt(code: string, severity: Consequence['severity'], message: string): Consequence {
  return { code, target: 'runtime', severity, message };
}

function at(l: Listener): string {
  return `${l.address.includes(':') ? `[${l.address}]` : l.address}:${l.port}/${l.transport}`;
}

function drainFor(ctx: ConsequenceContext): string {
  return `up to ${formatDuration(ctx.drainTimeoutMs)} (meshc run --drain-timeout)`;
}

/** What the reload does with one listener. */
export function listenerConsequences(d: ListenerDiff, old: Listener | undefined, now: Listener | undefined, ctx: ConsequenceContext): Consequence[] {
  const out: Consequence[] = [];
  if (d.change === 'added') {
    const l = d.new as Listener;
    if (d.conflictsWith !== undefined) {
      out.push(
        rt(
          'reload-rejected-bind',
          'rejected',
          `${at(l)} overlaps the address of removed listener ${d.conflictsWith}, which still holds its socket while the new one is bound: the reload is rejected (E_BIND) and the old plan stays in force. Move it in two steps (another port first) or restart the sidecar`,
        ),
      );
    } else if (d.replaces !== undefined) {
      out.push(
        rt(
          'listener-rebind',
          'disruptive',
          `listener address changed (replaces ${d.replaces}): rebind. ${at(l)} is bound before the old address stops accepting; clients must dial the new address, and ${l.transport === 'udp' ? 'sessions' : 'connections'} on the old one drain for ${drainFor(ctx)}`,
        ),
      );
    } else out.push(rt('listener-bind', 'info', `bound when the reload is applied; if ${at(l)} cannot be bound, the whole reload is rejected (E_BIND) and the old plan stays in force`));
    return out;
  }
  if (d.change === 'removed') {
    const l = d.old as Listener;
    const by = d.replacedBy !== undefined ? ` (replaced by ${d.replacedBy})` : '';
    if (l.transport === 'udp')
      out.push(
        rt(
          'listener-drain',
          'disruptive',
          `UDP listener removed${by}: datagrams from new clients are dropped at once; live sessions continue (the socket stays open for their replies) until they idle out or ${formatDuration(ctx.drainTimeoutMs)} pass, then are closed`,
        ),
      );
    else out.push(rt('listener-drain', 'disruptive', `listener removed${by}: stops accepting at once; its connections drain for ${drainFor(ctx)}, then are closed`));
    if (ctx.envoyDynamic)
      out.push({ code: 'envoy-listener-drain', target: 'envoy', severity: 'disruptive', message: 'Envoy drains a removed listener for its own --drain-time-s (default 600 s), not meshc\'s drain timeout' });
    return out;
  }
  const unit = now?.transport === 'udp' ? 'sessions' : 'connections';
  const moved = field(d.fields, 'cluster') || field(d.fields, 'weightedClusters');
  const where = moved ? `new ${unit} go to ${destinationText(now)} (was ${destinationText(old)})` : `new ${unit} use the new settings`;
  out.push(rt('listener-update', 'info', `updated in place: the socket is kept (no rebind); ${where}; live ${unit} keep their endpoint`));
  out.push(...listenerTrafficConsequences(d.fields, old, now));
  out.push(...securityConsequences(d, ctx));
  return out;
}

/** Inbound mutual TLS and authorization: decided per new connection, never re-checked on live ones. */
function securityConsequences(d: ListenerDiff, ctx: ConsequenceContext): Consequence[] {
  const out: Consequence[] = [];
  const tls = field(d.fields, 'tls');
  if (tls) {
    const mode = (v: unknown) => String(v ?? 'disabled');
    const strict = tls.new === 'strict';
    out.push(
      rt(
        'tls-mode',
        strict ? 'disruptive' : 'info',
        `tls mode changed (${mode(tls.old)} → ${mode(tls.new)}): new connections use it; live connections keep theirs${strict ? '; plaintext clients and clients without a certificate from the trusted CA are refused from now on' : ''}`,
      ),
    );
  }
  if (touches(d.fields, 'authorization') || field(d.fields, 'workloadPort'))
    out.push(rt('authz-update', 'info', 'authorization rules changed: each new connection is checked against the new rules; live connections are not re-checked'));
  if ((tls || touches(d.fields, 'authorization')) && ctx.envoyDynamic)
    out.push({
      code: 'envoy-filter-chain-drain',
      target: 'envoy',
      severity: 'disruptive',
      message: 'Envoy replaces the changed filter chains: their live connections are drained for its --drain-time-s (default 600 s), then closed',
    });
  return out;
}

/** What the reload does with one cluster's settings. */
export function clusterConsequences(d: ClusterDiff, old: Cluster | undefined, c: Cluster | undefined): Consequence[] {
  if (d.change === 'added' && c) {
    const discovery = c.endpoints.type === 'dns' ? `DNS resolution of ${c.endpoints.name} starts` : `${c.endpoints.hosts.length} endpoint(s)`;
    const hc = c.healthCheck.type !== 'none' ? `, ${c.healthCheck.type} health checks start` : '';
    return [rt('cluster-start', 'info', `created on reload: ${discovery}${hc}`)];
  }
  if (d.change === 'removed')
    return [rt('cluster-stop', 'info', 'removed: health checks, DNS refresh and outlier timers stop; live connections keep their endpoints until they close (or their listener\'s drain ends)')];
  const f = d.fields;
  const out: Consequence[] = [];
  const lb = field(f, 'loadBalancer.policy');
  if (lb) {
    const hashing = [lb.old, lb.new].some((p) => p === 'ring-hash' || p === 'maglev');
    out.push(
      rt(
        'lb-reset',
        'info',
        `load balancer replaced: its state starts fresh (round-robin position, hash ring or table)${hashing ? '; new connections of a client may hash to another endpoint' : ''}; live connections stay`,
      ),
    );
  }
  const aff = field(f, 'affinity.type');
  if (aff?.new === 'none') out.push(rt('affinity-drop', 'disruptive', 'source-ip affinity ends: the table is dropped, a client\'s next connection may reach another endpoint'));
  else if (aff) out.push(rt('affinity-start', 'info', 'source-ip affinity starts with an empty table'));
  else if (field(f, 'affinity.ttlMs')) out.push(rt('affinity-ttl', 'info', 'the new affinity TTL applies to existing entries too'));
  if (touches(f, 'healthCheck')) {
    const none = field(f, 'healthCheck.type')?.new === 'none';
    out.push(rt('health-restart', 'info', none ? 'active health checks stop; every endpoint counts as healthy at once' : 'active health checking restarts with the new settings'));
  }
  if (touches(f, 'outlierDetection')) {
    const off = field(f, 'outlierDetection.enabled')?.new === false;
    out.push(rt('outlier-update', 'info', off ? 'outlier detection disabled: ejected endpoints return at once' : 'outlier detection updated in place; current ejections keep their timers'));
  }
  if (touches(f, 'connection')) {
    const udp = c?.transport === 'udp';
    const idle = field(f, 'connection.idleTimeoutMs') ? (udp ? '; a new idle timeout applies to live sessions too' : '; live connections keep the idle timeout they started with') : '';
    const max = field(f, 'connection.maxConnections') ? '; lowering maxConnections closes nothing, it refuses new ones above the limit' : '';
    out.push(rt('connection-settings', 'info', `connection settings apply to new ${udp ? 'sessions' : 'connections'}${idle}${max}`));
  }
  if (touches(f, 'tls')) {
    const t = (v: unknown) => (v === undefined ? 'none' : 'mutual');
    const mode = field(f, 'tls');
    const what = mode ? `TLS origination ${t(mode.old)} → ${t(mode.new)}` : 'server identities or SNI changed';
    out.push(rt('upstream-tls', 'info', `${what}: new connections use it; live connections keep theirs`));
  }
  if (f.some((x) => x.path.startsWith('endpoints.')))
    out.push(rt('discovery-restart', 'info', 'endpoint discovery restarts with the new settings (DNS resolved again now); live connections keep their endpoints'));
  out.push(...clusterTrafficConsequences(f, old, c));
  const known = ['loadBalancer', 'affinity', 'healthCheck', 'outlierDetection', 'connection', 'endpoints', 'tls', 'proxyProtocol'];
  if (f.some((x) => !known.some((k) => x.path === k || x.path.startsWith(`${k}.`)))) out.push(rt('cluster-update', 'info', 'updated in place; live connections keep their endpoints'));
  return out;
}

/** What the reload does with a cluster's static endpoints (summed up per cluster). */
export function endpointConsequences(d: ClusterDiff): Consequence[] {
  if (d.change !== 'changed') return [];
  const n = (k: string) => d.endpoints.filter((e) => e.change === k).length;
  const out: Consequence[] = [];
  if (n('added')) out.push(rt('endpoint-add', 'info', `${n('added')} endpoint(s) added: they take new connections as soon as the reload is applied`));
  if (n('removed')) out.push(rt('endpoint-remove', 'info', `${n('removed')} endpoint(s) removed: no new connections; live connections stay until they close`));
  const weights = d.endpoints.filter((e) => e.change === 'changed' && e.fields.some((x) => x.path === 'weight')).length;
  const zones = endpointZoneChanges(d.endpoints.filter((e) => e.change === 'changed').map((e) => e.fields));
  if (weights) out.push(rt('endpoint-weight', 'info', `${weights} endpoint weight(s) changed: applies to new connections`));
  if (zones) out.push(rt('endpoint-zone', 'info', `${zones} endpoint zone(s) changed: locality preference follows for new connections; live connections stay`));
  return out;
}

/** Plan-level consequences: admin, interception, and the Envoy target. */
export function sidecarConsequences(d: SidecarDiff, a: Plan | undefined, b: Plan | undefined, ctx: ConsequenceContext): Consequence[] {
  const out: Consequence[] = [];
  if (d.change === 'added') {
    const capture = b && b.interception.mode !== 'none' ? '; its interception rules are applied by the meshc-init container when each pod starts' : '';
    out.push(rt('sidecar-added', 'info', `new plan: compile writes it (ConfigMap meshc-${d.name}-plan); workloads get it through meshc inject --sidecar ${d.name}${capture}`));
    return out;
  }
  if (d.change === 'removed') {
    out.push(rt('sidecar-removed', 'disruptive', `no plan any more: compile stops writing meshc-${d.name}-plan; pods injected with it keep running their last plan; once that ConfigMap is deleted they cannot start again until re-injected`));
    return out;
  }
  const adminOld = a?.admin;
  const adminNew = b?.admin;
  if (touches(d.fields, 'admin') && adminOld && adminNew) {
    const s = (x: { address: string; port: number }) => (x.address.includes(':') ? `[${x.address}]:${x.port}` : `${x.address}:${x.port}`);
    out.push(rt('admin-restart', 'restart', `admin endpoint ${s(adminOld)} → ${s(adminNew)} takes effect only when the sidecar restarts: meshc run binds it once at start (unless --admin overrides it)`));
    out.push({ code: 'envoy-admin-restart', target: 'envoy', severity: 'restart', message: 'Envoy reads its admin address from the bootstrap at start: restart it' });
  }
  out.push(...planTrafficConsequences(d.fields, a, b));
  if (touches(d.fields, 'tls')) {
    const whole = field(d.fields, 'tls');
    const gone = whole !== undefined && whole.new === undefined;
    const added = whole !== undefined && whole.old === undefined;
    out.push(
      rt(
        'identity-files',
        'info',
        gone
          ? 'the sidecar has no identity any more: it stops watching its certificate files'
          : `${added ? 'the sidecar gains an identity' : 'identity files changed'} (certificate, privateKey, trustedCA): new TLS handshakes use the files the new plan names; live connections keep theirs`,
      ),
    );
    if (added)
      out.push(pod('identity-mount', 'the pods need the certificate files: annotate the workload with meshc.dev/tls-secret or meshc.dev/tls-csi, re-run meshc inject (it mounts them at /var/run/meshc/tls) and roll out'));
  }
  if (touches(d.fields, 'interception')) {
    out.push(pod('interception-restart', 'interception settings changed: the rules are applied by the meshc-init container when a pod starts, so running pods keep their old rules until restarted (kubectl rollout restart)'));
    if (field(d.fields, 'interception.mode') || touches(d.fields, 'interception.proxyUid') || touches(d.fields, 'interception.proxyGid'))
      out.push(pod('pod-template', 'the injected pod template changes (meshc-init container, proxy uid/gid): re-run meshc inject and roll out'));
  } else if (a && b && (a.interception.mode !== 'none' || b.interception.mode !== 'none') && rulesDiffer(a, b)) {
    out.push(
      pod(
        'iptables-rules',
        'the interception rules change (captured ports or redirect targets): meshc-init applies them only when a pod starts, so restart the pods (kubectl rollout restart); until then captured traffic follows the old rules, and traffic they redirect to a listener this change removes is refused once its drain ends',
      ),
    );
  }
  if (!ctx.envoyDynamic && (d.listeners.length || d.clusters.length))
    out.push({
      code: 'envoy-restart',
      target: 'envoy',
      severity: 'restart',
      message: 'the Envoy target is a static bootstrap: Envoy applies this only on restart (a hot restart drains old listeners for its --drain-time-s, default 600 s)',
    });
  return out;
}

function pod(code: string, message: string): Consequence {
  return { code, target: 'pod', severity: 'restart', message };
}

/** Rules without comment lines (comments carry the plan hash, which changes with anything). */
function rules(text: string | null): string {
  return (text ?? '').split('\n').filter((l) => !l.startsWith('#')).join('\n');
}

function rulesDiffer(a: Plan, b: Plan): boolean {
  return rules(emitIptables(a)) !== rules(emitIptables(b)) || rules(emitIp6tables(a)) !== rules(emitIp6tables(b));
}

/** Does the Envoy emitter write dynamic resources (LDS/CDS files Envoy watches) rather than a static bootstrap? */
export function envoyUsesDynamicResources(sample: Plan | undefined): boolean {
  if (!sample) return false;
  try {
    return 'dynamic_resources' in envoyBootstrap({ ...sample, listeners: [], clusters: [] });
  } catch {
    return false;
  }
}
