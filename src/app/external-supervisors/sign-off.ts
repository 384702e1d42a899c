import { AttuneError } from '../../domain/errors';
import { end, type ExternalSupervisorInvitation } from '../../domain/external-supervision';
import { relationshipsTo } from '../../domain/permissions';
import { progress } from '../../domain/progress';
import type { StageMeeting } from '../../domain/practice';
import { isSubmissionId, type Outcome } from '../../domain/submission';
import { audit, authorise } from '../authorise';
import type { AppDeps } from '../deps';
import type { Caller } from '../people';
import { createOnce } from '../practice/create-once';
import { loadPathway, loadPracticeRecords } from '../progress';
import { checkStageMeeting } from '../stages/stage-meeting';
import { externalAccessOf, invitationObject, updateInvitation } from './invitations';

export interface ExternalSignOffInput {
  readonly heldOn: string;
  readonly minutes: number;
  readonly outcome: 'signed_off' | 'not_yet';
}

/**
 * The external supervisor records the outcome of the stage meeting they were invited to: signed off — which ends
 * the stage and, with it, their access — or not yet (the invitation stays open for another meeting). The same
 * checks as the supervisor's form apply (a date in the stage, requirements met before a sign-off). A form sent
 * twice (the same submission id) changes nothing the second time.
 */
export async function signOffAsExternalSupervisor(deps: AppDeps, input: { actor: Caller; enrolmentId: string; submissionId: string; meeting: ExternalSignOffInput }): Promise<Outcome<StageMeeting>> {
  if (!isSubmissionId(input.submissionId)) throw new AttuneError('invalid_input', 'This form is not one Attune sent. Reload the page and try again.');
  const access = await externalAccessOf(deps, { enrolmentId: input.enrolmentId, person: input.actor.person.id });
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'sign_off_stage', invites: access?.invites ?? [] });
  const now = deps.clock.now();
  // Only as the external supervisor: the trainee's own supervisor signs off through their form.
  if (!access || !relationshipsTo({ enrolment, person: input.actor.person.id, invites: access.invites, now }).includes('external_supervisor')) {
    await audit(deps, { actor: input.actor, action: 'sign_off_stage', object: { kind: 'enrolment', id: enrolment.id }, outcome: 'refused' });
    throw new AttuneError('not_found', 'Not found.');
  }
  const invitation = access.invitation.value;
  const [pathway, records] = await Promise.all([loadPathway(deps, enrolment.pathway), loadPracticeRecords(deps, enrolment.id)]);
  const existing = records.meetings.find((m) => m.id === input.submissionId);
  if (existing) {
    // Sent again (perhaps after a crash between the two writes below): make sure the window closed with the stage.
    if (existing.outcome === 'signed_off') await endInvitation(deps, { actor: input.actor, invitation, traineeId: enrolment.traineeId, now });
    return { kind: 'unchanged', why: 'already_done', value: existing };
  }
  const { current } = checkStageMeeting({ enrolment, progress: progress({ enrolment, pathway }, records, now), now, meeting: { ...input.meeting, externalSupervisorTookPart: true }, requireExternal: false });
  if (current.stage !== invitation.stage) throw new AttuneError('invalid_state', `You were invited to the Stage ${invitation.stage} meeting, and that stage is no longer the current one.`);

  const m = input.meeting;
  const meeting: StageMeeting = { id: input.submissionId, enrolmentId: enrolment.id, stage: current.stage, kind: current.meeting.kind, heldOn: m.heldOn, minutes: m.minutes, outcome: m.outcome, externalSupervisorId: input.actor.person.id };
  const outcome = await createOnce(deps.store.meetings, meeting, { partition: enrolment.id, id: meeting.id });
  if (outcome.kind === 'changed') {
    await audit(deps, { actor: input.actor, action: m.outcome === 'signed_off' ? 'sign_off_stage' : 'record_stage_meeting', object: { kind: 'stage_meeting', id: meeting.id }, subject: enrolment.traineeId, purpose: 'external_supervisor' });
  }
  // The stage is over, and so is the meeting's window.
  if (outcome.value.outcome === 'signed_off') await endInvitation(deps, { actor: input.actor, invitation, traineeId: enrolment.traineeId, now });
  return outcome;
}

async function endInvitation(deps: AppDeps, input: { actor: Caller; invitation: ExternalSupervisorInvitation; traineeId: string; now: Date }): Promise<void> {
  let changed = false;
  const ended = await updateInvitation(deps, input.invitation, (c) => {
    changed = c.status.kind === 'accepted';
    return changed ? end(c, input.now) : c;
  });
  if (changed) await audit(deps, { actor: input.actor, action: 'end_external_invitation', object: invitationObject(ended.value), subject: input.traineeId });
}
