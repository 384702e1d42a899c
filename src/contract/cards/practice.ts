import * as z from 'zod';
import { cardChoice, cardInt, cardList, cardOptionalText, cardText, cardToggle } from './fields';

/** A button that only opens something (progress.show, case.form, supervision.form, …): no data is read. */
export const NoData = z.object({});

/** case.submit: the case form (case-form.json), with the submission id the form was rendered with. */
export const CaseSubmit = z.object({
  submissionId: cardText,
  code: cardText,
  openedOn: cardText,
  consentFilming: cardToggle,
  consentSupervisor: cardToggle,
  consentPeer: cardToggle,
  consentTraining: cardToggle,
});

/** cycle.form: the case to choose first, when the button was on a case's card. */
export const CycleForm = z.object({ caseId: cardOptionalText });

/** cycle.submit: the cycle form (cycle-form.json). */
export const CycleSubmit = z.object({ submissionId: cardText, caseId: cardText, filmedOn: cardText, sharedReviewOn: cardText });

/**
 * supervision.submit: the supervision form (supervision-form.json); caseIds is a multi-select. A form filled
 * in from a booked supervision carries its plannedId, so the session logged is linked to the booking.
 */
export const SupervisionSubmit = z.object({
  submissionId: cardText,
  plannedId: cardOptionalText,
  heldOn: cardText,
  minutes: cardInt,
  mode: cardChoice(['teams', 'in_person']),
  caseIds: cardList,
});
