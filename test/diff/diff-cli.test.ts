// `meshc diff BASE HEAD`: identity comparison, every kind of change with old and new values, the
// live-traffic consequences, the JSON shape, exit codes, and invalid policy on either side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { service, sidecar, tempDir, writeTree } from './policy-dirs.js';

const DB = (hosts: string[], lb: string, idle: string) =>
  service('db', { hosts, extra: `  loadBalancer:\n    policy: ${lb}\n  connection:\n    idleTimeout: ${idle}\n` });

const BASE: Record<string, string> = {
  'services.yaml': [
    DB(['address: 10.0.0.1', 'address: 10.0.0.2', 'address: 10.0.0.3'], 'round-robin', '1h'),
    service('cache', { port: 6379, hosts: ['address: 10.0.1.1'] }),
    service('old', { port: 7000, hosts: ['address: 10.0.3.1'] }),
    service('dns', { port: 53, protocol: 'udp', hosts: ['address: 10.0.2.1'] }),
  ].join('---\n'),
  'sidecars.yaml': [
    sidecar(
      'app',
      '  admin: 127.0.0.1:15000\n  outbound:\n' +
        '    - { service: db, bind: 127.0.0.1:15432 }\n    - { service: cache, bind: 127.0.0.1:16379 }\n' +
        '    - { service: old, bind: 127.0.0.1:17000 }\n    - { service: dns, bind: 127.0.0.1:15053 }\n',
    ),
    sidecar('gone', '  outbound:\n    - { service: cache }\n'),
  ].join('---\n'),
};

const HEAD: Record<string, string> = {
  'services.yaml': [
    DB(['address: 10.0.0.1', 'address: 10.0.0.2, weight: 3', 'address: 10.0.0.4'], 'least-connections', '30m'),
    service('cache', { port: 6379, hosts: ['address: 10.0.1.1'] }),
    service('queue', { port: 5672, hosts: ['address: 10.0.4.1'] }),
    service('dns', { port: 53, protocol: 'udp', hosts: ['address: 10.0.2.1'] }),
  ].join('---\n'),
  'sidecars.yaml': [
    sidecar(
      'app',
      '  admin: 127.0.0.1:15001\n  outbound:\n' +
        '    - { service: db, bind: 127.0.0.1:15432 }\n    - { service: cache, bind: 127.0.0.1:16380 }\n' +
        '    - { service: queue, bind: 127.0.0.1:15672 }\n' +
        '  interception:\n    mode: iptables\n',
    ),
    sidecar('fresh', '  outbound:\n    - { service: queue }\n'),
  ].join('---\n'),
};

async function pair(t: Parameters<typeof tempDir>[0], base: Record<string, string>, head: Record<string, string>): Promise<[string, string]> {
  const dir = await tempDir(t);
  await writeTree(path.join(dir, 'base'), base);
  await writeTree(path.join(dir, 'head'), head);
  return [path.join(dir, 'base'), path.join(dir, 'head')];
}

test('split, reordered and re-keyed policies are identical: no changes, exit 0 even with --exit-code', async (t) => {
  // The same policy, one file per document, documents in another order, keys in another order.
  const reordered: Record<string, string> = {
    'b/sidecar-gone.yaml': sidecar('gone', '  outbound:\n    - { service: cache }\n'),
    'a/sidecar-app.yaml': sidecar(
      'app',
      '  outbound:\n    - { bind: 127.0.0.1:15053, service: dns }\n    - { service: old, bind: 127.0.0.1:17000 }\n' +
        '    - { bind: 127.0.0.1:16379, service: cache }\n    - { service: db, bind: 127.0.0.1:15432 }\n  admin: 127.0.0.1:15000\n',
    ),
    'z/services.yaml': [
      service('dns', { port: 53, protocol: 'udp', hosts: ['address: 10.0.2.1'] }),
      service('old', { port: 7000, hosts: ['address: 10.0.3.1'] }),
      service('cache', { port: 6379, hosts: ['address: 10.0.1.1'] }),
    ].join('---\n'),
    'db.yaml': service('db', {
      hosts: ['address: 10.0.0.3', 'address: 10.0.0.1', 'address: 10.0.0.2'],
      extra: '  connection:\n    idleTimeout: 60m\n  loadBalancer: { policy: round-robin }\n',
    }),
  };
  const [a, b] = await pair(t, BASE, reordered);
  const text = await runCli(['diff', a, b, '--exit-code']);
  assert.equal(text.code, 0, text.stderr);
  assert.equal(text.stdout, 'No changes: every sidecar plan is identical\n');
  const json = await runCli(['diff', a, b, '--format', 'json']);
  const j = JSON.parse(json.stdout);
  assert.deepEqual(j.sidecars, []);
  assert.deepEqual(j.summary.endpoints, { added: 0, changed: 0, removed: 0 });
});

