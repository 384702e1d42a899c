import type { IsoDate } from '../../domain/dates';
import { mayAct } from '../../domain/permissions';
import type { Enrolment } from '../../domain/practice';
import { AttuneError } from '../../domain/errors';
import { awaitsRecord, eventIdOf, isUpcoming, plannedMinutes, recordPlanned, type PlannedKind, type PlannedSupervision } from '../../domain/scheduling/planned-supervision';
import { localTimeOf } from '../../domain/scheduling/zoned-time';
import type { TimeWindow } from '../../ports/calendar';
import { authorise } from '../authorise';
import type { AppDeps } from '../deps';
import { enrolmentsWhere, personById, type Caller } from '../people';
import { replaceOrReread } from './book';
import { followCalendar } from './follow';

export type PlannedStatusName = 'booking' | 'booked' | 'cancelled' | 'recorded';

/** What a person is shown of one planned supervision. A line manager sees when, and nothing else. */
export type PlannedView =
  | {
      readonly detail: 'full';
      readonly id: string;
      readonly enrolmentId: string;
      readonly kind: PlannedKind;
      readonly window: TimeWindow;
      readonly minutes: number;
      readonly status: PlannedStatusName;
      readonly cancelledInOutlook: boolean;
      /** The Teams meeting's join link, once Outlook has made it. */
      readonly joinUrl: string | null;
      readonly seriesIndex: number;
      readonly cadence: PlannedSupervision['cadence'];
      readonly guestCount: number;
      /** Whether the person may move or cancel it now. */
      readonly canChange: boolean;
    }
  | { readonly detail: 'dates'; readonly id: string; readonly enrolmentId: string; readonly window: TimeWindow; readonly status: PlannedStatusName };

export interface ScheduleView {
  readonly enrolmentId: string;
  readonly traineeName: string;
  readonly supervisorName: string;
  readonly zone: string;
  /** Upcoming first, soonest first; then the last few past ones, newest first. */
  readonly upcoming: readonly PlannedView[];
  readonly past: readonly PlannedView[];
  /** Whether the person may book (trainee or supervisor). */
  readonly canBook: boolean;
}

const shownPast = 10;

/**
 * The supervision booked for one enrolment, read back from Outlook first (at most every few minutes), for
 * its trainee, its supervisor, and — dates only — its line manager.
 */
export async function viewSchedule(deps: AppDeps, input: { actor: Caller; enrolmentId: string }): Promise<ScheduleView> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'view_schedule' });
  await followCalendar(deps, { enrolmentId: enrolment.id });
  const now = deps.clock.now();
  const canBook = mayAct({ enrolment, person: input.actor.person.id, action: 'plan_supervision', now });
  const all = await plannedOf(deps, enrolment.id);
  const view = (p: PlannedSupervision): PlannedView => plannedView(p, { full: canBook, canChange: canBook && isUpcoming(p, now.toISOString()) });
  const iso = now.toISOString();
  const upcoming = all.filter((p) => p.window.end > iso && p.state.status !== 'failed').sort((a, b) => a.window.start.localeCompare(b.window.start));
  const past = all.filter((p) => p.window.end <= iso && p.state.status !== 'failed').sort((a, b) => b.window.start.localeCompare(a.window.start)).slice(0, shownPast);
  const [trainee, supervisor] = await Promise.all([personById(deps, enrolment.traineeId), personById(deps, enrolment.supervisorId)]);
  return { enrolmentId: enrolment.id, traineeName: trainee?.displayName ?? 'A trainee who has left', supervisorName: supervisor?.displayName ?? 'A supervisor who has left', zone: deps.scheduling.zone, upcoming: upcoming.map(view), past: past.map(view), canBook };
}

export function plannedView(p: PlannedSupervision, o: { full: boolean; canChange: boolean }): PlannedView {
  const status = statusName(p);
  if (!o.full) return { detail: 'dates', id: p.id, enrolmentId: p.enrolmentId, window: p.window, status };
  return {
    detail: 'full',
    id: p.id,
    enrolmentId: p.enrolmentId,
    kind: p.kind,
    window: p.window,
    minutes: plannedMinutes(p),
    status,
    cancelledInOutlook: p.state.status === 'cancelled' && p.state.by === 'outlook',
    joinUrl: p.state.status === 'booked' ? p.state.joinUrl : null,
    seriesIndex: p.seriesIndex,
    cadence: p.cadence,
    guestCount: p.guestCount,
    canChange: o.canChange,
  };
}

