// Example-based tests of the scheduling rules: transaction ids, proposed slots, a chosen slot, a series.
import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import { isAttuneError, type ErrorCode } from '../../../src/domain/errors';
import { checkChosenSlot, type ChosenSlotInput } from '../../../src/domain/scheduling/chosen-slot';
import { proposeSlots, slotSearchWindow, type ProposeSlotsInput } from '../../../src/domain/scheduling/propose-slots';
import { seriesDates } from '../../../src/domain/scheduling/series';
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

/** A chosen slot on Tuesday 8 December 2026, checked on the Monday before. */
const chosen = (start: string, end: string, extra: Partial<ChosenSlotInput> = {}): ChosenSlotInput => ({ slot: { start, end }, now: monday, schedules: [known('trainee'), known('supervisor')], ...extra });
const refuses = (input: ChosenSlotInput, code: ErrorCode, detail: RegExp): void => {
  assert.throws(() => checkChosenSlot(input), (e) => isAttuneError(e) && e.code === code && e.details.some((d) => detail.test(d)));
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
      assert.deepEqual(starts({ schedules: [known('trainee')], now: monday, latestEnd: '2026-12-08T13:30:00.000Z' }), [z('2026-12-07T10:00Z'), z('2026-12-07T13:00Z'), z('2026-12-08T09:00Z'), z('2026-12-08T12:30Z')]);
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
      // Working hours past 20:00 would propose slots that could not be booked.
      assert.throws(() => proposeSlots({ schedules: [], now: monday, workingHours: { zone: 'Europe/London', startMinute: 540, endMinute: 21 * 60, weekdays: [1] } }), (e) => isAttuneError(e) && e.code === 'invalid_input');
    });
  });

  describe('slotSearchWindow', () => {
    it('starts at the half hour after the notice and runs for the search days', () => {
      assert.deepEqual(slotSearchWindow({ now: '2026-12-07T08:10:00.000Z' }), { start: z('2026-12-07T10:30Z'), end: z('2026-12-28T10:30Z') });
    });
  });

  describe('checkChosenSlot', () => {
    it('returns a good slot with its instants in canonical form', () => {
      assert.deepEqual(checkChosenSlot(chosen('2026-12-08T10:00:00Z', '2026-12-08T11:15:00Z')), { start: z('2026-12-08T10:00Z'), end: z('2026-12-08T11:15Z') });
    });

    it('refuses a slot in the past', () => {
      refuses(chosen('2026-12-04T10:00:00Z', '2026-12-04T11:00:00Z'), 'invalid_input', /already passed/);
    });

    it('refuses a slot that ends before it starts, and one that is not a time at all', () => {
      refuses(chosen('2026-12-08T11:00:00Z', '2026-12-08T10:00:00Z'), 'invalid_input', /end must be after the start/);
      refuses(chosen('2026-12-08T11:00:00Z', '2026-12-08T11:00:00Z'), 'invalid_input', /end must be after the start/);
      refuses(chosen('tomorrow', '2026-12-08T11:00:00Z'), 'invalid_input', /dates and times/);
    });

    it('refuses a slot shorter than 15 minutes or longer than 4 hours', () => {
      refuses(chosen('2026-12-08T10:00:00Z', '2026-12-08T10:10:00Z'), 'invalid_input', /at least 15 minutes/);
      refuses(chosen('2026-12-08T10:00:00Z', '2026-12-08T14:05:00Z'), 'invalid_input', /at most 4 hours/);
      assert.doesNotThrow(() => checkChosenSlot(chosen('2026-12-08T10:00:00Z', '2026-12-08T14:00:00Z')));
    });

    it('refuses a slot off the 5-minute grid', () => {
      refuses(chosen('2026-12-08T10:07:00Z', '2026-12-08T11:00:00Z'), 'invalid_input', /5-minute mark/);
      refuses(chosen('2026-12-08T10:00:30Z', '2026-12-08T11:00:00Z'), 'invalid_input', /5-minute mark/);
    });

    it('refuses a slot starting before 07:00 or ending after 20:00 local time, across the clock change', () => {
      refuses(chosen('2026-12-08T06:30:00Z', '2026-12-08T07:30:00Z'), 'invalid_input', /between 07:00 and 20:00/);
      refuses(chosen('2026-12-08T19:30:00Z', '2026-12-08T20:30:00Z'), 'invalid_input', /between 07:00 and 20:00/);
      // In British Summer Time 06:30 UTC is 07:30 local, and 19:30 UTC is 20:30 local.
      const summer = { now: '2027-06-01T00:00:00.000Z' };
      assert.doesNotThrow(() => checkChosenSlot(chosen('2027-06-08T06:30:00Z', '2027-06-08T07:30:00Z', summer)));
      refuses(chosen('2027-06-08T18:30:00Z', '2027-06-08T19:30:00Z', summer), 'invalid_input', /between 07:00 and 20:00/);
    });

    it('refuses a slot that ends after the contract ends', () => {
      refuses(chosen('2026-12-08T10:00:00Z', '2026-12-08T11:00:00Z', { latestEnd: '2026-12-08T10:30:00Z' }), 'invalid_input', /contract ends/);
    });

    it('lists every problem at once', () => {
      assert.throws(() => checkChosenSlot(chosen('2026-12-04T05:02:00Z', '2026-12-04T05:10:00Z')), (e) => isAttuneError(e) && e.details.length === 4);
    });

    it('refuses with conflict a slot someone has since taken, without saying whose calendar', () => {
      const schedules = [known('trainee'), known('supervisor', [busy('2026-12-08T10:45:00Z', '2026-12-08T11:30:00Z', 'tentative')])];
      assert.throws(
        () => checkChosenSlot(chosen('2026-12-08T10:00:00Z', '2026-12-08T11:00:00Z', { schedules })),
        (e) => isAttuneError(e) && e.code === 'conflict' && !JSON.stringify([e.message, e.details]).includes('supervisor'),
      );
    });

    it('accepts a slot that only touches a busy period, one over a working-elsewhere period when allowed, and one over an unknown calendar', () => {
      const schedules = [known('trainee', [busy('2026-12-08T09:00:00Z', '2026-12-08T10:00:00Z'), busy('2026-12-08T11:00:00Z', '2026-12-08T12:00:00Z')]), unknown('guest')];
      assert.doesNotThrow(() => checkChosenSlot(chosen('2026-12-08T10:00:00Z', '2026-12-08T11:00:00Z', { schedules })));
      const away = [known('supervisor', [busy('2026-12-08T00:00:00Z', '2026-12-09T00:00:00Z', 'working_elsewhere')])];
      refuses(chosen('2026-12-08T10:00:00Z', '2026-12-08T11:00:00Z', { schedules: away }), 'conflict', /busy/);
      assert.doesNotThrow(() => checkChosenSlot(chosen('2026-12-08T10:00:00Z', '2026-12-08T11:00:00Z', { schedules: away, allowWorkingElsewhere: true })));
    });
  });

  describe('seriesDates', () => {
    const startsOf = (windows: readonly { start: string }[]): string[] => windows.map((w) => w.start);
    const hour = (start: string): { start: string; end: string } => ({ start: z(start), end: new Date(Date.parse(start) + 3_600_000).toISOString() });

    it('keeps 10:00 London time fortnightly across the spring clock change', () => {
      assert.deepEqual(startsOf(seriesDates({ cadence: 'fortnightly', first: hour('2027-03-16T10:00Z'), count: 3 })), [z('2027-03-16T10:00Z'), z('2027-03-30T09:00Z'), z('2027-04-13T09:00Z')]);
    });

    it('keeps 10:00 London time weekly across the autumn clock change, with the same length', () => {
      assert.deepEqual(seriesDates({ cadence: 'weekly', first: hour('2026-10-20T09:00Z'), count: 2 }), [hour('2026-10-20T09:00Z'), hour('2026-10-27T10:00Z')]);
    });

    it('keeps the weekday of the month monthly (the 2nd Tuesday)', () => {
      assert.deepEqual(startsOf(seriesDates({ cadence: 'monthly', first: hour('2026-12-08T10:00Z'), count: 5 })), [
        z('2026-12-08T10:00Z'),
        z('2027-01-12T10:00Z'),
        z('2027-02-09T10:00Z'),
        z('2027-03-09T10:00Z'),
        z('2027-04-13T09:00Z'),
      ]);
    });

    it('continues a 5th weekday on the last such weekday of each month', () => {
      assert.deepEqual(startsOf(seriesDates({ cadence: 'monthly', first: hour('2026-12-29T10:00Z'), count: 4 })), [z('2026-12-29T10:00Z'), z('2027-01-26T10:00Z'), z('2027-02-23T10:00Z'), z('2027-03-30T09:00Z')]);
    });

    it('stops at the contract end', () => {
      assert.equal(seriesDates({ cadence: 'weekly', first: hour('2026-12-08T10:00Z'), count: 12, latestEnd: '2026-12-22T11:00:00.000Z' }).length, 3);
    });

    it('refuses a series of more than 12 sessions, or a first session that ends before it starts', () => {
      assert.throws(() => seriesDates({ cadence: 'weekly', first: hour('2026-12-08T10:00Z'), count: 13 }), (e) => isAttuneError(e) && e.code === 'invalid_input');
      assert.throws(() => seriesDates({ cadence: 'weekly', first: { start: z('2026-12-08T10:00Z'), end: z('2026-12-08T09:00Z') }, count: 2 }), (e) => isAttuneError(e) && e.code === 'invalid_input');
    });
  });
});
