import { AttuneError } from '../../domain/errors';
import { checkChosenSlot } from '../../domain/scheduling/chosen-slot';
import { transactionIdOf, type PlannedKind, type PlannedSupervision } from '../../domain/scheduling/planned-supervision';
import { maxSeriesCount, seriesDates, type Cadence } from '../../domain/scheduling/series';
import { isSubmissionId } from '../../domain/submission';
import { isLive } from '../../domain/external-supervision';
import type { DelegatedUser, Invitee, TimeWindow } from '../../ports/calendar';
import type { Versioned } from '../../ports/data-store';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import { personById, type Caller } from '../people';
import { refOf, schedulingContext, type SchedulingContext } from './context';
import { offerTimes, schedulesOf, type TimeOffer } from './find-times';
import { meetingBody, meetingSubject } from './invitation';

export interface BookInput {
  readonly actor: Caller;
  readonly enrolmentId: string;
  /** The form's submission id: the booking's id, so a form sent twice books once. */
  readonly bookingId: string;
  /** The time picked from the offer (or typed). */
  readonly slot: TimeWindow;
  /** Book the next sessions too, at the contract's cadence (or this one): how many in all, the first included. */
  readonly series?: { readonly count: number; readonly cadence?: Cadence } | null;
  readonly kind?: PlannedKind;
  readonly onBehalfOf?: DelegatedUser | null;
}

export type BookingResult =
  | {
      readonly kind: 'booked';
      /** False when this booking was made before (the same form sent again): nothing new was booked. */
      readonly isNew: boolean;
      readonly planned: readonly PlannedSupervision[];
      /** Sessions of a series that were not booked, because someone is busy then; each with why. */
      readonly skipped: readonly { readonly window: TimeWindow; readonly reason: string }[];
    }
  /** Someone took the first time meanwhile: nothing was booked, and these are fresh times. */
  | { readonly kind: 'clash'; readonly message: string; readonly offer: TimeOffer };

/**
 * Books supervision as a Teams meeting in the supervisor's Outlook calendar, with the trainee invited. The
 * time is checked again against both calendars first: if someone took it meanwhile, nothing is booked and
 * fresh times are offered. A series books each later session that both are free for, each as its own
 * planned supervision, and says which dates it skipped.
 *
 * Nothing is lost on a crash: each planned supervision is stored (`booking`) before the calendar is asked,
 * with a calendar transaction id derived from its id, so finishing it again — the same form sent again, or
 * the sweep ({@link finishPendingBookings}) — finds the event already made rather than making a second one.
 */
