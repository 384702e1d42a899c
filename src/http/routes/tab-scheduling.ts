import type { Request } from 'restify';
import { bookSupervision } from '../../app/scheduling/book';
import { cancelSupervision, rescheduleSupervision } from '../../app/scheduling/change';
import { findSupervisionTimes } from '../../app/scheduling/find-times';
import { plannedIcs, viewSchedule } from '../../app/scheduling/planned-view';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/people';
import { routes } from '../../contract/http/routes';
import type { DelegatedUser } from '../../ports/calendar';
import { encodeBooking, encodeCancelled, encodeOffer, encodeReschedule, encodeSchedule } from '../encode/scheduling';
import type { Mount } from '../mount';

/**
 * Supervision booked as Teams meetings, from the tab: the schedule, times both people are free, booking
 * (one session or a series), moving and cancelling, and (local calendar) an .ics file. Thin: decode, one use
 * case, encode. Free/busy asked from the tab is read as the person (OBO) where `delegated` gives their token.
 */
export function mountTabSchedulingRoutes(mount: Mount, o: { app: AppDeps; caller: (req: Request) => Promise<Actor>; delegated?: (req: Request) => DelegatedUser | null }): void {
  const onBehalfOf = (req: Request): DelegatedUser | null => o.delegated?.(req) ?? null;
  const now = (): Date => o.app.clock.now();
  mount.json(routes.schedule, { auth: o.caller, handle: async ({ caller: actor, params }) => ({ body: encodeSchedule(await viewSchedule(o.app, { actor, enrolmentId: params.enrolmentId })) }) });
  mount.json(routes.scheduleTimes, {
    auth: o.caller,
    handle: async ({ caller: actor, params, query, req }) => ({ body: encodeOffer(await findSupervisionTimes(o.app, { actor, enrolmentId: params.enrolmentId, minutes: query.minutes ?? null, onBehalfOf: onBehalfOf(req) })) }),
  });
  mount.json(routes.bookSupervision, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body, req }) => {
      const result = await bookSupervision(o.app, { actor, enrolmentId: params.enrolmentId, bookingId: body.bookingId, slot: { start: body.start, end: body.end }, series: body.series ?? null, kind: body.kind ?? 'supervision', onBehalfOf: onBehalfOf(req) });
      return { status: result.kind === 'booked' && result.isNew ? 201 : 200, body: encodeBooking(result, now()) };
    },
  });
  mount.json(routes.rescheduleSupervision, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body, req }) => ({
      body: encodeReschedule(await rescheduleSupervision(o.app, { actor, enrolmentId: params.enrolmentId, plannedId: params.plannedId, slot: { start: body.start, end: body.end }, onBehalfOf: onBehalfOf(req) }), now()),
    }),
  });
  mount.json(routes.cancelSupervision, {
    auth: o.caller,
    handle: async ({ caller: actor, params }) => ({ body: encodeCancelled(await cancelSupervision(o.app, { actor, enrolmentId: params.enrolmentId, plannedId: params.plannedId }), now()) }),
  });
  mount.raw(routes.supervisionIcs, {
    auth: o.caller,
    handle: async ({ caller: actor, params }, res) => {
      const ics = await plannedIcs(o.app, { actor, enrolmentId: params.enrolmentId, plannedId: params.plannedId });
      res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'attachment; filename="vig-supervision.ics"', 'Cache-Control': 'no-store' });
      res.end(ics);
    },
  });
}
