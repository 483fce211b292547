import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emitIp6tables } from '../../compiler/emit/ip6tables.js';
import { emitIptables } from '../../compiler/emit/iptables.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import type { Plan } from '../../schemas/types/plan.gen.js';

const IC: Plan['interception'] = { mode: 'iptables', proxyUid: 1337, proxyGid: 1338, excludeOutboundPorts: [], excludeOutboundCidrs: [], excludeInboundPorts: [], serviceAddresses: {} };

function samplePlan(reverse = false): Plan {
  const order = <T>(a: T[]): T[] => (reverse ? [...a].reverse() : a);
  const ls = order([
    listener('db_3306_tcp', 15306, { address: '::1', name: 'outbound_::1_15306_tcp', servicePort: 3306 }),
    listener('db_3306_tcp', 15306, { servicePort: 3306 }), // the IPv4 twin: not in the IPv6 file
    listener('cache_6379_tcp', 16379, { address: 'fd00::2', name: 'outbound_fd00::2_16379_tcp', servicePort: 6379 }),
    listener('dns_53_udp', 15053, { address: '::1', transport: 'udp', name: 'outbound_::1_15053_udp', servicePort: 53 }),
    listener('v4only_80_tcp', 15081, { address: '::1', name: 'outbound_::1_15081_tcp', servicePort: 80 }),
    listener('inbound_8080_tcp', 15080, { direction: 'inbound', address: '::', name: 'inbound_::_15080_tcp' }),
    listener('inbound_9090_tcp', 19090, { direction: 'inbound', address: '::1', name: 'inbound_::1_19090_tcp' }),
  ]);
  const cs = ['db_3306_tcp', 'cache_6379_tcp', 'dns_53_udp', 'v4only_80_tcp', 'inbound_8080_tcp', 'inbound_9090_tcp'].map((n) =>
    cluster(n, [{ port: 1 }], { port: Number(n.split('_')[1]), service: n.split('_')[0]! }),
  );
  return plan(ls, cs, {
    interception: {
      ...IC,
      excludeOutboundPorts: order([5432, 22]),
      excludeOutboundCidrs: order(['10.0.0.0/8', 'fd00:99::/64', 'fd00::99']),
      excludeInboundPorts: [15020],
      serviceAddresses: { db: order(['fd00::20', '10.96.0.20', 'fd00::3']), dns: ['fd00::10'], v4only: ['10.96.0.80'] },
    },
  });
}

test('ip6tables: null when interception is off or no IPv6 listener captures anything', () => {
  assert.equal(emitIp6tables(plan([], [])), null);
  const v4 = plan([listener('db_3306_tcp', 15306, { servicePort: 3306 })], [cluster('db_3306_tcp', [{ port: 1 }], { port: 3306, service: 'db' })], {
    interception: { ...IC, serviceAddresses: { db: ['fd00::20'] } },
  });
  assert.notEqual(emitIptables(v4), null);
  assert.equal(emitIp6tables(v4), null, 'an IPv6 service address alone cannot be captured by an IPv4 listener');
});

test('ip6tables rules: same layout as iptables.rules, IPv6 listeners and addresses only', () => {
  const text = emitIp6tables(samplePlan())!;
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
  const lo = idx('-A MESHC_OUTPUT -d ::1/128 -j RETURN');
  const cidr = idx('-A MESHC_OUTPUT -d fd00:99::/64 -j RETURN');
  idx('-A MESHC_OUTPUT -d fd00::99/128 -j RETURN');
  const port = idx('-A MESHC_OUTPUT -p tcp -m tcp --dport 22 -j RETURN');
  idx('-A MESHC_OUTPUT -p udp -m udp --dport 5432 -j RETURN');
  const db = idx('-A MESHC_OUTPUT -d fd00::20/128 -p tcp -m tcp --dport 3306 -j MESHC_OUT_TCP_15306');
  idx('-A MESHC_OUTPUT -d fd00::3/128 -p tcp -m tcp --dport 3306 -j MESHC_OUT_TCP_15306');
  const any = idx('-A MESHC_OUTPUT -p tcp -m tcp --dport 6379 -j MESHC_OUT_TCP_16379');
  idx('-A MESHC_OUTPUT -d fd00::10/128 -p udp -m udp --dport 53 -j MESHC_OUT_UDP_15053');
  assert.ok(uid < gid && gid < lo && lo < cidr && cidr < port && port < db && db < any, 'exemptions, then address captures, then any-destination ones');
  idx('-A MESHC_OUT_TCP_15306 -p tcp -j REDIRECT --to-ports 15306');
  idx('-A MESHC_OUT_UDP_15053 -p udp -j REDIRECT --to-ports 15053');
  idx('-A MESHC_OUT_TCP_16379 -p tcp -j DNAT --to-destination [fd00::2]:16379');
  const inEx = idx('-A MESHC_INBOUND -p tcp -m tcp --dport 15020 -j RETURN');
  const inCap = idx('-A MESHC_INBOUND -p tcp -m tcp --dport 8080 -j MESHC_IN_TCP_15080');
  assert.ok(inEx < inCap);
  idx('-A MESHC_IN_TCP_15080 -p tcp -j REDIRECT --to-ports 15080');
  // IPv4 never appears in a rule; what cannot be captured is said in a comment
  assert.ok(!rules.some((r) => /\d+\.\d+\.\d+\.\d+/.test(r)), text);
  assert.ok(!rules.some((r) => r.includes('15081') || r.includes('19090')), `no chain for what is not captured\n${text}`);
  assert.match(text, /^# outbound_::1_15081_tcp: no IPv6 service address; not captured$/m);
  assert.match(text, /^# inbound_::1_19090_tcp: inbound IPv6 traffic cannot be DNATed to ::1/m);
});

test('ip6tables: deterministic whatever the list order', () => {
  const a = samplePlan(false);
  const b = samplePlan(true);
  b.hash = a.hash;
  b.listeners.sort((x, y) => x.name.localeCompare(y.name));
  assert.equal(emitIp6tables(a), emitIp6tables(b));
});

test('iptables (v4): any-destination captures come after address-specific ones on the same port', () => {
  // the listener without addresses sorts first; if its rule came first it would take 10.0.0.1 too
  const p = plan(
    [listener('a_80_tcp', 15080, { servicePort: 80 }), listener('b_80_tcp', 15081, { servicePort: 80 })],
    [cluster('a_80_tcp', [{ port: 1 }], { port: 80, service: 'a' }), cluster('b_80_tcp', [{ port: 1 }], { port: 80, service: 'b' })],
    { interception: { ...IC, serviceAddresses: { b: ['10.0.0.1'] } } },
  );
  const rules = emitIptables(p)!.split('\n');
  const specific = rules.indexOf('-A MESHC_OUTPUT -d 10.0.0.1/32 -p tcp -m tcp --dport 80 -j MESHC_OUT_TCP_15081');
  const any = rules.indexOf('-A MESHC_OUTPUT -p tcp -m tcp --dport 80 -j MESHC_OUT_TCP_15080');
  assert.ok(specific >= 0 && any >= 0 && specific < any, rules.join('\n'));
});
