import type { Progress } from '../../domain/progress';
import type { PlannedKind } from '../../domain/scheduling/planned-supervision';
import type { TimeWindow } from '../../ports/calendar';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { getMyProgress } from '../progress';
import { myTraineeEnrolment } from '../practice/trainee-enrolment';
import { nextMeetingOf } from '../scheduling/planned-view';

/** Where a trainee's supervision records stand. */
export interface RecordCounts {
  readonly cosigned: number;
  readonly awaitingCosign: number;
  readonly returned: number;
  /** Sessions logged with no record yet. */
  readonly toWrite: number;
}

export interface ProgressOverview {
  readonly progress: Progress;
  readonly records: RecordCounts;
  /** The next supervision or stage meeting booked, or null. */
  readonly nextMeeting: { readonly window: TimeWindow; readonly kind: PlannedKind } | null;
}

/** The asking trainee's progress with their supervision records and next booked meeting alongside; null for someone who is not a trainee. */
export async function myProgressOverview(deps: AppDeps, input: { actor: Actor }): Promise<ProgressOverview | null> {
  if (!input.actor.roles.includes('trainee')) return null;
  const enrolment = await myTraineeEnrolment(deps, { actor: input.actor, action: 'view_progress' });
  const [progress, records, sessions, nextMeeting] = await Promise.all([
    getMyProgress(deps, input.actor.person.id),
    deps.store.supervisionRecords.list(enrolment.id),
    deps.store.supervision.list(enrolment.id),
    nextMeetingOf(deps, enrolment.id),
  ]);
  if (!progress) return null;
  const count = (status: string): number => records.filter((r) => r.value.state.status === status).length;
  const recorded = new Set(records.map((r) => r.value.sessionId));
  return {
    progress,
    records: { cosigned: count('cosigned'), awaitingCosign: count('awaiting_cosign'), returned: count('returned'), toWrite: sessions.filter((s) => !recorded.has(s.value.id)).length },
    nextMeeting,
  };
}
