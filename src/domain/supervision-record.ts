import { AttuneError } from './errors';
import { principleKeys, type PrincipleKey, type PrincipleVocabulary } from './principles';

/**
 * The record a trainee writes after a supervision session, co-signed by the supervisor.
 * awaiting_cosign → cosigned, or → returned (with the supervisor's comment) → edited and resubmitted →
 * awaiting_cosign again. Every change bumps the revision, which cards carry so that an action on an older
 * revision is recognised as stale. One record per session: the record's id is the session's.
 */
export interface SupervisionRecordContent {
  readonly learningQuestion: string;
  /** What was working, in the trainee's words, tagged with principles of attuned interaction. */
  readonly whatWasWorking: string;
  readonly principles: readonly PrincipleKey[];
  readonly learningPoints: string;
  readonly nextSteps: string;
  /** The trainee confirms the family's consent covered everything shown in supervision. */
  readonly consentConfirmed: boolean;
}

export type SupervisionRecordState =
  | { readonly status: 'awaiting_cosign'; readonly submittedAt: string }
  | { readonly status: 'returned'; readonly submittedAt: string; readonly returnedAt: string; readonly comment: string }
  | { readonly status: 'cosigned'; readonly submittedAt: string; readonly cosignedAt: string; readonly comment: string | null };

export interface SupervisionRecord {
  readonly id: string;
  readonly enrolmentId: string;
  readonly sessionId: string;
  readonly revision: number;
  readonly content: SupervisionRecordContent;
  /** The principle vocabulary the tags were made with. */
  readonly vocabulary: { readonly id: string; readonly version: number };
  readonly state: SupervisionRecordState;
  /** When the retention schedule removed its free text (every case it discussed had passed its record date). */
  readonly redactedAt?: string;
}

export const maxRecordFieldLength = 2000;
export const maxCommentLength = 1000;

const fieldLabels: Readonly<Record<Exclude<keyof SupervisionRecordContent, 'principles' | 'consentConfirmed'>, string>> = {
  learningQuestion: 'Learning question',
  whatWasWorking: 'What was working',
  learningPoints: 'Learning points',
  nextSteps: 'Next steps',
};

/** Trims each text field; leaves the rest alone. */
export function tidyContent(c: SupervisionRecordContent): SupervisionRecordContent {
  return { ...c, learningQuestion: c.learningQuestion.trim(), whatWasWorking: c.whatWasWorking.trim(), learningPoints: c.learningPoints.trim(), nextSteps: c.nextSteps.trim(), principles: [...new Set(c.principles)] };
}

export function recordContentProblems(c: SupervisionRecordContent): string[] {
  const problems: string[] = [];
  for (const [key, label] of Object.entries(fieldLabels) as [keyof typeof fieldLabels, string][]) {
    const value = c[key].trim();
    if (!value) problems.push(`${label}: please fill this in.`);
    else if (value.length > maxRecordFieldLength) problems.push(`${label}: keep it to ${maxRecordFieldLength} characters (it has ${value.length}).`);
  }
  if (c.principles.length === 0) problems.push('Principles: tag what was working with at least one principle.');
  if (c.principles.some((p) => !principleKeys.includes(p))) problems.push('Principles: choose from the listed principles.');
  if (!c.consentConfirmed) problems.push('Consent: confirm that the family’s consent covered everything shown in supervision. If it did not, talk to your supervisor before you submit.');
  return problems;
}

export function submitRecord(input: { id: string; enrolmentId: string; sessionId: string; content: SupervisionRecordContent; vocabulary: PrincipleVocabulary; at: string }): SupervisionRecord {
  const content = tidyContent(input.content);
  const problems = recordContentProblems(content);
  if (problems.length) throw new AttuneError('invalid_input', 'The supervision record needs a few changes.', problems);
  return {
    id: input.id,
    enrolmentId: input.enrolmentId,
    sessionId: input.sessionId,
    revision: 1,
    content,
    vocabulary: { id: input.vocabulary.id, version: input.vocabulary.version },
    state: { status: 'awaiting_cosign', submittedAt: input.at },
  };
}

/** An edit before co-signing (after a return, or while it waits): back to the supervisor as a new revision. */
export function resubmitRecord(r: SupervisionRecord, input: { content: SupervisionRecordContent; at: string }): SupervisionRecord {
  if (r.state.status === 'cosigned') throw new AttuneError('invalid_state', 'This record is co-signed and can no longer be changed.');
  const content = tidyContent(input.content);
  const problems = recordContentProblems(content);
  if (problems.length) throw new AttuneError('invalid_input', 'The supervision record needs a few changes.', problems);
  return { ...r, revision: r.revision + 1, content, state: { status: 'awaiting_cosign', submittedAt: input.at } };
}

export function cosignRecord(r: SupervisionRecord, input: { at: string; comment: string }): SupervisionRecord {
  if (r.state.status !== 'awaiting_cosign') throw new AttuneError('invalid_state', `This record is ${describeRecordStatus(r.state.status)} and cannot be co-signed.`);
  const comment = input.comment.trim();
  if (comment.length > maxCommentLength) throw new AttuneError('invalid_input', `Keep your comment to ${maxCommentLength} characters.`);
  return { ...r, revision: r.revision + 1, state: { status: 'cosigned', submittedAt: r.state.submittedAt, cosignedAt: input.at, comment: comment || null } };
}

export function returnRecord(r: SupervisionRecord, input: { at: string; comment: string }): SupervisionRecord {
  if (r.state.status !== 'awaiting_cosign') throw new AttuneError('invalid_state', `This record is ${describeRecordStatus(r.state.status)} and cannot be returned.`);
  const comment = input.comment.trim();
  if (!comment) throw new AttuneError('invalid_input', 'Say what the trainee should change: a comment is needed to return a record.');
  if (comment.length > maxCommentLength) throw new AttuneError('invalid_input', `Keep your comment to ${maxCommentLength} characters.`);
  return { ...r, revision: r.revision + 1, state: { status: 'returned', submittedAt: r.state.submittedAt, returnedAt: input.at, comment } };
}

export function sameContent(a: SupervisionRecordContent, b: SupervisionRecordContent): boolean {
  const x = tidyContent(a);
  const y = tidyContent(b);
  return (
    x.learningQuestion === y.learningQuestion &&
    x.whatWasWorking === y.whatWasWorking &&
    x.learningPoints === y.learningPoints &&
    x.nextSteps === y.nextSteps &&
    x.consentConfirmed === y.consentConfirmed &&
    [...x.principles].sort().join() === [...y.principles].sort().join()
  );
}

export function describeRecordStatus(status: SupervisionRecordState['status']): string {
  switch (status) {
    case 'awaiting_cosign':
      return 'waiting for co-signing';
    case 'returned':
      return 'returned to the trainee';
    case 'cosigned':
      return 'co-signed';
  }
}
