import type { TimeOffer } from '../../src/app/scheduling/find-times';
import type { PlannedView } from '../../src/app/scheduling/planned-view';
import type { SupervisionCadence } from '../../src/domain/contract';
import type { TimeWindow } from '../../src/ports/calendar';
import { errorData, type FormErrors } from './form-errors';
import { formatWindow, zoneCity } from './local-time';
import scheduleCardTemplate from './schedule-card.json' with { type: 'json' };
import traineesTemplate from './schedule-trainees.json' with { type: 'json' };
import timesTemplate from './schedule-times.json' with { type: 'json' };
import { expand, type AdaptiveCard } from './template';

/** A time window as one choice-set value: "start/end", two ISO instants (the interval notation). */
export const slotValue = (w: TimeWindow): string => `${w.start}/${w.end}`;

/** A "start/end" choice back into a window; null when it is not two ISO instants with the start first. */
export function parseSlot(value: string): TimeWindow | null {
  const parts = value.trim().split('/');
  const iso = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;
  if (parts.length !== 2 || !parts.every((p) => iso.test(p))) return null;
  const [start, end] = parts.map((p) => Date.parse(p)) as [number, number];
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return null;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

const cadenceWord: Readonly<Record<SupervisionCadence, string>> = { monthly: 'monthly', fortnightly: 'fortnightly' };
/** How many sessions a series books unless the person says: about three months ahead. */
export const defaultSeriesCount: Readonly<Record<SupervisionCadence, number>> = { monthly: 3, fortnightly: 6 };

const zoneNote = (zone: string): string => `Times are ${zoneCity(zone)} time.`;

export interface TraineeChoiceData {
  readonly choices: readonly { readonly enrolmentId: string; readonly label: string }[];
}

/** A supervisor with several trainees first chooses whose supervision to book. */
export function renderTraineeChoice(data: TraineeChoiceData): AdaptiveCard {
  return expand(traineesTemplate, { choices: data.choices, enrolmentId: data.choices[0]?.enrolmentId ?? '' });
}

export interface TimesCardData {
  readonly offer: TimeOffer;
  readonly zone: string;
  /** Book a new supervision (the submission id is the booking's id), or move a booked one. */
  readonly mode: { readonly kind: 'book'; readonly submissionId: string } | { readonly kind: 'move'; readonly plannedId: string };
  /** What the person chose before, when the card comes back to them. */
  readonly values?: { readonly slot?: string; readonly series?: boolean; readonly count?: number | null };
  /** Why the card came back: a refusal, or someone taking the time meanwhile. */
  readonly errors?: FormErrors | null;
}

/** Up to five times both people are free, to book (optionally with the next sessions) or to move to; or why there are none. */
export function renderTimesCard(data: TimesCardData): AdaptiveCard {
  const { offer, mode } = data;
  const v = data.values ?? {};
  const slots = offer.proposal.kind === 'slots' ? offer.proposal.slots.map((w) => ({ label: formatWindow(w, data.zone), value: slotValue(w) })) : [];
  const chosen = slots.some((s) => s.value === v.slot) ? (v.slot ?? '') : '';
  const isBook = mode.kind === 'book';
  const title = isBook ? 'Book supervision' : 'Move supervision';
  return expand(timesTemplate, {
    title,
    people: `${offer.traineeName} with ${offer.supervisorName} · ${offer.sessionMinutes} minutes`,
    intro: isBook ? 'You are both free at these times. Choose one: the Teams meeting goes into the supervisor’s Outlook calendar, with the trainee invited.' : 'You are both free at these times. Choose the new time: Outlook tells everyone invited.',
    slotLabel: isBook ? 'Choose a time' : 'Move it to',
    hasSlots: slots.length > 0,
    slots,
    slot: chosen,
    noneMessage: offer.proposal.kind === 'none' ? offer.proposal.message : '',
    isBook,
    submissionId: mode.kind === 'book' ? mode.submissionId : '',
    plannedId: mode.kind === 'move' ? mode.plannedId : '',
    enrolmentId: offer.enrolmentId,
    seriesTitle: `Also book the next sessions (${cadenceWord[offer.cadence]}, at the same time)`,
    series: String(v.series ?? false),
    count: typeof v.count === 'number' && Number.isFinite(v.count) ? v.count : defaultSeriesCount[offer.cadence],
    minutes: '',
    minutesPlaceholder: String(offer.sessionMinutes),
    zoneNote: zoneNote(data.zone),
    ...errorData(data.errors),
    fallback: slots.length ? `${title}: ${slots.map((s) => s.label).join('; ')}` : `${title}: ${offer.proposal.kind === 'none' ? offer.proposal.message : ''}`,
  });
}

export interface ScheduleCardData {
  readonly enrolmentId: string;
  readonly zone: string;
  readonly title: string;
  readonly tone?: 'good' | 'default';
  /** Attune's own words. */
  readonly lines?: readonly string[];
  readonly planned: readonly PlannedView[];
  /** Sessions of a series that were not booked, with why. */
  readonly skipped?: readonly { readonly window: TimeWindow; readonly reason: string }[];
  /** Offer a button to book (another) supervision. */
  readonly canBook: boolean;
  /** Offer the whole schedule (on a confirmation); false on the schedule itself. */
  readonly showList: boolean;
  readonly empty?: string;
}

const statusNote = (p: PlannedView): string => {
  switch (p.status) {
    case 'booking':
      return 'Being booked with Outlook: it shows in the calendars shortly.';
    case 'cancelled':
      return p.detail === 'full' && p.cancelledInOutlook ? 'Cancelled in Outlook.' : 'Cancelled.';
    case 'recorded':
      return 'Logged.';
    case 'booked':
      return '';
  }
};

/** Booked supervision: the confirmation after booking or moving, and the schedule; each with Join, Move and Cancel while it is to come. */
export function renderScheduleCard(data: ScheduleCardData): AdaptiveCard {
  const items = data.planned.map((p) => ({
    id: p.id,
    enrolmentId: p.enrolmentId,
    label: formatWindow(p.window, data.zone),
    note: statusNote(p),
    canChange: p.detail === 'full' && p.canChange,
    joinUrl: p.detail === 'full' ? (p.joinUrl ?? '') : '',
    minutes: p.detail === 'full' ? p.minutes : 0,
  }));
  const skipped = (data.skipped ?? []).map((s) => ({ label: formatWindow(s.window, data.zone), reason: s.reason }));
  return expand(scheduleCardTemplate, {
    title: data.title,
    color: data.tone === 'good' ? 'Good' : 'Default',
    lines: data.lines ?? [],
    items,
    skipped,
    empty: data.empty ?? 'No supervision is booked.',
    zoneNote: zoneNote(data.zone),
    enrolmentId: data.enrolmentId,
    showList: data.showList,
    canBook: data.canBook,
    bookTitle: data.planned.length ? 'Book another' : 'Book supervision',
    fallback: [data.title, ...items.map((i) => i.label)].join('. '),
  });
}
