import * as z from 'zod';
import { cardInt, cardOptionalInt, cardOptionalText, cardOptionalToggle, cardRef, cardText, cardToggle } from './fields';

/*
 * Booking supervision from chat. The times card (schedule-times.json) offers times as one choice set whose
 * values are "start/end" (two ISO instants), and Teams sends every input on the card with each of its
 * buttons; so the verbs it carries read those inputs too, and those its other cards carry read them as
 * optional. Which enrolment, and which booking, the card is about is required: the use cases authorise it.
 */

/** The times card's inputs: the time chosen, the series (book mode only), and another length to ask with. */
const timesInputs = { slot: cardOptionalText, series: cardOptionalToggle, count: cardOptionalInt, minutes: cardOptionalInt };

/** schedule.times: times for the enrolment (the trainee chosen, or the card's), of `minutes` or the contract's length. */
export const ScheduleTimes = z.object({ enrolmentId: cardRef, ...timesInputs });

/**
 * schedule.book: the time chosen on the times card, with the next sessions when `series` is on (`count` in
 * all, the first included). The card's submission id is the booking's id, so a second click books once.
 */
export const ScheduleBook = z.object({ submissionId: cardText, enrolmentId: cardRef, slot: cardText, series: cardToggle, count: cardInt, minutes: cardInt });

/** schedule.move: fresh times to move a booked supervision to (of `minutes`, else the contract's length). */
export const ScheduleMove = z.object({ enrolmentId: cardRef, plannedId: cardRef, slot: cardOptionalText, minutes: cardOptionalInt });

/** schedule.moveTo: the time chosen on the times card in move mode. Moving to the same time twice changes nothing. */
export const ScheduleMoveTo = z.object({ enrolmentId: cardRef, plannedId: cardRef, slot: cardText, minutes: cardInt });

/** schedule.cancel: asks first (`confirmed` false, or unreadable), then cancels. */
export const ScheduleCancel = z.object({ enrolmentId: cardRef, plannedId: cardRef, confirmed: cardToggle });

/** schedule.show: the supervision booked for the enrolment. */
export const ScheduleShow = z.object({ enrolmentId: cardRef });
