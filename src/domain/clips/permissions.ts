import { consentScopeFor, permits, relationshipsTo, type Action, type ExternalSupervisorInvite } from '../permissions';
import type { Case, Enrolment } from '../practice';
import type { PersonId } from '../people';

/**
 * Whether a person may take an action on a case's clips: some relationship of theirs to the enrolment must
 * permit the action *and* the family's consent for that relationship's scope must stand (the trainee who
 * filmed needs "filming"; supervisors need "supervisor viewing"). Withdrawing a scope stops access at once,
 * because this is decided on every request from the case as stored now.
 *
 * Deleting is the exception: a trainee may delete their clip whatever the consent says — withdrawn consent
 * is a reason to delete, not a reason to keep.
 */
export function mayActOnClips(input: { enrolment: Enrolment; person: PersonId; action: Action; clientCase: Case; now: Date; invites?: readonly ExternalSupervisorInvite[] }): boolean {
  const relationships = relationshipsTo({ enrolment: input.enrolment, person: input.person, now: input.now, ...(input.invites ? { invites: input.invites } : {}) });
  return relationships.some((r) => {
    if (!permits(r, input.action)) return false;
    if (input.action === 'delete_clip') return true;
    const scope = consentScopeFor(r);
    return scope !== null && input.clientCase.consent[scope].granted;
  });
}
