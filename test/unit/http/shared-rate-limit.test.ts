import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { SharedRateLimiter } from '../../../src/http/rate-limit';
import { AttuneError } from '../../../src/domain/errors';
import type { RateWindows } from '../../../src/ports/rate-windows';

/** The shared counters in memory (what Table storage does, for a pure unit test), counting its calls. */
function memoryWindows(): RateWindows & { calls: number; down: boolean } {
  const rows = new Map<string, { windowStart: number; count: number }>();
  return {
    calls: 0,
    down: false,
    async claim(input) {
      this.calls += 1;
      if (this.down) throw new Error('storage not answering');
      const k = `${input.limiter}|${input.key}`;
      const row = rows.get(k);
      const used = row && row.windowStart === input.windowStart ? row.count : 0;
      const grant = Math.max(0, Math.min(input.want, input.limit - used));
      rows.set(k, { windowStart: input.windowStart, count: used + grant });
      return grant;
    },
  };
}

const outcome = async (l: SharedRateLimiter, key: string): Promise<'ok' | number> => {
  try {
    await l.take(key);
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof AttuneError && e.code === 'rate_limited');
    return e.retryAfterSeconds!;
  }
};

describe('SharedRateLimiter (one limit across instances)', () => {
  it('never lets instances sharing the counters grant more than the limit in a window, however requests interleave', async () => {
    let now = 120_000 + 5_000;
    const windows = memoryWindows();
    const instances = [0, 1, 2].map(() => new SharedRateLimiter({ name: 'person', limit: 100, windowMs: 60_000, windows, now: () => now }));
    let granted = 0;
    for (let i = 0; i < 400; i++) if ((await outcome(instances[(i * 7) % 3]!, 'alex')) === 'ok') granted += 1;
    assert.ok(granted <= 100, `granted ${granted}`);
    assert.ok(granted >= 100 - 2 * 5, `at most (instances − 1) × chunk refused early: granted ${granted}`);
    // A new window starts again.
    now += 60_000;
    assert.equal(await outcome(instances[0]!, 'alex'), 'ok');
  });

  it('grants exactly the limit when it is small (chunks of 1), alternating two instances, and says when to retry', async () => {
    const now = 60_000 * 7 + 45_500;
    const windows = memoryWindows();
    const [a, b] = [0, 1].map(() => new SharedRateLimiter({ name: 'person', limit: 6, windowMs: 60_000, windows, now: () => now }));
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await outcome(i % 2 ? b! : a!, 'sam'));
    assert.deepEqual(results, ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 15, 15, 15, 15]);
    assert.equal(await outcome(a!, 'someone else'), 'ok', 'each key has its own count');
  });

  it('counts most requests in memory, and refuses an exhausted key without asking storage again', async () => {
    const windows = memoryWindows();
    const l = new SharedRateLimiter({ name: 'address', limit: 600, windowMs: 60_000, windows, now: () => 30_000 });
    for (let i = 0; i < 600; i++) assert.equal(await outcome(l, '10.0.0.1'), 'ok');
    assert.equal(windows.calls, 20, '600 requests in chunks of 30');
    const before = windows.calls;
    for (let i = 0; i < 1000; i++) assert.equal(typeof (await outcome(l, '10.0.0.1')), 'number');
    assert.equal(windows.calls, before + 1, 'one claim found it exhausted; the flood after it cost nothing');
  });

  it('lets concurrent requests for one key wait for one claim instead of racing for the counter', async () => {
    const windows = memoryWindows();
    const l = new SharedRateLimiter({ name: 'person', limit: 10, windowMs: 60_000, windows, now: () => 1_000 });
    const results = await Promise.all(Array.from({ length: 30 }, () => outcome(l, 'flood')));
    assert.equal(results.filter((r) => r === 'ok').length, 10);
    assert.equal(windows.calls, 11, 'ten chunks of one, then one claim that found it exhausted');
  });

  it('counts in this instance alone while the counters cannot be reached, and says so once', async () => {
    const windows = memoryWindows();
    windows.down = true;
    let warnings = 0;
    const l = new SharedRateLimiter({ name: 'person', limit: 3, windowMs: 60_000, windows, now: () => 1_000, onUnreachable: () => (warnings += 1) });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await outcome(l, 'kim'));
    assert.deepEqual(results.slice(0, 3), ['ok', 'ok', 'ok']);
    assert.ok(results.slice(3).every((r) => typeof r === 'number'));
    assert.ok(warnings >= 1);
  });
});
