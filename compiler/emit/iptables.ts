import type { Listener, Plan } from '../../schemas/types/plan.gen.js';
import { emitNatRules, type NatFamily } from './nat-rules.js';

/**
 * Plan -> iptables-restore rules for transparent interception (nat table), or null when
 * interception is off. The layout follows istio-iptables (own chains hung off the built-in ones,
 * the proxy exempted by an owner match) with one difference: capture is per declared service port
 * and every port is REDIRECTed to the listener serving it, so the listener a connection lands on
 * already tells the runtime its original destination (no SO_ORIGINAL_DST; see docs/interception.md).
 *
 * IPv4 only: IPv6 service addresses, CIDRs and listeners are listed as comments (ip6tables.rules,
 * compiler/emit/ip6tables.ts, captures IPv6). Output bytes depend only on the plan.
 */
export function emitIptables(plan: Plan): string | null {
  return emitNatRules(plan, IPV4);
}

const IPV4: NatFamily = {
  label: 'IPv4',
  loopback: '127.0.0.1',
  hostPrefix: 32,
  owns: (address) => !address.includes(':'),
  considers: () => true, // an IPv6 listener gets a note: redirectTarget cannot reach it
  redirectTarget,
  unreachableNote: 'an IPv6 listener cannot receive IPv4-redirected traffic',
  compareAddresses: compareIPv4,
  foreignAddressNote: (a) => `IPv6 service address ${a} needs ip6tables`,
  foreignCidrLine: (c) => `# excluded CIDR ${c} is IPv6 (ip6tables); nothing to do here`,
  chainForUncaptured: true,
  noteInboundDuplicates: true,
  nullWhenEmpty: false,
  header: (plan, uid, gid) => [
    `# meshc interception rules for sidecar "${plan.name}" (plan ${plan.hash}).`,
    '# Apply inside the workload\'s network namespace before it starts (as istio-init does):',
    '#   iptables-restore < iptables.rules',
    '# This replaces the nat table of that namespace. Run the sidecar with',
    `# \`meshc run --transparent\` as uid ${uid} or gid ${gid}: its own connections are exempt.`,
  ],
  inboundComment: [
    '# Inbound: connections arriving from the network to a declared inbound port go to its inbound',
    '# listener. PREROUTING never sees locally generated packets, so local clients reach the',
    '# workload directly.',
  ],
  outboundComment: [
    '# Outbound: what the workload dials on a declared service port goes to the sidecar listener',
    '# for that port. The proxy itself is exempt by uid/gid, or its upstream connections would',
    '# loop back into it.',
  ],
  loopbackComment: [
    '# Loopback: 127.0.0.1 stays local (the workload talking to itself or dialing the sidecar',
    '# directly). Other loopback addresses are captured like any service address, so a service',
    '# may live on 127.0.0.x. REDIRECT rewrites the destination to 127.0.0.1, which lo delivers',
    '# without net.ipv4.conf.*.route_localnet; listeners on other addresses are reached by DNAT.',
  ],
};

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

function compareIPv4(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return a < b ? -1 : a > b ? 1 : 0;
}
