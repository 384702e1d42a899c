import { addDays, isIsoDate, type IsoDate } from './dates';
import { AttuneError } from './errors';
import type { PersonId } from './people';
import { consentScopes, type Case, type ConsentScope, type ConsentVersion } from './practice';
import { changed, unchanged, type Outcome } from './submission';

/**
 * A case's consent over time, and its close. Consent is versioned: each change adds a version holding the
 * whole set of scopes, who recorded it and when, and the next review date; nothing is edited in place. A
 * change names the version it was made from, so two people changing consent at once cannot overwrite each
 * other (the second is told it is stale). Every access path names the one scope it needs (`scopeNeededFor`),
 * and every check reads the case as stored now, so a withdrawal takes effect on the next request.
 */

/** Everything Attune does with a family's clips or records that the family's consent governs. */
export type ConsentUse =
  /** Logging a cycle (the filming happened) and uploading its clips. */
  | 'filming'
  /** The trainee who filmed views, marks and comments on their own clip (tab, bot links, playback). */
  | 'trainee_viewing'
  /** The trainee's supervisor views and comments (tab, playback, the supervisor's new-clip reminder). */
  | 'supervisor_viewing'
  /** An invited external supervisor views the clips shared for a stage meeting; the trainee shares them. */
  | 'external_supervisor_viewing'
  /** Other trainees view the clip in an intervision group. */
  | 'peer_viewing'
  /** A clip shown at a training event or presentation, or exported for one. */
  | 'training_use';

const scopeOfUse: Readonly<Record<ConsentUse, ConsentScope>> = {
  filming: 'filming',
  trainee_viewing: 'filming',
  supervisor_viewing: 'supervisor_viewing',
  external_supervisor_viewing: 'supervisor_viewing',
  peer_viewing: 'peer_intervision',
  training_use: 'training_use',
};

export const consentUses = Object.keys(scopeOfUse) as readonly ConsentUse[];

/** The one consent scope an access path needs. */
export function scopeNeededFor(use: ConsentUse): ConsentScope {
  return scopeOfUse[use];
}

/** Whether the case's consent as stored now allows this use. */
export function consentAllows(clientCase: Pick<Case, 'consent'>, use: ConsentUse): boolean {
  return clientCase.consent[scopeOfUse[use]].granted;
}

export function consentVersionOf(clientCase: Pick<Case, 'consentVersion'>): number {
  return clientCase.consentVersion ?? 1;
}

/** The scopes as granted now. */
export function scopesOf(clientCase: Pick<Case, 'consent'>): Record<ConsentScope, boolean> {
  return Object.fromEntries(consentScopes.map((s) => [s, clientCase.consent[s].granted])) as Record<ConsentScope, boolean>;
}

/** Every version of the case's consent, oldest first (a case never changed has its first version only). */
export function consentHistoryOf(clientCase: Case): readonly ConsentVersion[] {
  if (clientCase.consentHistory?.length) return clientCase.consentHistory;
  const recordedAt = consentScopes.map((s) => clientCase.consent[s].recordedAt).sort()[0] ?? `${clientCase.openedOn}T00:00:00.000Z`;
  return [{ version: 1, recordedAt, recordedBy: null, scopes: scopesOf(clientCase), reviewOn: clientCase.consentReviewOn ?? null }];
}

/** How far ahead a review date may be set: five years. */
export const maxReviewDays = 5 * 366;

export interface ConsentChangeInput {
  /** The version the person read; a change made from an older one is stale and changes nothing. */
  readonly fromVersion: number;
  readonly scopes: Readonly<Record<ConsentScope, boolean>>;
  readonly reviewOn: IsoDate | null;
  readonly by: PersonId;
  readonly now: Date;
  readonly today: IsoDate;
}

/**
 * The case with its consent changed, as a new version. The same consent and review date as now changes
 * nothing (a double submission); a change from an older version is stale. After the end of involvement a
 * scope may still be withdrawn but not granted: there is no more work with the family to consent to.
 */
export function changeConsent(clientCase: Case, input: ConsentChangeInput): Outcome<Case> {
  const current = scopesOf(clientCase);
  const currentReview = clientCase.consentReviewOn ?? null;
  const same = consentScopes.every((s) => current[s] === input.scopes[s]) && currentReview === input.reviewOn;
  if (same) return unchanged(clientCase, 'already_done');
  const version = consentVersionOf(clientCase);
  if (input.fromVersion !== version) return unchanged(clientCase, 'stale');
  const problems: string[] = [];
  if (input.reviewOn !== null) {
    if (!isIsoDate(input.reviewOn)) problems.push('Review on: enter a date as year-month-day.');
    else if (input.reviewOn < input.today) problems.push('Review on: the review date cannot be in the past.');
    else if (input.reviewOn > addDays(input.today, maxReviewDays)) problems.push('Review on: set a review date within five years.');
  }
  if (clientCase.endOfInvolvement) {
    const granted = consentScopes.filter((s) => input.scopes[s] && !current[s]);
    if (granted.length) problems.push('Consent: involvement with this family has ended, so consent can be withdrawn but not granted.');
  }
  if (problems.length) throw new AttuneError('invalid_input', 'The consent needs a few changes.', problems);
  const recordedAt = input.now.toISOString();
  const next: ConsentVersion = { version: version + 1, recordedAt, recordedBy: input.by, scopes: { ...input.scopes }, reviewOn: input.reviewOn };
  const consent = Object.fromEntries(
    consentScopes.map((s) => [s, current[s] === input.scopes[s] ? clientCase.consent[s] : { granted: input.scopes[s], recordedAt }]),
  ) as Case['consent'];
  const { consentReviewOn: _old, ...rest } = clientCase;
  return changed({
    ...rest,
    consent,
    consentVersion: next.version,
    ...(input.reviewOn !== null ? { consentReviewOn: input.reviewOn } : {}),
    consentHistory: [...consentHistoryOf(clientCase), next],
  });
}

/** The scopes a change withdraws (granted before, not after), for the audit log. */
export function withdrawnScopes(before: Case, after: Case): ConsentScope[] {
  return consentScopes.filter((s) => before.consent[s].granted && !after.consent[s].granted);
}

/**
 * The case with its end of involvement recorded, which starts the retention clock for its clips. The day
 * must fall between the case's opening and today. Recording the same day again changes nothing; a case
 * already closed on another day stays closed on it (the retention date never moves silently).
 */
export function endInvolvement(clientCase: Case, input: { on: IsoDate; by: PersonId; now: Date; today: IsoDate }): Outcome<Case> {
  if (clientCase.endOfInvolvement === input.on) return unchanged(clientCase, 'already_done');
  if (clientCase.endOfInvolvement) throw new AttuneError('invalid_state', `This case was closed on ${clientCase.endOfInvolvement}, so its end of involvement is already recorded.`);
  const problems: string[] = [];
  if (!isIsoDate(input.on)) problems.push('End of involvement: enter a date as year-month-day.');
  else if (input.on > input.today) problems.push('End of involvement: the date cannot be in the future.');
  else if (input.on < clientCase.openedOn) problems.push(`End of involvement: the date cannot be before the case was opened (${clientCase.openedOn}).`);
  if (problems.length) throw new AttuneError('invalid_input', 'The end of involvement needs a few changes.', problems);
  return changed({ ...clientCase, endOfInvolvement: input.on, endOfInvolvementRecorded: { recordedAt: input.now.toISOString(), recordedBy: input.by } });
}
