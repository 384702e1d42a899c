import type { IsoDate } from '../../domain/dates';
import { AttuneError } from '../../domain/errors';
import { invitationId, isLive, newInvitation, revoke } from '../../domain/external-supervision';
import { progress } from '../../domain/progress';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import type { Caller } from '../people';
import { loadPathway, loadPracticeRecords } from '../progress';
import { authoriseInvitations, invitationObject, updateInvitation, viewInvitation, type InvitationView } from './invitations';

/**
 * An admin of the enrolment's service, or the trainee's supervisor, invites an external supervisor by email to
 * the meeting of the trainee's current stage (a transition or accreditation meeting, as the pathway says). One
 * open invitation per stage: a second is refused until the first is revoked.
 */
export async function inviteExternalSupervisor(deps: AppDeps, input: { actor: Caller; enrolmentId: string; stage: number; email: string; until?: IsoDate | null }): Promise<InvitationView> {
  const enrolment = await authoriseInvitations(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'invite_external_supervisor', admins: true });
  const [pathway, records] = await Promise.all([loadPathway(deps, enrolment.pathway), loadPracticeRecords(deps, enrolment.id)]);
  const now = deps.clock.now();
  const rule = pathway.stages.find((s) => s.stage === input.stage);
  if (!rule) throw new AttuneError('invalid_input', `Stage: ${pathway.name} has no stage ${input.stage}.`);
  const current = progress({ enrolment, pathway }, records, now).stages.find((s) => s.status === 'current');
  if (!current) throw new AttuneError('invalid_state', 'Every stage of this pathway is already signed off.');
  if (current.stage !== rule.stage) throw new AttuneError('invalid_state', `An external supervisor is invited to the current stage’s meeting, and that is ${current.name}.`);

  const invitation = newInvitation({ enrolmentId: enrolment.id, stage: rule.stage, meetingKind: rule.meeting.kind, email: input.email, invitedBy: input.actor.person.id, now, until: input.until ?? null });
  const existing = await deps.store.externalSupervisors.get({ partition: enrolment.id, id: invitationId(rule.stage) });
  if (existing && isLive(existing.value, now)) throw new AttuneError('conflict', `An external supervisor is already invited to ${rule.name}’s ${rule.meeting.kind} meeting. Revoke that invitation first.`);
  // A revoked or lapsed invitation for the stage gives way to the new one (the audit log keeps the history).
  const stored = existing ? await deps.store.externalSupervisors.replace(invitation, existing.etag) : await deps.store.externalSupervisors.create(invitation);
  await audit(deps, { actor: input.actor, action: 'invite_external_supervisor', object: invitationObject(invitation), subject: enrolment.traineeId });
  return viewInvitation(deps, stored.value);
}

/** The admin or supervisor withdraws the invitation: the external supervisor's access stops at once. */
export async function revokeExternalSupervisor(deps: AppDeps, input: { actor: Caller; enrolmentId: string; stage: number }): Promise<InvitationView> {
  const enrolment = await authoriseInvitations(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'invite_external_supervisor', admins: true });
  const key = { enrolmentId: enrolment.id, id: invitationId(input.stage) };
  if (!Number.isInteger(input.stage) || !(await deps.store.externalSupervisors.get({ partition: key.enrolmentId, id: key.id }))) throw new AttuneError('not_found', 'There is no invitation for that stage.');
  const stored = await updateInvitation(deps, key, (current) => revoke(current, { by: input.actor.person.id, now: deps.clock.now() }));
  await audit(deps, { actor: input.actor, action: 'revoke_external_supervisor', object: invitationObject(stored.value), subject: enrolment.traineeId });
  return viewInvitation(deps, stored.value);
}

/** The enrolment's invitations, stage by stage, for its trainee, supervisor and the service's admins. */
export async function listExternalSupervisors(deps: AppDeps, input: { actor: Caller; enrolmentId: string }): Promise<InvitationView[]> {
  const enrolment = await authoriseInvitations(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'view_external_supervisors', admins: true });
  const stored = (await deps.store.externalSupervisors.list(enrolment.id)).map((s) => s.value).sort((a, b) => a.stage - b.stage);
  return Promise.all(stored.map((i) => viewInvitation(deps, i)));
}
