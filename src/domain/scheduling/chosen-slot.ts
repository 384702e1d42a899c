import type { Instant, PersonSchedule, TimeWindow } from '../../ports/calendar';
import { AttuneError } from '../errors';
import { peopleBusyDuring, type BlockingRule } from './busy';
import { isTimeZone, localTimeOf } from './zoned-time';

export interface ChosenSlotInput extends BlockingRule {
  /** The window a person picked from the proposals, or typed. */
  readonly slot: TimeWindow;
  readonly now: Instant;
  /** Everyone who must attend, as the calendar port answers now. A calendar that is unknown cannot conflict. */
  readonly schedules: readonly PersonSchedule[];
  /** The service's time zone, for the earliest and latest clock times (Europe/London). */
  readonly zone?: string;
  /** The contract's end, when it has one. */
  readonly latestEnd?: Instant;
}

/** The bounds on any booking, wider than the working hours slots are proposed in: a person may choose an early or late time. */
export const chosenSlotRules = { earliestMinute: 7 * 60, latestMinute: 20 * 60, minMinutes: 15, maxMinutes: 4 * 60, gridMinutes: 5 } as const;

const minute = 60_000;

/**
 * Checks a slot a person picked or typed, when they choose it and again just before booking, and returns it
 * with both instants in canonical ISO form. Refuses with `invalid_input` (every problem in `details`) a slot
 * that starts before `now`, ends before it starts, lasts under 15 minutes or over 4 hours, is off the
 * 5-minute grid of the local clock, starts before 07:00 or ends after 20:00 local (on the same day), or ends
 * after `latestEnd`. Refuses with `conflict` a slot that now overlaps someone's blocking busy period — someone
 * took the time meanwhile, so the caller offers fresh slots. Whose calendar it is never appears in the error.
 */
export function checkChosenSlot(input: ChosenSlotInput): TimeWindow {
  const zone = input.zone ?? 'Europe/London';
  if (!isTimeZone(zone)) throw new AttuneError('invalid_input', 'The service time zone is not known.', [`"${zone}" is not a time zone.`]);
  const start = Date.parse(input.slot.start);
  const end = Date.parse(input.slot.end);
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new AttuneError('invalid_input', 'That time cannot be booked.', ['The start and end must be dates and times.']);
  const problems = slotProblems({ start, end, now: Date.parse(input.now), zone, latestEnd: input.latestEnd === undefined ? Infinity : Date.parse(input.latestEnd) });
  if (problems.length) throw new AttuneError('invalid_input', 'That time cannot be booked.', problems);
  const busy = peopleBusyDuring(input.schedules, { start, end }, input);
  if (busy.length > 0) {
    const who = busy.length === 1 ? 'Someone invited is' : `${busy.length} of the people invited are`;
    throw new AttuneError('conflict', `${who} no longer free at that time. Choose another time.`, [`${busy.length} of ${input.schedules.length} people are busy then.`]);
  }
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

function slotProblems(s: { readonly start: number; readonly end: number; readonly now: number; readonly zone: string; readonly latestEnd: number }): string[] {
  const r = chosenSlotRules;
  const problems: string[] = [];
  if (s.start >= s.end) return ['The end must be after the start.'];
  if (s.start < s.now) problems.push('That time has already passed.');
  const minutes = (s.end - s.start) / minute;
  if (minutes < r.minMinutes) problems.push(`A session lasts at least ${r.minMinutes} minutes.`);
  if (minutes > r.maxMinutes) problems.push(`A session lasts at most ${r.maxMinutes / 60} hours.`);
  const from = localTimeOf(s.start, s.zone);
  const to = localTimeOf(s.end, s.zone);
  if (from.minutes % r.gridMinutes !== 0 || to.minutes % r.gridMinutes !== 0) problems.push(`Start and end on a ${r.gridMinutes}-minute mark (e.g. 10:05, not 10:07).`);
  if (from.minutes < r.earliestMinute || from.date !== to.date || to.minutes > r.latestMinute) problems.push(`Book between ${clock(r.earliestMinute)} and ${clock(r.latestMinute)} (${s.zone} time), on one day.`);
  if (s.end > s.latestEnd) problems.push('That time ends after the contract ends.');
  return problems;
}

const clock = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
