import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import fc from 'fast-check';
import { MAX_HEADER_BYTES, V1_MAX_BYTES, decodeProxyHeader, type DecodeResult } from '../../runtime/proxy-protocol/decoder.js';
import { MAX_ENCODED_BYTES, encodeProxyHeader, writeProxyHeader } from '../../runtime/proxy-protocol/encoder.js';
import { formatIpv6, writeIpv6 } from '../../runtime/proxy-protocol/ip-bytes.js';
import { parseStrict } from '../helpers/proxy-backend.js';

// The PROXY protocol codec alone: fixed vectors from the spec's grammar, then properties.

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
/** IPv6 addresses in the form Node prints them (so decode(encode(x)) must give x back exactly). */
const ipv6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((g) => new net.SocketAddress({ address: g.map((x) => x.toString(16)).join(':'), family: 'ipv6' }).address);
const port = fc.nat(65535);

test('v1 vectors: TCP4, TCP6 (canonicalized), UNKNOWN; the strict grammar', () => {
  const ok = decodeProxyHeader(Buffer.from('PROXY TCP4 192.0.2.1 198.51.100.2 56324 443\r\nGET'));
  assert.deepEqual(ok, { status: 'done', version: 1, length: 45, command: 'proxy', sourceIp: '192.0.2.1', sourcePort: 56324, destinationIp: '198.51.100.2', destinationPort: 443 });
  const v6 = decodeProxyHeader(Buffer.from('PROXY TCP6 2001:DB8:0:0:0:0:0:1 ::1 1 65535\r\n'));
  assert.equal(v6.status === 'done' && v6.sourceIp, '2001:db8::1');
  assert.deepEqual(decodeProxyHeader(Buffer.from('PROXY UNKNOWN\r\n')), { status: 'done', version: 1, length: 15, command: 'local' });
  const bad = [
    'PROXY TCP4 192.0.2.1 198.51.100.2 56324 443\n', // LF without CR
    'PROXY TCP4 192.0.2.1 198.51.100.2 56324 443 \r\n', // trailing space
    'PROXY TCP4  192.0.2.1 198.51.100.2 56324 443\r\n', // double space
    'PROXY TCP4 192.0.2.01 198.51.100.2 56324 443\r\n', // leading zero
    'PROXY TCP4 192.0.2.1 198.51.100.2 65536 443\r\n',
    'PROXY TCP4 192.0.2.1 198.51.100.2 -1 443\r\n',
    'PROXY TCP4 ::1 ::1 1 2\r\n',
    'PROXY TCP6 fe80::1%eth0 ::1 1 2\r\n',
    'PROXY TCP6 1::2::3 ::1 1 2\r\n',
    'PROXY UDP4 192.0.2.1 198.51.100.2 1 2\r\n',
    'PROXY TCP4 192.0.2.1 198.51.100.2 1\r\n',
    'PROXY tcp4 192.0.2.1 198.51.100.2 1 2\r\n',
    'PROXY TCP4 192.0.2.1\r198.51.100.2 1 2\r\n',
  ];
  for (const s of bad) assert.deepEqual(decodeProxyHeader(Buffer.from(s)), { status: 'error', reason: 'invalid' }, JSON.stringify(s));
  assert.deepEqual(decodeProxyHeader(Buffer.from('PROXY TCP4 1.2.3.4')), { status: 'more' });
  assert.deepEqual(decodeProxyHeader(Buffer.from('PROX')), { status: 'more' });
  assert.deepEqual(decodeProxyHeader(Buffer.from('PROXX')), { status: 'error', reason: 'not_proxy' });
  assert.deepEqual(decodeProxyHeader(Buffer.from('PROXY UNKNOWN ' + 'x'.repeat(V1_MAX_BYTES))), { status: 'error', reason: 'too_large' });
  // exactly 107 bytes is the longest allowed line
  const longest = 'PROXY UNKNOWN ' + 'x'.repeat(V1_MAX_BYTES - 16) + '\r\n';
  assert.equal(longest.length, V1_MAX_BYTES);
  assert.equal(decodeProxyHeader(Buffer.from(longest)).status, 'done');
});

