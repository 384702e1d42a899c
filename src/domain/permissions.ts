import { scopeNeededFor, type ConsentUse } from './consent';
import type { ConsentScope, Enrolment } from './practice';
import type { PersonId } from './people';

/**
 * Who may do what, decided from records — never from claims a client sends.
 * A person's relationship to an enrolment (its trainee, supervisor or line manager, or an external
 * supervisor invited for a stage meeting's window) says which actions they may take on its objects.
 */
export type Relationship = 'trainee' | 'supervisor' | 'line_manager' | 'external_supervisor';

export type Action =
  | 'view_progress'
  | 'view_practice'
  | 'log_practice'
  | 'view_clip'
  | 'upload_clip'
  | 'delete_clip'
  | 'comment_clip'
  | 'write_record'
  | 'cosign_record'
  | 'sign_off_stage'
  | 'view_contract'
  | 'sign_contract'
  | 'view_clip_viewers'
  /** Find a time and book, move or cancel supervision as a Teams meeting. */
  | 'plan_supervision'
  /** See when supervision is booked (dates only: a line manager sees no more). */
  | 'view_schedule'
  /** Invite (or revoke) an external supervisor for the current stage's meeting; service admins may too. */
  | 'invite_external_supervisor'
  /** See who is invited as external supervisor, and the invitation's status. */
  | 'view_external_supervisors'
  /** Choose the clips the external supervisor sees for the meeting. */
  | 'share_clips_for_meeting'
  /** The external supervisor's own view of the trainee's stage: its summary, the shared clips, the sign-off. */
  | 'view_stage_summary'
  /** Record a case's end of involvement (which starts the retention clock for its clips). */
  | 'close_case'
  /** Record the family withdrawing or granting a consent scope again, or a new review date. */
  | 'change_consent';

const allowed: Readonly<Record<Relationship, readonly Action[]>> = {
  trainee: ['view_progress', 'view_practice', 'log_practice', 'view_clip', 'upload_clip', 'delete_clip', 'comment_clip', 'write_record', 'view_contract', 'sign_contract', 'view_clip_viewers', 'plan_supervision', 'view_schedule', 'view_external_supervisors', 'share_clips_for_meeting', 'close_case', 'change_consent'],
  supervisor: ['view_progress', 'view_practice', 'view_clip', 'comment_clip', 'cosign_record', 'sign_off_stage', 'view_contract', 'sign_contract', 'plan_supervision', 'view_schedule', 'invite_external_supervisor', 'view_external_supervisors', 'close_case', 'change_consent'],
  // Line managers see contracts and progress summaries — never clips or case notes.
  line_manager: ['view_progress', 'view_contract', 'sign_contract', 'view_schedule'],
  // An external supervisor sees one trainee's stage summary and the clips shared for the meeting, only during
  // the meeting's window — never the practice record (cases, cycles), records or contracts. Which clips is
  // decided in src/app/clips/authorise-clip.ts from the invitation's shared list and the family's consent.
  external_supervisor: ['view_stage_summary', 'view_clip', 'comment_clip', 'sign_off_stage', 'view_schedule'],
};

export function permits(relationship: Relationship, action: Action): boolean {
  return allowed[relationship].includes(action);
}

/** An invitation for a guest supervisor to one trainee's stage meeting. */
export interface ExternalSupervisorInvite {
  readonly enrolmentId: string;
  readonly personId: PersonId;
  readonly stage: number;
  /** ISO instants: access opens and closes with the meeting's window. */
  readonly from: string;
  readonly until: string;
}

export function relationshipsTo(input: { enrolment: Enrolment; person: PersonId; invites?: readonly ExternalSupervisorInvite[]; now?: Date }): Relationship[] {
  const { enrolment, person } = input;
  const out: Relationship[] = [];
  if (enrolment.traineeId === person) out.push('trainee');
  if (enrolment.supervisorId === person) out.push('supervisor');
  if (enrolment.lineManagerId === person) out.push('line_manager');
  const now = input.now?.toISOString();
  if (now && (input.invites ?? []).some((i) => i.enrolmentId === enrolment.id && i.personId === person && i.from <= now && now < i.until)) out.push('external_supervisor');
  return out;
}

export function mayAct(input: { enrolment: Enrolment; person: PersonId; action: Action; invites?: readonly ExternalSupervisorInvite[]; now?: Date }): boolean {
  return relationshipsTo(input).some((r) => permits(r, input.action));
}

/**
 * Clip viewing also needs the family's consent for the viewer's scope: supervisors (and external
 * supervisors) need "supervisor viewing"; the trainee who filmed needs "filming". Withdrawn consent stops
 * access at once.
 */
export function consentScopeFor(relationship: Relationship): ConsentScope | null {
  const use = consentUseFor(relationship);
  return use === null ? null : scopeNeededFor(use);
}

/** What a relationship's access to a family's clips is, in consent's terms (line managers have none). */
export function consentUseFor(relationship: Relationship): ConsentUse | null {
  switch (relationship) {
    case 'trainee':
      return 'trainee_viewing';
    case 'supervisor':
      return 'supervisor_viewing';
    case 'external_supervisor':
      return 'external_supervisor_viewing';
    case 'line_manager':
      return null;
  }
}
