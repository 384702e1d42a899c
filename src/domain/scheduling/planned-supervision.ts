import type { Instant, TimeWindow } from '../../ports/calendar';
import { AttuneError } from '../errors';
import type { PersonId } from '../people';
import type { Cadence } from './series';
import { transactionIdFor } from './transaction-id';

/**
 * A supervision (or a stage meeting) booked ahead, as a Teams meeting in the organiser's Outlook calendar.
 *
 * It is stored before the calendar is asked to make the event (`booking`), with the calendar `transactionId`
 * derived from its id, so a crash between the two is finished later by asking again with the same id: the
 * calendar finds the event it already made. Once the event exists it is `booked`; moved or cancelled in
 * Attune or in Outlook it follows; once the trainee records the session it is `recorded` and linked to it.
 */
export type PlannedKind = 'supervision' | 'transition' | 'accreditation';

export type PlannedStatus =
  | { readonly status: 'booking'; readonly since: Instant }
  | { readonly status: 'booked'; readonly eventId: string; readonly joinUrl: string | null; readonly bookedAt: Instant }
  | { readonly status: 'cancelled'; readonly eventId: string | null; readonly at: Instant; readonly by: 'attune' | 'outlook' }
  | { readonly status: 'recorded'; readonly eventId: string | null; readonly sessionId: string; readonly at: Instant }
  /** The calendar refused it (a definite answer, not a lost one): no event was made. Not shown as booked. */
  | { readonly status: 'failed'; readonly at: Instant };

export interface PlannedSupervision {
  readonly id: string;
  readonly enrolmentId: string;
  readonly kind: PlannedKind;
  readonly window: TimeWindow;
  /** Whose calendar holds the event: the supervisor. */
  readonly organiserId: PersonId;
  /** Everyone else invited from the tenant: the trainee (and, for stage meetings, nobody else from it). */
  readonly attendeeIds: readonly PersonId[];
  /** External supervisors invited by email to a stage meeting; only a count is ever shown. */
  readonly guestCount: number;
  /** Who asked for it (trainee or supervisor). */
  readonly bookedBy: PersonId;
  /** The booking this came from: sessions of one series share it. */
  readonly bookingId: string;
  /** Its place in the series (0 for the first or only one) and the series' cadence. */
  readonly seriesIndex: number;
  readonly cadence: Cadence | null;
  /** Which calendar transaction id it was made with: 0 for the first event, more after a re-booking. */
  readonly attempt: number;
  readonly state: PlannedStatus;
  /** When Attune last read the event back from the calendar. */
  readonly checkedAt: Instant | null;
}

export const transactionIdOf = (p: PlannedSupervision): string => transactionIdFor(p.id, p.attempt);

export const plannedMinutes = (p: Pick<PlannedSupervision, 'window'>): number => Math.round((Date.parse(p.window.end) - Date.parse(p.window.start)) / 60_000);

/** Still to happen or happening: booked (or being booked) and not yet over at `now`. */
export const isUpcoming = (p: PlannedSupervision, now: Instant): boolean => (p.state.status === 'booked' || p.state.status === 'booking') && p.window.end > now;

/** Over, booked, and not yet recorded: the trainee's "log supervision" form is filled in from it. */
export const awaitsRecord = (p: PlannedSupervision, now: Instant): boolean => p.state.status === 'booked' && p.window.end <= now;

/** Attune's own cancelling: a booked or still-booking meeting becomes cancelled; cancelling twice changes nothing. */
export function cancelPlanned(p: PlannedSupervision, at: Instant, by: 'attune' | 'outlook'): PlannedSupervision {
  switch (p.state.status) {
    case 'cancelled':
    case 'failed':
      return p;
    case 'recorded':
      throw new AttuneError('invalid_state', 'This supervision has been recorded, so it can no longer be cancelled.');
    case 'booking':
      return { ...p, state: { status: 'cancelled', eventId: null, at, by } };
    case 'booked':
      return { ...p, state: { status: 'cancelled', eventId: p.state.eventId, at, by } };
  }
}

/** A booked meeting moved (in Attune or in Outlook) to `window`. */
export function movePlanned(p: PlannedSupervision, window: TimeWindow): PlannedSupervision {
  if (p.state.status !== 'booked') throw new AttuneError('invalid_state', p.state.status === 'booking' ? 'This supervision is still being booked; try again in a moment.' : `This supervision is ${p.state.status} and cannot be moved.`);
  return { ...p, window };
}

/** The trainee recorded the session: the planned supervision is linked to it. */
export function recordPlanned(p: PlannedSupervision, input: { sessionId: string; at: Instant }): PlannedSupervision {
  if (p.state.status === 'recorded') return p.state.sessionId === input.sessionId ? p : invalid('This supervision is already recorded.');
  if (p.state.status !== 'booked') return invalid(`This supervision is ${p.state.status === 'booking' ? 'still being booked' : p.state.status}, so there is nothing to record against it.`);
  return { ...p, state: { status: 'recorded', eventId: p.state.eventId, sessionId: input.sessionId, at: input.at } };
}

const invalid = (message: string): never => {
  throw new AttuneError('invalid_state', message);
};

/** A planned supervision's event id, when the calendar holds one. */
export function eventIdOf(p: PlannedSupervision): string | null {
  return p.state.status === 'booking' || p.state.status === 'failed' ? null : p.state.eventId;
}
