import { AttuneError } from '../../domain/errors';
import { accessOf, invitee, isLive, type ExternalSupervisorInvitation } from '../../domain/external-supervision';
import { mayAct, type Action, type ExternalSupervisorInvite } from '../../domain/permissions';
import type { Enrolment } from '../../domain/practice';
import type { PersonId } from '../../domain/people';
import type { Versioned } from '../../ports/data-store';
import { audit, findEnrolment } from '../authorise';
import type { AppDeps } from '../deps';
import { personById, type Caller } from '../people';

/** What the trainee, supervisor and admins see of an invitation (the email included: they typed it). */
export interface InvitationView {
  readonly enrolmentId: string;
  readonly stage: number;
  readonly meetingKind: ExternalSupervisorInvitation['meetingKind'];
  readonly email: string;
  readonly status: ExternalSupervisorInvitation['status']['kind'];
  /** Invited or accepted, and the window still open. */
  readonly live: boolean;
  readonly invitedAt: string;
  readonly until: string;
  /** Once they signed in: their name as Attune knows it. */
  readonly inviteeName: string | null;
  readonly sharedClipIds: readonly string[];
}

export async function viewInvitation(deps: AppDeps, invitation: ExternalSupervisorInvitation): Promise<InvitationView> {
  const who = invitee(invitation);
  const person = who ? await personById(deps, who) : null;
  return {
    enrolmentId: invitation.enrolmentId,
    stage: invitation.stage,
    meetingKind: invitation.meetingKind,
    email: invitation.email,
    status: invitation.status.kind,
    live: isLive(invitation, deps.clock.now()),
    invitedAt: invitation.invitedAt,
    until: invitation.until,
    inviteeName: person?.displayName ?? null,
    sharedClipIds: invitation.sharedClipIds,
  };
}

/** The audit log's name for an invitation: ids only (never the email). */
export const invitationObject = (i: { enrolmentId: string; id: string }): { kind: string; id: string } => ({ kind: 'external_supervisor_invitation', id: `${i.enrolmentId}/${i.id}`.slice(0, 100) });

/**
 * The enrolment, if the caller may take `action` on its invitations: through their relationship to it (the
 * supervisor invites; trainee and supervisor see them), or as an admin of the enrolment's service. Anyone else
 * gets `not_found`, written to the audit log.
 */
export async function authoriseInvitations(deps: AppDeps, input: { actor: Caller; enrolmentId: string; action: Action; admins: boolean }): Promise<Enrolment> {
  const enrolment = await findEnrolment(deps, input.enrolmentId);
  const person = input.actor.person.id;
  if (enrolment) {
    if (mayAct({ enrolment, person, action: input.action, now: deps.clock.now() })) return enrolment;
    if (input.admins && (await deps.store.services.get({ partition: 'service', id: enrolment.serviceId }))?.value.admins.includes(person)) return enrolment;
  }
  await audit(deps, { actor: input.actor, action: input.action, object: { kind: 'enrolment', id: input.enrolmentId.slice(0, 100) }, outcome: 'refused' });
  throw new AttuneError('not_found', 'Not found.');
}

/**
 * The caller's open, accepted invitation to an enrolment and the access it gives (for `authorise` and the clip
 * gate), or null. One read of the enrolment's invitations.
 */
export async function externalAccessOf(deps: AppDeps, input: { enrolmentId: string; person: PersonId }): Promise<{ invitation: Versioned<ExternalSupervisorInvitation>; invites: ExternalSupervisorInvite[] } | null> {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(input.enrolmentId)) return null;
  const now = deps.clock.now();
  for (const stored of await deps.store.externalSupervisors.list(input.enrolmentId)) {
    const access = accessOf(stored.value, now);
    if (access && access.personId === input.person) return { invitation: stored, invites: [access] };
  }
  return null;
}

/**
 * Applies `change` to the stored invitation with its ETag; on a conflict (someone changed it meanwhile) reads it
 * again and reapplies, so accepting never overwrites a revocation and a revocation never loses a share.
 */
export async function updateInvitation(deps: AppDeps, key: { enrolmentId: string; id: string }, change: (current: ExternalSupervisorInvitation) => ExternalSupervisorInvitation): Promise<Versioned<ExternalSupervisorInvitation>> {
  for (let attempt = 0; ; attempt++) {
    const current = await deps.store.externalSupervisors.get({ partition: key.enrolmentId, id: key.id });
    if (!current) throw new AttuneError('not_found', 'Not found.');
    try {
      return await deps.store.externalSupervisors.replace(change(current.value), current.etag);
    } catch (e) {
      if (!(e instanceof AttuneError && e.code === 'conflict') || attempt >= 3) throw e;
    }
  }
}
