import { consentAllows } from '../../domain/consent';
import { toIsoDate, type IsoDate } from '../../domain/dates';
import { AttuneError } from '../../domain/errors';
import { cycleProblems, dateProblems } from '../../domain/practice-input';
import type { Case, Cycle } from '../../domain/practice';
import { changed, isSubmissionId, type Outcome } from '../../domain/submission';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { createOnce } from './create-once';
import { findCase, type CaseRef } from './find-case';
import { myTraineeEnrolment } from './trainee-enrolment';

/**
 * A trainee logs a cycle: filming and (when it has happened) the shared review. A cycle counts towards the
 * pathway once its shared review is done. Filming needs the family's consent to filming.
 */
export async function recordCycle(
  deps: AppDeps,
  input: { actor: Actor; submissionId: string; case: CaseRef; filmedOn: IsoDate; sharedReviewOn: IsoDate | null },
): Promise<Outcome<{ cycle: Cycle; case: Case }>> {
  if (!isSubmissionId(input.submissionId)) throw new AttuneError('invalid_input', 'This form is not one Attune sent. Type log cycle to get a fresh one.');
  const enrolment = await myTraineeEnrolment(deps, { actor: input.actor, action: 'log_practice' });
  const today = toIsoDate(deps.clock.now());
  const problems = cycleProblems({ filmedOn: input.filmedOn, sharedReviewOn: input.sharedReviewOn }, { today, enrolmentStart: enrolment.startedOn });
  const theCase = await findCase(deps, { enrolmentId: enrolment.id, ref: input.case, label: 'Case' }).catch((e: unknown) => {
    if (e instanceof AttuneError && e.code === 'invalid_input') {
      problems.unshift(...e.details);
      return null;
    }
    throw e;
  });
  if (theCase && !consentAllows(theCase, 'filming')) problems.push('Case: the family has not consented to filming, so no cycle can be logged for this case.');
  if (problems.length || !theCase) throw new AttuneError('invalid_input', 'The cycle needs a few changes.', problems);

  const cycle: Cycle = { id: input.submissionId, enrolmentId: enrolment.id, caseId: theCase.id, filmedOn: input.filmedOn, ...(input.sharedReviewOn ? { sharedReviewOn: input.sharedReviewOn } : {}) };
  const outcome = await createOnce(deps.store.cycles, cycle, { partition: enrolment.id, id: cycle.id });
  if (outcome.kind === 'changed') await audit(deps, { actor: input.actor, action: 'create_cycle', object: { kind: 'cycle', id: cycle.id }, subject: enrolment.traineeId });
  return { ...outcome, value: { cycle: outcome.value, case: theCase } };
}

/** The shared review of a case's latest cycle that is still waiting for one (`log cycle FAM-0142 reviewed today`). */
export async function recordSharedReview(deps: AppDeps, input: { actor: Actor; case: CaseRef; sharedReviewOn: IsoDate }): Promise<Outcome<{ cycle: Cycle; case: Case }>> {
  const enrolment = await myTraineeEnrolment(deps, { actor: input.actor, action: 'log_practice' });
  const theCase = await findCase(deps, { enrolmentId: enrolment.id, ref: input.case, label: 'Case' });
  const today = toIsoDate(deps.clock.now());
  const problems = dateProblems('Shared review on', input.sharedReviewOn, { today, enrolmentStart: enrolment.startedOn });
  if (problems.length) throw new AttuneError('invalid_input', 'The shared review needs a few changes.', problems);
  const open = (await deps.store.cycles.list(enrolment.id)).filter((c) => c.value.caseId === theCase.id && !c.value.sharedReviewOn).sort((a, b) => b.value.filmedOn.localeCompare(a.value.filmedOn))[0];
  if (!open) throw new AttuneError('invalid_input', 'There is no cycle to add a shared review to.', [`${theCase.code} has no filmed cycle waiting for its shared review. Log a whole cycle with: log cycle ${theCase.code} filmed <date> reviewed <date>`]);
  if (input.sharedReviewOn < open.value.filmedOn) throw new AttuneError('invalid_input', 'The shared review needs a few changes.', ['Shared review on: the shared review cannot come before the filming.']);
  // A stale write never overwrites: if the cycle changed meanwhile the store refuses, and the person tries again.
  const saved = await deps.store.cycles.replace({ ...open.value, sharedReviewOn: input.sharedReviewOn }, open.etag);
  await audit(deps, { actor: input.actor, action: 'update_cycle', object: { kind: 'cycle', id: saved.value.id }, subject: enrolment.traineeId });
  return changed({ cycle: saved.value, case: theCase });
}
