import { toIsoDate, type IsoDate } from '../../domain/dates';
import { AttuneError } from '../../domain/errors';
import { sessionProblems } from '../../domain/practice-input';
import type { SupervisionMode, SupervisionSession } from '../../domain/practice';
import { isSubmissionId, type Outcome } from '../../domain/submission';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { linkLoggedSession } from '../scheduling/planned-view';
import { createOnce } from './create-once';
import { findCase, type CaseRef } from './find-case';
import { myTraineeEnrolment } from './trainee-enrolment';

/** A trainee logs a supervision session: counted in minutes, never sessions. */
export async function recordSupervisionSession(
  deps: AppDeps,
  input: { actor: Actor; submissionId: string; heldOn: IsoDate; minutes: number; mode: SupervisionMode; cases: readonly CaseRef[]; /** The booked supervision this session is the record of, when the form was filled in from one. */ plannedId?: string | null },
): Promise<Outcome<SupervisionSession>> {
  if (!isSubmissionId(input.submissionId)) throw new AttuneError('invalid_input', 'This form is not one Attune sent. Type log supervision to get a fresh one.');
  const enrolment = await myTraineeEnrolment(deps, { actor: input.actor, action: 'log_practice' });
  const today = toIsoDate(deps.clock.now());
  const problems = sessionProblems({ heldOn: input.heldOn, minutes: input.minutes, mode: input.mode }, { today, enrolmentStart: enrolment.startedOn });
  const caseIds: string[] = [];
  for (const ref of input.cases.slice(0, 20)) {
    try {
      caseIds.push((await findCase(deps, { enrolmentId: enrolment.id, ref, label: 'Cases discussed' })).id);
    } catch (e) {
      if (!(e instanceof AttuneError && e.code === 'invalid_input')) throw e;
      problems.push(...e.details);
    }
  }
  if (problems.length) throw new AttuneError('invalid_input', 'The supervision session needs a few changes.', [...new Set(problems)]);
  const session: SupervisionSession = { id: input.submissionId, enrolmentId: enrolment.id, heldOn: input.heldOn, minutes: input.minutes, mode: input.mode, caseIds: [...new Set(caseIds)], clipIds: [] };
  const outcome = await createOnce(deps.store.supervision, session, { partition: enrolment.id, id: session.id });
  if (outcome.kind === 'changed') await audit(deps, { actor: input.actor, action: 'create_supervision', object: { kind: 'supervision', id: session.id }, subject: enrolment.traineeId });
  if (input.plannedId) await linkLoggedSession(deps, { enrolmentId: enrolment.id, plannedId: input.plannedId, sessionId: outcome.value.id });
  return outcome;
}
