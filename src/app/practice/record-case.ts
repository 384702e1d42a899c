import { caseCodeProblems, normaliseCaseCode } from '../../domain/case-code';
import { isIsoDate, toIsoDate, type IsoDate } from '../../domain/dates';
import { AttuneError } from '../../domain/errors';
import { dateProblems } from '../../domain/practice-input';
import { consentScopes, type Case, type ConsentScope } from '../../domain/practice';
import { isSubmissionId, unchanged, type Outcome } from '../../domain/submission';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { createOnce } from './create-once';
import { myTraineeEnrolment, serviceOf } from './trainee-enrolment';

export interface CaseInput {
  readonly code: string;
  /** Each scope recorded separately: granted or not. */
  readonly consent: Readonly<Record<ConsentScope, boolean>>;
  /** Defaults to today. */
  readonly openedOn?: IsoDate;
}

/**
 * A trainee records a new case: a pseudonymous code, the family's consent per scope, and the lawful basis
 * the service works under (a service setting, not the trainee's choice).
 */
export async function recordCase(deps: AppDeps, input: { actor: Actor; submissionId: string; case: CaseInput }): Promise<Outcome<Case>> {
  if (!isSubmissionId(input.submissionId)) throw new AttuneError('invalid_input', 'This form is not one Attune sent. Type log case to get a fresh one.');
  const enrolment = await myTraineeEnrolment(deps, { actor: input.actor, action: 'log_practice' });
  const now = deps.clock.now();
  const today = toIsoDate(now);
  const openedOn = input.case.openedOn ?? today;
  const problems = [...caseCodeProblems(input.case.code), ...(isIsoDate(openedOn) ? dateProblems('Opened on', openedOn, { today, enrolmentStart: enrolment.startedOn }) : ['Opened on: enter a date as year-month-day.'])];
  if (problems.length) throw new AttuneError('invalid_input', 'The case needs a few changes.', problems);

  const code = normaliseCaseCode(input.case.code);
  const existing = (await deps.store.cases.list(enrolment.id)).map((c) => c.value);
  const same = existing.find((c) => c.id === input.submissionId);
  if (same) return unchanged(same, 'already_done');
  if (existing.some((c) => c.code === code)) throw new AttuneError('invalid_input', 'The case needs a few changes.', [`You already have a case ${code}. Use a new code for a new family.`]);

  const service = await serviceOf(deps, enrolment);
  const recordedAt = now.toISOString();
  const consent = Object.fromEntries(consentScopes.map((s) => [s, { granted: input.case.consent[s], recordedAt }])) as Case['consent'];
  const value: Case = { id: input.submissionId, enrolmentId: enrolment.id, code, lawfulBasis: service.lawfulBasis, consent, openedOn };
  const outcome = await createOnce(deps.store.cases, value, { partition: enrolment.id, id: value.id });
  if (outcome.kind === 'changed') await audit(deps, { actor: input.actor, action: 'create_case', object: { kind: 'case', id: value.id }, subject: enrolment.traineeId });
  return outcome;
}
