import type { Encoded } from '../../contract/http/common';
import type { BookingAnswer, Cancelled, PlannedFull, RescheduleAnswer, Schedule, TimeOffer } from '../../contract/http/scheduling';
import type { BookingResult } from '../../app/scheduling/book';
import type { RescheduleResult } from '../../app/scheduling/change';
import type { TimeOffer as TimeOfferModel } from '../../app/scheduling/find-times';
import { plannedView, type PlannedView, type ScheduleView } from '../../app/scheduling/planned-view';
import type { PlannedSupervision } from '../../domain/scheduling/planned-supervision';

/** The scheduling use cases' answers on the wire. */
export const encodeSchedule = (s: ScheduleView): Encoded<typeof Schedule> => s;

export function encodeOffer(o: TimeOfferModel): Encoded<typeof TimeOffer> {
  const { proposal, ...rest } = o;
  return proposal.kind === 'slots' ? { ...rest, slots: proposal.slots, none: null } : { ...rest, slots: [], none: { reason: proposal.reason, message: proposal.message } };
}

/** The person booking, moving or cancelling may change it (they passed the same gate). */
export function encodePlannedFull(p: PlannedSupervision, now: Date): Encoded<typeof PlannedFull> {
  const view = plannedView(p, { full: true, canChange: (p.state.status === 'booked' || p.state.status === 'booking') && p.window.end > now.toISOString() });
  return view as Extract<PlannedView, { detail: 'full' }>;
}

export function encodeBooking(r: BookingResult, now: Date): Encoded<typeof BookingAnswer> {
  if (r.kind === 'clash') return { result: 'clash', message: r.message, offer: encodeOffer(r.offer) };
  return { result: 'booked', outcome: r.isNew ? 'changed' : 'unchanged', planned: r.planned.map((p) => encodePlannedFull(p, now)), skipped: r.skipped };
}

export function encodeReschedule(r: RescheduleResult, now: Date): Encoded<typeof RescheduleAnswer> {
  if (r.kind === 'clash') return { result: 'clash', message: r.message, offer: encodeOffer(r.offer) };
  return { result: 'moved', outcome: r.isNew ? 'changed' : 'unchanged', planned: encodePlannedFull(r.planned, now) };
}

export const encodeCancelled = (r: { planned: PlannedSupervision; isNew: boolean }, now: Date): Encoded<typeof Cancelled> => ({ outcome: r.isNew ? 'changed' : 'unchanged', planned: encodePlannedFull(r.planned, now) });
