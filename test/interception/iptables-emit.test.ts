import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emitIptables } from '../../compiler/emit/iptables.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import type { Plan } from '../../schemas/types/plan.gen.js';

function samplePlan(reverse = false): Plan {
  const ls = [
    listener('db_3306_tcp', 15306, { service: 'db', servicePort: 3306 }),
    listener('cache_6379_tcp', 16379, { address: '127.0.0.2', service: 'cache', servicePort: 6379 }),
    listener('dns_53_udp', 15053, { transport: 'udp', name: 'outbound_127.0.0.1_15053_udp', service: 'dns', servicePort: 53 }),
    listener('dflt_443_tcp', 443, {
      protocol: 'tls',
      detectionTimeoutMs: 100,
      servicePort: 443,
      sniRoutes: [{ serverNames: ['a.test'], cluster: 'a_443_tcp' }],
    }),
    listener('inbound_8080_tcp', 15080, { direction: 'inbound', address: '0.0.0.0', name: 'inbound_0.0.0.0_15080_tcp' }),
    listener('v6_80_tcp', 80, { address: '::1', name: 'outbound_::1_80_tcp', servicePort: 80 }),
  ];
  const cs = ['db_3306_tcp', 'cache_6379_tcp', 'dns_53_udp', 'dflt_443_tcp', 'a_443_tcp', 'inbound_8080_tcp', 'v6_80_tcp'].map((n) =>
    cluster(n, [{ port: 1 }], { port: Number(n.split('_')[1]), service: n.split('_')[0]! }),
  );
  const order = <T>(a: T[]): T[] => (reverse ? [...a].reverse() : a);
  return plan(ls, cs, {
    interception: {
      mode: 'iptables',
      proxyUid: 1337,
      proxyGid: 1338,
      excludeOutboundPorts: order([5432, 22]),
      excludeOutboundCidrs: order(['10.0.0.0/8', '192.168.1.1', 'fd00::/8']),
      excludeInboundPorts: [15020],
      serviceAddresses: { db: order(['10.96.0.20', '10.96.0.3']), dns: ['10.96.0.10', 'fd00::10'], dflt: ['10.96.1.1'], a: ['10.96.1.2'] },
    },
  });
}

test('mode none -> no rules', () => {
  assert.equal(emitIptables(plan([], [])), null);
});