export async function bookSupervision(deps: AppDeps, input: BookInput): Promise<BookingResult> {
  if (!isSubmissionId(input.bookingId)) throw new AttuneError('invalid_input', 'This form is not one Attune sent. Ask for times again to get a fresh one.');
  const context = await schedulingContext(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'plan_supervision' });
  const onBehalfOf = input.onBehalfOf ?? null;
  const before = await plannedOfBooking(deps, context.enrolment.id, input.bookingId);
  if (before.length > 0 && before.every((p) => p.state.status === 'failed')) {
    throw new AttuneError('invalid_state', 'Outlook refused this booking, so nothing was booked. Ask for times again to book afresh.');
  }
  if (before.length > 0) {
    const finished = await Promise.all(before.map((p) => finishBooking(deps, p)));
    return { kind: 'booked', isNew: false, planned: finished, skipped: [] };
  }
  const count = input.series?.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > maxSeriesCount) throw new AttuneError('invalid_input', 'That booking could not be made.', [`Sessions: book 1 to ${maxSeriesCount} at once.`]);
  const zone = deps.scheduling.zone;
  const now = deps.clock.now().toISOString();
  const rules = { now, zone, ...(context.latestEnd ? { latestEnd: context.latestEnd } : {}) };
  // The shape of the time first (past, 07:00–20:00, length, the contract's end), then whether both are still free.
  const shaped = checkChosenSlot({ ...rules, slot: input.slot, schedules: [] });
  let first: TimeWindow;
  try {
    first = checkChosenSlot({ ...rules, slot: shaped, schedules: await schedulesOf(deps, { context, actor: input.actor, window: shaped, onBehalfOf }) });
  } catch (e) {
    if (!(e instanceof AttuneError && e.code === 'conflict')) throw e;
    return { kind: 'clash', message: e.message, offer: await offerTimes(deps, { context, actor: input.actor, minutes: minutesOf(shaped), onBehalfOf }) };
  }
  const cadence = input.series?.cadence ?? context.cadence;
  // Without the contract's end: a session after it is reported as skipped, with the reason, rather than dropped.
  const windows = seriesDates({ cadence, first, count, zone });
  const skipped: { window: TimeWindow; reason: string }[] = [];
  const chosen: TimeWindow[] = [first];
  for (const window of windows.slice(1)) {
    try {
      chosen.push(checkChosenSlot({ ...rules, slot: window, schedules: await schedulesOf(deps, { context, actor: input.actor, window, onBehalfOf }) }));
    } catch (e) {
      if (!(e instanceof AttuneError && (e.code === 'conflict' || e.code === 'invalid_input'))) throw e;
      skipped.push({ window, reason: e.code === 'conflict' ? 'someone is busy then' : (e.details[0] ?? e.message) });
    }
  }
  const kind = input.kind ?? 'supervision';
  const guestCount = (await stageGuests(deps, context.enrolment.id, kind)).length;
  if (kind !== 'supervision' && guestCount === 0) throw new AttuneError('invalid_input', 'That meeting could not be booked.', [`Invite the external supervisor to the ${kind} meeting first (on the trainee’s page), so Outlook can invite them too.`]);
  const stored: PlannedSupervision[] = [];
  for (const [index, window] of chosen.entries()) {
    const planned: PlannedSupervision = {
      id: `${input.bookingId}-${index}`,
      enrolmentId: context.enrolment.id,
      kind,
      window,
      organiserId: context.supervisor.id,
      attendeeIds: [context.trainee.id],
      guestCount,
      bookedBy: input.actor.person.id,
      bookingId: input.bookingId,
      seriesIndex: index,
      cadence: chosen.length > 1 ? cadence : null,
      attempt: 0,
      state: { status: 'booking', since: now },
      checkedAt: null,
    };
    stored.push(await createOrFind(deps, planned));
  }
  const booked: PlannedSupervision[] = [];
  for (const [i, p] of stored.entries()) {
    try {
      booked.push(await finishBooking(deps, p, context));
    } catch (e) {
      // Refused outright: the rest of the series is not booked either (a lost answer leaves them to the sweep).
      if (!(e instanceof AttuneError && e.code === 'unavailable')) await failAll(deps, stored.slice(i + 1));
      throw e;
    }
  }
  for (const p of booked) await audit(deps, { actor: input.actor, action: 'book_supervision', object: { kind: 'planned_supervision', id: p.id }, subject: context.trainee.id });
  return { kind: 'booked', isNew: true, planned: booked, skipped };
}

/**
 * Makes the calendar event of a planned supervision still `booking` (a no-op for any other), and stores its
 * id. A lost answer (`unavailable`) leaves it `booking`, to be finished later with the same transaction id; a
 * definite refusal marks it `failed` — no event was made — and the refusal is passed on.
 */
export async function finishBooking(deps: AppDeps, planned: PlannedSupervision, known?: SchedulingContext): Promise<PlannedSupervision> {
  if (planned.state.status !== 'booking') return planned;
  const stored = await deps.store.plannedSupervision.get({ partition: planned.enrolmentId, id: planned.id });
  if (!stored || stored.value.state.status !== 'booking') return stored?.value ?? planned;
  const context = known ?? (await contextForSweep(deps, planned));
  try {
    const meeting = await deps.calendar.createMeeting({
      organiser: refOf(context.supervisor),
      invitees: await invitees(deps, context, planned.kind),
      window: planned.window,
      subject: meetingSubject(planned.kind),
      bodyHtml: meetingBody(deps, { enrolmentId: planned.enrolmentId, kind: planned.kind }),
      transactionId: transactionIdOf(planned),
    });
    const next: PlannedSupervision = { ...stored.value, window: meeting.window, state: { status: 'booked', eventId: meeting.eventId, joinUrl: meeting.joinUrl, bookedAt: deps.clock.now().toISOString() }, checkedAt: deps.clock.now().toISOString() };
    return (await replaceOrReread(deps, next, stored)).value;
  } catch (e) {
    if (e instanceof AttuneError && e.code !== 'unavailable' && e.code !== 'rate_limited') {
      await replaceOrReread(deps, { ...stored.value, state: { status: 'failed', at: deps.clock.now().toISOString() } }, stored);
      throw e;
    }
    throw new AttuneError(
      'unavailable',
      'Outlook did not answer, so the booking is not finished yet. Attune will finish it with Outlook shortly — it shows as “being booked” until then, and you can cancel it.',
      { retryAfterSeconds: e instanceof AttuneError ? (e.retryAfterSeconds ?? 60) : 60 },
    );
  }
}

