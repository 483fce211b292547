import type { Cluster, Listener, Plan } from '../../schemas/types/plan.gen.js';

/**
 * What differs between iptables.rules (IPv4) and ip6tables.rules (IPv6). Everything else — chain
 * layout, rule order, exemptions, duplicate detection — is shared by emitNatRules, so the two
 * files cannot drift apart.
 */
export interface NatFamily {
  /** 'IPv4' | 'IPv6', as written in notes. */
  label: string;
  /** The loopback address that stays local (`127.0.0.1` / `::1`). */
  loopback: string;
  /** Prefix length of a single address (32 / 128). */
  hostPrefix: number;
  /** Whether an address (listener, service address or CIDR) belongs to this family. */
  owns(address: string): boolean;
  /** Whether this file considers a listener at all (the other family's file may deal with it). */
  considers(l: Listener): boolean;
  /** The nat target sending captured packets to the listener, or null when it cannot be reached. */
  redirectTarget(l: Listener): string | null;
  /** Why redirectTarget returned null for a listener (the note written in the file). */
  unreachableNote: string;
  /** Orders this family's service addresses. */
  compareAddresses(a: string, b: string): number;
  /** Note for a service address of the other family; null = ignore it silently. */
  foreignAddressNote: ((address: string) => string) | null;
  /** Line for an excluded CIDR of the other family; null = leave it out. */
  foreignCidrLine: ((cidr: string) => string) | null;
  /** Declare a chain for an outbound listener that captures nothing (iptables.rules always has; ip6tables.rules never). */
  chainForUncaptured: boolean;
  /** Note an inbound port captured by two listeners (only the first rule ever matches); ip6tables.rules never has. */
  noteInboundDuplicates: boolean;
  /** Return null instead of a file when no listener captures anything. */
  nullWhenEmpty: boolean;
  /** Comment blocks: the file header, before the inbound rules, before the outbound ones, before the loopback exemption. */
  header(plan: Plan, uid: number, gid: number): string[];
  inboundComment: string[];
  outboundComment: string[];
  loopbackComment: string[];
}

/**
 * Plan -> iptables-restore / ip6tables-restore nat rules for one address family, or null when
 * interception is off (or, with nullWhenEmpty, nothing is captured). Output bytes depend only on
 * the plan: every list is de-duplicated and sorted here.
 */