test('rules: own chains, owner exemption first, exclusions, per-port redirects, inbound, COMMIT', () => {
  const text = emitIptables(samplePlan())!;
  const rules = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  assert.equal(rules[0], '*nat');
  assert.equal(rules.at(-1), 'COMMIT');
  const idx = (r: string): number => {
    const i = rules.indexOf(r);
    assert.ok(i >= 0, `missing rule: ${r}\n${text}`);
    return i;
  };
  const uid = idx('-A MESHC_OUTPUT -m owner --uid-owner 1337 -j RETURN');
  const gid = idx('-A MESHC_OUTPUT -m owner --gid-owner 1338 -j RETURN');
  const lo = idx('-A MESHC_OUTPUT -d 127.0.0.1/32 -j RETURN');
  const cidr = idx('-A MESHC_OUTPUT -d 10.0.0.0/8 -j RETURN');
  idx('-A MESHC_OUTPUT -d 192.168.1.1/32 -j RETURN');
  const port = idx('-A MESHC_OUTPUT -p udp -m udp --dport 5432 -j RETURN');
  idx('-A MESHC_OUTPUT -p tcp -m tcp --dport 22 -j RETURN');
  const db = idx('-A MESHC_OUTPUT -d 10.96.0.3/32 -p tcp -m tcp --dport 3306 -j MESHC_OUT_TCP_15306');
  assert.ok(uid < gid && gid < lo && lo < cidr && cidr < port && port < db, 'exemptions come before captures');
  idx('-A MESHC_OUTPUT -d 10.96.0.20/32 -p tcp -m tcp --dport 3306 -j MESHC_OUT_TCP_15306');
  idx('-A MESHC_OUTPUT -p tcp -m tcp --dport 6379 -j MESHC_OUT_TCP_16379'); // no addresses: any destination
  idx('-A MESHC_OUTPUT -d 10.96.0.10/32 -p udp -m udp --dport 53 -j MESHC_OUT_UDP_15053');
  // an SNI listener captures the addresses of every service it routes to
  idx('-A MESHC_OUTPUT -d 10.96.1.1/32 -p tcp -m tcp --dport 443 -j MESHC_OUT_TCP_443');
  idx('-A MESHC_OUTPUT -d 10.96.1.2/32 -p tcp -m tcp --dport 443 -j MESHC_OUT_TCP_443');
  idx('-A MESHC_OUT_TCP_15306 -p tcp -j REDIRECT --to-ports 15306');
  idx('-A MESHC_OUT_UDP_15053 -p udp -j REDIRECT --to-ports 15053');
  idx('-A MESHC_OUT_TCP_16379 -p tcp -j DNAT --to-destination 127.0.0.2:16379');
  idx('-A OUTPUT -p tcp -j MESHC_OUTPUT');
  idx('-A OUTPUT -p udp -j MESHC_OUTPUT');
  idx('-A PREROUTING -p tcp -j MESHC_INBOUND');
  const inEx = idx('-A MESHC_INBOUND -p tcp -m tcp --dport 15020 -j RETURN');
  const inCap = idx('-A MESHC_INBOUND -p tcp -m tcp --dport 8080 -j MESHC_IN_TCP_15080');
  assert.ok(inEx < inCap);
  idx('-A MESHC_IN_TCP_15080 -p tcp -j REDIRECT --to-ports 15080');
  idx(':MESHC_OUTPUT - [0:0]');
  idx(':MESHC_OUT_TCP_15306 - [0:0]');
  // IPv6 is not expressible in iptables (v4) rules: said in comments, never emitted as rules
  assert.ok(!rules.some((r) => r.includes('fd00') || r.includes('::1')), text);
  assert.match(text, /# outbound_::1_80_tcp: an IPv6 listener cannot receive IPv4-redirected traffic/);
  assert.match(text, /IPv6 service address fd00::10 needs ip6tables/);
});

test('deterministic: same plan content in another list order -> identical bytes', () => {
  const a = samplePlan(false);
  const b = samplePlan(true);
  b.hash = a.hash; // the hash is part of the header; the list order is what is under test
  assert.equal(emitIptables(a), emitIptables(b));
  assert.equal(emitIptables(a), emitIptables(samplePlan(false)));
});

test('two listeners on one port and transport get distinct chains', () => {
  const p = plan(
    [listener('x_80_tcp', 8080, { servicePort: 80 }), listener('y_81_tcp', 8080, { address: '127.0.0.3', servicePort: 81, name: 'outbound_127.0.0.3_8080_tcp' })],
    [cluster('x_80_tcp', [{ port: 1 }], { port: 80, service: 'x' }), cluster('y_81_tcp', [{ port: 1 }], { port: 81, service: 'y' })],
    { interception: { mode: 'iptables', proxyUid: 1, proxyGid: 1, excludeOutboundPorts: [], excludeOutboundCidrs: [], excludeInboundPorts: [], serviceAddresses: {} } },
  );
  const text = emitIptables(p)!;
  assert.match(text, /^-A MESHC_OUTPUT -p tcp -m tcp --dport 80 -j MESHC_OUT_TCP_8080$/m);
  assert.match(text, /^-A MESHC_OUTPUT -p tcp -m tcp --dport 81 -j MESHC_OUT_TCP_8080_2$/m);
  assert.match(text, /^-A MESHC_OUT_TCP_8080_2 -p tcp -j DNAT --to-destination 127.0.0.3:8080$/m);
});
