import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Host } from '../../runtime/cluster/host.js';
import { createLoadBalancer, LB_POLICIES, type LbPolicy } from '../../runtime/lb/index.js';
import { RingHash } from '../../runtime/lb/ring-hash.js';
import { Maglev, MAGLEV_TABLE_SIZE } from '../../runtime/lb/maglev.js';
import { LeastConnections } from '../../runtime/lb/least-connections.js';
import { RoundRobin } from '../../runtime/lb/round-robin.js';

const HASHED: ReadonlySet<LbPolicy> = new Set(['ring-hash', 'maglev']);

function hosts(weights: number[]): Host[] {
  return weights.map((w, i) => new Host(`10.0.0.${i + 1}`, 8080, w));
}

/** `n` distinct client IPs (hash policies only spread over distinct clients). */
function clientIp(i: number): string {
  return `172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}`;
}

/**
 * Pick `n` times, one client IP each, holding every "connection" open (host.active grows as the
 * cluster's attach would make it), and count per host.
 */
function spread(policy: LbPolicy, hs: Host[], n: number): Map<Host, number> {
  const lb = createLoadBalancer(policy);
  lb.setHosts(hs);
  const counts = new Map<Host, number>(hs.map((h) => [h, 0]));
  for (let i = 0; i < n; i++) {
    const h = lb.pick(clientIp(i));
    assert.ok(h, 'a non-empty set always yields a host');
    h.active++;
    counts.set(h, counts.get(h)! + 1);
  }
  for (const h of hs) h.active = 0;
  return counts;
}

// One conformance suite, run against every registered policy.
for (const policy of LB_POLICIES) {
  describe(`load balancer conformance: ${policy}`, () => {
    it('returns undefined for an empty host set, also after hosts are removed', () => {
      const lb = createLoadBalancer(policy);
      assert.equal(lb.pick('10.1.1.1'), undefined);
      lb.setHosts(hosts([1, 1]));
      assert.ok(lb.pick('10.1.1.1'));
      lb.setHosts([]);
      assert.equal(lb.pick('10.1.1.1'), undefined);
    });

    it('spreads evenly over equal weights', () => {
      const hs = hosts([1, 1, 1, 1]);
      const n = 8000;
      const counts = spread(policy, hs, n);
      for (const [h, c] of counts) {
        // exact policies hit n/4 exactly; random and hashing stay within 20%
        assert.ok(Math.abs(c - n / 4) <= n / 4 / 5, `${policy}: ${h.key} got ${c} of ${n}`);
      }
    });

    it('follows weights', () => {
      const hs = hosts([1, 2, 5]);
      const n = 16_000;
      const counts = spread(policy, hs, n);
      const total = 8;
      for (const h of hs) {
        const expected = (n * h.weight) / total;
        assert.ok(Math.abs(counts.get(h)! - expected) <= expected * 0.2, `${policy}: ${h.key} (weight ${h.weight}) got ${counts.get(h)}, expected ~${expected}`);
      }
    });

    it('never picks a removed host and still reaches the others', () => {
      const hs = hosts([1, 1, 1]);
      const lb = createLoadBalancer(policy);
      lb.setHosts(hs);
      lb.setHosts([hs[0]!, hs[2]!]);
      const seen = new Set<Host>();
      for (let i = 0; i < 3000; i++) {
        const h = lb.pick(clientIp(i))!;
        assert.notEqual(h, hs[1], 'removed host picked');
        seen.add(h);
      }
      assert.equal(seen.size, 2);
    });

    if (HASHED.has(policy)) {
      it('maps a client IP to the same host every time, independent of host order', () => {
        const hs = hosts([1, 2, 1, 3]);
        const a = createLoadBalancer(policy);
        const b = createLoadBalancer(policy);
        a.setHosts(hs);
        b.setHosts([...hs].reverse());
        for (let i = 0; i < 500; i++) {
          const ip = clientIp(i);
          const h = a.pick(ip);
          assert.equal(a.pick(ip), h);
          assert.equal(b.pick(ip), h);
        }
      });

      it('moves few clients besides those of a removed host (consistent hashing)', () => {
        const hs = hosts([1, 1, 1, 1, 1]);
        const lb = createLoadBalancer(policy);
        lb.setHosts(hs);
        const before = new Map<string, Host>();
        for (let i = 0; i < 5000; i++) before.set(clientIp(i), lb.pick(clientIp(i))!);
        lb.setHosts(hs.slice(0, 4));
        let moved = 0;
        for (const [ip, h] of before) if (h !== hs[4] && lb.pick(ip) !== h) moved++;
        // the ring is re-scaled (as Envoy does) and maglev re-permutes: some move, far fewer than
        // the ~75% a modulo hash would move
        assert.ok(moved < 4000 * 0.2, `${policy}: ${moved} unaffected clients moved`);
      });
    }
  });
}

describe('round-robin specifics', () => {
  it('is smooth: weights 5,1,1 give the nginx sequence a a b a c a a', () => {
    const hs = hosts([5, 1, 1]);
    const lb = new RoundRobin();
    lb.setHosts(hs);
    const seq = Array.from({ length: 7 }, () => lb.pick('x')!.address.slice(-1)).join('');
    assert.equal(seq, '1121311');
  });
});

describe('least-connections specifics', () => {
  it('picks the fewest active connections relative to weight; ties round-robin', () => {
    const hs = hosts([1, 1, 1]);
    const lb = new LeastConnections();
    lb.setHosts(hs);
    // all idle: a tie, so round-robin
    const first = [lb.pick('x'), lb.pick('x'), lb.pick('x')];
    assert.deepEqual(new Set(first), new Set(hs));
    hs[0]!.active = 3;
    hs[1]!.active = 1;
    hs[2]!.active = 2;
    assert.equal(lb.pick('x'), hs[1]);
    hs[1]!.active = 2;
    // hs[1] and hs[2] tie at 2: alternate between them
    const a = lb.pick('x');
    const b = lb.pick('x');
    assert.notEqual(a, b);
    assert.ok(a !== hs[0] && b !== hs[0]);
  });

  it('weights count: 2 active on weight 2 beats 2 active on weight 1', () => {
    const hs = hosts([1, 2]);
    const lb = new LeastConnections();
    lb.setHosts(hs);
    hs[0]!.active = 1;
    hs[1]!.active = 1;
    assert.equal(lb.pick('x'), hs[1]);
    hs[1]!.active = 2;
    // 1/1 vs 2/2: a tie -> round-robin picks the one after the last choice
    assert.equal(lb.pick('x'), hs[0]);
  });
});

describe('hash table sizes', () => {
  it('ring-hash has at least 1024 points, proportional to weight', () => {
    const r = new RingHash();
    r.setHosts(hosts([1, 3]));
    assert.ok(r.size >= 1024, `ring size ${r.size}`);
    const one = new RingHash();
    one.setHosts(hosts([1]));
    assert.ok(one.size >= 1024);
  });

  it('maglev uses the 65537-entry table', () => {
    assert.equal(MAGLEV_TABLE_SIZE, 65537);
    const m = new Maglev();
    m.setHosts(hosts([1, 1, 2]));
    const counts = new Map<string, number>();
    // count slots by probing the table through pick with synthetic keys is indirect; check weights
    for (let i = 0; i < 20000; i++) {
      const h = m.pick(clientIp(i))!;
      counts.set(h.key, (counts.get(h.key) ?? 0) + 1);
    }
    assert.equal(counts.size, 3);
  });
});
