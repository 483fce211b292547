import type { Cluster, Listener, Plan } from '../../schemas/types/plan.gen.js';
import { ChainNames, listenerClusters, sortedPorts } from './iptables.js';

/**
 * Plan -> ip6tables-restore rules (nat table), the IPv6 twin of iptables.rules, or null when
 * there is nothing to capture over IPv6. iptables (v4) rules cannot send IPv6 traffic anywhere,
 * and NAT cannot turn an IPv6 connection into an IPv4 one, so IPv6 capture needs listeners bound
 * to an IPv6 address (`[::1]:P`, `[::]:P` or another local IPv6 address); only those appear here.
 * Same layout and order as iptables.rules: owner exemption, `::1` stays local, excluded IPv6
 * CIDRs and excluded ports, then per-port captures (address-specific before any-destination),
 * one chain per listener holding its REDIRECT (to `::1` for local packets) or DNAT.
 *
 * Null means "do not write the file": interception is off, or no IPv6 listener captures anything.
 * Output bytes depend only on the plan.
 */
export function emitIp6tables(plan: Plan): string | null {
  const ic = plan.interception;
  if (ic.mode !== 'iptables') return null;
  const uid = ic.proxyUid ?? 1337;
  const gid = ic.proxyGid ?? 1337;
  const clusters = new Map(plan.clusters.map((c) => [c.name, c]));
  const chains = new ChainNames();
  const notes: string[] = [];
  const out: string[] = [];
  const outAny: string[] = [];
  const inb: string[] = [];
  const perListener: string[] = [];
  const captured = new Map<string, string>();

  for (const l of plan.listeners) {
    if (!l.address.includes(':')) continue; // IPv4 listeners are iptables.rules' business
    const cs = listenerClusters(l, clusters);
    const dport = l.servicePort ?? cs[0]?.port;
    if (dport === undefined) {
      notes.push(`# ${l.name}: no service port known; not captured`);
      continue;
    }
    const target = redirectTarget6(l);
    if (target === null) {
      notes.push(`# ${l.name}: inbound IPv6 traffic cannot be DNATed to ::1 (no route_localnet for IPv6); bind inbound listeners to [::]; not captured`);
      continue;
    }
    const dests = l.direction === 'inbound' ? null : v6Destinations(cs, ic.serviceAddresses ?? {});
    if (dests !== null && dests.length === 0) {
      notes.push(`# ${l.name}: no IPv6 service address; not captured`);
      continue;
    }
    const p = `-p ${l.transport} -m ${l.transport} --dport ${dport}`;
    const chain = chains.take(`MESHC_${l.direction === 'inbound' ? 'IN' : 'OUT'}_${l.transport.toUpperCase()}_${l.port}`);
    perListener.push(`-A ${chain} -p ${l.transport} -j ${target}`);
    if (l.direction === 'inbound') {
      inb.push(`-A MESHC_INBOUND ${p} -j ${chain}`);
      continue;
    }
    for (const a of dests ?? [null]) {
      const key = `${l.transport}:${a ?? '*'}:${dport}`;
      const prev = captured.get(key);
      if (prev) notes.push(`# ${l.name}: ${key} is already captured for ${prev} (first rule wins)`);
      else captured.set(key, l.name);
      (a === null ? outAny : out).push(`-A MESHC_OUTPUT ${a === null ? '' : `-d ${a}/128 `}${p} -j ${chain}`);
    }
  }
  if (out.length + outAny.length + inb.length === 0) return null;

  const exclOutPorts = sortedPorts(ic.excludeOutboundPorts);
  const exclInPorts = sortedPorts(ic.excludeInboundPorts);
  const cidrs = [...new Set((ic.excludeOutboundCidrs ?? []).filter((c) => c.includes(':')))].sort();
  const lines: string[] = [
    `# meshc IPv6 interception rules for sidecar "${plan.name}" (plan ${plan.hash}).`,
    '# The IPv6 twin of iptables.rules; apply both inside the workload\'s network namespace:',
    '#   ip6tables-restore < ip6tables.rules',
    '# This replaces the IPv6 nat table of that namespace. Only listeners bound to an IPv6 address',
    `# capture IPv6 traffic. The sidecar runs as uid ${uid} or gid ${gid}: its own connections are exempt.`,
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':MESHC_INBOUND - [0:0]',
    ':MESHC_OUTPUT - [0:0]',
    ...chains.list().map((c) => `:${c} - [0:0]`),
    '# Inbound: IPv6 connections from the network to a declared inbound port go to its listener.',
    '-A PREROUTING -p tcp -j MESHC_INBOUND',
    '-A PREROUTING -p udp -j MESHC_INBOUND',
    ...exclInPorts.flatMap((port) => [
      `-A MESHC_INBOUND -p tcp -m tcp --dport ${port} -j RETURN`,
      `-A MESHC_INBOUND -p udp -m udp --dport ${port} -j RETURN`,
    ]),
    ...inb,
    '# Outbound: the proxy is exempt by uid/gid (else its upstream connections loop back into it);',
    '# ::1 stays local; REDIRECT of a locally generated packet rewrites its destination to ::1.',
    '-A OUTPUT -p tcp -j MESHC_OUTPUT',
    '-A OUTPUT -p udp -j MESHC_OUTPUT',
    `-A MESHC_OUTPUT -m owner --uid-owner ${uid} -j RETURN`,
    `-A MESHC_OUTPUT -m owner --gid-owner ${gid} -j RETURN`,
    '-A MESHC_OUTPUT -d ::1/128 -j RETURN',
    ...cidrs.map((c) => `-A MESHC_OUTPUT -d ${c.includes('/') ? c : `${c}/128`} -j RETURN`),
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

/**
 * The IPv6 destinations to capture for a listener's services: null = any destination (some
 * service has no known addresses), else the union of their IPv6 addresses (canonical, sorted).
 */
function v6Destinations(cs: Cluster[], known: Record<string, string[]>): string[] | null {
  const v6 = new Set<string>();
  for (const c of cs) {
    const list = known[c.service];
    if (!list || list.length === 0) return null;
    for (const a of list) if (a.includes(':')) v6.add(a);
  }
  return [...v6].sort();
}

/**
 * REDIRECT when the listener accepts where REDIRECT sends the packet (`::` always; `::1` for
 * locally generated packets), DNAT to its exact address otherwise; null for an inbound listener
 * on `::1`: IPv6 never routes packets from the network to loopback.
 */
function redirectTarget6(l: Listener): string | null {
  if (l.address === '::' || (l.direction === 'outbound' && l.address === '::1')) return `REDIRECT --to-ports ${l.port}`;
  if (l.address === '::1') return null;
  return `DNAT --to-destination [${l.address}]:${l.port}`;
}
