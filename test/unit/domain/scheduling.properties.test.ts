// Properties of the scheduling rules over random calendars, clocks, zones and options, across clock changes.
import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BusyPeriod, PersonSchedule, TimeWindow } from '../../../src/ports/calendar';
import { isAttuneError } from '../../../src/domain/errors';
import { checkChosenSlot } from '../../../src/domain/scheduling/chosen-slot';
import { seriesDates, type Cadence } from '../../../src/domain/scheduling/series';
import { proposeSlots, type ProposeSlotsInput } from '../../../src/domain/scheduling/propose-slots';
import type { WorkingHours } from '../../../src/domain/scheduling/working-hours';
import { known } from '../../fakes/schedules';

const numRuns = 150;
const minute = 60_000;

/** The local wall clock in a zone, read with Intl directly (not through the code under test). */
function wallClock(ms: number, zone: string): { date: string; minutes: number; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(String(parts.weekday)) + 1;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute), weekday };
}

const hoursArb: fc.Arbitrary<WorkingHours> = fc.oneof(
  fc.constant({ zone: 'Europe/London', startMinute: 540, endMinute: 1020, weekdays: [1, 2, 3, 4, 5] }),
  fc.record({
    zone: fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'),
    startMinute: fc.integer({ min: 7 * 4, max: 11 * 4 }).map((q) => q * 15),
    endMinute: fc.integer({ min: 13 * 4, max: 20 * 4 }).map((q) => q * 15),
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  }),
);

/** From 2026 to 2028, so the search windows often cross a March or October clock change. */
const nowArb = fc.integer({ min: Date.UTC(2026, 0, 1) / minute, max: Date.UTC(2028, 11, 31) / minute }).map((m) => m * minute);

const busyArb = (now: number): fc.Arbitrary<BusyPeriod> =>
  fc
    .record({
      from: fc.integer({ min: -60, max: 23 * 24 * 4 }),
      quarters: fc.integer({ min: 1, max: 40 }),
      availability: fc.constantFrom<BusyPeriod['availability']>('busy', 'tentative', 'away', 'working_elsewhere'),
    })
    .map(({ from, quarters, availability }) => ({
      start: new Date(now + from * 15 * minute).toISOString(),
      end: new Date(now + (from + quarters) * 15 * minute).toISOString(),
      availability,
    }));

const inputArb: fc.Arbitrary<ProposeSlotsInput> = nowArb.chain((now) =>
  fc.record(
    {
      schedules: fc.array(fc.array(busyArb(now), { maxLength: 25 }), { minLength: 1, maxLength: 3 }).map((people) => people.map((periods, i) => known(`person-${i}`, periods))),
      now: fc.constant(new Date(now).toISOString()),
      sessionMinutes: fc.constantFrom(15, 30, 45, 60, 90, 120, 240),
      count: fc.integer({ min: 1, max: 8 }),
      gridMinutes: fc.constantFrom(15, 30, 60),
      noticeMinutes: fc.constantFrom(0, 60, 120, 24 * 60),
      searchDays: fc.integer({ min: 1, max: 28 }),
      workingHours: hoursArb,
      latestEnd: fc.integer({ min: 0, max: 30 * 24 }).map((h) => new Date(now + h * 60 * minute).toISOString()),
      allowWorkingElsewhere: fc.boolean(),
    },
    { requiredKeys: ['schedules', 'now'] },
  ),
);

const slotsOf = (input: ProposeSlotsInput): readonly TimeWindow[] => {
  const r = proposeSlots(input);
  return r.kind === 'slots' ? r.slots : [];
};

const blocking = (schedules: readonly PersonSchedule[], allowWorkingElsewhere: boolean | undefined): BusyPeriod[] =>
  schedules.flatMap((s) => (s.kind === 'known' ? s.busy : [])).filter((b) => !(allowWorkingElsewhere === true && b.availability === 'working_elsewhere'));

const hoursOf = (input: ProposeSlotsInput): WorkingHours => input.workingHours ?? { zone: 'Europe/London', startMinute: 540, endMinute: 1020, weekdays: [1, 2, 3, 4, 5] };

