import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePlan } from '../../runtime/plan/plan-loader.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { Runtime } from '../../runtime/runtime.js';
import { silentLogger } from '../../runtime/logger.js';
import type { Listener, Plan } from '../../schemas/types/plan.gen.js';

/** A split listener over `targets`. */
function split(targets: Array<[string, number]>): Listener {
  const { cluster: _, ...l } = listener('x', 15999);
  return { ...l, weightedClusters: targets.map(([c, weight]) => ({ cluster: c, weight })) };
}

const text = (p: Plan): string => JSON.stringify(p);

describe('plan loader: weightedClusters', () => {
  it('accepts a split whose targets exist', () => {
    const p = plan([split([['a_1_tcp', 9], ['b_1_tcp', 1]])], [cluster('a_1_tcp', [{ port: 1 }]), cluster('b_1_tcp', [{ port: 2 }])]);
    assert.equal(parsePlan(text(p), 'p.json').listeners[0]!.weightedClusters!.length, 2);
  });

  it('rejects a split naming an unknown cluster (E_PLAN_REFERENCE) or with every weight 0 (E_PLAN_SPLIT)', () => {
    const unknown = plan([split([['a_1_tcp', 1], ['nope_1_tcp', 1]])], [cluster('a_1_tcp', [{ port: 1 }])]);
    assert.throws(() => parsePlan(text(unknown), 'p.json'), (e: Error & { code?: string }) => e.code === 'E_PLAN_REFERENCE' && /p\.json: .*nope_1_tcp/.test(e.message));
    const zero = plan([split([['a_1_tcp', 0]])], [cluster('a_1_tcp', [{ port: 1 }])]);
    assert.throws(() => parsePlan(text(zero), 'p.json'), (e: Error & { code?: string }) => e.code === 'E_PLAN_SPLIT');
    const both = { ...split([['a_1_tcp', 1]]), cluster: 'a_1_tcp' };
    assert.throws(() => parsePlan(text(plan([both], [cluster('a_1_tcp', [{ port: 1 }])])), 'p.json'), (e: Error & { code?: string }) => e.code === 'E_PLAN_SCHEMA');
  });

  it('Runtime.apply (the library API) also rejects an unknown split target, leaving nothing bound', async () => {
    const rt = new Runtime({ logger: silentLogger() });
    const p = plan([split([['nope_1_tcp', 1]])], []);
    await assert.rejects(rt.apply(p), (e: Error & { code?: string }) => e.code === 'E_PLAN_REFERENCE');
    assert.equal(rt.listeners.size, 0);
    await rt.stop(0);
  });
});
