import type { Instant, PersonSchedule, TimeWindow } from '../../ports/calendar';
import { addDays } from '../dates';
import { AttuneError } from '../errors';
import type { PersonRef } from '../people';
import { blockingIntervals, overlaps, toWindow, unknownPeople, type BlockingRule, type Interval } from './busy';
import { assertWorkingHours, defaultWorkingHours, type WorkingHours } from './working-hours';
import { instantAt, localTimeOf, weekdayOf } from './zoned-time';

export interface SlotSearch {
  readonly now: Instant;
  /** How long before a proposed session starts the people must be told, in minutes (120). */
  readonly noticeMinutes?: number;
  /** How many days ahead to look, from the earliest start (21). */
  readonly searchDays?: number;
  /** Nothing is proposed that ends after this: the contract's end, when it has one. */
  readonly latestEnd?: Instant;
}

export interface ProposeSlotsInput extends SlotSearch, BlockingRule {
  /** Everyone who must attend (trainee, supervisor, …), as the calendar port answered for each. */
  readonly schedules: readonly PersonSchedule[];
  /** The session length in minutes (60). */
  readonly sessionMinutes?: number;
  /** How many slots to propose at most (5). */
  readonly count?: number;
  /** Slots start on this grid of the local clock, in minutes (30: 09:00, 09:30, …). */
  readonly gridMinutes?: number;
  readonly workingHours?: WorkingHours;
  /** At most this many slots on one local day (2). */
  readonly maxPerDay?: number;
}

export type NoSlotReason = 'calendar_unknown' | 'after_latest_end' | 'no_common_time';

export type SlotProposal =
  | { readonly kind: 'slots'; readonly slots: readonly TimeWindow[] }
  | {
      readonly kind: 'none';
      readonly reason: NoSlotReason;
      /** A sentence a person can act on. */
      readonly message: string;
      /** For `calendar_unknown`: whose calendar could not be read. */
      readonly people: readonly PersonRef[];
    };

const minute = 60_000;

/**
 * The window to ask the calendar port about and to search: from the first half-hour boundary at or after
 * `now` + notice, for `searchDays` days, cut short at `latestEnd`. Null when `latestEnd` leaves nothing.
 */
export function slotSearchWindow(search: SlotSearch): TimeWindow | null {
  const { start, end } = searchInterval(search);
  return start < end ? toWindow({ start, end }) : null;
}

function searchInterval(search: SlotSearch): Interval {
  const now = Date.parse(search.now);
  const earliest = now + (search.noticeMinutes ?? 120) * minute;
  const start = Math.ceil(earliest / (30 * minute)) * 30 * minute;
  const latest = search.latestEnd === undefined ? Infinity : Date.parse(search.latestEnd);
  return { start, end: Math.min(start + (search.searchDays ?? 21) * 1440 * minute, latest) };
}

/**
 * Up to `count` windows of exactly `sessionMinutes` in which every required person is free, within working
 * hours on working days, on the local grid, no sooner than `now` + notice and ending by `latestEnd`.
 *
 * Spreading, so that people get a real choice rather than five adjacent half-hours of one Monday: slots are
 * chosen in rounds over the days that have any common free time, earliest day first. The first round takes one
 * slot from each day, alternating between the morning and the afternoon (the halves of the working day) from
 * one day to the next, so the offer covers both halves on different days. Only when there are fewer such days
 * than `count` does a further round add a second slot to the same days (up to `maxPerDay`, 2), preferring the
 * half of that day not yet offered, else the time farthest from the one already offered. The result is sorted by start. A busy, tentative or away period blocks a
 * time; working elsewhere blocks it unless `allowWorkingElsewhere`. When anyone's calendar is unknown the answer
 * is `none` with reason `calendar_unknown`: offering a time they may be busy at would be a guess.
 */
export function proposeSlots(input: ProposeSlotsInput): SlotProposal {
  const options = resolve(input);
  const unknown = unknownPeople(input.schedules);
  if (unknown.length > 0) {
    const whose = unknown.length === 1 ? 'one of the people' : `${unknown.length} of the people`;
    return none('calendar_unknown', `Attune cannot see the calendar of ${whose} to invite, so it cannot suggest times. Ask them to share their free/busy with the organisation, or agree a time with them and type it in.`, unknown);
  }
  const window = searchInterval(input);
  const length = options.sessionMinutes * minute;
  if (window.end - window.start < length) {
    return none('after_latest_end', `The contract ends before a ${options.sessionMinutes}-minute session could be booked with enough notice. Extend the contract, or record the supervision without booking it.`);
  }
  const busy = blockingIntervals(input.schedules, input);
  const earliest = Date.parse(input.now) + options.noticeMinutes * minute;
  const days = candidateDays({ window: { start: Math.max(window.start, earliest), end: window.end }, length, options }).map((day) => day.filter((c) => !busy.some((b) => overlaps(b, c))));
  const slots = spread(days.filter((d) => d.length > 0), options);
  if (slots.length === 0) {
    const until = window.end < searchInterval({ ...input, latestEnd: undefined }).end ? 'before the contract ends' : `in the next ${period(options.searchDays)}`;
    return none('no_common_time', `No common free ${duration(options.sessionMinutes)} ${until} within working hours — try a shorter session or a later week.`);
  }
  return { kind: 'slots', slots: slots.sort((a, b) => a.start - b.start).map(toWindow) };
}

