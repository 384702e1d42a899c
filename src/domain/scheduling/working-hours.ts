import { AttuneError } from '../errors';
import { chosenSlotRules } from './chosen-slot';
import { isTimeZone } from './zoned-time';

/** When a service offers supervision: local clock times in its own time zone, on some weekdays. */
export interface WorkingHours {
  /** An IANA time zone, e.g. `Europe/London`. */
  readonly zone: string;
  /** Minutes after local midnight the working day starts (09:00 = 540). */
  readonly startMinute: number;
  /** Minutes after local midnight the working day ends (17:00 = 1020). */
  readonly endMinute: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday). */
  readonly weekdays: readonly number[];
}

export const defaultWorkingHours: WorkingHours = { zone: 'Europe/London', startMinute: 9 * 60, endMinute: 17 * 60, weekdays: [1, 2, 3, 4, 5] };

export function workingHoursProblems(h: WorkingHours): string[] {
  const problems: string[] = [];
  if (!isTimeZone(h.zone)) problems.push(`"${h.zone}" is not a time zone (use a name such as Europe/London).`);
  if (!Number.isInteger(h.startMinute) || !Number.isInteger(h.endMinute) || h.startMinute < 0 || h.endMinute > 24 * 60 || h.startMinute >= h.endMinute) {
    problems.push('Working hours must start before they end, within one day.');
  } else if (h.startMinute < chosenSlotRules.earliestMinute || h.endMinute > chosenSlotRules.latestMinute) {
    // So that every slot Attune proposes can also be booked (see checkChosenSlot).
    problems.push('Working hours lie between 07:00 and 20:00, the times any session may be booked.');
  }
  if (h.weekdays.length === 0 || h.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) problems.push('Working days must be at least one of Monday (1) to Sunday (7).');
  return problems;
}

export function assertWorkingHours(h: WorkingHours): void {
  const problems = workingHoursProblems(h);
  if (problems.length) throw new AttuneError('invalid_input', 'The working hours need attention.', problems);
}