/** Finishes every booking still `booking` (after a crash, or an Outlook outage); returns how many it finished. */
export async function finishPendingBookings(deps: AppDeps, input: { enrolmentId?: string } = {}): Promise<{ finished: number; failed: number }> {
  const rows = await deps.store.plannedSupervision.list(input.enrolmentId);
  let finished = 0;
  let failed = 0;
  for (const { value } of rows) {
    if (value.state.status !== 'booking') continue;
    try {
      const done = await finishBooking(deps, value);
      if (done.state.status === 'booked') finished++;
    } catch {
      failed++;
    }
  }
  return { finished, failed };
}

export async function plannedOfBooking(deps: AppDeps, enrolmentId: string, bookingId: string): Promise<PlannedSupervision[]> {
  return (await deps.store.plannedSupervision.list(enrolmentId))
    .map((r) => r.value)
    .filter((p) => p.bookingId === bookingId)
    .sort((a, b) => a.seriesIndex - b.seriesIndex);
}

/**
 * Who is invited: the trainee; for a transition or accreditation meeting also the external supervisor whose
 * invitation to that meeting is open, by the email they were invited with (usually a guest of the tenant).
 */
async function invitees(deps: AppDeps, context: SchedulingContext, kind: PlannedKind): Promise<Invitee[]> {
  const trainee: Invitee = { kind: 'person', person: refOf(context.trainee), required: true };
  return [trainee, ...(await stageGuests(deps, context.enrolment.id, kind)).map((email): Invitee => ({ kind: 'guest', email, required: true }))];
}

/** The emails of the external supervisors invited to the enrolment's open meeting of this kind (none for supervision). */
async function stageGuests(deps: AppDeps, enrolmentId: string, kind: PlannedKind): Promise<string[]> {
  if (kind === 'supervision') return [];
  const now = deps.clock.now();
  return (await deps.store.externalSupervisors.list(enrolmentId)).map((r) => r.value).filter((i) => i.meetingKind === kind && isLive(i, now)).map((i) => i.email);
}

/** The sweep has no person asking: the planned supervision's own enrolment, read as its organiser. */
async function contextForSweep(deps: AppDeps, planned: PlannedSupervision): Promise<SchedulingContext> {
  const organiser = await personById(deps, planned.organiserId);
  if (!organiser) throw new AttuneError('invalid_state', 'The organiser of this supervision is no longer in Attune.');
  return schedulingContext(deps, { actor: { person: organiser }, enrolmentId: planned.enrolmentId, action: 'plan_supervision' });
}

async function failAll(deps: AppDeps, planned: readonly PlannedSupervision[]): Promise<void> {
  for (const p of planned) {
    const stored = await deps.store.plannedSupervision.get({ partition: p.enrolmentId, id: p.id });
    if (stored?.value.state.status === 'booking') await replaceOrReread(deps, { ...stored.value, state: { status: 'failed', at: deps.clock.now().toISOString() } }, stored);
  }
}

async function createOrFind(deps: AppDeps, planned: PlannedSupervision): Promise<PlannedSupervision> {
  try {
    return (await deps.store.plannedSupervision.create(planned)).value;
  } catch (e) {
    const existing = e instanceof AttuneError && e.code === 'conflict' ? await deps.store.plannedSupervision.get({ partition: planned.enrolmentId, id: planned.id }) : null;
    if (!existing) throw e;
    return existing.value;
  }
}

/** Stores `next` over `stored`; when someone else changed it meanwhile, what they stored wins. */
export async function replaceOrReread(deps: AppDeps, next: PlannedSupervision, stored: Versioned<PlannedSupervision>): Promise<Versioned<PlannedSupervision>> {
  try {
    return await deps.store.plannedSupervision.replace(next, stored.etag);
  } catch (e) {
    const now = e instanceof AttuneError && e.code === 'conflict' ? await deps.store.plannedSupervision.get({ partition: next.enrolmentId, id: next.id }) : null;
    if (!now) throw e;
    return now;
  }
}

const minutesOf = (w: TimeWindow): number => Math.round((Date.parse(w.end) - Date.parse(w.start)) / 60_000);