test('v2 vectors: LOCAL, AF_UNSPEC and AF_UNIX keep the socket addresses; TLVs are skipped; length is capped', () => {
  const sig = Buffer.from('0d0a0d0a000d0a515549540a', 'hex');
  const h = (verCmd: number, famProto: number, body: Buffer): Buffer => Buffer.concat([sig, Buffer.from([verCmd, famProto, body.length >> 8, body.length & 0xff]), body]);
  const inet = Buffer.from([192, 0, 2, 1, 198, 51, 100, 2, 0xdc, 0x04, 0x01, 0xbb]);
  const tlv = Buffer.from([0x04, 0x00, 0x03, 1, 2, 3]); // PP2_TYPE_NOOP
  assert.deepEqual(decodeProxyHeader(h(0x21, 0x11, Buffer.concat([inet, tlv]))), {
    status: 'done', version: 2, length: 34, command: 'proxy', sourceIp: '192.0.2.1', sourcePort: 56324, destinationIp: '198.51.100.2', destinationPort: 443,
  });
  assert.deepEqual(decodeProxyHeader(h(0x20, 0x00, Buffer.alloc(0))), { status: 'done', version: 2, length: 16, command: 'local' });
  assert.deepEqual(decodeProxyHeader(h(0x21, 0x00, Buffer.alloc(0))), { status: 'done', version: 2, length: 16, command: 'local' });
  assert.deepEqual(decodeProxyHeader(h(0x21, 0x31, Buffer.alloc(216))), { status: 'done', version: 2, length: 232, command: 'local' });
  assert.deepEqual(decodeProxyHeader(h(0x21, 0x11, inet.subarray(0, 11))), { status: 'error', reason: 'invalid' }, 'address block too short for AF_INET');
  assert.deepEqual(decodeProxyHeader(h(0x21, 0x41, inet)), { status: 'error', reason: 'invalid' }, 'unknown family');
  assert.deepEqual(decodeProxyHeader(h(0x22, 0x11, inet)), { status: 'error', reason: 'invalid' }, 'unknown command');
  assert.deepEqual(decodeProxyHeader(h(0x11, 0x11, inet)), { status: 'error', reason: 'invalid' }, 'version 1 in a v2 frame');
  assert.deepEqual(decodeProxyHeader(h(0x21, 0x11, Buffer.alloc(MAX_HEADER_BYTES - 16))).status, 'done');
  assert.deepEqual(decodeProxyHeader(h(0x21, 0x11, Buffer.alloc(MAX_HEADER_BYTES - 15)).subarray(0, 16)), { status: 'error', reason: 'too_large' });
  assert.deepEqual(decodeProxyHeader(h(0x21, 0x11, inet).subarray(0, 27)), { status: 'more' });
});

test('encoder: v1 and v2 as an independent strict parser reads them; mixed families go IPv4-mapped; nonsense goes UNKNOWN/LOCAL', () => {
  const v1 = encodeProxyHeader('v1', '192.0.2.1', 56324, '10.0.0.1', 8080);
  assert.equal(v1.toString('latin1'), 'PROXY TCP4 192.0.2.1 10.0.0.1 56324 8080\r\n');
  const v2 = encodeProxyHeader('v2', '192.0.2.1', 56324, '10.0.0.1', 8080);
  assert.deepEqual(parseStrict(v2), [{ version: 2, family: 'TCP4', srcIp: '192.0.2.1', dstIp: '10.0.0.1', srcPort: 56324, dstPort: 8080 }, 28]);
  assert.equal(encodeProxyHeader('v1', '2001:db8::7', 1, '10.0.0.1', 2).toString('latin1'), 'PROXY TCP6 2001:db8::7 ::ffff:10.0.0.1 1 2\r\n');
  const mixed = decodeProxyHeader(encodeProxyHeader('v2', '2001:db8::7', 1, '10.0.0.1', 2));
  assert.equal(mixed.status === 'done' && mixed.destinationIp, '::ffff:10.0.0.1');
  assert.equal(encodeProxyHeader('v1', 'not-an-ip', 1, '10.0.0.1', 2).toString('latin1'), 'PROXY UNKNOWN\r\n');
  assert.deepEqual(decodeProxyHeader(encodeProxyHeader('v2', '10.0.0.300', 1, '10.0.0.1', 2)), { status: 'done', version: 2, length: 16, command: 'local' });
});

/** The result for `buf` must be the same after more bytes are appended, once it is not `more`. */
function settled(r: DecodeResult): boolean {
  return r.status !== 'more';
}

