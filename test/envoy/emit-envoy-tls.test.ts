/**
 * Mutual TLS and authorization in the Envoy target (SPEC 6): hand-built plans covering every
 * shape (strict, permissive, RBAC deny/allow, identities/sources/ports, `*`, upstream SAN
 * matching) pass the strict v3 checks, including the file-based SDS secrets beside lds/cds, and
 * map value by value; the validator itself rejects the mistakes it must catch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { emitEnvoyFiles } from '../../compiler/emit/envoy.js';
import type { Cluster, Listener, Plan } from '../../schemas/types/plan.gen.js';
import { runCli } from '../helpers/cli.js';
import { cluster, listener, plan } from '../helpers/plan.js';
import { envoyFilesIssues } from './validate-envoy.js';

const TLS = { certificate: '/var/run/meshc/tls/tls.crt', privateKey: '/var/run/meshc/tls/tls.key', trustedCA: '/var/run/meshc/ca/ca.crt' };

function inbound(port: number, clusterName: string, over: Partial<Listener>): Listener {
  return { ...listener(clusterName, port, { address: '0.0.0.0', ...over }), name: `inbound_0.0.0.0_${port}_tcp`, direction: 'inbound' };
}

function tlsPlan(): Plan {
  const clusters: Cluster[] = [
    cluster('inbound_8080_tcp', [{ port: 8080 }], { service: 'web', port: 8080 }),
    cluster('inbound_9090_tcp', [{ port: 9090 }], { service: 'web', port: 9090 }),
    cluster('inbound_7070_tcp', [{ port: 7070 }], { service: 'web', port: 7070 }),
    cluster('orders_8080_tcp', [{ address: '10.1.0.21', port: 8080 }], {
      tls: { mode: 'mutual', serverIdentities: ['orders.shop.svc', 'spiffe://cluster.local/ns/shop/sa/orders-*'], sni: 'orders.shop.svc' },
    }),
    cluster('any_443_tcp', [{ address: '10.1.0.31', port: 443 }], { tls: { mode: 'mutual', serverIdentities: ['*'] } }),
  ];
  const listeners: Listener[] = [
    inbound(15080, 'inbound_8080_tcp', {
      tls: 'strict',
      workloadPort: 8080,
      authorization: {
        deny: [{ identities: ['spiffe://cluster.local/ns/shop/sa/legacy'] }, { sources: ['10.9.0.0/16'], ports: [9999] }],
        allow: [{ identities: ['*'], sources: ['10.0.0.0/8', 'fd00::/8'] }, {}],
      },
    }),
    inbound(19090, 'inbound_9090_tcp', { tls: 'permissive', workloadPort: 9090, authorization: { deny: [], allow: [] } }),
    inbound(17070, 'inbound_7070_tcp', { tls: 'strict' }),
    listener('orders_8080_tcp', 18080),
    listener('any_443_tcp', 18443),
  ];
  return plan(listeners, clusters, { name: 'web', tls: TLS });
}

function filesOf(p: Plan, dir?: string): Map<string, string> {
  return new Map(emitEnvoyFiles(p, dir ? { dir } : {}).map((f) => [f.name, f.content]));
}
const resources = (files: Map<string, string>, name: string) => YAML.parse(files.get(name)!).resources as any[];
const sds = (dir: string, file: string, name: string) => ({
  name,
  sds_config: { path_config_source: { path: `${dir}/${file}`, watched_directory: { path: dir } }, resource_api_version: 'V3' },
});

test('envoy tls: the plan passes strict v3 validation, SDS files included, for any Envoy directory', () => {
  for (const dir of [undefined, '/etc/envoy/mesh']) {
    const files = filesOf(tlsPlan(), dir);
    assert.deepEqual([...files.keys()], ['cds.yaml', 'envoy.yaml', 'lds.yaml', 'sds-certificate.yaml', 'sds-trusted-ca.yaml']);
    assert.deepEqual(envoyFilesIssues(files), []);
  }
});

test('envoy tls: SDS secrets name the identity files and watch their directories', () => {
  const files = filesOf(tlsPlan());
  assert.deepEqual(resources(files, 'sds-certificate.yaml'), [{
    '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
    name: 'meshc-identity',
    tls_certificate: { certificate_chain: { filename: TLS.certificate }, private_key: { filename: TLS.privateKey }, watched_directory: { path: '/var/run/meshc/tls' } },
  }]);
  assert.deepEqual(resources(files, 'sds-trusted-ca.yaml'), [{
    '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
    name: 'meshc-trusted-ca',
    validation_context: { trusted_ca: { filename: TLS.trustedCA }, watched_directory: { path: '/var/run/meshc/ca' } },
  }]);
});

test('envoy tls: strict = one chain requiring a client certificate; RBAC deny then allow before tcp_proxy', () => {
  const [l] = resources(filesOf(tlsPlan()), 'lds.yaml').filter((x) => x.name === 'inbound_0.0.0.0_15080_tcp');
  assert.equal(l.listener_filters, undefined, 'strict needs no tls_inspector');
  assert.equal(l.filter_chains.length, 1);
  const chain = l.filter_chains[0];
  assert.equal(chain.filter_chain_match, undefined);
  assert.deepEqual(chain.transport_socket.typed_config, {
    '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
    common_tls_context: {
      tls_certificate_sds_secret_configs: [sds('/etc/meshc/envoy', 'sds-certificate.yaml', 'meshc-identity')],
      validation_context_sds_secret_config: sds('/etc/meshc/envoy', 'sds-trusted-ca.yaml', 'meshc-trusted-ca'),
    },
    require_client_certificate: true,
  });
  assert.deepEqual(chain.filters.map((f: any) => f.name), ['envoy.filters.network.rbac', 'envoy.filters.network.rbac', 'envoy.filters.network.tcp_proxy']);
  const [deny, allow] = chain.filters.map((f: any) => f.typed_config);
  assert.equal(deny.rules.action, 'DENY');
  assert.deepEqual(deny.rules.policies, {
    'deny-0': { permissions: [{ any: true }], principals: [{ authenticated: { principal_name: { exact: 'spiffe://cluster.local/ns/shop/sa/legacy' } } }] },
    // deny[1] lists ports [9999], never the workload port 8080: dropped, as it can never match.
  });
  assert.equal(allow.rules.action, 'ALLOW');
  assert.deepEqual(allow.rules.policies, {
    'allow-0': {
      permissions: [{ any: true }],
      principals: [{ and_ids: { ids: [
        { authenticated: {} },
        { or_ids: { ids: [{ remote_ip: { address_prefix: '10.0.0.0', prefix_len: 8 } }, { remote_ip: { address_prefix: 'fd00::', prefix_len: 8 } }] } },
      ] } }],
    },
    'allow-1': { permissions: [{ any: true }], principals: [{ any: true }] },
  });
  assert.notEqual(deny.stat_prefix, allow.stat_prefix);
});

test('envoy tls: permissive = tls_inspector + a TLS chain and a raw_buffer chain; allow [] denies everything', () => {
  const [l] = resources(filesOf(tlsPlan()), 'lds.yaml').filter((x) => x.name === 'inbound_0.0.0.0_19090_tcp');
  assert.equal(l.listener_filters[0].name, 'envoy.filters.listener.tls_inspector');
  assert.equal(l.listener_filters_timeout, '0.100s', 'server-first plaintext clients pass after the default detection timeout');
  assert.equal(l.continue_on_listener_filters_timeout, true);
  assert.deepEqual(l.filter_chains.map((c: any) => [c.name, c.filter_chain_match, c.transport_socket !== undefined]), [
    ['mtls', { transport_protocol: 'tls' }, true],
    ['plaintext', { transport_protocol: 'raw_buffer' }, false],
  ]);
  for (const c of l.filter_chains) {
    assert.deepEqual(c.filters.map((f: any) => f.name), ['envoy.filters.network.rbac', 'envoy.filters.network.tcp_proxy'], 'no deny rules: only the ALLOW filter');
    assert.deepEqual(c.filters[0].typed_config.rules, { action: 'ALLOW', policies: {} });
  }
});

test('envoy tls: tls without authorization has no RBAC filter; outbound listeners are unchanged', () => {
  const lds = resources(filesOf(tlsPlan()), 'lds.yaml');
  const l = lds.find((x) => x.name === 'inbound_0.0.0.0_17070_tcp');
  assert.deepEqual(l.filter_chains[0].filters.map((f: any) => f.name), ['envoy.filters.network.tcp_proxy']);
  const out = lds.find((x) => x.name === 'outbound_127.0.0.1_18080_tcp');
  assert.deepEqual(Object.keys(out.filter_chains[0]), ['name', 'filters'], 'TLS is originated by the cluster, not the listener');
});

test('envoy tls: mutual clusters originate TLS with the identity and match server SANs (URI/DNS, exact/prefix)', () => {
  const cds = resources(filesOf(tlsPlan()), 'cds.yaml');
  const orders = cds.find((c) => c.name === 'orders_8080_tcp').transport_socket;
  assert.equal(orders.name, 'envoy.transport_sockets.tls');
  assert.deepEqual(orders.typed_config, {
    '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
    common_tls_context: {
      tls_certificate_sds_secret_configs: [sds('/etc/meshc/envoy', 'sds-certificate.yaml', 'meshc-identity')],
      combined_validation_context: {
        default_validation_context: {
          match_typed_subject_alt_names: [
            { san_type: 'DNS', matcher: { exact: 'orders.shop.svc' } },
            { san_type: 'URI', matcher: { prefix: 'spiffe://cluster.local/ns/shop/sa/orders-' } },
          ],
        },
        validation_context_sds_secret_config: sds('/etc/meshc/envoy', 'sds-trusted-ca.yaml', 'meshc-trusted-ca'),
      },
    },
    sni: 'orders.shop.svc',
  });
  const any = cds.find((c) => c.name === 'any_443_tcp').transport_socket.typed_config;
  assert.deepEqual(any.common_tls_context.combined_validation_context.default_validation_context, {}, '"*": the CA alone decides');
  assert.equal(any.sni, undefined);
  assert.equal(cds.find((c) => c.name === 'inbound_8080_tcp').transport_socket, undefined);
});

test('envoy tls: a plan with an identity but no TLS listener or cluster writes no SDS files; key elsewhere is noted', () => {
  const p = plan([listener('db_3306_tcp', 13306)], [cluster('db_3306_tcp', [{ port: 3306 }])], { tls: TLS });
  assert.deepEqual([...filesOf(p).keys()], ['cds.yaml', 'envoy.yaml', 'lds.yaml']);
  const q = tlsPlan();
  q.tls = { ...TLS, privateKey: '/var/run/meshc/keys/tls.key' };
  assert.match(filesOf(q).get('sds-certificate.yaml')!, /privateKey is not in the certificate's directory/);
});

test('envoy tls: the validator rejects a missing SDS file, an unwatched secret, a misspelled TLS field and RBAC after tcp_proxy', () => {
  const good = filesOf(tlsPlan());
  const missing = new Map(good);
  missing.delete('sds-trusted-ca.yaml');
  assert.ok(envoyFilesIssues(missing).some((i) => /sds-trusted-ca\.yaml, which is not in the file set/.test(i)));

  const unwatched = new Map(good);
  unwatched.set('sds-certificate.yaml', good.get('sds-certificate.yaml')!.replace(/\n {6}watched_directory:\n {8}path: \/var\/run\/meshc\/tls/, ''));
  assert.notEqual(unwatched.get('sds-certificate.yaml'), good.get('sds-certificate.yaml'));
  assert.ok(envoyFilesIssues(unwatched).some((i) => /no watched_directory \(rotation would be missed\)/.test(i)));

  const typo = new Map(good);
  typo.set('lds.yaml', good.get('lds.yaml')!.replace('require_client_certificate:', 'require_client_cert:'));
  assert.ok(envoyFilesIssues(typo).some((i) => /require_client_cert/.test(i)), 'strict proto walk');

  const lds = YAML.parse(good.get('lds.yaml')!);
  const chain = lds.resources[0].filter_chains[0];
  chain.filters.reverse();
  const reordered = new Map(good);
  reordered.set('lds.yaml', YAML.stringify(lds));
  assert.ok(envoyFilesIssues(reordered).some((i) => /tcp_proxy is not the last filter/.test(i)));
});

test('envoy tls: --target envoy,configmap puts the SDS files in the Envoy ConfigMap', async (t) => {
  const out = await mkdtemp(path.join(tmpdir(), 'meshc-envoy-tls-'));
  t.after(() => rm(out, { recursive: true, force: true }));
  const r = await runCli(['compile', 'examples/mtls', '--out', out, '--target', 'envoy,configmap']);
  assert.equal(r.code, 0, r.stderr);
  const cm = YAML.parse(await readFile(path.join(out, 'orders', 'envoy-configmap.yaml'), 'utf8'));
  assert.deepEqual(Object.keys(cm.data), ['cds.yaml', 'envoy.yaml', 'lds.yaml', 'sds-certificate.yaml', 'sds-trusted-ca.yaml']);
  assert.equal(cm.data['sds-certificate.yaml'], await readFile(path.join(out, 'orders', 'sds-certificate.yaml'), 'utf8'));
});
