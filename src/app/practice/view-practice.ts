import type { IsoDate } from '../../domain/dates';
import { consentHistoryOf, consentVersionOf, scopesOf } from '../../domain/consent';
import type { Case, ConsentScope, Cycle, SupervisionMode } from '../../domain/practice';
import { type PersonId } from '../../domain/people';
import { authorise } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { personById } from '../people';

/**
 * One enrolment's cases, cycles and supervision sessions, for the trainee and their supervisor (never the
 * line manager: case codes and consent are case notes). Consent is shown per scope, so a supervisor can see
 * why a case's clips are hidden from them.
 */
export interface PracticeView {
  readonly enrolmentId: string;
  readonly traineeId: PersonId;
  readonly traineeName: string;
  readonly startedOn: IsoDate;
  /** Newest first. */
  readonly cases: readonly CaseSummary[];
  /** Newest filming first. */
  readonly cycles: readonly Cycle[];
  /** Newest first. */
  readonly supervision: readonly { readonly id: string; readonly heldOn: IsoDate; readonly minutes: number; readonly mode: SupervisionMode }[];
}

/** A case as the trainee and supervisor see it: consent now and every version of it, and its close. */
export interface CaseSummary {
  readonly id: string;
  readonly code: string;
  readonly openedOn: IsoDate;
  readonly endOfInvolvement: IsoDate | null;
  readonly consent: Readonly<Record<ConsentScope, boolean>>;
  readonly consentVersion: number;
  readonly consentReviewOn: IsoDate | null;
  readonly consentHistory: readonly { readonly version: number; readonly recordedAt: string; readonly scopes: Readonly<Record<ConsentScope, boolean>>; readonly reviewOn: IsoDate | null }[];
}

export function caseSummaryOf(c: Case): CaseSummary {
  return {
    id: c.id,
    code: c.code,
    openedOn: c.openedOn,
    endOfInvolvement: c.endOfInvolvement ?? null,
    consent: scopesOf(c),
    consentVersion: consentVersionOf(c),
    consentReviewOn: c.consentReviewOn ?? null,
    consentHistory: consentHistoryOf(c).map((v) => ({ version: v.version, recordedAt: v.recordedAt, scopes: v.scopes, reviewOn: v.reviewOn })),
  };
}

export async function viewPractice(deps: AppDeps, input: { actor: Actor; enrolmentId: string }): Promise<PracticeView> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'view_practice' });
  const r = deps.store;
  const [cases, cycles, sessions, trainee] = await Promise.all([r.cases.list(enrolment.id), r.cycles.list(enrolment.id), r.supervision.list(enrolment.id), personById(deps, enrolment.traineeId)]);
  return {
    enrolmentId: enrolment.id,
    traineeId: enrolment.traineeId,
    traineeName: trainee?.displayName ?? 'A trainee',
    startedOn: enrolment.startedOn,
    cases: cases
      .map((c) => c.value)
      .sort((a, b) => b.openedOn.localeCompare(a.openedOn) || a.code.localeCompare(b.code))
      .map(caseSummaryOf),
    cycles: cycles.map((c) => c.value).sort((a, b) => b.filmedOn.localeCompare(a.filmedOn) || a.id.localeCompare(b.id)),
    supervision: sessions
      .map((s) => s.value)
      .sort((a, b) => b.heldOn.localeCompare(a.heldOn))
      .map((s) => ({ id: s.id, heldOn: s.heldOn, minutes: s.minutes, mode: s.mode })),
  };
}
