import { changeConsent, endInvolvement, withdrawnScopes } from '../../domain/consent';
import { toIsoDate, type IsoDate } from '../../domain/dates';
import { AttuneError } from '../../domain/errors';
import type { Action } from '../../domain/permissions';
import { mayAct } from '../../domain/permissions';
import type { Case, ConsentScope, Enrolment } from '../../domain/practice';
import type { Outcome } from '../../domain/submission';
import type { Versioned } from '../../ports/data-store';
import { audit, authorise } from '../authorise';
import type { AppDeps } from '../deps';
import type { Caller } from '../people';
import { personById } from '../people';

/**
 * Closing a case and changing its consent, through the product: the trainee or their supervisor records
 * the end of involvement (which starts the retention clock for the case's clips) and the family's consent
 * changes (a new version each time). Each use case authorises the enrolment, reads the case as stored now,
 * applies the pure rule (src/domain/consent.ts) and replaces it under its ETag, so a concurrent change is a
 * `conflict` rather than a lost update. Every change is audited without its content.
 */

const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

async function caseFor(deps: AppDeps, input: { actor: Caller; enrolmentId: string; caseId: string; action: Action }): Promise<{ enrolment: Enrolment; stored: Versioned<Case> }> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: input.action });
  const stored = idPattern.test(input.caseId) ? await deps.store.cases.get({ partition: enrolment.id, id: input.caseId }) : null;
  if (!stored) {
    await audit(deps, { actor: input.actor, action: input.action, object: { kind: 'case', id: input.caseId.slice(0, 100) }, outcome: 'refused' });
    throw new AttuneError('not_found', 'Not found.');
  }
  return { enrolment, stored };
}

/** One case of an enrolment, for the trainee and their supervisor (the bot's case card). */
export async function viewCase(deps: AppDeps, input: { actor: Caller; enrolmentId: string; caseId: string }): Promise<{ enrolment: Enrolment; clientCase: Case; today: IsoDate }> {
  const { enrolment, stored } = await caseFor(deps, { ...input, action: 'view_practice' });
  return { enrolment, clientCase: stored.value, today: toIsoDate(deps.clock.now()) };
}

export interface ConsentChangeRequest {
  readonly fromVersion: number;
  readonly scopes: Readonly<Record<ConsentScope, boolean>>;
  readonly reviewOn: IsoDate | null;
}

/**
 * Records the family's consent as it now stands: scopes withdrawn or granted again, and the next review
 * date. It takes effect on the next request anywhere (every access check reads the case as stored).
 */
export async function changeCaseConsent(deps: AppDeps, input: { actor: Caller; enrolmentId: string; caseId: string; change: ConsentChangeRequest }): Promise<Outcome<Case>> {
  const { enrolment, stored } = await caseFor(deps, { ...input, action: 'change_consent' });
  const now = deps.clock.now();
  const outcome = changeConsent(stored.value, { ...input.change, by: input.actor.person.id, now, today: toIsoDate(now) });
  if (outcome.kind === 'unchanged') return outcome;
  await deps.store.cases.replace(outcome.value, stored.etag);
  const withdrawn = withdrawnScopes(stored.value, outcome.value);
  await audit(deps, { actor: input.actor, action: withdrawn.length ? 'consent_withdrawn' : 'consent_changed', object: { kind: 'case', id: stored.value.id }, subject: enrolment.traineeId });
  return outcome;
}

/** Records the end of involvement with the family: the case's clips are deleted the service's retention period after it. */
export async function endCaseInvolvement(deps: AppDeps, input: { actor: Caller; enrolmentId: string; caseId: string; on: IsoDate }): Promise<Outcome<Case>> {
  const { enrolment, stored } = await caseFor(deps, { ...input, action: 'close_case' });
  const now = deps.clock.now();
  const outcome = endInvolvement(stored.value, { on: input.on, by: input.actor.person.id, now, today: toIsoDate(now) });
  if (outcome.kind === 'unchanged') return outcome;
  await deps.store.cases.replace(outcome.value, stored.etag);
  await audit(deps, { actor: input.actor, action: 'end_of_involvement', object: { kind: 'case', id: stored.value.id }, subject: enrolment.traineeId });
  return outcome;
}

export interface CaseListing {
  readonly enrolmentId: string;
  readonly traineeName: string;
  readonly cases: readonly Case[];
}

/** The cases a person may close or change consent on: their own as a trainee, their trainees' as a supervisor. */
export async function casesICanManage(deps: AppDeps, input: { actor: Caller }): Promise<CaseListing[]> {
  const person = input.actor.person.id;
  const enrolments = (await deps.store.enrolments.list()).map((e) => e.value).filter((enrolment) => mayAct({ enrolment, person, action: 'change_consent' }));
  const listings = await Promise.all(
    enrolments.map(async (e) => {
      const [cases, trainee] = await Promise.all([deps.store.cases.list(e.id), personById(deps, e.traineeId)]);
      return { enrolmentId: e.id, traineeName: e.traineeId === person ? 'You' : (trainee?.displayName ?? 'A trainee'), cases: cases.map((c) => c.value).sort((a, b) => a.code.localeCompare(b.code)) };
    }),
  );
  return listings.sort((a, b) => a.traineeName.localeCompare(b.traineeName));
}
