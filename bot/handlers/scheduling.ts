import { getMyProgress, listMyTrainees } from '../../src/app/progress';
import { bookSupervision } from '../../src/app/scheduling/book';
import { cancelSupervision, rescheduleSupervision } from '../../src/app/scheduling/change';
import { findSupervisionTimes, type TimeOffer } from '../../src/app/scheduling/find-times';
import { plannedView, viewSchedule, type PlannedView } from '../../src/app/scheduling/planned-view';
import { AttuneError } from '../../src/domain/errors';
import { isUpcoming, type PlannedSupervision } from '../../src/domain/scheduling/planned-supervision';
import type { TimeWindow } from '../../src/ports/calendar';
import type { CardActionData } from '../card-actions';
import type { FormErrors } from '../cards/form-errors';
import { formatWindow } from '../cards/local-time';
import { renderNoticeCard } from '../cards/practice-cards';
import { parseSlot, renderScheduleCard, renderTimesCard, renderTraineeChoice, type TimesCardData } from '../cards/schedule-cards';
import type { AdaptiveCard } from '../cards/template';
import { newSubmissionId, orForm, sendCard, sendPlain, type Turn } from '../turn';

const tookMeanwhile = 'Someone took that time meanwhile — pick another.';

// ---- finding times ---------------------------------------------------------------------------------------

/**
 * `book supervision`: a trainee gets times for their own supervision; a supervisor of one trainee, times for
 * that trainee; someone with several to choose from, first the choice.
 */
export async function bookCommand(turn: Turn): Promise<void> {
  const choices = await bookingChoices(turn);
  const [only] = choices;
  if (!only) {
    await sendPlain(turn.context, 'Supervision is booked by a trainee or their supervisor, and you are neither in Attune.');
    return;
  }
  await sendCard(turn.context, choices.length === 1 ? await timesCard(turn, { enrolmentId: only.enrolmentId, minutes: null, mode: newBooking(turn) }) : renderTraineeChoice({ choices }));
}

/** Whose supervision the person may book: their own (as a trainee), then their supervisees'. The use cases authorise again. */
async function bookingChoices(turn: Turn): Promise<{ enrolmentId: string; label: string }[]> {
  const me = turn.actor.person.id;
  const roles = turn.actor.roles;
  const own = roles.includes('trainee') ? await getMyProgress(turn.app, me) : null;
  const supervised = roles.includes('supervisor') ? (await listMyTrainees(turn.app, me)).filter((t) => t.relationship === 'supervisor') : [];
  return [...(own ? [{ enrolmentId: own.enrolmentId, label: 'My own supervision' }] : []), ...supervised.map((t) => ({ enrolmentId: t.progress.enrolmentId, label: t.displayName }))];
}

const newBooking = (turn: Turn): TimesCardData['mode'] => ({ kind: 'book', submissionId: newSubmissionId(turn) });

async function timesCard(turn: Turn, o: { enrolmentId: string; minutes: number | null; mode: TimesCardData['mode']; values?: TimesCardData['values']; errors?: FormErrors | null }): Promise<AdaptiveCard> {
  const offer = await findSupervisionTimes(turn.app, { actor: turn.actor, enrolmentId: o.enrolmentId, minutes: o.minutes });
  return times(turn, offer, o);
}

const times = (turn: Turn, offer: TimeOffer, o: { mode: TimesCardData['mode']; values?: TimesCardData['values']; errors?: FormErrors | null }): AdaptiveCard =>
  renderTimesCard({ offer, zone: turn.app.scheduling.zone, mode: o.mode, values: o.values ?? {}, errors: o.errors ?? null });

/** Times for the enrolment (chosen, or the card's), of another length when the person gave one. */
export async function timesAction(turn: Turn, data: CardActionData['schedule.times']): Promise<AdaptiveCard> {
  const { enrolmentId } = data;
  return orForm(
    () => timesCard(turn, { enrolmentId, minutes: data.minutes, mode: newBooking(turn) }),
    (errors) => timesCard(turn, { enrolmentId, minutes: null, mode: newBooking(turn), errors }),
  );
}

/** A "start/end" choice, or the refusal the card comes back with. */
function chosenSlot(value: string): TimeWindow {
  const slot = parseSlot(value);
  if (!slot) throw new AttuneError('invalid_input', 'Choose one of the times first.');
  return slot;
}

const minutesOf = (w: TimeWindow): number => Math.round((Date.parse(w.end) - Date.parse(w.start)) / 60_000);

// ---- booking ---------------------------------------------------------------------------------------------

/** Books the time chosen (and the next sessions, when asked): the confirmation, or fresh times when someone took it meanwhile. */
export async function bookAction(turn: Turn, data: CardActionData['schedule.book']): Promise<AdaptiveCard> {
  const { enrolmentId, submissionId } = data;
  const values = { slot: data.slot, series: data.series, count: data.count };
  const asked = parseSlot(data.slot);
  return orForm(
    async () => {
      const slot = chosenSlot(data.slot);
      const result = await bookSupervision(turn.app, { actor: turn.actor, enrolmentId, bookingId: submissionId, slot, series: data.series ? { count: data.count ?? Number.NaN } : null });
      if (result.kind === 'clash') return times(turn, result.offer, { mode: newBooking(turn), errors: { heading: tookMeanwhile, problems: [result.message] } });
      const now = turn.app.clock.now().toISOString();
      const planned = result.planned.map((p) => fullView(p, now));
      const many = planned.length > 1;
      return renderScheduleCard({
        enrolmentId,
        zone: turn.app.scheduling.zone,
        title: result.isNew ? (many ? `${planned.length} supervision sessions booked` : 'Supervision booked') : 'Already booked',
        tone: 'good',
        lines: result.isNew ? ['A Teams meeting in the supervisor’s Outlook calendar, with the trainee invited: Outlook sends the invitation.'] : ['This was booked before, so nothing new was booked.'],
        planned,
        skipped: result.skipped,
        canBook: false,
        showList: true,
      });
    },
    (errors) => timesCard(turn, { enrolmentId, minutes: asked ? minutesOf(asked) : null, mode: { kind: 'book', submissionId }, values, errors }),
  );
}