interface Options {
  readonly sessionMinutes: number;
  readonly count: number;
  readonly gridMinutes: number;
  readonly noticeMinutes: number;
  readonly searchDays: number;
  readonly maxPerDay: number;
  readonly hours: WorkingHours;
}

interface Candidate extends Interval {
  /** Morning (0) or afternoon (1) of the working day. */
  readonly half: 0 | 1;
}

function resolve(input: ProposeSlotsInput): Options {
  const o: Options = {
    sessionMinutes: input.sessionMinutes ?? 60,
    count: input.count ?? 5,
    gridMinutes: input.gridMinutes ?? 30,
    noticeMinutes: input.noticeMinutes ?? 120,
    searchDays: input.searchDays ?? 21,
    maxPerDay: input.maxPerDay ?? 2,
    hours: input.workingHours ?? defaultWorkingHours,
  };
  assertWorkingHours(o.hours);
  const problems: string[] = [];
  if (!Number.isFinite(Date.parse(input.now))) problems.push('"now" must be an ISO instant.');
  if (input.latestEnd !== undefined && !Number.isFinite(Date.parse(input.latestEnd))) problems.push('The latest end must be an ISO instant.');
  if (!isWholeIn(o.sessionMinutes, 15, 240) || o.sessionMinutes % 5 !== 0) problems.push('A session lasts 15 minutes to 4 hours, in steps of 5 minutes.');
  if (!isWholeIn(o.count, 1, 20)) problems.push('Ask for 1 to 20 slots.');
  if (!isWholeIn(o.gridMinutes, 5, 60) || 1440 % o.gridMinutes !== 0 || o.gridMinutes % 5 !== 0) problems.push('The slot grid is 5 to 60 minutes and divides the day (e.g. 15 or 30).');
  if (!isWholeIn(o.noticeMinutes, 0, 60 * 24 * 14)) problems.push('The notice is 0 minutes to 2 weeks.');
  if (!isWholeIn(o.searchDays, 1, 92)) problems.push('Search 1 to 92 days ahead.');
  if (!isWholeIn(o.maxPerDay, 1, 20)) problems.push('Allow at least one slot a day.');
  if (problems.length) throw new AttuneError('invalid_input', 'The slot search needs attention.', problems);
  return o;
}

const isWholeIn = (n: number, min: number, max: number): boolean => Number.isInteger(n) && n >= min && n <= max;

/** Every grid start in working hours, day by day in the zone, whose whole session lies in `window`. */
function candidateDays(args: { readonly window: Interval; readonly length: number; readonly options: Options }): Candidate[][] {
  const { window, length, options } = args;
  const { zone, startMinute, endMinute, weekdays } = options.hours;
  const grid = options.gridMinutes;
  const midday = (startMinute + endMinute) / 2;
  const days: Candidate[][] = [];
  const last = localTimeOf(window.end, zone).date;
  for (let date = localTimeOf(window.start, zone).date; date <= last; date = addDays(date, 1)) {
    if (!weekdays.includes(weekdayOf(date))) continue;
    const day: Candidate[] = [];
    for (let m = Math.ceil(startMinute / grid) * grid; m + options.sessionMinutes <= endMinute; m += grid) {
      const start = instantAt({ date, minutes: m }, zone);
      const end = start + length;
      const local = localTimeOf(start, zone);
      const localEnd = localTimeOf(end, zone);
      // A time the clock skips, or a session the clock change stretches past the working day, is not offered.
      if (local.minutes !== m || local.date !== date || localEnd.date !== date || localEnd.minutes > endMinute) continue;
      if (start >= window.start && end <= window.end) day.push({ start, end, half: m < midday ? 0 : 1 });
    }
    days.push(day);
  }
  return days;
}

function spread(days: readonly Candidate[][], options: Options): Candidate[] {
  const chosen: Candidate[][] = days.map(() => []);
  let total = 0;
  for (let round = 0; round < options.maxPerDay; round++) {
    for (let d = 0; d < days.length && total < options.count; d++) {
      const taken = chosen[d] ?? [];
      const free = (days[d] ?? []).filter((c) => !taken.some((t) => overlaps(t, c)));
      const wanted = round === 0 ? d % 2 : taken.some((t) => t.half === 0) ? 1 : 0;
      const pick = free.find((c) => c.half === wanted) ?? farthestFrom(taken, free);
      if (pick) {
        taken.push(pick);
        total++;
      }
    }
  }
  return chosen.flat();
}

/** The first candidate farthest from those already taken that day (the earliest when none is taken). */
function farthestFrom(taken: readonly Candidate[], free: readonly Candidate[]): Candidate | undefined {
  const gap = (c: Candidate): number => Math.min(...taken.map((t) => Math.abs(t.start - c.start)));
  return free.reduce<Candidate | undefined>((best, c) => (best === undefined || gap(c) > gap(best) ? c : best), undefined);
}

function none(reason: NoSlotReason, message: string, people: readonly PersonRef[] = []): SlotProposal {
  return { kind: 'none', reason, message, people };
}

/** "hour" or "90-minute slot", for "No common free …". */
function duration(minutes: number): string {
  if (minutes === 60) return 'hour';
  return minutes % 60 === 0 ? `${minutes / 60}-hour slot` : `${minutes}-minute slot`;
}

function period(days: number): string {
  if (days % 7 === 0) return days === 7 ? 'week' : `${days / 7} weeks`;
  return days === 1 ? 'day' : `${days} days`;
}
