import { isIsoDate, toIsoDate, type IsoDate } from '../../domain/dates';
import { AttuneError } from '../../domain/errors';
import { invitationId, isLive } from '../../domain/external-supervision';
import { progress, type Progress, type StageProgress } from '../../domain/progress';
import type { Enrolment, StageMeeting } from '../../domain/practice';
import { isSubmissionId, type Outcome } from '../../domain/submission';
import { audit, authorise } from '../authorise';
import type { AppDeps } from '../deps';
import { enrolmentsWhere, personById, type Actor } from '../people';
import { createOnce } from '../practice/create-once';
import { loadPathway, loadPracticeRecords } from '../progress';

export interface StageMeetingInput {
  readonly heldOn: IsoDate;
  readonly minutes: number;
  readonly outcome: StageMeeting['outcome'];
  /** A stage is signed off at a meeting the external supervisor took part in. */
  readonly externalSupervisorTookPart: boolean;
}

export interface StageMeetingResult {
  readonly meeting: StageMeeting;
  readonly traineeId: string;
  readonly traineeName: string;
  /** Progress with the meeting counted. */
  readonly progress: Progress;
}

/**
 * The supervisor records the transition (or accreditation) meeting of a trainee's current stage with the
 * external supervisor, and signs the stage off — or records that it is not signed off yet. A stage is only
 * signed off once its cycles, new clients and supervision minutes are met.
 *
 * When an external supervisor is invited to the stage's meeting (an open invitation), their sign-off is the one
 * that ends the stage (`signOffAsExternalSupervisor`): the supervisor's record is kept as the meeting having
 * happened, outcome `not_yet`, with what the supervisor recommended. Without an invitation (the external
 * supervisor has no Attune account), the supervisor's record signs the stage off, as before.
 */
export async function recordStageMeeting(deps: AppDeps, input: { actor: Actor; enrolmentId: string; submissionId: string; meeting: StageMeetingInput }): Promise<Outcome<StageMeetingResult>> {
  if (!isSubmissionId(input.submissionId)) throw new AttuneError('invalid_input', 'This form is not one Attune sent. Type stage meeting to get a fresh one.');
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'sign_off_stage' });
  const [pathway, records, trainee] = await Promise.all([loadPathway(deps, enrolment.pathway), loadPracticeRecords(deps, enrolment.id), personById(deps, enrolment.traineeId)]);
  const now = deps.clock.now();
  const existing = records.meetings.find((m) => m.id === input.submissionId);
  const result = (meeting: StageMeeting, p: Progress): StageMeetingResult => ({ meeting, traineeId: enrolment.traineeId, traineeName: trainee?.displayName ?? 'Your trainee', progress: p });
  if (existing) return { kind: 'unchanged', why: 'already_done', value: result(existing, progress({ enrolment, pathway }, records, now)) };

  const before = progress({ enrolment, pathway }, records, now);
  const { current } = checkStageMeeting({ enrolment, progress: before, now, meeting: input.meeting, requireExternal: true });
  const m = input.meeting;
  // While an external supervisor is invited to this stage's meeting, the sign-off is theirs: the supervisor's
  // record says the meeting happened (and what they recommend) but does not end the stage.
  const invitation = await deps.store.externalSupervisors.get({ partition: enrolment.id, id: invitationId(current.stage) });
  const awaiting = invitation !== null && isLive(invitation.value, now);
  const meeting: StageMeeting = {
    id: input.submissionId,
    enrolmentId: enrolment.id,
    stage: current.stage,
    kind: current.meeting.kind,
    heldOn: m.heldOn,
    minutes: m.minutes,
    outcome: awaiting ? 'not_yet' : m.outcome,
    ...(awaiting ? { awaitingExternalSignOff: { recommended: m.outcome } } : {}),
  };
  const outcome = await createOnce(deps.store.meetings, meeting, { partition: enrolment.id, id: meeting.id });
  if (outcome.kind === 'changed') {
    await audit(deps, { actor: input.actor, action: meeting.outcome === 'signed_off' ? 'sign_off_stage' : 'record_stage_meeting', object: { kind: 'stage_meeting', id: meeting.id }, subject: enrolment.traineeId });
  }
  const after = progress({ enrolment, pathway }, { ...records, meetings: [...records.meetings.filter((x) => x.id !== meeting.id), outcome.value] }, now);
  return { ...outcome, value: result(outcome.value, after) };
}