/** Whoever booked, moved or cancelled it passed the use case's gate, so they see it in full. */
const fullView = (p: PlannedSupervision, now: string): PlannedView => plannedView(p, { full: true, canChange: isUpcoming(p, now) });

// ---- moving ----------------------------------------------------------------------------------------------

/** Fresh times to move a booked supervision to, of its own length (or another the person gave). */
export async function moveAction(turn: Turn, data: CardActionData['schedule.move']): Promise<AdaptiveCard> {
  const { enrolmentId, plannedId } = data;
  const mode = { kind: 'move', plannedId } as const;
  return orForm(
    () => timesCard(turn, { enrolmentId, minutes: data.minutes, mode }),
    (errors) => timesCard(turn, { enrolmentId, minutes: null, mode, errors }),
  );
}

/** Moves it to the time chosen: the Outlook event follows; someone taking the time meanwhile gives fresh times. */
export async function moveToAction(turn: Turn, data: CardActionData['schedule.moveTo']): Promise<AdaptiveCard> {
  const { enrolmentId, plannedId } = data;
  const mode = { kind: 'move', plannedId } as const;
  const asked = parseSlot(data.slot);
  return orForm(
    async () => {
      const result = await rescheduleSupervision(turn.app, { actor: turn.actor, enrolmentId, plannedId, slot: chosenSlot(data.slot) });
      if (result.kind === 'clash') return times(turn, result.offer, { mode, errors: { heading: tookMeanwhile, problems: [result.message] } });
      return renderScheduleCard({
        enrolmentId,
        zone: turn.app.scheduling.zone,
        title: result.isNew ? 'Supervision moved' : 'Already at that time',
        tone: 'good',
        lines: [result.isNew ? 'Outlook tells everyone invited about the new time.' : 'Nothing changed.'],
        planned: [fullView(result.planned, turn.app.clock.now().toISOString())],
        canBook: false,
        showList: true,
      });
    },
    (errors) => timesCard(turn, { enrolmentId, minutes: asked ? minutesOf(asked) : data.minutes, mode, values: { slot: data.slot }, errors }),
  );
}

// ---- cancelling ------------------------------------------------------------------------------------------

/** Cancel asks first (a second button); confirmed, the Outlook event is cancelled and everyone invited is told. */
export async function cancelAction(turn: Turn, data: CardActionData['schedule.cancel']): Promise<AdaptiveCard> {
  const { enrolmentId, plannedId } = data;
  const zone = turn.app.scheduling.zone;
  if (!data.confirmed) {
    const schedule = await viewSchedule(turn.app, { actor: turn.actor, enrolmentId });
    const planned = schedule.upcoming.find((p) => p.id === plannedId);
    if (!planned || planned.detail !== 'full' || !planned.canChange) throw new AttuneError('not_found', 'That supervision is not booked (any more), so there is nothing to cancel.');
    return renderNoticeCard({
      title: 'Cancel this supervision?',
      tone: 'attention',
      lines: [formatWindow(planned.window, zone), 'Outlook tells everyone invited that it is cancelled.'],
      actions: [
        { kind: 'execute', title: 'Yes, cancel it', verb: 'schedule.cancel', data: { enrolmentId, plannedId, confirmed: true } },
        { kind: 'execute', title: 'Keep it', verb: 'schedule.show', data: { enrolmentId } },
      ],
    });
  }
  const { planned, isNew } = await cancelSupervision(turn.app, { actor: turn.actor, enrolmentId, plannedId });
  return renderScheduleCard({
    enrolmentId,
    zone,
    title: isNew ? 'Supervision cancelled' : 'Already cancelled',
    lines: [isNew ? 'Outlook has told everyone invited.' : 'This was cancelled before, so nothing changed.'],
    planned: [fullView(planned, turn.app.clock.now().toISOString())],
    canBook: true,
    showList: true,
  });
}

// ---- the schedule ----------------------------------------------------------------------------------------

/** The supervision booked for the enrolment (read back from Outlook first); a line manager sees dates only. */
export async function showAction(turn: Turn, data: CardActionData['schedule.show']): Promise<AdaptiveCard> {
  const schedule = await viewSchedule(turn.app, { actor: turn.actor, enrolmentId: data.enrolmentId });
  return renderScheduleCard({
    enrolmentId: schedule.enrolmentId,
    zone: turn.app.scheduling.zone,
    title: 'Booked supervision',
    planned: schedule.upcoming,
    canBook: schedule.canBook,
    showList: false,
    empty: 'Nothing is booked from now on.',
  });
}