test('every kind of change is listed with its old and new value, and the summary line comes first', async (t) => {
  const [a, b] = await pair(t, BASE, HEAD);
  const r = await runCli(['diff', a, b]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(
    lines[0],
    'Plan changes: 1 sidecar added, 1 changed, 1 removed; 3 listeners added, 4 removed; 2 clusters added, 1 changed, 3 removed; 3 endpoints added, 1 changed, 4 removed',
  );
  const out = r.stdout;
  // sidecars
  assert.match(out, /^\+ sidecar fresh$/m);
  assert.match(out, /^- sidecar gone$/m);
  assert.match(out, /^~ sidecar app$/m);
  // plan-level fields with old -> new
  assert.match(out, /^~ {3}admin\.port: 15000 → 15001$/m);
  assert.match(out, /^~ {3}interception\.mode: none → iptables$/m);
  // listeners
  assert.match(out, /^\+ {3}listener outbound_127\.0\.0\.1_15672_tcp: 127\.0\.0\.1:15672\/tcp → queue_5672_tcp$/m);
  assert.match(out, /^- {3}listener outbound_127\.0\.0\.1_17000_tcp: 127\.0\.0\.1:17000\/tcp → old_7000_tcp$/m);
  assert.match(out, /^- {3}listener outbound_127\.0\.0\.1_15053_udp: 127\.0\.0\.1:15053\/udp → dns_53_udp$/m);
  // clusters: fields with old -> new values (durations as durations)
  assert.match(out, /^~ {3}cluster db_5432_tcp$/m);
  assert.match(out, /^~ {5}loadBalancer\.policy: round-robin → least-connections$/m);
  assert.match(out, /^~ {5}connection\.idleTimeoutMs: 1h → 30m$/m);
  assert.match(out, /^\+ {3}cluster queue_5672_tcp: queue port 5672\/tcp, 1 static endpoint, round-robin$/m);
  assert.match(out, /^- {3}cluster old_7000_tcp: old port 7000\/tcp, 1 static endpoint, round-robin$/m);
  // endpoints by address:port
  assert.match(out, /^\+ {5}endpoint 10\.0\.0\.4:5432 \(weight 1\)$/m);
  assert.match(out, /^- {5}endpoint 10\.0\.0\.3:5432 \(weight 1\)$/m);
  assert.match(out, /^~ {5}endpoint 10\.0\.0\.2:5432: weight: 1 → 3$/m);
  assert.doesNotMatch(out, /endpoint 10\.0\.0\.1:5432/);
});

test('live-traffic consequences: drain with the given timeout, rebind, endpoints, UDP, restarts', async (t) => {
  const [a, b] = await pair(t, BASE, HEAD);
  const r = await runCli(['diff', a, b, '--drain-timeout', '20s']);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout;
  assert.match(out, /listener outbound_127\.0\.0\.1_17000_tcp[^\n]*\n {6}=> runtime \(disruptive\): listener removed: stops accepting at once; its connections drain for up to 20s/);
  assert.match(out, /=> runtime \(disruptive\): UDP listener removed: datagrams from new clients are dropped at once; live sessions continue \(the socket stays open for their replies\) until they idle out or 20s pass/);
  // the cache listener moved: paired as a rebind
  assert.match(out, /listener outbound_127\.0\.0\.1_16380_tcp[^\n]*\n {6}=> runtime \(disruptive\): listener address changed \(replaces outbound_127\.0\.0\.1_16379_tcp\): rebind\. 127\.0\.0\.1:16380\/tcp is bound before the old address stops accepting/);
  assert.match(out, /listener removed \(replaced by outbound_127\.0\.0\.1_16380_tcp\)/);
  assert.match(out, /=> runtime: 1 endpoint\(s\) removed: no new connections; live connections stay until they close/);
  assert.match(out, /=> runtime: 1 endpoint\(s\) added: they take new connections as soon as the reload is applied/);
  assert.match(out, /=> runtime: 1 endpoint weight\(s\) changed: applies to new connections/);
  assert.match(out, /=> runtime: load balancer replaced: its state starts fresh/);
  assert.match(out, /=> runtime: connection settings apply to new connections; live connections keep the idle timeout they started with/);
  // needs more than a hot reload: admin (restart), interception (pod restart), listed up front
  assert.match(out, /^Needs more than a hot reload \(\d+\):$/m);
  assert.match(out, /sidecar app: restart \(runtime\): admin endpoint 127\.0\.0\.1:15000 → 127\.0\.0\.1:15001 takes effect only when the sidecar restarts/);
  assert.match(out, /sidecar app: restart \(pod\): interception settings changed: the rules are applied by the meshc-init container when a pod starts/);
  assert.match(out, /restart \(pod\): the injected pod template changes/);
  assert.ok(out.indexOf('Needs more than a hot reload') < out.indexOf('~ sidecar app'), 'attention list comes before the details');
});

test('moving a listener between an address and the wildcard on the same port: the reload is rejected', async (t) => {
  const svc = service('db', { hosts: ['address: 10.0.0.1'] });
  const [a, b] = await pair(
    t,
    { 'p.yaml': `${svc}---\n${sidecar('app', '  outbound:\n    - { service: db, bind: 127.0.0.1:15432 }\n')}` },
    { 'p.yaml': `${svc}---\n${sidecar('app', '  outbound:\n    - { service: db, bind: 0.0.0.0:15432 }\n')}` },
  );
  const r = await runCli(['diff', a, b, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const added = j.sidecars[0].listeners.find((l: { change: string }) => l.change === 'added');
  assert.equal(added.name, 'outbound_0.0.0.0_15432_tcp');
  assert.equal(added.conflictsWith, 'outbound_127.0.0.1_15432_tcp');
  const c = added.consequences.find((x: { code: string }) => x.code === 'reload-rejected-bind');
  assert.equal(c.severity, 'rejected');
  assert.match(c.message, /the reload is rejected \(E_BIND\) and the old plan stays in force/);
  const text = await runCli(['diff', a, b]);
  assert.match(text.stdout, /^Needs more than a hot reload \(1\):\n {2}app: listener outbound_0\.0\.0\.0_15432_tcp: rejected \(runtime\)/m);
});

test('listener changed in place and interception rules that change with a listener need a pod restart', async (t) => {
  const svc = (p: string) => service('api', { port: 443, protocol: p, hosts: ['address: 10.0.0.1'] });
  const sc = sidecar('app', '  outbound:\n    - { service: api, bind: 127.0.0.1:15443 }\n  interception:\n    mode: iptables\n');
  const [a, b] = await pair(t, { 'p.yaml': `${svc('tcp')}---\n${sc}` }, { 'p.yaml': `${svc('tls')}---\n${sc}` });
  const r = await runCli(['diff', a, b]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^~ {3}listener outbound_127\.0\.0\.1_15443_tcp$/m);
  assert.match(r.stdout, /^~ {5}protocol: tcp → tls$/m);
  assert.match(r.stdout, /=> runtime: updated in place: the socket is kept \(no rebind\); new connections use the new settings; live connections keep their endpoint/);

  // the same sidecar, the service's port moved: the iptables rules change with it
  const [c, d] = await pair(
    t,
    { 'p.yaml': `${service('api', { port: 443 })}---\n${sc}` },
    { 'p.yaml': `${service('api', { port: 8443 })}---\n${sc}` },
  );
  const moved = await runCli(['diff', c, d, '--format', 'json']);
  const j = JSON.parse(moved.stdout);
  const codes = j.sidecars[0].consequences.map((x: { code: string; target: string }) => `${x.target}:${x.code}`);
  assert.ok(codes.includes('pod:iptables-rules'), codes.join(' '));
});

test('--exit-code exits 3 on differences; --format json has the documented shape', async (t) => {
  const [a, b] = await pair(t, BASE, HEAD);
  const r = await runCli(['diff', a, b, '--exit-code', '--format', 'json']);
  assert.equal(r.code, 3, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ['version', 'base', 'head', 'drainTimeoutMs', 'summary', 'sidecars']);
  assert.equal(j.version, 1);
  assert.equal(j.base, a);
  assert.equal(j.head, b);
  assert.equal(j.drainTimeoutMs, 15000);
  assert.deepEqual(Object.keys(j.summary), ['sidecars', 'listeners', 'clusters', 'endpoints']);
  assert.deepEqual(j.summary.sidecars, { added: 1, changed: 1, removed: 1 });
  assert.deepEqual(
    j.sidecars.map((s: { name: string; change: string }) => `${s.change} ${s.name}`),
    ['changed app', 'added fresh', 'removed gone'],
  );
  const app = j.sidecars[0];
  assert.deepEqual(Object.keys(app), ['name', 'change', 'fields', 'consequences', 'listeners', 'clusters', 'baseHash', 'headHash']);
  assert.match(app.baseHash, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(app.fields.find((f: { path: string }) => f.path === 'admin.port'), { path: 'admin.port', old: 15000, new: 15001 });
  const db = app.clusters.find((c: { name: string }) => c.name === 'db_5432_tcp');
  assert.equal(db.change, 'changed');
  assert.deepEqual(db.fields.find((f: { path: string }) => f.path === 'connection.idleTimeoutMs'), { path: 'connection.idleTimeoutMs', old: 3_600_000, new: 1_800_000 });
  assert.deepEqual(
    db.endpoints.map((e: { key: string; change: string }) => `${e.change} ${e.key}`),
    ['changed 10.0.0.2:5432', 'removed 10.0.0.3:5432', 'added 10.0.0.4:5432'],
  );
  assert.deepEqual(db.endpoints[0].fields, [{ path: 'weight', old: 1, new: 3 }]);
  for (const c of db.consequences) {
    assert.deepEqual(Object.keys(c), ['code', 'target', 'severity', 'message']);
    assert.ok(['info', 'disruptive', 'restart', 'rejected'].includes(c.severity));
  }
  const removedCluster = app.clusters.find((c: { name: string }) => c.name === 'old_7000_tcp');
  assert.equal(removedCluster.old.service, 'old');
  assert.equal(removedCluster.endpoints[0].change, 'removed');
  // an added sidecar has nothing to reload: its objects are listed, the sidecar says what it means
  const fresh = j.sidecars[1];
  assert.deepEqual(fresh.listeners.map((l: { change: string; consequences: unknown[] }) => [l.change, l.consequences.length]), [['added', 0]]);
  assert.deepEqual(fresh.consequences.map((c: { code: string }) => c.code), ['sidecar-added']);
  assert.deepEqual(j.sidecars[2].consequences.map((c: { code: string }) => c.code), ['sidecar-removed']);
  const moved = app.listeners.find((l: { name: string }) => l.name === 'outbound_127.0.0.1_16380_tcp');
  assert.equal(moved.replaces, 'outbound_127.0.0.1_16379_tcp');
  assert.equal(moved.new.address, '127.0.0.1');
});

test('invalid policy on either side: errors as validate prints them, labelled with their side, exit 1', async (t) => {
  const bad = { 'p.yaml': `${service('db')}---\n${sidecar('app', '  outbound:\n    - { service: nope }\n')}` };
  const [good] = await pair(t, BASE, HEAD);
  const dir = await tempDir(t);
  await writeTree(dir, bad);
  const badFile = path.join(dir, 'p.yaml');
  const r1 = await runCli(['diff', badFile, good]);
  assert.equal(r1.code, 1);
  assert.equal(r1.stdout, '');
  assert.match(r1.stderr, new RegExp(`^base: ${badFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: error: .*unknown service "nope"`, 'm'));
  const r2 = await runCli(['diff', good, badFile, '--format', 'json']);
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /^head: \S+p\.yaml:\d+:\d+: error: /m);
  assert.doesNotMatch(r2.stderr, /^base: /m);
  const r3 = await runCli(['diff', path.join(dir, 'missing.yaml'), badFile]);
  assert.equal(r3.code, 1);
  assert.match(r3.stderr, /^base: \S+missing\.yaml:1:1: error: cannot read/m);
  assert.match(r3.stderr, /^head: \S+p\.yaml:\d+:\d+: error: /m);
});

test('usage errors exit 2', async () => {
  const runs = await Promise.all([
    runCli(['diff']),
    runCli(['diff', 'examples/shop']),
    runCli(['diff', 'a', 'b', 'c']),
    runCli(['diff', 'examples/shop', 'examples/shop', '--format', 'html']),
    runCli(['diff', 'examples/shop', 'examples/shop', '--frobnicate']),
    runCli(['diff', '--git', 'HEAD']),
    runCli(['diff', 'examples/shop', 'examples/shop', '--drain-timeout', 'soon']),
  ]);
  const want = [/expected BASE and HEAD, got 0 paths/, /got 1 path\b/, /got 3 paths/, /unknown --format 'html'/, /unknown flag --frobnicate/, /--git REV needs at least one PATH/, /--drain-timeout must be a duration/];
  runs.forEach((r, i) => {
    assert.equal(r.code, 2, `${i}: ${r.stderr}`);
    assert.match(r.stderr, want[i]!);
    assert.match(r.stderr, /Usage: meshc diff BASE HEAD/);
  });
  const help = await runCli(['diff', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: meshc diff BASE HEAD/);
});
