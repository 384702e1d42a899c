import { AttuneError } from '../../domain/errors';
import { checkChosenSlot } from '../../domain/scheduling/chosen-slot';
import { cancelPlanned, eventIdOf, isUpcoming, movePlanned, type PlannedSupervision } from '../../domain/scheduling/planned-supervision';
import type { DelegatedUser, PersonSchedule, TimeWindow } from '../../ports/calendar';
import type { Versioned } from '../../ports/data-store';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import type { Caller } from '../people';
import { finishBooking, replaceOrReread } from './book';
import { refOf, schedulingContext, type SchedulingContext } from './context';
import { offerTimes, schedulesOf, type TimeOffer } from './find-times';

export type RescheduleResult =
  | { readonly kind: 'moved'; readonly planned: PlannedSupervision; readonly isNew: boolean }
  | { readonly kind: 'clash'; readonly message: string; readonly offer: TimeOffer };

const plannedIdPattern = /^[A-Za-z0-9-]{1,80}$/;

/** The planned supervision, after the gate: someone else's reads as not there. */
async function findPlanned(deps: AppDeps, input: { actor: Caller; enrolmentId: string; plannedId: string }): Promise<{ context: SchedulingContext; stored: Versioned<PlannedSupervision> }> {
  const context = await schedulingContext(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'plan_supervision' });
  const stored = plannedIdPattern.test(input.plannedId) ? await deps.store.plannedSupervision.get({ partition: context.enrolment.id, id: input.plannedId }) : null;
  if (!stored || stored.value.state.status === 'failed') throw new AttuneError('not_found', 'That supervision is not booked (any more). Ask for times to book a new one.');
  return { context, stored };
}

/**
 * Moves a booked supervision to another time: the Outlook event is updated (the invitees get Outlook's own
 * notice) and the planned supervision follows. The new time is checked like a new booking, against both
 * calendars less the meeting's own current time; a clash offers fresh times and changes nothing.
 */
export async function rescheduleSupervision(deps: AppDeps, input: { actor: Caller; enrolmentId: string; plannedId: string; slot: TimeWindow; onBehalfOf?: DelegatedUser | null }): Promise<RescheduleResult> {
  const { context, stored } = await findPlanned(deps, input);
  const now = deps.clock.now().toISOString();
  let planned = stored.value;
  if (planned.state.status === 'booking') planned = await finishBooking(deps, planned, context);
  if (!isUpcoming(planned, now)) throw new AttuneError('invalid_state', planned.state.status === 'booked' ? 'This supervision has already happened, so it cannot be moved. Record it, or book a new one.' : `This supervision is ${planned.state.status} and cannot be moved.`);
  const rules = { now, zone: deps.scheduling.zone, ...(context.latestEnd ? { latestEnd: context.latestEnd } : {}) };
  const shaped = checkChosenSlot({ ...rules, slot: input.slot, schedules: [] });
  if (shaped.start === planned.window.start && shaped.end === planned.window.end) return { kind: 'moved', planned, isNew: false };
  const onBehalfOf = input.onBehalfOf ?? null;
  let window: TimeWindow;
  try {
    const schedules = withoutOwnTime(await schedulesOf(deps, { context, actor: input.actor, window: shaped, onBehalfOf }), planned.window);
    window = checkChosenSlot({ ...rules, slot: shaped, schedules });
  } catch (e) {
    if (!(e instanceof AttuneError && e.code === 'conflict')) throw e;
    return { kind: 'clash', message: e.message, offer: await offerTimes(deps, { context, actor: input.actor, minutes: Math.round((Date.parse(shaped.end) - Date.parse(shaped.start)) / 60_000), onBehalfOf }) };
  }
  const eventId = eventIdOf(planned);
  if (!eventId) throw new AttuneError('invalid_state', 'This supervision is still being booked; try again in a moment.');
  const meeting = await deps.calendar.rescheduleMeeting({ organiser: refOf(context.supervisor), eventId }, window);
  const latest = (await deps.store.plannedSupervision.get({ partition: planned.enrolmentId, id: planned.id })) ?? stored;
  const moved = await replaceOrReread(deps, { ...movePlanned(latest.value, meeting.window), checkedAt: now }, latest);
  await audit(deps, { actor: input.actor, action: 'reschedule_supervision', object: { kind: 'planned_supervision', id: planned.id }, subject: context.trainee.id });
  return { kind: 'moved', planned: moved.value, isNew: true };
}

/**
 * Cancels a booked supervision: the Outlook event is cancelled with a neutral note (the invitees get
 * Outlook's own notice) and the planned supervision reads as cancelled. One still being booked is finished
 * first, so no event is left behind. Cancelling twice changes nothing.
 */
export async function cancelSupervision(deps: AppDeps, input: { actor: Caller; enrolmentId: string; plannedId: string }): Promise<{ planned: PlannedSupervision; isNew: boolean }> {
  const { context, stored } = await findPlanned(deps, input);
  if (stored.value.state.status === 'cancelled') return { planned: stored.value, isNew: false };
  let planned = stored.value;
  if (planned.state.status === 'booking') planned = await finishBooking(deps, planned, context);
  const now = deps.clock.now().toISOString();
  if (planned.state.status === 'booked' && planned.window.end <= now) throw new AttuneError('invalid_state', 'This supervision has already happened, so it cannot be cancelled. Record it instead.');
  const cancelled = cancelPlanned(planned, now, 'attune');
  const eventId = eventIdOf(planned);
  if (eventId) await deps.calendar.cancelMeeting({ organiser: refOf(context.supervisor), eventId }, 'This VIG supervision was cancelled in Attune.');
  const latest = (await deps.store.plannedSupervision.get({ partition: planned.enrolmentId, id: planned.id })) ?? stored;
  const saved = await replaceOrReread(deps, { ...cancelled, checkedAt: now }, latest);
  await audit(deps, { actor: input.actor, action: 'cancel_supervision', object: { kind: 'planned_supervision', id: planned.id }, subject: context.trainee.id });
  return { planned: saved.value, isNew: true };
}

/** Free/busy without the meeting being moved: it is not a clash with itself. */
function withoutOwnTime(schedules: readonly PersonSchedule[], own: TimeWindow): PersonSchedule[] {
  const start = Date.parse(own.start);
  const end = Date.parse(own.end);
  return schedules.map((s) => (s.kind === 'known' ? { ...s, busy: s.busy.filter((b) => !(Date.parse(b.start) === start && Date.parse(b.end) === end)) } : s));
}
