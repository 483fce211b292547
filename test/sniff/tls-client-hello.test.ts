import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseClientHello } from '../../runtime/sniff/tls-client-hello.js';
import { captureClientHello, splitRecords } from './sniff-helpers.js';

test('parses a captured ClientHello whole, re-framed into many records, and asks for more when short', async () => {
  const hello = await captureClientHello('Svc.Example.com.');
  assert.deepEqual(parseClientHello(hello, 16384), { status: 'done', sni: 'svc.example.com' });
  for (const sizes of [[1], [2, 2], [3, 1, 1, 50], [4]]) {
    assert.deepEqual(parseClientHello(splitRecords(hello, sizes), 16384), { status: 'done', sni: 'svc.example.com' }, `${sizes}`);
  }
  const short = parseClientHello(hello.subarray(0, hello.length - 1), 16384);
  assert.deepEqual(short, { status: 'more', need: hello.length });
  assert.deepEqual(parseClientHello(hello.subarray(0, 3), 16384), { status: 'more', need: 5 });
  // over the buffering limit: give up rather than wait
  assert.deepEqual(parseClientHello(hello.subarray(0, 10), 64), { status: 'invalid' });
});

test('no SNI extension -> done without sni', async () => {
  const hello = await captureClientHello('localhost');
  // node:tls omits SNI for IP literals; build the same by blanking the server_name name type
  const body = hello.subarray(9);
  const idx = body.indexOf(Buffer.from('localhost'));
  assert.ok(idx > 0);
  const bad = Buffer.from(hello);
  bad[9 + idx - 3] = 0x07; // name_type 7 (unknown): the list is valid but holds no host_name
  assert.deepEqual(parseClientHello(bad, 16384), { status: 'done', sni: undefined });
});

test('malformed input never throws: random mutations and truncations of a real ClientHello', async () => {
  const hello = await captureClientHello('fuzz.example.com');
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(hello.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      fc.nat(hello.length),
      (muts, cut) => {
        const b = Buffer.from(hello.subarray(0, Math.max(cut, 1)));
        for (const [i, v] of muts) if (i < b.length) b[i] = v;
        const r = parseClientHello(b, 16384);
        assert.ok(r.status === 'more' || r.status === 'invalid' || r.status === 'done');
        if (r.status === 'done' && r.sni !== undefined) assert.match(r.sni, /^[a-z0-9._-]+$/);
      },
    ),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
      const b = Buffer.from(bytes);
      if (b.length >= 2) b.set([0x16, 0x03], 0);
      parseClientHello(b, 16384);
    }),
    { numRuns: 2000 },
  );
});
