import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LineWriter } from '../../runtime/access-log/line-writer.js';
import { AccessRecord, FLAG_NR, FLAG_UF, FLAG_URX, TERM_DOWNSTREAM_CLOSE, TERM_IDLE_TIMEOUT, TERM_RESET, TERM_UPSTREAM_CLOSE, formatFlags, isoTime, raiseTermination } from '../../runtime/access-log/record.js';
import { waitFor } from '../helpers/wait.js';

describe('access-log line writer', () => {
  it('writes every line whole and in order, ASCII or not, to a file opened for append', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-lw-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'a.log');
    const w = new LineWriter({ target: file });
    w.open();
    const want: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const line = JSON.stringify({ i, sni: i % 7 === 0 ? `bücher-${i}.example` : `x${i}`, pad: 'y'.repeat(i % 300) }) + '\n';
      want.push(line);
      w.write(line);
    }
    await w.close();
    assert.equal(w.dropped, 0);
    assert.equal(w.written, 5000);
    assert.equal(await readFile(file, 'utf8'), want.join(''));
  });

  it('drops and counts lines beyond its queue bound instead of buffering them', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshc-lw-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const w = new LineWriter({ target: path.join(dir, 'a.log'), maxQueuedBytes: 1000 });
    w.open();
    for (let i = 0; i < 100; i++) w.write('z'.repeat(99) + '\n');
    assert.ok(w.dropped >= 90, `dropped ${w.dropped}`);
    await w.close();
    assert.equal(w.written + w.dropped, 100);
  });

  it('a device that refuses every write (ENOSPC) costs lines, counted, never an exception', async () => {
    const errors: string[] = [];
    const w = new LineWriter({ target: '/dev/full', onError: (err) => errors.push(err.code ?? '') });
    w.open();
    for (let i = 0; i < 10; i++) w.write(`{"n":${i}}\n`);
    await waitFor(() => w.errors > 0, 5000, 'a failed write');
    assert.deepEqual(errors, ['ENOSPC']);
    await w.close();
    assert.equal(w.dropped, 10);
    assert.equal(w.written, 0);
  });
});

describe('access-log record', () => {
  it('renders Envoy flag strings, keeps the most telling termination, formats ISO time', () => {
    assert.equal(formatFlags(0), '-');
    assert.equal(formatFlags(FLAG_UF | FLAG_URX), 'UF,URX');
    assert.equal(formatFlags(FLAG_NR), 'NR');
    assert.equal(raiseTermination(TERM_DOWNSTREAM_CLOSE, TERM_UPSTREAM_CLOSE), TERM_DOWNSTREAM_CLOSE, 'the first FIN wins');
    assert.equal(raiseTermination(TERM_DOWNSTREAM_CLOSE, TERM_RESET), TERM_RESET);
    assert.equal(raiseTermination(TERM_IDLE_TIMEOUT, TERM_RESET), TERM_IDLE_TIMEOUT);
    for (const ms of [0, 999, 1000, 1732732078006, 1732732078066, 1732732078666, Date.now()]) assert.equal(isoTime(ms), new Date(ms).toISOString());
  });

  it('is one JSON line; periodic lines have no termination; optional fields only when known', () => {
    const r = new AccessRecord();
    r.listener = 'in"x';
    r.cluster = 'c';
    r.downstream = '[::1]:5000';
    r.termination = TERM_UPSTREAM_CLOSE;
    const end = JSON.parse(r.toLine()) as Record<string, unknown>;
    assert.equal(end.listener, 'in"x');
    assert.equal(end.termination, 'upstream_close');
    assert.equal(end.upstream, null);
    assert.equal('sni' in end, false);
    r.periodic = true;
    r.sni = 'a.example';
    const p = JSON.parse(r.toLine()) as Record<string, unknown>;
    assert.equal(p.type, 'periodic');
    assert.equal('termination' in p, false);
    assert.equal(p.sni, 'a.example');
    assert.ok(r.toLine().endsWith('}\n') && !r.toLine().slice(0, -1).includes('\n'));
  });
});
