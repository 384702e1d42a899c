import * as z from 'zod';
import { Instant } from './common';

/** Supervision booked ahead as Teams meetings: times offered, bookings, moves and cancellations. */
export const PlannedKind = z.enum(['supervision', 'transition', 'accreditation']);
export const PlannedStatus = z.enum(['booking', 'booked', 'cancelled', 'recorded']).describe('booking: Outlook has not confirmed it yet.');
export const Cadence = z.enum(['weekly', 'fortnightly', 'monthly']);
export const TimeWindow = z.object({ start: Instant, end: Instant });

export const PlannedFull = z.object({
  detail: z.literal('full'),
  id: z.string(),
  enrolmentId: z.string(),
  kind: PlannedKind,
  window: TimeWindow,
  minutes: z.number(),
  status: PlannedStatus,
  cancelledInOutlook: z.boolean(),
  joinUrl: z.string().nullable().describe('The Teams meeting link, once Outlook has made it.'),
  seriesIndex: z.number(),
  cadence: Cadence.nullable(),
  guestCount: z.number(),
  canChange: z.boolean().describe('Whether the person may move or cancel it now.'),
});
export const PlannedDates = z.object({ detail: z.literal('dates'), id: z.string(), enrolmentId: z.string(), window: TimeWindow, status: PlannedStatus }).describe('What a line manager sees: when, and nothing else.');
export const Planned = z.discriminatedUnion('detail', [PlannedFull, PlannedDates]);
export type Planned = z.infer<typeof Planned>;

export const Schedule = z.object({
  enrolmentId: z.string(),
  traineeName: z.string(),
  supervisorName: z.string(),
  zone: z.string().describe('The service’s time zone: times are booked and shown on its clock.'),
  upcoming: z.array(Planned).describe('Soonest first.'),
  past: z.array(Planned).describe('The last few, newest first.'),
  canBook: z.boolean(),
});
export type Schedule = z.infer<typeof Schedule>;

export const TimeOffer = z.object({
  enrolmentId: z.string(),
  traineeName: z.string(),
  supervisorName: z.string(),
  sessionMinutes: z.number().describe('The length of the times offered.'),
  contractMinutes: z.number().describe('The contract’s session length (60 when it does not say).'),
  zone: z.string(),
  cadence: Cadence,
  slots: z.array(TimeWindow).describe('Up to five times both are free, soonest first; empty when there are none.'),
  none: z
    .object({ reason: z.enum(['calendar_unknown', 'after_latest_end', 'no_common_time']), message: z.string() })
    .nullable()
    .describe('Why no time is offered, in words a person can act on.'),
});
export type TimeOffer = z.infer<typeof TimeOffer>;

const minutes = z
  .string({ error: 'minutes must be a whole number from 15 to 240.' })
  .regex(/^\d{2,3}$/, { error: 'minutes must be a whole number from 15 to 240.' })
  .transform(Number)
  .refine((n) => n >= 15 && n <= 240 && n % 5 === 0, { error: 'A session lasts 15 minutes to 4 hours, in steps of 5 minutes.' });
export const TimesQuery = z.object({ minutes: minutes.optional().describe('A session length other than the contract’s (default: the contract’s, else 60).') });

const instant = (what: string) =>
  z
    .string({ error: `Give the ${what} as a date and time.` })
    .max(40, { error: `Give the ${what} as a date and time.` })
    .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && Number.isFinite(Date.parse(s)), { error: `Give the ${what} as a date and time with its offset, e.g. 2026-12-07T10:00:00Z.` });
const requestId = z.string({ error: 'Send the booking id the form was given.' }).regex(/^[A-Za-z0-9-]{8,64}$/, { error: 'Send the booking id the form was given (8 to 64 letters, digits or dashes).' });

export const BookSupervision = z.object({
  bookingId: requestId.describe('Chosen by the client once per booking form: sending it again books nothing twice.'),
  start: instant('start'),
  end: instant('end'),
  series: z
    .object(
      {
        count: z.number({ error: 'Say how many sessions to book, 1 to 12.' }).int({ error: 'Say how many sessions to book, 1 to 12.' }).min(1, { error: 'Book at least one session.' }).max(12, { error: 'Book at most 12 sessions at once.' }),
        cadence: Cadence.optional(),
      },
      { error: 'A series is a count and, optionally, a cadence.' },
    )
    .nullable()
    .optional()
    .describe('Book the next sessions too, at the contract’s cadence unless given.'),
  kind: PlannedKind.optional().describe('supervision (default), or the transition or accreditation meeting, to which the invited external supervisor is invited too.'),
});
export type BookSupervision = z.infer<typeof BookSupervision>;

export const Skipped = z.object({ window: TimeWindow, reason: z.string() });
export const BookingAnswer = z.discriminatedUnion('result', [
  z.object({ result: z.literal('booked'), outcome: z.enum(['changed', 'unchanged']), planned: z.array(PlannedFull), skipped: z.array(Skipped) }),
  z.object({ result: z.literal('clash'), message: z.string(), offer: TimeOffer }).describe('Someone took the time meanwhile: nothing was booked; fresh times.'),
]);
export type BookingAnswer = z.infer<typeof BookingAnswer>;

export const Reschedule = z.object({ start: instant('new start'), end: instant('new end') });
export const RescheduleAnswer = z.discriminatedUnion('result', [
  z.object({ result: z.literal('moved'), outcome: z.enum(['changed', 'unchanged']), planned: PlannedFull }),
  z.object({ result: z.literal('clash'), message: z.string(), offer: TimeOffer }),
]);
export type RescheduleAnswer = z.infer<typeof RescheduleAnswer>;

export const Cancelled = z.object({ outcome: z.enum(['changed', 'unchanged']), planned: PlannedFull });
export type Cancelled = z.infer<typeof Cancelled>;

export const SupervisionToLog = z.object({
  toLog: z
    .object({ plannedId: z.string(), heldOn: z.string(), minutes: z.number(), mode: z.literal('teams') })
    .nullable()
    .describe('The latest booked supervision that is over and not yet logged; null when there is none.'),
});
