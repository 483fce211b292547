import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { DenialLog } from '../../runtime/authz/denial-log.js';

describe('refusal logs', () => {
  it('write one line per reason for a burst and count the suppressed ones in the next line', () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        cb();
      },
    });
    const log = new DenialLog(pino({ level: 'info' }, sink));
    // a burst in one synchronous loop: far less than the one-second window
    for (let i = 0; i < 500; i++) log.note('denied', { client: '10.0.0.1' }, 'connection denied by authorization');
    log.note('unknown_ca', {}, 'tls handshake failed: closing the connection');
    assert.equal(lines.length, 2, 'one line per reason');
    assert.deepEqual(lines.map((l) => [l.reason, l.suppressed]), [['denied', 0], ['unknown_ca', 0]]);
    // the next line of a reason (a second later) reports how many were left out
    const realNow = Date.now;
    Date.now = () => realNow() + 1500;
    try {
      log.note('denied', {}, 'connection denied by authorization');
    } finally {
      Date.now = realNow;
    }
    assert.equal(lines.length, 3);
    assert.equal(lines[2]!.suppressed, 499);
  });
});
