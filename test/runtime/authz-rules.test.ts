import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Authorizer } from '../../runtime/authz/authorizer.js';
import { IdentityMatcher, sanEntries } from '../../runtime/tls/identity.js';
import { normalizeIp } from '../../runtime/proxy/tcp-proxy.js';

const SHOP = 'spiffe://cluster.local/ns/shop/sa/';

describe('authorization rules (SPEC 6)', () => {
  it('deny wins over allow; absent allow allows the rest; empty allow allows nothing', () => {
    const a = new Authorizer({ deny: [{ identities: [`${SHOP}legacy`] }], allow: [{ identities: [`${SHOP}*`] }] }, 8080, 'l');
    assert.equal(a.allows(`${SHOP}web`, '10.1.2.3'), true);
    assert.equal(a.allows(`${SHOP}legacy`, '10.1.2.3'), false);
    assert.equal(a.allows('spiffe://cluster.local/ns/other/sa/web', '10.1.2.3'), false);
    assert.equal(a.allows(null, '10.1.2.3'), false, 'identities never match plaintext');
    const denyOnly = new Authorizer({ deny: [{ identities: [`${SHOP}legacy`] }] }, 8080, 'l');
    assert.equal(denyOnly.allows(null, '10.1.2.3'), true);
    assert.equal(denyOnly.allows(`${SHOP}legacy`, '10.1.2.3'), false);
    assert.equal(new Authorizer({ deny: [], allow: [] }, 8080, 'l').allows(`${SHOP}web`, '10.0.0.1'), false);
  });

  it('a rule matches only when all of its fields match', () => {
    const a = new Authorizer({ deny: [], allow: [{ identities: [`${SHOP}web`], sources: ['10.0.0.0/8'] }] }, 8080, 'l');
    assert.equal(a.allows(`${SHOP}web`, '10.9.9.9'), true);
    assert.equal(a.allows(`${SHOP}web`, '192.168.0.1'), false);
    assert.equal(a.allows(`${SHOP}api`, '10.9.9.9'), false);
    // an empty rule matches everything
    assert.equal(new Authorizer({ deny: [{}] }, 8080, 'l').allows(null, '1.2.3.4'), false);
  });

  it('sources: IPv4, IPv6, bare addresses and IPv4-mapped clients', () => {
    const a = new Authorizer({ deny: [], allow: [{ sources: ['10.0.0.0/8', 'fd00::/8', '192.168.1.7', '2001:db8::1'] }] }, 80, 'l');
    assert.equal(a.allows(null, '10.255.0.1'), true);
    assert.equal(a.allows(null, '11.0.0.1'), false);
    assert.equal(a.allows(null, 'fd12::1'), true);
    assert.equal(a.allows(null, 'fe80::1'), false);
    assert.equal(a.allows(null, '192.168.1.7'), true);
    assert.equal(a.allows(null, '192.168.1.8'), false);
    assert.equal(a.allows(null, '2001:db8::1'), true);
    assert.equal(a.allows(null, '2001:db8::2'), false);
    // a dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; the listener unwraps them
    assert.equal(a.allows(null, normalizeIp('::ffff:10.1.1.1')), true);
  });

  it('ports match the listener workload port, decided once', () => {
    const deny = new Authorizer({ deny: [{ ports: [8080, 9090] }] }, 8080, 'l');
    assert.equal(deny.allows(null, '10.0.0.1'), false);
    const other = new Authorizer({ deny: [{ ports: [9090] }] }, 8080, 'l');
    assert.equal(other.allows(null, '10.0.0.1'), true);
    const allow = new Authorizer({ deny: [], allow: [{ ports: [8080], identities: [`${SHOP}*`] }] }, 8080, 'l');
    assert.equal(allow.allows(`${SHOP}web`, '10.0.0.1'), true);
    assert.equal(allow.allows(null, '10.0.0.1'), false);
  });

  it('rejects a source that is not a CIDR with a stable code', () => {
    assert.throws(() => new Authorizer({ deny: [{ sources: ['10.0.0.0/99'] }] }, 80, 'l'), { code: 'E_PLAN_AUTHZ' });
  });
});

describe('identities', () => {
  it('exact and trailing-* patterns', () => {
    const m = new IdentityMatcher([`${SHOP}orders`, 'spiffe://cluster.local/ns/pay/*', '*.example.com', 'x*']);
    assert.equal(m.matches(`${SHOP}orders`), true);
    assert.equal(m.matches(`${SHOP}orders2`), false);
    assert.equal(m.matches('spiffe://cluster.local/ns/pay/sa/a'), true);
    assert.equal(m.matches('spiffe://cluster.local/ns/payments/sa/a'), false);
    // `*` is a prefix wildcard only, not a DNS wildcard
    assert.equal(m.matches('a.example.com'), false);
    assert.equal(m.matches('*.example.com'), true, 'a leading * is literal');
    assert.equal(m.matches('xylophone'), true);
    assert.equal(m.matches(null), false);
  });

  it('subjectAltName parsing, including quoted values', () => {
    assert.deepEqual(sanEntries('DNS:a.svc, URI:spiffe://td/ns/x/sa/y'), [
      { type: 'DNS', value: 'a.svc' },
      { type: 'URI', value: 'spiffe://td/ns/x/sa/y' },
    ]);
    assert.deepEqual(sanEntries('URI:"spiffe://td/a, b", DNS:c'), [
      { type: 'URI', value: 'spiffe://td/a, b' },
      { type: 'DNS', value: 'c' },
    ]);
    assert.deepEqual(sanEntries(undefined), []);
  });
});
