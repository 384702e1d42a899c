import { myRecordWork, recordsAwaitingMyCosign, viewSupervisionRecord } from '../../src/app/supervision-records/list-records';
import type { RecordView } from '../../src/app/supervision-records/record-view';
import { reviewSupervisionRecord, type ReviewDecision } from '../../src/app/supervision-records/review-record';
import { submitSupervisionRecord } from '../../src/app/supervision-records/write-record';
import { practiceOptions } from '../../src/app/practice/practice-options';
import { recordSubject } from '../../src/domain/conversation';
import type { PersonId } from '../../src/domain/people';
import type { SupervisionRecordContent } from '../../src/domain/supervision-record';
import type { Outcome } from '../../src/domain/submission';
import type { CardActionData } from '../card-actions';
import type { FormErrors } from '../cards/form-errors';
import { renderRecordCard, renderRecordForm } from '../cards/record-cards';
import type { AdaptiveCard } from '../cards/template';
import { formErrorsOf, isRefusal, orForm, sendPlain, type Turn } from '../turn';

const subjectOf = (view: RecordView): string => recordSubject(view.record.enrolmentId, view.record.id);
const viewerOf = (view: RecordView, person: PersonId): 'trainee' | 'supervisor' => (view.traineeId === person ? 'trainee' : 'supervisor');
const cardFor = (view: RecordView, person: PersonId, banner?: string): AdaptiveCard => renderRecordCard({ view, viewer: viewerOf(view, person), ...(banner ? { banner } : {}) });
/** Copies are updated only for the record's trainee and supervisor as they are now: a former supervisor's copy stays as it was. */
const copyFor = (view: RecordView) => (person: PersonId): AdaptiveCard | null => (person === view.traineeId || person === view.supervisorId ? cardFor(view, person) : null);

/** `record`: a trainee gets the form (and any records returned to them); a supervisor, what waits for them. */
export async function recordCommand(turn: Turn): Promise<void> {
  const me = turn.actor.person.id;
  let said = false;
  if (turn.actor.roles.includes('trainee')) {
    const work = await myRecordWork(turn.app, { actor: turn.actor });
    for (const view of work.returned) await turn.messenger.reply(cardFor(view, me), { subject: subjectOf(view), personId: me });
    if (work.options.sessionsWithoutRecord.length) await turn.messenger.reply(renderRecordForm({ sessions: work.options.sessionsWithoutRecord, editing: null }));
    else if (!work.returned.length) await sendPlain(turn.context, 'Every supervision session you logged has its record. Log a new session with: log supervision 60 min today');
    said = true;
  }
  if (turn.actor.roles.includes('supervisor')) {
    const waiting = await recordsAwaitingMyCosign(turn.app, { actor: turn.actor });
    for (const view of waiting) await turn.messenger.reply(cardFor(view, me), { subject: subjectOf(view), personId: me });
    if (!waiting.length) await sendPlain(turn.context, 'No supervision records are waiting for your co-signature.');
    said = true;
  }
  if (!said) await sendPlain(turn.context, 'Supervision records are written by trainees and co-signed by their supervisors; you are neither in Attune.');
}

/** The form for a new record, with the session chosen on the card that offered it. */
export async function recordFormAction(turn: Turn, { sessionId }: CardActionData['record.form']): Promise<AdaptiveCard> {
  const options = await practiceOptions(turn.app, { actor: turn.actor });
  if (!options.sessionsWithoutRecord.length) {
    return renderRecordForm({ sessions: [], editing: null, errors: { heading: 'Every supervision session you logged already has its record.', problems: [] } });
  }
  return renderRecordForm({ sessions: options.sessionsWithoutRecord, editing: null, values: options.sessionsWithoutRecord.some((s) => s.id === sessionId) ? { sessionId } : {} });
}

/** The trainee sends the record: it goes to the supervisor to co-sign, and every copy of it updates. */
export async function recordSubmitAction(turn: Turn, data: CardActionData['record.submit']): Promise<AdaptiveCard> {
  const { editSessionId, revision } = data;
  const sessionId = editSessionId || data.sessionId;
  const content: SupervisionRecordContent = {
    learningQuestion: data.learningQuestion,
    whatWasWorking: data.whatWasWorking,
    // The use case checks that each principle is one of the vocabulary's.
    principles: data.principles,
    learningPoints: data.learningPoints,
    nextSteps: data.nextSteps,
    consentConfirmed: data.consentConfirmed,
  };
  return orForm(
    async () => {
      const outcome = await submitSupervisionRecord(turn.app, { actor: turn.actor, sessionId, revision: revision && revision > 0 ? revision : null, content });
      return deliverSubmitted(turn, outcome);
    },
    async (errors) => recordFormAgain(turn, { editSessionId, sessionId, revision: revision ?? 0, content, errors }),
  );
}

