import { toIsoDate, type IsoDate } from '../../domain/dates';
import type { LawfulBasis } from '../../domain/service';
import type { SupervisionSession } from '../../domain/practice';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { supervisionToLog, type SupervisionToLog } from '../scheduling/planned-view';
import { myTraineeEnrolment, serviceOf } from './trainee-enrolment';

export interface PracticeOptions {
  readonly enrolmentId: string;
  readonly today: IsoDate;
  readonly enrolmentStart: IsoDate;
  /** The service's lawful basis, which every new case records. */
  readonly lawfulBasis: LawfulBasis;
  /** The trainee's cases, newest first, for a form's case picker. */
  readonly cases: readonly { readonly id: string; readonly code: string }[];
  /** Sessions with no supervision record yet, newest first. */
  readonly sessionsWithoutRecord: readonly SupervisionSession[];
  /** The latest booked supervision that is over and not logged yet: what "log supervision" is filled in with. */
  readonly bookedToLog: SupervisionToLog | null;
}

/** What a trainee's forms offer to choose from. */
export async function practiceOptions(deps: AppDeps, input: { actor: Actor }): Promise<PracticeOptions> {
  const enrolment = await myTraineeEnrolment(deps, { actor: input.actor, action: 'view_practice' });
  const r = deps.store;
  const [cases, sessions, records, service, bookedToLog] = await Promise.all([
    r.cases.list(enrolment.id),
    r.supervision.list(enrolment.id),
    r.supervisionRecords.list(enrolment.id),
    serviceOf(deps, enrolment),
    supervisionToLog(deps, { enrolment }),
  ]);
  const recorded = new Set(records.map((x) => x.value.sessionId));
  return {
    enrolmentId: enrolment.id,
    today: toIsoDate(deps.clock.now()),
    enrolmentStart: enrolment.startedOn,
    lawfulBasis: service.lawfulBasis,
    cases: cases
      .map((c) => c.value)
      .sort((a, b) => b.openedOn.localeCompare(a.openedOn) || a.code.localeCompare(b.code))
      .map((c) => ({ id: c.id, code: c.code })),
    sessionsWithoutRecord: sessions
      .map((s) => s.value)
      .filter((s) => !recorded.has(s.id))
      .sort((a, b) => b.heldOn.localeCompare(a.heldOn))
      .slice(0, 20),
    bookedToLog,
  };
}