/**
 * The checks a stage meeting's record must pass, whoever records it: a current stage, a date in the stage and not
 * in the future, a length, an outcome, and requirements met before a sign-off. Throws `invalid_input` (every
 * problem) or `invalid_state`; returns the current stage.
 */
export function checkStageMeeting(input: { enrolment: Enrolment; progress: Progress; now: Date; meeting: StageMeetingInput; requireExternal: boolean }): { current: StageProgress } {
  const before = input.progress;
  const current = before.stages.find((s) => s.status === 'current');
  if (!current || before.currentStage === null) throw new AttuneError('invalid_state', 'Every stage of this pathway is already signed off.');
  const stageStart = before.stages.filter((s) => s.completedOn).map((s) => s.completedOn!).sort().pop() ?? input.enrolment.startedOn;
  const m = input.meeting;
  const problems: string[] = [];
  const today = toIsoDate(input.now);
  if (!isIsoDate(m.heldOn)) problems.push('Held on: enter a date as year-month-day.');
  else if (m.heldOn > today) problems.push('Held on: the date is in the future. Record the meeting once it has happened.');
  else if (m.heldOn < stageStart) problems.push(`Held on: ${current.name} started on ${stageStart}; the meeting cannot be before that.`);
  if (!Number.isInteger(m.minutes) || m.minutes < 1 || m.minutes > 480) problems.push('Length: enter the length in whole minutes, from 1 to 480.');
  if (m.outcome !== 'signed_off' && m.outcome !== 'not_yet') problems.push('Outcome: choose signed off or not yet.');
  if (input.requireExternal && m.outcome === 'signed_off' && !m.externalSupervisorTookPart) problems.push('External supervisor: a stage is signed off at a meeting the external supervisor took part in. Confirm they did, or record the outcome as not yet.');
  if (problems.length) throw new AttuneError('invalid_input', 'The meeting record needs a few changes.', problems);
  if (m.outcome === 'signed_off' && current.meeting.status !== 'due') {
    throw new AttuneError('invalid_state', `${current.name} is not ready to sign off yet.`, before.next.map((n) => n.text));
  }
  return { current };
}

export interface SuperviseeStage {
  readonly enrolmentId: string;
  readonly traineeName: string;
  readonly stageName: string;
  readonly meetingKind: 'transition' | 'accreditation';
  /** The stage's requirements are met: the meeting can sign it off. */
  readonly due: boolean;
}

/** The asking supervisor's trainees who are still in a stage, for the stage-meeting form. */
export async function myTraineesStages(deps: AppDeps, input: { actor: Actor }): Promise<{ today: IsoDate; trainees: SuperviseeStage[] }> {
  const mine = await enrolmentsWhere(deps, (e) => e.supervisorId === input.actor.person.id);
  const out: SuperviseeStage[] = [];
  for (const e of mine) {
    const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: e.id, action: 'sign_off_stage' });
    const [pathway, records, trainee] = await Promise.all([loadPathway(deps, enrolment.pathway), loadPracticeRecords(deps, enrolment.id), personById(deps, enrolment.traineeId)]);
    const current = progress({ enrolment, pathway }, records, deps.clock.now()).stages.find((s) => s.status === 'current');
    if (current) out.push({ enrolmentId: enrolment.id, traineeName: trainee?.displayName ?? 'A trainee', stageName: current.name, meetingKind: current.meeting.kind, due: current.meeting.status === 'due' });
  }
  return { today: toIsoDate(deps.clock.now()), trainees: out.sort((a, b) => a.traineeName.localeCompare(b.traineeName)) };
}