async function recordFormAgain(turn: Turn, v: { editSessionId: string; sessionId: string; revision: number; content: SupervisionRecordContent; errors: FormErrors }): Promise<AdaptiveCard> {
  if (v.editSessionId) {
    const options = await practiceOptions(turn.app, { actor: turn.actor });
    const view = await viewSupervisionRecord(turn.app, { actor: turn.actor, enrolmentId: options.enrolmentId, recordId: v.editSessionId });
    const returnedComment = view.record.state.status === 'returned' ? view.record.state.comment : '';
    return renderRecordForm({ sessions: [], editing: { session: view.session, revision: v.revision, returnedComment }, values: v.content, errors: v.errors });
  }
  const options = await practiceOptions(turn.app, { actor: turn.actor });
  return renderRecordForm({ sessions: options.sessionsWithoutRecord, editing: null, values: { ...v.content, sessionId: v.sessionId }, errors: v.errors });
}

async function deliverSubmitted(turn: Turn, outcome: Outcome<RecordView>): Promise<AdaptiveCard> {
  const view = outcome.value;
  const me = turn.actor.person.id;
  await turn.messenger.answered({ subject: subjectOf(view), personId: me });
  if (outcome.kind === 'unchanged') {
    return cardFor(view, me, outcome.why === 'already_done' ? 'Already sent: nothing changed.' : 'This record changed since that form was sent, so nothing changed. Here it is as it is now.');
  }
  await turn.messenger.refreshCopies(subjectOf(view), copyFor(view));
  const reached = await turn.messenger.sendTo(view.supervisorId, cardFor(view, view.supervisorId), { subject: subjectOf(view) });
  return cardFor(
    view,
    me,
    reached ? 'Sent to your supervisor to co-sign.' : 'Saved. Your supervisor has not opened Attune in Teams yet, so they will find it when they type record.',
  );
}

/** The trainee edits a record that was returned (or is still waiting): the form, filled in. */
export async function recordEditAction(turn: Turn, data: CardActionData['record.edit']): Promise<AdaptiveCard> {
  const view = await viewSupervisionRecord(turn.app, { actor: turn.actor, enrolmentId: data.enrolmentId, recordId: data.recordId });
  const me = turn.actor.person.id;
  if (view.traineeId !== me || view.record.state.status === 'cosigned') return cardFor(view, me, view.record.state.status === 'cosigned' ? 'This record is co-signed, so it can no longer be changed.' : undefined);
  if (data.revision !== view.record.revision) return cardFor(view, me, 'This record changed since this card was sent. Here it is as it is now.');
  const returnedComment = view.record.state.status === 'returned' ? view.record.state.comment : '';
  return renderRecordForm({ sessions: [], editing: { session: view.session, revision: view.record.revision, returnedComment }, values: view.record.content });
}

/** The supervisor co-signs, with an optional comment. */
export async function recordCosignAction(turn: Turn, data: CardActionData['record.cosign']): Promise<AdaptiveCard> {
  return review(turn, data, { kind: 'cosign', comment: data.cosignComment });
}

/** The supervisor returns the record with a comment for the trainee to act on. */
export async function recordReturnAction(turn: Turn, data: CardActionData['record.return']): Promise<AdaptiveCard> {
  return review(turn, data, { kind: 'return', comment: data.returnComment });
}

/** A review of the revision the card showed: the trainee's copies update and they are told. */
async function review(turn: Turn, shown: { enrolmentId: string; recordId: string; revision: number }, decision: ReviewDecision): Promise<AdaptiveCard> {
  const { enrolmentId, recordId, revision } = shown;
  const { kind } = decision;
  const me = turn.actor.person.id;
  let outcome: Outcome<RecordView>;
  try {
    outcome = await reviewSupervisionRecord(turn.app, { actor: turn.actor, enrolmentId, recordId, revision, decision });
  } catch (e) {
    if (!isRefusal(e, 'invalid_input')) throw e;
    const view = await viewSupervisionRecord(turn.app, { actor: turn.actor, enrolmentId, recordId });
    const errors = formErrorsOf(e);
    return cardFor(view, me, [errors.heading, ...errors.problems].join(' '));
  }
  const view = outcome.value;
  await turn.messenger.answered({ subject: subjectOf(view), personId: me });
  if (outcome.kind === 'unchanged') {
    const done = view.record.state.status === 'cosigned' ? 'Already co-signed: nothing changed.' : 'Already returned: nothing changed.';
    return cardFor(view, me, outcome.why === 'already_done' ? done : 'This record changed since this card was sent, so nothing changed. Here it is as it is now.');
  }
  await turn.messenger.refreshCopies(subjectOf(view), copyFor(view));
  const date = view.session.heldOn;
  await turn.messenger.sendTo(
    view.traineeId,
    kind === 'cosign'
      ? `${view.supervisorName} co-signed your supervision record for the session on ${date}.`
      : `${view.supervisorName} returned your supervision record for the session on ${date} with a comment. Type record to edit it and send it again.`,
  );
  return cardFor(view, me, kind === 'cosign' ? 'Co-signed. The trainee’s copy shows it too.' : 'Returned to the trainee with your comment.');
}

/** A record card refreshing itself (or asked to): the record as it is now, for whoever looks. */
export async function recordRefreshAction(turn: Turn, data: CardActionData['record.refresh']): Promise<AdaptiveCard> {
  const view = await viewSupervisionRecord(turn.app, { actor: turn.actor, enrolmentId: data.enrolmentId, recordId: data.recordId });
  return cardFor(view, turn.actor.person.id);
}
