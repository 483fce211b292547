import type { Cluster, Listener, Plan } from '../../schemas/types/plan.gen.js';

/**
 * Plan -> iptables-restore rules for transparent interception (nat table), or null when
 * interception is off. The layout follows istio-iptables (own chains hung off the built-in ones,
 * the proxy exempted by an owner match) with one difference: capture is per declared service port
 * and every port is REDIRECTed to the listener serving it, so the listener a connection lands on
 * already tells the runtime its original destination (no SO_ORIGINAL_DST; see docs/interception.md).
 *
 * IPv4 only: IPv6 service addresses, CIDRs and listeners are listed as comments (ip6tables would
 * need its own file). Output bytes depend only on the plan (its lists are sorted here again).
 */
export function emitIptables(plan: Plan): string | null {
  const ic = plan.interception;
  if (ic.mode !== 'iptables') return null;
  const uid = ic.proxyUid ?? 1337;
  const gid = ic.proxyGid ?? 1337;
  const clusters = new Map(plan.clusters.map((c) => [c.name, c]));
  const chains = new ChainNames();
  const notes: string[] = [];

  const out: string[] = [];
  const outAny: string[] = []; // any-destination captures go last: they would shadow address-specific ones
  const inb: string[] = [];
  const perListener: string[] = [];
  const capturedOut = new Map<string, string>();
  const capturedIn = new Map<string, string>();

  for (const l of plan.listeners) {
    const cs = listenerClusters(l, clusters);
    const dport = l.servicePort ?? cs[0]?.port;
    if (dport === undefined) {
      notes.push(`# ${l.name}: no service port known; not captured`);
      continue;
    }
    const target = redirectTarget(l);
    if (target === null) {
      notes.push(`# ${l.name}: an IPv6 listener cannot receive IPv4-redirected traffic; not captured`);
      continue;
    }
    const p = `-p ${l.transport} -m ${l.transport} --dport ${dport}`;
    const chain = chains.take(`MESHC_${l.direction === 'inbound' ? 'IN' : 'OUT'}_${l.transport.toUpperCase()}_${l.port}`);
    perListener.push(`-A ${chain} -p ${l.transport} -j ${target}`);

    if (l.direction === 'inbound') {
      const key = `${l.transport}:${dport}`;
      const prev = capturedIn.get(key);
      if (prev) notes.push(`# ${l.name}: inbound ${key} is already captured for ${prev}`);
      else capturedIn.set(key, l.name);
      inb.push(`-A MESHC_INBOUND ${p} -j ${chain}`);
      continue;
    }
    const dests = serviceDestinations(cs, ic.serviceAddresses ?? {});
    for (const v6 of dests.skipped) notes.push(`# ${l.name}: IPv6 service address ${v6} needs ip6tables; not captured`);
    if (dests.addresses !== null && dests.addresses.length === 0) {
      notes.push(`# ${l.name}: no IPv4 service address; not captured`);
      continue;
    }
    for (const a of dests.addresses ?? [null]) {
      const key = `${l.transport}:${a ?? '*'}:${dport}`;
      const prev = capturedOut.get(key);
      if (prev) notes.push(`# ${l.name}: ${key} is already captured for ${prev} (first rule wins)`);
      else capturedOut.set(key, l.name);
      (a === null ? outAny : out).push(`-A MESHC_OUTPUT ${a === null ? '' : `-d ${a}/32 `}${p} -j ${chain}`);
    }
  }

  const exclOutPorts = sortedPorts(ic.excludeOutboundPorts);
  const exclInPorts = sortedPorts(ic.excludeInboundPorts);
  const cidrs = [...new Set(ic.excludeOutboundCidrs ?? [])].sort();

  const lines: string[] = [
    `# meshc interception rules for sidecar "${plan.name}" (plan ${plan.hash}).`,
    '# Apply inside the workload\'s network namespace before it starts (as istio-init does):',
    '#   iptables-restore < iptables.rules',
    '# This replaces the nat table of that namespace. Run the sidecar with',
    `# \`meshc run --transparent\` as uid ${uid} or gid ${gid}: its own connections are exempt.`,
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':MESHC_INBOUND - [0:0]',
    ':MESHC_OUTPUT - [0:0]',
    ...chains.list().map((c) => `:${c} - [0:0]`),
    '# Inbound: connections arriving from the network to a declared inbound port go to its inbound',
    '# listener. PREROUTING never sees locally generated packets, so local clients reach the',
    '# workload directly.',
    '-A PREROUTING -p tcp -j MESHC_INBOUND',
    '-A PREROUTING -p udp -j MESHC_INBOUND',
    ...exclInPorts.flatMap((port) => [
      `-A MESHC_INBOUND -p tcp -m tcp --dport ${port} -j RETURN`,
      `-A MESHC_INBOUND -p udp -m udp --dport ${port} -j RETURN`,
    ]),
    ...inb,
    '# Outbound: what the workload dials on a declared service port goes to the sidecar listener',
    '# for that port. The proxy itself is exempt by uid/gid, or its upstream connections would',
    '# loop back into it.',
    '-A OUTPUT -p tcp -j MESHC_OUTPUT',
    '-A OUTPUT -p udp -j MESHC_OUTPUT',
    `-A MESHC_OUTPUT -m owner --uid-owner ${uid} -j RETURN`,
    `-A MESHC_OUTPUT -m owner --gid-owner ${gid} -j RETURN`,
    '# Loopback: 127.0.0.1 stays local (the workload talking to itself or dialing the sidecar',
    '# directly). Other loopback addresses are captured like any service address, so a service',
    '# may live on 127.0.0.x. REDIRECT rewrites the destination to 127.0.0.1, which lo delivers',
    '# without net.ipv4.conf.*.route_localnet; listeners on other addresses are reached by DNAT.',
    '-A MESHC_OUTPUT -d 127.0.0.1/32 -j RETURN',
    ...cidrs.map((c) => (c.includes(':') ? `# excluded CIDR ${c} is IPv6 (ip6tables); nothing to do here` : `-A MESHC_OUTPUT -d ${cidr(c)} -j RETURN`)),
    ...exclOutPorts.flatMap((port) => [
      `-A MESHC_OUTPUT -p tcp -m tcp --dport ${port} -j RETURN`,
      `-A MESHC_OUTPUT -p udp -m udp --dport ${port} -j RETURN`,
    ]),
    ...out,
    ...outAny,
    '# One chain per listener: the redirect to it.',
    ...perListener,
    ...notes,
    'COMMIT',
  ];
  return lines.join('\n') + '\n';
}

