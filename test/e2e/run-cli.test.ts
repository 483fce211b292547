import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { cluster, listener, plan, writePlan } from '../helpers/plan.js';
import { freePort } from '../helpers/net.js';
import { planHash } from '../../schemas/plan-hash.js';

describe('meshc run: arguments and rejected plans', () => {
  it('--help exits 0 with usage on stdout; a bad flag exits 2', async () => {
    const help = await runCli(['run', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--plan FILE/);
    assert.match(help.stdout, /--drain-timeout/);
    const bad = await runCli(['run', '--plan', 'x.json', '--bogus']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown flag --bogus/);
    assert.equal((await runCli(['run'])).code, 2, 'missing --plan');
    assert.equal((await runCli(['run', '--plan', 'p.json', '--admin', 'localhost'])).code, 2, 'malformed --admin');
    assert.equal((await runCli(['run', '--plan', 'p.json', '--drain-timeout', '5 minutes'])).code, 2, 'malformed duration');
  });

  it('an invalid initial plan exits 1 with the reason on stderr', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-run-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const port = await freePort();
    const admin = await freePort();
    const good = plan([listener('a_1_tcp', port)], [cluster('a_1_tcp', [{ port: 9 }])], { admin: { address: '127.0.0.1', port: admin } });
    const rehash = <T extends object>(p: T): T => ({ ...p, hash: planHash(p) });
    const cases: Array<[string, string, RegExp]> = [
      ['missing.json', '', /E_PLAN_READ/],
      ['notjson.json', '{ nope', /E_PLAN_JSON/],
      ['schema.json', JSON.stringify(rehash({ ...good, listeners: [{ ...good.listeners[0]!, port: 70000 }] })), /E_PLAN_SCHEMA/],
      ['unknown-field.json', JSON.stringify(rehash({ ...good, extra: 1 })), /extra.*E_PLAN_SCHEMA/],
      ['ref.json', JSON.stringify(rehash({ ...good, listeners: [{ ...good.listeners[0]!, cluster: 'nope_1_tcp' }] })), /nope_1_tcp.*E_PLAN_REFERENCE/],
      ['dup.json', JSON.stringify(rehash({ ...good, listeners: [good.listeners[0]!, { ...good.listeners[0]!, name: 'other' }] })), /E_PLAN_DUPLICATE/],
      ['hash.json', JSON.stringify({ ...good, name: 'edited' }), /E_PLAN_HASH/],
    ];
    for (const [name, text, re] of cases) {
      const file = path.join(dir, name);
      if (text !== '') await writeFile(file, text);
      const r = await runCli(['run', '--plan', file, '--log-level', 'silent']);
      assert.equal(r.code, 1, `${name}: exit code (stderr: ${r.stderr})`);
      assert.match(r.stderr, re, name);
    }
  });

  it('a listener address in use exits 1 (E_BIND)', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-run-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    t.after(() => blocker.close());
    const taken = (blocker.address() as net.AddressInfo).port;
    const file = path.join(dir, 'plan.json');
    await writePlan(file, plan([listener('a_1_tcp', taken)], [cluster('a_1_tcp', [{ port: 9 }])], { admin: { address: '127.0.0.1', port: await freePort() } }));
    const r = await runCli(['run', '--plan', file, '--log-level', 'silent']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /E_BIND/);
    assert.match(r.stderr, new RegExp(`${taken}`));
  });
});
