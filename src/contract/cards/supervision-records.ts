import * as z from 'zod';
import { cardInt, cardList, cardOptionalText, cardRef, cardRefNumber, cardText, cardToggle } from './fields';

/** record.form: the session to choose first, when the button was on a session's card. */
export const RecordForm = z.object({ sessionId: cardOptionalText });

/**
 * record.submit: the record form (record-form.json). A new record chooses its session (sessionId) and has
 * revision 0; an edit carries the record's session (editSessionId) and the revision it was opened at.
 */
export const RecordSubmit = z.object({
  editSessionId: cardText,
  revision: cardInt,
  sessionId: cardOptionalText,
  learningQuestion: cardText,
  whatWasWorking: cardText,
  principles: cardList,
  learningPoints: cardText,
  nextSteps: cardText,
  consentConfirmed: cardToggle,
});

/** The record a record card shows (record-card.json). */
const shown = { enrolmentId: cardRef, recordId: cardRef };

/** record.edit: the trainee opens the form for the record, at the revision the card showed. */
export const RecordEdit = z.object({ ...shown, revision: cardRefNumber });

/** record.cosign: the supervisor co-signs the revision the card showed, with an optional comment. */
export const RecordCosign = z.object({ ...shown, revision: cardRefNumber, cosignComment: cardText });

/** record.return: the supervisor returns the revision the card showed, with a comment. */
export const RecordReturn = z.object({ ...shown, revision: cardRefNumber, returnComment: cardText });

/** record.refresh: the record as it is now (the card's refresh action, or its Refresh button). */
export const RecordRefresh = z.object(shown);