/** The clusters a listener can send to: its default and every SNI route's, de-duplicated. */
export function listenerClusters(l: Listener, clusters: Map<string, Cluster>): Cluster[] {
  const names = new Set<string>();
  if (l.cluster) names.add(l.cluster);
  for (const r of l.sniRoutes) names.add(r.cluster);
  const out: Cluster[] = [];
  for (const n of names) {
    const c = clusters.get(n);
    if (c) out.push(c);
  }
  return out;
}

/**
 * The IPv4 destinations to capture for a listener's services: null = any destination (some service
 * has no known addresses), else the union of their addresses.
 */
function serviceDestinations(cs: Cluster[], known: Record<string, string[]>): { addresses: string[] | null; skipped: string[] } {
  const v4 = new Set<string>();
  const skipped = new Set<string>();
  for (const c of cs) {
    const list = known[c.service];
    if (!list || list.length === 0) return { addresses: null, skipped: [] };
    for (const a of list) (a.includes(':') ? skipped : v4).add(a);
  }
  return { addresses: [...v4].sort(compareIPv4), skipped: [...skipped].sort() };
}

/**
 * Where redirected traffic must go for this listener: REDIRECT (to 127.0.0.1 for local packets,
 * to the receiving interface's address for inbound ones) when the listener accepts there; DNAT to
 * its exact address otherwise; null when iptables (IPv4) cannot reach it.
 */
function redirectTarget(l: Listener): string | null {
  const wildcard = l.address === '0.0.0.0' || l.address === '::';
  if (wildcard || (l.direction === 'outbound' && l.address === '127.0.0.1')) return `REDIRECT --to-ports ${l.port}`;
  if (l.address.includes(':')) return null;
  return `DNAT --to-destination ${l.address}:${l.port}`;
}

/** Ports de-duplicated and in ascending order. */
export function sortedPorts(ports: number[] | undefined): number[] {
  return [...new Set(ports ?? [])].sort((a, b) => a - b);
}

function cidr(c: string): string {
  return c.includes('/') ? c : `${c}/32`;
}

function compareIPv4(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Unique chain names (iptables allows 28 characters; ours stay well under). */
export class ChainNames {
  private readonly names: string[] = [];
  private readonly used = new Set<string>();

  /** `base`, or `base_2`, `base_3`… when two listeners share a port and transport. */
  take(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    this.names.push(name);
    return name;
  }

  /** Every name, sorted (the declaration order in the file). */
  list(): string[] {
    return [...this.names].sort();
  }
}
