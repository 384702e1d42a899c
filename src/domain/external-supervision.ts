import { addDays, dateToInstant, isIsoDate, toIsoDate, type IsoDate } from './dates';
import { AttuneError } from './errors';
import type { StageMeetingKind } from './pathway';
import type { PersonId } from './people';
import type { ExternalSupervisorInvite } from './permissions';

/**
 * The external supervisor (an AVIGuk supervisor from outside the organisation, usually a Teams guest) is invited
 * to one trainee's transition or accreditation meeting. The invitation names them by email only until they sign
 * in; from then on it names their person id, and the email is never used again. Access opens at the invitation
 * and closes when the stage is signed off, the invitation is revoked, or its `until` passes, whichever is first.
 *
 * The email is personal data: it is stored here and shown to the trainee, supervisor and admins, but never
 * logged and never put in a URL or an audit entry.
 */

/** The longest an invitation stays open: the meeting's window, not a standing account. */
export const maxInvitationDays = 90;
/** Enough for a meeting's evidence; a longer list is a mistake, not a use. */
export const maxSharedClips = 30;

export type InvitationStatus =
  /** Sent; nobody has signed in with the email yet. */
  | { readonly kind: 'invited' }
  /** They signed in: from now on the invitation is theirs by person id. */
  | { readonly kind: 'accepted'; readonly personId: PersonId; readonly acceptedAt: string }
  /** Withdrawn by an admin or the supervisor: access stops at once. */
  | { readonly kind: 'revoked'; readonly revokedAt: string; readonly revokedBy: PersonId; readonly personId: PersonId | null }
  /** The external supervisor signed the stage off: the meeting's window is over. */
  | { readonly kind: 'ended'; readonly endedAt: string; readonly personId: PersonId };

export interface ExternalSupervisorInvitation {
  /** One invitation per enrolment and stage: `stage-{n}` (see `invitationId`). */
  readonly id: string;
  readonly enrolmentId: string;
  readonly stage: number;
  readonly meetingKind: StageMeetingKind;
  /** Lower-case, validated (`normaliseEmail`). */
  readonly email: string;
  readonly invitedBy: PersonId;
  readonly invitedAt: string;
  /** ISO instant: access closes then at the latest. */
  readonly until: string;
  readonly status: InvitationStatus;
  /** The clips the trainee shares for the meeting (each must also have the family's supervisor-viewing consent). */
  readonly sharedClipIds: readonly string[];
}

export const invitationId = (stage: number): string => `stage-${stage}`;

// `#` is left out: it is legal but rare, and it keeps a guest's `#EXT#` user principal name from passing as an email.
const emailPattern = /^[a-z0-9.!$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The email in the one form Attune compares: trimmed and lower-case; null when it is not an email address. */
export function normaliseEmail(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !emailPattern.test(email) || email.includes('..')) return null;
  return email;
}

/**
 * The email an Entra token says its holder uses, for matching an invitation: `email` if present, else
 * `preferred_username`, else `upn` — the first that is an email address. A guest's `upn` is usually the
 * `#EXT#` form, which is not one, so it rarely matches.
 */
export function emailFromClaims(claims: { readonly email?: unknown; readonly preferred_username?: unknown; readonly upn?: unknown }): string | null {
  return normaliseEmail(claims.email) ?? normaliseEmail(claims.preferred_username) ?? normaliseEmail(claims.upn);
}

/**
 * A new invitation, or `invalid_input` naming what is wrong. `until` (a date, inclusive) may shorten the window
 * from the default of `maxInvitationDays`; it may not lengthen it or end before today.
 */