const statusName = (p: PlannedSupervision): PlannedStatusName => (p.state.status === 'failed' ? 'cancelled' : p.state.status);

async function plannedOf(deps: AppDeps, enrolmentId: string): Promise<PlannedSupervision[]> {
  return (await deps.store.plannedSupervision.list(enrolmentId)).map((r) => r.value);
}

/** The next booked meeting of an enrolment (what the home, the trainees table and `progress` show); no read-back. */
export async function nextMeetingOf(deps: AppDeps, enrolmentId: string): Promise<{ readonly window: TimeWindow; readonly kind: PlannedKind } | null> {
  const now = deps.clock.now().toISOString();
  const next = (await plannedOf(deps, enrolmentId)).filter((p) => isUpcoming(p, now)).sort((a, b) => a.window.start.localeCompare(b.window.start))[0];
  return next ? { window: next.window, kind: next.kind } : null;
}

/** What the trainee's "log supervision" form is filled in with: the latest booked supervision that is over and not yet logged. */
export interface SupervisionToLog {
  readonly plannedId: string;
  readonly heldOn: IsoDate;
  readonly minutes: number;
  readonly mode: 'teams';
}

export async function supervisionToLog(deps: AppDeps, input: { enrolment: Enrolment }): Promise<SupervisionToLog | null> {
  const now = deps.clock.now().toISOString();
  const done = (await plannedOf(deps, input.enrolment.id)).filter((p) => p.kind === 'supervision' && awaitsRecord(p, now)).sort((a, b) => b.window.start.localeCompare(a.window.start))[0];
  if (!done) return null;
  return { plannedId: done.id, heldOn: localTimeOf(Date.parse(done.window.start), deps.scheduling.zone).date, minutes: plannedMinutes(done), mode: 'teams' };
}

/** Links the planned supervision to the session the trainee logged for it; a planned one that is gone or already linked is left as it is. */
export async function linkLoggedSession(deps: AppDeps, input: { enrolmentId: string; plannedId: string; sessionId: string }): Promise<boolean> {
  const stored = /^[A-Za-z0-9-]{1,80}$/.test(input.plannedId) ? await deps.store.plannedSupervision.get({ partition: input.enrolmentId, id: input.plannedId }) : null;
  if (!stored || stored.value.state.status !== 'booked') return false;
  await replaceOrReread(deps, recordPlanned(stored.value, { sessionId: input.sessionId, at: deps.clock.now().toISOString() }), stored);
  return true;
}

/** The next meeting of each of the person's enrolments as trainee, supervisor or line manager, by enrolment id. */
export async function nextMeetingsFor(deps: AppDeps, input: { actor: Caller }): Promise<ReadonlyMap<string, { window: TimeWindow; kind: PlannedKind }>> {
  const me = input.actor.person.id;
  const mine = await enrolmentsWhere(deps, (e) => e.traineeId === me || e.supervisorId === me || e.lineManagerId === me);
  const out = new Map<string, { window: TimeWindow; kind: PlannedKind }>();
  for (const e of mine) {
    const next = await nextMeetingOf(deps, e.id);
    if (next) out.set(e.id, next);
  }
  return out;
}

/** A booked supervision as an iCalendar file, for the trainee or supervisor, where the calendar can give one. */
export async function plannedIcs(deps: AppDeps, input: { actor: Caller; enrolmentId: string; plannedId: string }): Promise<string> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'plan_supervision' });
  const stored = /^[A-Za-z0-9-]{1,80}$/.test(input.plannedId) ? await deps.store.plannedSupervision.get({ partition: enrolment.id, id: input.plannedId }) : null;
  const eventId = stored ? eventIdOf(stored.value) : null;
  const organiser = stored ? await personById(deps, stored.value.organiserId) : null;
  if (!stored || !eventId || !organiser) throw new AttuneError('not_found', 'That supervision has no calendar event (yet).');
  if (!deps.calendar.icsOf) throw new AttuneError('not_found', 'Your invitation is in Outlook: open it there to add it to another calendar.');
  const ics = await deps.calendar.icsOf({ organiser: { tenantId: organiser.tenantId, objectId: organiser.objectId }, eventId });
  if (!ics) throw new AttuneError('not_found', 'That supervision has no calendar event (yet).');
  return ics;
}