test('property: encode -> decode round-trips every address, port and version, with any bytes after the header', () => {
  fc.assert(
    fc.property(fc.constantFrom('v1' as const, 'v2' as const), fc.oneof(ipv4, ipv6), port, fc.oneof(ipv4, ipv6), port, fc.uint8Array({ maxLength: 64 }), (v, src, sp, dst, dp, tail) => {
      const h = encodeProxyHeader(v, src, sp, dst, dp);
      assert.ok(h.length <= MAX_ENCODED_BYTES);
      const r = decodeProxyHeader(Buffer.concat([h, tail]));
      assert.equal(r.status, 'done');
      if (r.status !== 'done') return;
      assert.equal(r.length, h.length);
      assert.equal(r.command, 'proxy');
      const mixed = src.includes(':') !== dst.includes(':');
      const m = (ip: string): string => (mixed && !ip.includes(':') ? `::ffff:${ip}` : ip);
      assert.deepEqual([r.sourceIp, r.sourcePort, r.destinationIp, r.destinationPort], [m(src), sp, m(dst), dp]);
      // and an independent parser agrees on the addresses' families and ports
      const p = parseStrict(h);
      assert.ok(Array.isArray(p), String(p));
      assert.deepEqual([p[0].srcPort, p[0].dstPort, p[1]], [sp, dp, h.length]);
    }),
    { numRuns: 2000 },
  );
});

test('property: fed in any split, the decoder says `more` until the header is complete, then the same verdict', () => {
  fc.assert(
    fc.property(fc.constantFrom('v1' as const, 'v2' as const), ipv4, port, ipv6, port, fc.nat(200), (v, src, sp, dst, dp, cutSeed) => {
      const h = encodeProxyHeader(v, src, sp, dst, dp);
      const cut = cutSeed % h.length;
      assert.deepEqual(decodeProxyHeader(h.subarray(0, cut)), { status: 'more' });
      assert.equal(decodeProxyHeader(h).status, 'done');
    }),
    { numRuns: 1000 },
  );
});

test('property: arbitrary bytes never throw, never leave `more` past the cap, and the verdict ignores bytes past the cap', () => {
  const sig = Buffer.from('0d0a0d0a000d0a515549540a', 'hex');
  // bias towards plausible prefixes so the deep branches get exercised
  const prefix = fc.constantFrom(Buffer.alloc(0), Buffer.from('PROXY '), Buffer.from('PROXY TCP4 '), Buffer.from('PROXY TCP6 '), Buffer.from('PROXY UNKNOWN'), sig, Buffer.concat([sig, Buffer.from([0x21, 0x11])]), Buffer.concat([sig, Buffer.from([0x21, 0x21, 0x00, 0x24])]));
  fc.assert(
    fc.property(prefix, fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 64 }), (pre, body, more) => {
      const buf = Buffer.concat([pre, body]);
      const r = decodeProxyHeader(buf);
      if (buf.length >= MAX_HEADER_BYTES) assert.notEqual(r.status, 'more');
      if (r.status === 'done') assert.ok(r.length <= buf.length && r.length <= MAX_HEADER_BYTES);
      // once settled, more bytes change nothing (so the decoder looked no further than it had to)
      if (settled(r)) assert.deepEqual(decodeProxyHeader(Buffer.concat([buf, more])), r);
    }),
    { numRuns: 5000 },
  );
  // a buffer far past the cap: the verdict equals the one on the first MAX_HEADER_BYTES bytes
  const big = Buffer.concat([sig, Buffer.from([0x21, 0x11, 0x10, 0x00]), Buffer.alloc(8000, 7)]);
  assert.deepEqual(decodeProxyHeader(big), decodeProxyHeader(big.subarray(0, MAX_HEADER_BYTES)));
  const bigV1 = Buffer.from('PROXY ' + 'x'.repeat(9000));
  assert.deepEqual(decodeProxyHeader(bigV1), { status: 'error', reason: 'too_large' });
});

test('property: IPv6 text -> bytes -> text is Node\'s own formatting', () => {
  fc.assert(
    fc.property(ipv6, (ip) => {
      const b = new Uint8Array(16);
      assert.ok(writeIpv6(ip, b, 0), ip);
      assert.equal(formatIpv6(b, 0), ip);
    }),
    { numRuns: 2000 },
  );
  for (const s of ['::', '::1', '1::', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8', '1::8']) assert.ok(writeIpv6(s, new Uint8Array(16), 0), s);
  for (const s of [':', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', '::1.2.3', 'g::', '1:', ':1', '::ffff:1.2.3.4:5', '1:2:3:4:5:6:7::8']) {
    assert.ok(!writeIpv6(s, new Uint8Array(16), 0), s);
  }
});

// keep the scratch-buffer variant honest too: it writes exactly what encodeProxyHeader returns
test('writeProxyHeader into a reused buffer equals encodeProxyHeader', () => {
  const out = Buffer.alloc(MAX_ENCODED_BYTES);
  for (const v of ['v1', 'v2'] as const) {
    const n = writeProxyHeader(out, v, '::1', 5, '::1', 6);
    assert.ok(out.subarray(0, n).equals(encodeProxyHeader(v, '::1', 5, '::1', 6)));
  }
});
