import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Host } from '../../runtime/cluster/host.js';
import { createLoadBalancer, LB_POLICIES } from '../../runtime/lb/index.js';
import { LocalityAware } from '../../runtime/lb/locality-aware.js';
import { WeightedClusters } from '../../runtime/lb/weighted-clusters.js';
import { ConnectionRateLimit } from '../../runtime/listener/connection-rate-limit.js';
import { MaxDuration } from '../../runtime/listener/max-duration.js';
import type { Cluster } from '../../runtime/cluster/cluster.js';

/** Hosts in the given zones (null = no zone). */
function zoned(zones: Array<string | null>): Host[] {
  return zones.map((z, i) => {
    const h = new Host(`10.0.0.${i + 1}`, 8080, 1);
    h.zone = z;
    return h;
  });
}

/** Which hosts `n` picks (distinct client IPs, so hash policies spread) reach. */
function reached(lb: { pick(ip: string): Host | undefined }, n: number): Set<Host> {
  const out = new Set<Host>();
  for (let i = 0; i < n; i++) out.add(lb.pick(`172.16.${i >> 8}.${i & 255}`)!);
  return out;
}

// The locality layer over every registered policy (the conformance suite's list).
for (const policy of LB_POLICIES) {
  describe(`locality-aware layer over ${policy}`, () => {
    it('keeps new traffic in the local zone while a host there is available', () => {
      const hs = zoned(['a', 'b', 'a', null]);
      const lb = new LocalityAware(createLoadBalancer(policy), 'a');
      lb.setHosts(hs);
      assert.equal(lb.local, true);
      assert.deepEqual([...reached(lb, 2000)].map((h) => h.zone).sort(), ['a', 'a']);
    });

    it('spreads over every host when no local host is available, and returns', () => {
      const hs = zoned(['a', 'b', null]);
      const lb = new LocalityAware(createLoadBalancer(policy), 'a');
      hs[0]!.healthy = false;
      // the cluster passes the available hosts: b and the zoneless one
      lb.setHosts(hs.filter((h) => h.available));
      assert.equal(lb.local, false);
      assert.equal(reached(lb, 2000).size, 2);
      hs[0]!.healthy = true;
      lb.setHosts(hs);
      assert.deepEqual([...reached(lb, 500)], [hs[0]]);
    });

    it('in panic mode (every host unavailable, all passed) uses every zone', () => {
      const hs = zoned(['a', 'b']);
      for (const h of hs) h.healthy = false;
      const lb = new LocalityAware(createLoadBalancer(policy), 'a');
      lb.setHosts(hs);
      assert.equal(reached(lb, 2000).size, 2);
    });
  });
}

describe('WeightedClusters (smooth weighted round-robin)', () => {
  const fake = (name: string): Cluster => ({ name }) as unknown as Cluster;
  const resolve = (name: string): Cluster => fake(name);

  it('gives each target exactly its weight over every run of total picks, interleaved', () => {
    const w = new WeightedClusters([{ cluster: 'a', weight: 5 }, { cluster: 'b', weight: 1 }, { cluster: 'c', weight: 1 }], resolve);
    for (let run = 0; run < 3; run++) {
      const got = Array.from({ length: 7 }, () => w.pick()!.name);
      assert.equal(got.filter((x) => x === 'a').length, 5);
      assert.equal(got.filter((x) => x === 'b').length, 1);
      assert.equal(got.filter((x) => x === 'c').length, 1);
    }
    // smooth: the heavy target is not picked five times in a row
    const seq = Array.from({ length: 7 }, () => w.pick()!.name).join('');
    assert.ok(!seq.includes('aaaaa'), seq);
  });

  it('never picks a weight-0 target; a single target is always picked', () => {
    const w = new WeightedClusters([{ cluster: 'a', weight: 0 }, { cluster: 'b', weight: 3 }], resolve);
    for (let i = 0; i < 10; i++) assert.equal(w.pick()!.name, 'b');
    assert.equal(new WeightedClusters([{ cluster: 'a', weight: 0 }], resolve).pick(), undefined);
  });
});

describe('ConnectionRateLimit (token bucket)', () => {
  it('starts full with one second of tokens, refills by elapsed time, never above capacity', () => {
    const rl = new ConnectionRateLimit(10, 1, 0);
    let ok = 0;
    for (let i = 0; i < 20; i++) if (rl.take(0)) ok++;
    assert.equal(ok, 10);
    assert.equal(rl.take(50), false, 'half a token after 50 ms');
    assert.equal(rl.take(100), true, 'one token after 100 ms');
    ok = 0;
    for (let i = 0; i < 50; i++) if (rl.take(60_000)) ok++;
    assert.equal(ok, 10, 'a long quiet spell still holds only one second of tokens');
  });

  it('divides the rate by the worker share, keeping at least one token of capacity', () => {
    const half = new ConnectionRateLimit(10, 1 / 2, 0);
    let ok = 0;
    for (let i = 0; i < 20; i++) if (half.take(0)) ok++;
    assert.equal(ok, 5);
    const tiny = new ConnectionRateLimit(1, 1 / 4, 0);
    assert.equal(tiny.take(0), true);
    assert.equal(tiny.take(3999), false);
    assert.equal(tiny.take(4000), true, 'one token per 4 s per worker');
  });
});

describe('MaxDuration', () => {
  it('draws deadlines in [ms, ms + ms*jitter%]', () => {
    const d = MaxDuration.of({ ms: 1000, jitterPercent: 10 })!;
    let lo = Infinity;
    let hi = 0;
    for (let i = 0; i < 2000; i++) {
      const x = d.deadline(0);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    assert.ok(lo >= 1000 && hi <= 1100 && hi - lo > 50, `${lo}..${hi}`);
    assert.equal(MaxDuration.of({ ms: 1000, jitterPercent: 0 })!.deadline(5), 1005);
    assert.equal(MaxDuration.of(undefined), null);
  });
});
