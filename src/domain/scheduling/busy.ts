import type { BusyPeriod, PersonSchedule, TimeWindow } from '../../ports/calendar';
import type { PersonRef } from '../people';

/** Which free/busy answers keep a time from being offered or booked. */
export interface BlockingRule {
  /**
   * Someone "working elsewhere" is at work, only not at their desk: a Teams meeting may suit them. Off by
   * default, so the person is asked rather than assumed to be reachable.
   */
  readonly allowWorkingElsewhere?: boolean;
}

export function blocks(period: BusyPeriod, rule: BlockingRule): boolean {
  switch (period.availability) {
    case 'busy':
    case 'tentative':
    case 'away':
      return true;
    case 'working_elsewhere':
      return rule.allowWorkingElsewhere !== true;
  }
}

/** Half-open windows `[start, end)` overlap when each starts before the other ends. */
export const overlaps = (a: { readonly start: number; readonly end: number }, b: { readonly start: number; readonly end: number }): boolean =>
  a.start < b.end && b.start < a.end;

export interface Interval {
  readonly start: number;
  readonly end: number;
}

export const toInterval = (w: TimeWindow): Interval => ({ start: Date.parse(w.start), end: Date.parse(w.end) });

export const toWindow = (i: Interval): TimeWindow => ({ start: new Date(i.start).toISOString(), end: new Date(i.end).toISOString() });

/** The blocking periods of everyone whose calendar is known, as millisecond intervals sorted by start. */
export function blockingIntervals(schedules: readonly PersonSchedule[], rule: BlockingRule): Interval[] {
  return schedules
    .flatMap((s) => (s.kind === 'known' ? s.busy.filter((b) => blocks(b, rule)).map(toInterval) : []))
    .filter((i) => Number.isFinite(i.start) && Number.isFinite(i.end) && i.start < i.end)
    .sort((a, b) => a.start - b.start);
}

/** The people whose calendar could not be read. */
export const unknownPeople = (schedules: readonly PersonSchedule[]): PersonRef[] => schedules.flatMap((s) => (s.kind === 'unknown' ? [s.person] : []));

/** The people busy (by `rule`) at some moment of `slot`. */
export function peopleBusyDuring(schedules: readonly PersonSchedule[], slot: Interval, rule: BlockingRule): PersonRef[] {
  return schedules.flatMap((s) => (s.kind === 'known' && s.busy.some((b) => blocks(b, rule) && overlaps(toInterval(b), slot)) ? [s.person] : []));
}