describe('scheduling properties', () => {
  describe('proposeSlots', () => {
    it('never proposes a time at which a required person is busy', () => {
      fc.assert(
        fc.property(inputArb, (input) => {
          for (const slot of slotsOf(input)) {
            for (const b of blocking(input.schedules, input.allowWorkingElsewhere)) {
              assert.ok(!(Date.parse(slot.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(slot.end)), `${slot.start} overlaps ${b.availability} ${b.start}–${b.end}`);
            }
          }
        }),
        { numRuns },
      );
    });

    it('proposes only times within working hours, on a working day, on the grid, after the notice and by the latest end', () => {
      fc.assert(
        fc.property(inputArb, (input) => {
          const hours = hoursOf(input);
          const earliest = Date.parse(input.now) + (input.noticeMinutes ?? 120) * minute;
          for (const slot of slotsOf(input)) {
            const start = wallClock(Date.parse(slot.start), hours.zone);
            const end = wallClock(Date.parse(slot.end), hours.zone);
            assert.equal(start.date, end.date);
            assert.ok(hours.weekdays.includes(start.weekday), `${slot.start} is not a working day`);
            assert.ok(start.minutes >= hours.startMinute && end.minutes <= hours.endMinute, `${slot.start}–${slot.end} is outside working hours`);
            assert.equal(start.minutes % (input.gridMinutes ?? 30), 0);
            assert.ok(Date.parse(slot.start) >= earliest);
            assert.ok(Date.parse(slot.end) <= Date.parse(input.now) + ((input.noticeMinutes ?? 120) + 30 + (input.searchDays ?? 21) * 1440) * minute);
            if (input.latestEnd !== undefined) assert.ok(Date.parse(slot.end) <= Date.parse(input.latestEnd));
          }
        }),
        { numRuns },
      );
    });

    it('proposes sorted, distinct slots of exactly the asked length, at most the number asked and at most 2 a day', () => {
      fc.assert(
        fc.property(inputArb, (input) => {
          const slots = slotsOf(input);
          assert.ok(slots.length <= (input.count ?? 5));
          const perDay = new Map<string, number>();
          slots.forEach((slot, i) => {
            assert.equal(Date.parse(slot.end) - Date.parse(slot.start), (input.sessionMinutes ?? 60) * minute);
            const previous = slots[i - 1];
            if (previous) assert.ok(Date.parse(previous.end) <= Date.parse(slot.start), 'slots overlap or are out of order');
            const day = wallClock(Date.parse(slot.start), hoursOf(input).zone).date;
            perDay.set(day, (perDay.get(day) ?? 0) + 1);
          });
          assert.ok([...perDay.values()].every((n) => n <= 2));
        }),
        { numRuns },
      );
    });

    it('gives the same answer for the same inputs', () => {
      fc.assert(
        fc.property(inputArb, (input) => {
          assert.deepEqual(proposeSlots(input), proposeSlots(structuredClone(input)));
        }),
        { numRuns },
      );
    });

    it('finds a slot whenever nobody is busy and working time lies ahead', () => {
      fc.assert(
        fc.property(inputArb, (input) => {
          const r = proposeSlots({ ...input, schedules: input.schedules.map((s) => ({ ...s, busy: [] })), latestEnd: undefined, searchDays: 21 });
          if ((input.sessionMinutes ?? 60) <= hoursOf(input).endMinute - hoursOf(input).startMinute - 60) assert.equal(r.kind, 'slots');
        }),
        { numRuns },
      );
    });
  });

  describe('checkChosenSlot', () => {
    it('accepts every proposed slot against the same busy periods', () => {
      fc.assert(
        fc.property(inputArb, (input) => {
          for (const slot of slotsOf(input)) {
            const { now, schedules, latestEnd, allowWorkingElsewhere } = input;
            assert.deepEqual(checkChosenSlot({ slot, now, schedules, zone: hoursOf(input).zone, latestEnd, allowWorkingElsewhere }), slot);
          }
        }),
        { numRuns },
      );
    });

    it('refuses with conflict a proposed slot once someone becomes busy during it', () => {
      const arb = fc.record({
        input: inputArb,
        pick: fc.nat(),
        who: fc.nat(),
        offset: fc.integer({ min: -120, max: 239 }),
        length: fc.integer({ min: 1, max: 240 }),
        availability: fc.constantFrom<BusyPeriod['availability']>('busy', 'tentative', 'away'),
      });
      fc.assert(
        fc.property(arb, ({ input, pick, who, offset, length, availability }) => {
          const slots = slotsOf(input);
          const slot = slots[pick % Math.max(slots.length, 1)];
          if (!slot) return;
          const start = Date.parse(slot.start);
          const end = Date.parse(slot.end);
          // A busy period that overlaps the slot by at least a minute: clamp it to end after the start and start before the end.
          const from = Math.min(start + offset * minute, end - minute);
          const to = Math.max(from + length * minute, start + minute);
          const taken: BusyPeriod = { start: new Date(from).toISOString(), end: new Date(to).toISOString(), availability };
          const index = who % input.schedules.length;
          const schedules = input.schedules.map((s, i) => (i === index && s.kind === 'known' ? { ...s, busy: [...s.busy, taken] } : s));
          assert.throws(
            () => checkChosenSlot({ slot, now: input.now, schedules, zone: hoursOf(input).zone, latestEnd: input.latestEnd, allowWorkingElsewhere: input.allowWorkingElsewhere }),
            (e) => isAttuneError(e) && e.code === 'conflict',
          );
        }),
        { numRuns },
      );
    });
  });

  describe('seriesDates', () => {
    const arb = fc.record({
      cadence: fc.constantFrom<Cadence>('weekly', 'fortnightly', 'monthly'),
      start: nowArb.map((ms) => Math.floor(ms / (5 * minute)) * 5 * minute),
      minutes: fc.integer({ min: 3, max: 48 }).map((n) => n * 5),
      count: fc.integer({ min: 1, max: 12 }),
      zone: fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney'),
      latestEndDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    });

    it('keeps the local time, the weekday and the length of the first session, in order, up to the count and the latest end', () => {
      fc.assert(
        fc.property(arb, ({ cadence, start, minutes, count, zone, latestEndDays }) => {
          const first = { start: new Date(start).toISOString(), end: new Date(start + minutes * minute).toISOString() };
          const latestEnd = latestEndDays === undefined ? undefined : new Date(start + latestEndDays * 86_400_000).toISOString();
          const windows = seriesDates({ cadence, first, count, zone, latestEnd });
          const clock = wallClock(start, zone);
          assert.ok(windows.length <= count);
          assert.deepEqual(windows[0] ?? first, first);
          windows.forEach((w, i) => {
            const local = wallClock(Date.parse(w.start), zone);
            // Outside a clock change's skipped hour (not a working time in these zones) the local time is kept.
            if (Math.abs(local.minutes - clock.minutes) !== 60) assert.equal(local.minutes, clock.minutes, `${w.start} is not at the first session's local time`);
            assert.equal(local.weekday, clock.weekday);
            assert.equal(Date.parse(w.end) - Date.parse(w.start), minutes * minute);
            if (latestEnd !== undefined) assert.ok(Date.parse(w.end) <= Date.parse(latestEnd));
            const previous = windows[i - 1];
            if (previous) assert.ok(Date.parse(previous.start) < Date.parse(w.start));
          });
        }),
        { numRuns },
      );
    });

    it('keeps the local time exactly for sessions in the working day', () => {
      fc.assert(
        fc.property(arb, fc.integer({ min: 7 * 12, max: 19 * 12 }), ({ cadence, start, count, zone }, fiveMinutes) => {
          const date = wallClock(start, zone).date;
          const windows = seriesDates({ cadence, first: localWindow(date, fiveMinutes * 5, zone), count, zone });
          for (const w of windows) assert.equal(wallClock(Date.parse(w.start), zone).minutes, fiveMinutes * 5);
        }),
        { numRuns },
      );
    });
  });
});

/** A one-hour window starting at `minutes` past local midnight on `date`, found by search (independently of the code under test). */
function localWindow(date: string, minutes: number, zone: string): TimeWindow {
  const base = Date.parse(`${date}T00:00:00Z`) + minutes * minute;
  for (let offset = -14 * 60; offset <= 14 * 60; offset += 15) {
    const t = base - offset * minute;
    const local = wallClock(t, zone);
    if (local.date === date && local.minutes === minutes) return { start: new Date(t).toISOString(), end: new Date(t + 3_600_000).toISOString() };
  }
  throw new Error(`no ${minutes} on ${date} in ${zone}`);
}
