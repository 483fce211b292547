import type { Listener, Plan } from '../../schemas/types/plan.gen.js';
import { emitNatRules, type NatFamily } from './nat-rules.js';

/**
 * Plan -> ip6tables-restore rules (nat table), the IPv6 twin of iptables.rules, or null when
 * there is nothing to capture over IPv6. iptables (v4) rules cannot send IPv6 traffic anywhere,
 * and NAT cannot turn an IPv6 connection into an IPv4 one, so IPv6 capture needs listeners bound
 * to an IPv6 address (`[::1]:P`, `[::]:P` or another local IPv6 address); only those appear here.
 * Same layout and order as iptables.rules (both come from emitNatRules): owner exemption, `::1`
 * stays local, excluded IPv6 CIDRs and excluded ports, then per-port captures (address-specific
 * before any-destination), one chain per listener holding its REDIRECT (to `::1` for local
 * packets) or DNAT.
 *
 * Null means "do not write the file": interception is off, or no IPv6 listener captures anything.
 * Output bytes depend only on the plan.
 */
export function emitIp6tables(plan: Plan): string | null {
  return emitNatRules(plan, IPV6);
}

const IPV6: NatFamily = {
  label: 'IPv6',
  loopback: '::1',
  hostPrefix: 128,
  owns: (address) => address.includes(':'),
  considers: (l) => l.address.includes(':'), // IPv4 listeners are iptables.rules' business
  redirectTarget,
  unreachableNote: 'inbound IPv6 traffic cannot be DNATed to ::1 (no route_localnet for IPv6); bind inbound listeners to [::]',
  compareAddresses: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  foreignAddressNote: null, // IPv4 service addresses are captured (or noted) by iptables.rules
  foreignCidrLine: null,
  chainForUncaptured: false,
  noteInboundDuplicates: false,
  nullWhenEmpty: true,
  header: (plan, uid, gid) => [
    `# meshc IPv6 interception rules for sidecar "${plan.name}" (plan ${plan.hash}).`,
    '# The IPv6 twin of iptables.rules; apply both inside the workload\'s network namespace:',
    '#   ip6tables-restore < ip6tables.rules',
    '# This replaces the IPv6 nat table of that namespace. Only listeners bound to an IPv6 address',
    `# capture IPv6 traffic. The sidecar runs as uid ${uid} or gid ${gid}: its own connections are exempt.`,
  ],
  inboundComment: ['# Inbound: IPv6 connections from the network to a declared inbound port go to its listener.'],
  outboundComment: [
    '# Outbound: the proxy is exempt by uid/gid (else its upstream connections loop back into it);',
    '# ::1 stays local; REDIRECT of a locally generated packet rewrites its destination to ::1.',
  ],
  loopbackComment: [],
};

/**
 * REDIRECT when the listener accepts where REDIRECT sends the packet (`::` always; `::1` for
 * locally generated packets), DNAT to its exact address otherwise; null for an inbound listener
 * on `::1`: IPv6 never routes packets from the network to loopback.
 */
function redirectTarget(l: Listener): string | null {
  if (l.address === '::' || (l.direction === 'outbound' && l.address === '::1')) return `REDIRECT --to-ports ${l.port}`;
  if (l.address === '::1') return null;
  return `DNAT --to-destination [${l.address}]:${l.port}`;
}