export function newInvitation(input: { enrolmentId: string; stage: number; meetingKind: StageMeetingKind; email: unknown; invitedBy: PersonId; now: Date; until?: IsoDate | null }): ExternalSupervisorInvitation {
  const problems: string[] = [];
  const email = normaliseEmail(input.email);
  if (!email) problems.push('Email: enter the external supervisor’s email address, like name@example.org.');
  const latest = new Date(input.now.getTime() + maxInvitationDays * 86_400_000);
  let until = latest.toISOString();
  if (input.until !== undefined && input.until !== null) {
    const today = toIsoDate(input.now);
    if (!isIsoDate(input.until)) problems.push('Until: enter a date as year-month-day.');
    else if (input.until < today) problems.push('Until: the date has passed. Choose today or a later date.');
    else if (input.until > toIsoDate(latest)) problems.push(`Until: an invitation lasts at most ${maxInvitationDays} days, so choose a date up to ${toIsoDate(latest)}.`);
    else {
      const endOfDay = dateToInstant(addDays(input.until, 1)).toISOString();
      until = endOfDay < until ? endOfDay : until;
    }
  }
  if (problems.length || !email) throw new AttuneError('invalid_input', 'The invitation needs a few changes.', problems);
  return {
    id: invitationId(input.stage),
    enrolmentId: input.enrolmentId,
    stage: input.stage,
    meetingKind: input.meetingKind,
    email,
    invitedBy: input.invitedBy,
    invitedAt: input.now.toISOString(),
    until,
    status: { kind: 'invited' },
    sharedClipIds: [],
  };
}

/** Invited or accepted, and its window has not closed. */
export function isLive(invitation: ExternalSupervisorInvitation, now: Date): boolean {
  return (invitation.status.kind === 'invited' || invitation.status.kind === 'accepted') && now.toISOString() < invitation.until;
}

/** What `mayAct` needs: the accepted invitation's person and window, or null when it gives no access now. */
export function accessOf(invitation: ExternalSupervisorInvitation, now: Date): ExternalSupervisorInvite | null {
  if (invitation.status.kind !== 'accepted' || !isLive(invitation, now)) return null;
  return { enrolmentId: invitation.enrolmentId, personId: invitation.status.personId, stage: invitation.stage, from: invitation.invitedAt, until: invitation.until };
}

/** Whether a live, not yet accepted invitation is for this email (both normalised). */
export function awaitsEmail(invitation: ExternalSupervisorInvitation, email: string, now: Date): boolean {
  return invitation.status.kind === 'invited' && isLive(invitation, now) && invitation.email === normaliseEmail(email);
}

export function accept(invitation: ExternalSupervisorInvitation, input: { personId: PersonId; now: Date }): ExternalSupervisorInvitation {
  if (invitation.status.kind !== 'invited' || !isLive(invitation, input.now)) throw new AttuneError('invalid_state', 'This invitation is no longer open.');
  return { ...invitation, status: { kind: 'accepted', personId: input.personId, acceptedAt: input.now.toISOString() } };
}

export function revoke(invitation: ExternalSupervisorInvitation, input: { by: PersonId; now: Date }): ExternalSupervisorInvitation {
  if (!isLive(invitation, input.now)) throw new AttuneError('invalid_state', 'This invitation has already ended.');
  const personId = invitation.status.kind === 'accepted' ? invitation.status.personId : null;
  return { ...invitation, status: { kind: 'revoked', revokedAt: input.now.toISOString(), revokedBy: input.by, personId } };
}

/** The stage was signed off: the meeting's window is over. */
export function end(invitation: ExternalSupervisorInvitation, now: Date): ExternalSupervisorInvitation {
  if (invitation.status.kind !== 'accepted') throw new AttuneError('invalid_state', 'This invitation has not been accepted.');
  return { ...invitation, status: { kind: 'ended', endedAt: now.toISOString(), personId: invitation.status.personId } };
}

/** The clips shared for the meeting, replaced as a set: duplicates dropped, at most `maxSharedClips`. */
export function share(invitation: ExternalSupervisorInvitation, input: { clipIds: readonly string[]; now: Date }): ExternalSupervisorInvitation {
  if (!isLive(invitation, input.now)) throw new AttuneError('invalid_state', 'This invitation has ended, so nothing can be shared through it.');
  const clipIds = [...new Set(input.clipIds)];
  if (clipIds.length > maxSharedClips) throw new AttuneError('invalid_input', `Share at most ${maxSharedClips} clips for one meeting.`);
  return { ...invitation, sharedClipIds: clipIds };
}

/** The person an invitation belongs to once accepted (also after it was revoked or ended), else null. */
export function invitee(invitation: ExternalSupervisorInvitation): PersonId | null {
  switch (invitation.status.kind) {
    case 'invited':
      return null;
    case 'accepted':
    case 'ended':
      return invitation.status.personId;
    case 'revoked':
      return invitation.status.personId;
  }
}
