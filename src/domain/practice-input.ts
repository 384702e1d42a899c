import { isIsoDate, type IsoDate } from './dates';
import type { SupervisionMode } from './practice';

/**
 * Checks on what a trainee logs. Dates are calendar dates; nothing is logged for the future (it is logged
 * when it has happened) or from before the enrolment started (it would not count towards the pathway).
 */
export const supervisionModes: readonly SupervisionMode[] = ['in_person', 'teams'];
export const maxSessionMinutes = 8 * 60;

export interface PracticeWindow {
  readonly today: IsoDate;
  readonly enrolmentStart: IsoDate;
}

export function dateProblems(label: string, value: string, window: PracticeWindow): string[] {
  if (!value) return [`${label}: enter a date.`];
  if (!isIsoDate(value)) return [`${label}: enter a date as year-month-day, for example ${window.today}.`];
  if (value > window.today) return [`${label}: the date is in the future. Log it once it has happened.`];
  if (value < window.enrolmentStart) return [`${label}: the date is before your enrolment started (${window.enrolmentStart}), so it would not count towards your pathway.`];
  return [];
}

export function sessionProblems(input: { heldOn: string; minutes: number; mode: string }, window: PracticeWindow): string[] {
  const problems = dateProblems('Date', input.heldOn, window);
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > maxSessionMinutes) {
    problems.push(`Length: enter the length in whole minutes, from 1 to ${maxSessionMinutes} (8 hours).`);
  }
  if (!(supervisionModes as readonly string[]).includes(input.mode)) problems.push('Where: choose in person or Teams.');
  return problems;
}

export function cycleProblems(input: { filmedOn: string; sharedReviewOn: string | null }, window: PracticeWindow): string[] {
  const problems = dateProblems('Filmed on', input.filmedOn, window);
  if (input.sharedReviewOn !== null) {
    const review = dateProblems('Shared review on', input.sharedReviewOn, window);
    problems.push(...review);
    if (review.length === 0 && problems.length === 0 && input.sharedReviewOn < input.filmedOn) problems.push('Shared review on: the shared review cannot come before the filming.');
  }
  return problems;
}
