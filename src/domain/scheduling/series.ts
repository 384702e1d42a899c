import type { Instant, TimeWindow } from '../../ports/calendar';
import { addDays, addMonths, type IsoDate } from '../dates';
import { AttuneError } from '../errors';
import { instantAt, isTimeZone, localTimeOf, weekdayOf } from './zoned-time';

export type Cadence = 'weekly' | 'fortnightly' | 'monthly';

export const maxSeriesCount = 12;

export interface SeriesInput {
  readonly cadence: Cadence;
  /** The first session, already checked (see `checkChosenSlot`). */
  readonly first: TimeWindow;
  /** How many sessions in all, the first included (1 to 12). */
  readonly count: number;
  /** The service's time zone, whose clock the sessions keep (Europe/London). */
  readonly zone?: string;
  /** The contract's end: the series stops before any session that would end after it. */
  readonly latestEnd?: Instant;
}

/**
 * The windows of a series of sessions: `count` of them, the first being `first`, each at the same local
 * clock time as the first and of the same length, so a 10:00 session stays at 10:00 across a clock change.
 * Weekly and fortnightly step 7 and 14 days. Monthly keeps the weekday of the month (the 2nd Tuesday stays
 * the 2nd Tuesday) rather than the day of the month, because supervision is booked on working days and the
 * 8th of the month falls on a weekend two months in seven; a first session in the last days of a month
 * (its 5th Tuesday, say) continues on the last such weekday of each month. The series stops early, with
 * fewer windows, at the first session that would end after `latestEnd`.
 */
export function seriesDates(input: SeriesInput): readonly TimeWindow[] {
  const zone = input.zone ?? 'Europe/London';
  const start = Date.parse(input.first.start);
  const length = Date.parse(input.first.end) - start;
  const problems: string[] = [];
  if (!isTimeZone(zone)) problems.push(`"${zone}" is not a time zone.`);
  if (!Number.isFinite(start) || !Number.isFinite(length) || length <= 0) problems.push('The first session needs a start and a later end.');
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > maxSeriesCount) problems.push(`A series has 1 to ${maxSeriesCount} sessions.`);
  if (input.latestEnd !== undefined && !Number.isFinite(Date.parse(input.latestEnd))) problems.push('The latest end must be an ISO instant.');
  if (problems.length) throw new AttuneError('invalid_input', 'The series needs attention.', problems);
  const latestEnd = input.latestEnd === undefined ? Infinity : Date.parse(input.latestEnd);
  const local = localTimeOf(start, zone);
  const windows: TimeWindow[] = [];
  for (let i = 0; i < input.count; i++) {
    const s = i === 0 ? start : instantAt({ date: nthDate(input.cadence, local.date, i), minutes: local.minutes }, zone);
    if (s + length > latestEnd) break;
    windows.push({ start: new Date(s).toISOString(), end: new Date(s + length).toISOString() });
  }
  return windows;
}

function nthDate(cadence: Cadence, first: IsoDate, i: number): IsoDate {
  switch (cadence) {
    case 'weekly':
      return addDays(first, 7 * i);
    case 'fortnightly':
      return addDays(first, 14 * i);
    case 'monthly':
      return sameWeekdayOfMonth(first, addMonths(first.slice(0, 8) + '01', i));
  }
}

/** In the month starting `monthStart`, the date that is the same weekday of the month as `first` (or the last such weekday). */
function sameWeekdayOfMonth(first: IsoDate, monthStart: IsoDate): IsoDate {
  const weekday = weekdayOf(first);
  const nth = Math.ceil(Number(first.slice(8, 10)) / 7);
  const firstOfKind = addDays(monthStart, (weekday - weekdayOf(monthStart) + 7) % 7);
  const wanted = addDays(firstOfKind, 7 * (nth - 1));
  // Only a 5th weekday can fall outside the month; then the 4th is the last.
  return wanted.slice(0, 7) === monthStart.slice(0, 7) ? wanted : addDays(wanted, -7);
}
