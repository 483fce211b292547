import { it } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, listener, plan } from '../helpers/plan.js';
import { freePort, readGreeting } from '../helpers/net.js';
import { startRuntime, startBackends } from './tcp-helpers.js';

// `::` is dual-stack everywhere in meshc (compiler conflict check, iptables REDIRECT, Envoy
// ipv4_compat, UDP): a TCP listener on it must accept IPv4 clients too, and affinity/metrics see
// them as plain IPv4 addresses.
it('a tcp listener on :: accepts IPv4 and IPv6 clients', async (t) => {
  const [be] = await startBackends(t, ['a']);
  const port = await freePort('::1');
  const C = 'web_80_tcp';
  const rt = await startRuntime(t, plan([listener(C, port, { address: '::', name: `outbound_::_${port}_tcp` })], [cluster(C, [{ port: be!.port }], { affinity: { type: 'source-ip', ttlMs: 60_000 } })]));
  assert.equal(await readGreeting(port, '127.0.0.1'), 'a');
  assert.equal(await readGreeting(port, '::1'), 'a');
  assert.equal(rt.clusters.get(C)!.hosts[0]!.total, 2);
  // the IPv4 client is recorded as 127.0.0.1, not ::ffff:127.0.0.1
  assert.ok(rt.clusters.get(C)!.affinity!.lookup('127.0.0.1', Date.now()), 'IPv4 client keyed without the ::ffff: prefix');
});
