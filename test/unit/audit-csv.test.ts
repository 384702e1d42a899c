import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { csvCell } from '../../src/app/audit-log';
import { RateLimiter } from '../../src/http/rate-limit';
import { TableAuditLog } from '../../src/adapters/storage/table-audit-log';
import { AttuneError } from '../../src/domain/errors';

describe('csvCell', () => {
  it('leaves plain text alone', () => assert.equal(csvCell('view_clip'), 'view_clip'));
  it('quotes commas, quotes and new lines', () => assert.equal(csvCell('a,"b"\nc'), '"a,""b""\nc"'));
  it('defuses spreadsheet formulas', () => {
    for (const f of ['=cmd()', '+1', '-1', '@SUM(A1)']) assert.ok(csvCell(f).startsWith("'"), f);
  });
});

describe('RateLimiter', () => {
  it('refuses the request after the limit with the seconds until the window turns', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000, now: () => now });
    limiter.take('a');
    limiter.take('a');
    now = 15_000;
    assert.throws(() => limiter.take('a'), (e) => e instanceof AttuneError && e.code === 'rate_limited' && e.retryAfterSeconds === 45);
    limiter.take('b');
  });

  it('starts counting again in the next window', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000, now: () => now });
    limiter.take('a');
    now = 1000;
    assert.doesNotThrow(() => limiter.take('a'));
  });
});

describe('TableAuditLog', () => {
  it('has no update or delete path', () => {
    const methods = Object.getOwnPropertyNames(TableAuditLog.prototype).filter((m) => m !== 'constructor').sort();
    assert.deepEqual(methods, ['append', 'page', 'read', 'scan']);
  });
});
