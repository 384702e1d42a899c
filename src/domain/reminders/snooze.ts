import { addDays } from '../dates';
import { instantAt, localTimeOf } from '../scheduling/zoned-time';
import type { Instant, ReminderPreferences } from './due';

export type SnoozeChoice = 'tomorrow' | 'next_week';

/** When a snooze ends: the start of working hours tomorrow, or next Monday's, in the person's zone. */
export function snoozeUntil(now: Instant, input: { choice: SnoozeChoice; prefs: ReminderPreferences | undefined; defaultZone: string }): Instant {
  const zone = input.prefs?.zone ?? input.defaultZone;
  const start = input.prefs?.startMinute ?? 9 * 60;
  const local = localTimeOf(Date.parse(now), zone);
  const date = input.choice === 'tomorrow' ? addDays(local.date, 1) : addDays(local.date, 8 - local.weekday);
  return new Date(instantAt({ date, minutes: start }, zone)).toISOString();
}