export function emitNatRules(plan: Plan, fam: NatFamily): string | null {
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
    if (!fam.considers(l)) continue;
    const cs = listenerClusters(l, clusters);
    const dport = l.servicePort ?? cs[0]?.port;
    if (dport === undefined) {
      notes.push(`# ${l.name}: no service port known; not captured`);
      continue;
    }
    const target = fam.redirectTarget(l);
    if (target === null) {
      notes.push(`# ${l.name}: ${fam.unreachableNote}; not captured`);
      continue;
    }
    // A split is dialled at its own addresses, not at its targets'.
    const dialled = l.weightedClusters && l.service !== undefined ? [{ service: l.service }] : cs;
    const dests = l.direction === 'inbound' ? null : serviceDestinations(dialled, ic.serviceAddresses ?? {}, fam);
    if (dests && fam.foreignAddressNote) for (const a of dests.foreign) notes.push(`# ${l.name}: ${fam.foreignAddressNote(a)}; not captured`);
    const uncaptured = dests !== null && dests.addresses !== null && dests.addresses.length === 0;
    if (uncaptured) notes.push(`# ${l.name}: no ${fam.label} service address; not captured`);
    if (uncaptured && !fam.chainForUncaptured) continue;

    const p = `-p ${l.transport} -m ${l.transport} --dport ${dport}`;
    const chain = chains.take(`MESHC_${l.direction === 'inbound' ? 'IN' : 'OUT'}_${l.transport.toUpperCase()}_${l.port}`);
    perListener.push(`-A ${chain} -p ${l.transport} -j ${target}`);
    if (uncaptured) continue;

    if (dests === null) { // inbound: capture by port, whatever the destination
      const key = `${l.transport}:${dport}`;
      const prev = capturedIn.get(key);
      if (!prev) capturedIn.set(key, l.name);
      else if (fam.noteInboundDuplicates) notes.push(`# ${l.name}: inbound ${key} is already captured for ${prev}`);
      inb.push(`-A MESHC_INBOUND ${p} -j ${chain}`);
      continue;
    }
    for (const a of dests.addresses ?? [null]) {
      const key = `${l.transport}:${a ?? '*'}:${dport}`;
      const prev = capturedOut.get(key);
      if (prev) notes.push(`# ${l.name}: ${key} is already captured for ${prev} (first rule wins)`);
      else capturedOut.set(key, l.name);
      (a === null ? outAny : out).push(`-A MESHC_OUTPUT ${a === null ? '' : `-d ${a}/${fam.hostPrefix} `}${p} -j ${chain}`);
    }
  }
  if (fam.nullWhenEmpty && out.length + outAny.length + inb.length === 0) return null;

  const exclOutPorts = sortedPorts(ic.excludeOutboundPorts);
  const exclInPorts = sortedPorts(ic.excludeInboundPorts);
  const cidrs = [...new Set(ic.excludeOutboundCidrs ?? [])].sort();
  const cidrLines = cidrs.flatMap((c) => {
    if (fam.owns(c)) return [`-A MESHC_OUTPUT -d ${c.includes('/') ? c : `${c}/${fam.hostPrefix}`} -j RETURN`];
    return fam.foreignCidrLine ? [fam.foreignCidrLine(c)] : [];
  });

  const lines: string[] = [
    ...fam.header(plan, uid, gid),
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':MESHC_INBOUND - [0:0]',
    ':MESHC_OUTPUT - [0:0]',
    ...chains.list().map((c) => `:${c} - [0:0]`),
    ...fam.inboundComment,
    '-A PREROUTING -p tcp -j MESHC_INBOUND',
    '-A PREROUTING -p udp -j MESHC_INBOUND',
    ...exclInPorts.flatMap((port) => [
      `-A MESHC_INBOUND -p tcp -m tcp --dport ${port} -j RETURN`,
      `-A MESHC_INBOUND -p udp -m udp --dport ${port} -j RETURN`,
    ]),
    ...inb,
    ...fam.outboundComment,
    '-A OUTPUT -p tcp -j MESHC_OUTPUT',
    '-A OUTPUT -p udp -j MESHC_OUTPUT',
    `-A MESHC_OUTPUT -m owner --uid-owner ${uid} -j RETURN`,
    `-A MESHC_OUTPUT -m owner --gid-owner ${gid} -j RETURN`,
    ...fam.loopbackComment,
    `-A MESHC_OUTPUT -d ${fam.loopback}/${fam.hostPrefix} -j RETURN`,
    ...cidrLines,
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
 * The destinations to capture for a listener's services: addresses null = any destination (some
 * service has no known addresses), else the union of their addresses of this family (sorted);
 * foreign = those of the other family (sorted, empty when addresses is null).
 */
function serviceDestinations(cs: ReadonlyArray<{ service: string }>, known: Record<string, string[]>, fam: NatFamily): { addresses: string[] | null; foreign: string[] } {
  const own = new Set<string>();
  const foreign = new Set<string>();
  for (const c of cs) {
    const list = known[c.service];
    if (!list || list.length === 0) return { addresses: null, foreign: [] };
    for (const a of list) (fam.owns(a) ? own : foreign).add(a);
  }
  return { addresses: [...own].sort(fam.compareAddresses), foreign: [...foreign].sort() };
}

/** Ports de-duplicated and in ascending order. */
export function sortedPorts(ports: number[] | undefined): number[] {
  return [...new Set(ports ?? [])].sort((a, b) => a - b);
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
