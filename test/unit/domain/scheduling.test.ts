// Example-based tests of the scheduling rules: transaction ids, proposed slots, a chosen slot, a series.
import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import { isAttuneError } from '../../../src/domain/errors';
import { proposeSlots, slotSearchWindow, type ProposeSlotsInput } from '../../../src/domain/scheduling/propose-slots';
import { transactionIdFor } from '../../../src/domain/scheduling/transaction-id';
import { busy, known, person, unknown } from '../../fakes/schedules';

/** Monday 7 December 2026, 08:00 in London (GMT, so UTC too). */
const monday = '2026-12-07T08:00:00.000Z';
const z = (s: string): string => new Date(s).toISOString();
const starts = (input: ProposeSlotsInput): string[] => {
  const r = proposeSlots(input);
  assert.equal(r.kind, 'slots', r.kind === 'none' ? r.message : '');
  return r.kind === 'slots' ? r.slots.map((s) => s.start) : [];
};

describe('scheduling', () => {
  describe('transactionIdFor', () => {
    it('gives the same id for the same planned supervision', () => {
      assert.equal(transactionIdFor('planned-42'), transactionIdFor('planned-42'));
    });

    it('gives a fixed id, so it stays the same across releases', () => {
      assert.equal(transactionIdFor('planned-42'), 'vig-16aqfkv15y8wtb1dbd1lr0nlwjii');
      assert.match(transactionIdFor('planned-42'), /^vig-[0-9a-z]{28}$/);
    });

    it('gives different ids for different planned supervisions and for a re-booking attempt', () => {
      const ids = new Set([transactionIdFor('planned-1'), transactionIdFor('planned-2'), transactionIdFor('planned-1', 1), transactionIdFor('planned-1', 2)]);
      assert.equal(ids.size, 4);
    });

    it('is url-safe and carries nothing of the id it came from', () => {
      const id = transactionIdFor('tenant:alice.smith@example.org');
      assert.equal(encodeURIComponent(id), id);
      assert.ok(!id.includes('alice'));
    });

    it('refuses an empty id', () => {
      assert.throws(() => transactionIdFor(''), RangeError);
    });
  });

  describe('proposeSlots', () => {
    it('offers one slot a day on different days, alternating morning and afternoon, after two hours of notice', () => {
      assert.deepEqual(starts({ schedules: [known('trainee'), known('supervisor')], now: monday }), [
        z('2026-12-07T10:00Z'),
        z('2026-12-08T13:00Z'),
        z('2026-12-09T09:00Z'),
        z('2026-12-10T13:00Z'),
        z('2026-12-11T09:00Z'),
      ]);
    });

    it('gives slots of the session length', () => {
      const r = proposeSlots({ schedules: [known('trainee')], now: monday, sessionMinutes: 90, count: 1 });
      assert.deepEqual(r, { kind: 'slots', slots: [{ start: z('2026-12-07T10:00Z'), end: z('2026-12-07T11:30Z') }] });
    });

    it('adds a second slot on a day, in its other half, only when there are fewer days than slots asked for', () => {
      assert.deepEqual(starts({ schedules: [known('trainee')], now: monday, searchDays: 1 }), [z('2026-12-07T10:00Z'), z('2026-12-07T13:00Z'), z('2026-12-08T09:00Z')]);
    });

    it('offers no time at which anyone is busy, tentative or away', () => {
      const schedules = [
        known('trainee', [busy('2026-12-07T10:00Z', '2026-12-07T12:00Z', 'tentative')]),
        known('supervisor', [busy('2026-12-08T00:00Z', '2026-12-09T00:00Z', 'away'), busy('2026-12-07T12:30Z', '2026-12-07T13:30Z')]),
      ];
      assert.deepEqual(starts({ schedules, now: monday, count: 2 }), [z('2026-12-07T13:30Z'), z('2026-12-09T13:00Z')]);
    });

    it('treats working elsewhere as busy unless the service allows it', () => {
      const schedules = [known('supervisor', [busy('2026-12-07T00:00Z', '2026-12-08T00:00Z', 'working_elsewhere')])];
      assert.deepEqual(starts({ schedules, now: monday, count: 1 }), [z('2026-12-08T09:00Z')]);
      assert.deepEqual(starts({ schedules, now: monday, count: 1, allowWorkingElsewhere: true }), [z('2026-12-07T10:00Z')]);
    });

    it('answers with a reason, and whose calendar, when a calendar cannot be read', () => {
      const r = proposeSlots({ schedules: [known('trainee'), unknown('supervisor')], now: monday });
      assert.equal(r.kind, 'none');
      assert.equal(r.kind === 'none' && r.reason, 'calendar_unknown');
      assert.deepEqual(r.kind === 'none' && r.people, [person('supervisor')]);
    });

    it('says what to try when there is no common free hour in the next three weeks', () => {
      const schedules = [known('trainee', [busy('2026-12-01T00:00Z', '2027-02-01T00:00Z')]), known('supervisor')];
      assert.deepEqual(proposeSlots({ schedules, now: monday }), {
        kind: 'none',
        reason: 'no_common_time',
        message: 'No common free hour in the next 3 weeks within working hours — try a shorter session or a later week.',
        people: [],
      });
    });

    it('offers nothing that ends after the contract ends', () => {
      assert.deepEqual(starts({ schedules: [known('trainee')], now: monday, latestEnd: '2026-12-08T13:30:00.000Z' }), [z('2026-12-07T10:00Z'), z('2026-12-07T13:00Z'), z('2026-12-08T09:00Z'), z('2026-12-08T10:00Z')]);
      const r = proposeSlots({ schedules: [known('trainee')], now: monday, latestEnd: '2026-12-07T10:30:00.000Z' });
      assert.equal(r.kind === 'none' && r.reason, 'after_latest_end');
    });

    it('keeps 09:00 London time across the spring and autumn clock changes', () => {
      // Clocks go forward on Sunday 28 March 2027 and back on Sunday 25 October 2026.
      assert.deepEqual(starts({ schedules: [known('trainee')], now: '2027-03-28T12:00:00.000Z', count: 1 }), [z('2027-03-29T08:00Z')]);
      assert.deepEqual(starts({ schedules: [known('trainee')], now: '2026-10-23T14:00:00.000Z', count: 1 }), [z('2026-10-26T09:00Z')]);
    });

    it('uses the working hours and zone a service configures', () => {
      const workingHours = { zone: 'America/New_York', startMinute: 8 * 60, endMinute: 12 * 60, weekdays: [2, 4] };
      assert.deepEqual(starts({ schedules: [known('trainee')], now: monday, workingHours, count: 2 }), [z('2026-12-08T13:00Z'), z('2026-12-10T15:00Z')]);
    });

    it('refuses a search it cannot make sense of', () => {
      assert.throws(() => proposeSlots({ schedules: [], now: monday, sessionMinutes: 7 }), (e) => isAttuneError(e) && e.code === 'invalid_input');
      assert.throws(() => proposeSlots({ schedules: [], now: monday, workingHours: { zone: 'Mars/Olympus', startMinute: 540, endMinute: 1020, weekdays: [1] } }), (e) => isAttuneError(e) && e.code === 'invalid_input');
    });
  });

  describe('slotSearchWindow', () => {
    it('starts at the half hour after the notice and runs for the search days', () => {
      assert.deepEqual(slotSearchWindow({ now: '2026-12-07T08:10:00.000Z' }), { start: z('2026-12-07T10:30Z'), end: z('2026-12-28T10:30Z') });
    });
  });
});
