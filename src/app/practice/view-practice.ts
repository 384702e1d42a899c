import type { IsoDate } from '../../domain/dates';
import { consentScopes, type ConsentScope, type Cycle, type SupervisionMode } from '../../domain/practice';
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
  readonly cases: readonly {
    readonly id: string;
    readonly code: string;
    readonly openedOn: IsoDate;
    readonly endOfInvolvement: IsoDate | null;
    readonly consent: Readonly<Record<ConsentScope, boolean>>;
  }[];
  /** Newest filming first. */
  readonly cycles: readonly Cycle[];
  /** Newest first. */
  readonly supervision: readonly { readonly id: string; readonly heldOn: IsoDate; readonly minutes: number; readonly mode: SupervisionMode }[];
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
      .map((c) => ({
        id: c.id,
        code: c.code,
        openedOn: c.openedOn,
        endOfInvolvement: c.endOfInvolvement ?? null,
        consent: Object.fromEntries(consentScopes.map((s) => [s, c.consent[s].granted])) as Record<ConsentScope, boolean>,
      })),
    cycles: cycles.map((c) => c.value).sort((a, b) => b.filmedOn.localeCompare(a.filmedOn) || a.id.localeCompare(b.id)),
    supervision: sessions
      .map((s) => s.value)
      .sort((a, b) => b.heldOn.localeCompare(a.heldOn))
      .map((s) => ({ id: s.id, heldOn: s.heldOn, minutes: s.minutes, mode: s.mode })),
  };
}
