import type { Progress } from '../../domain/progress';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { getMyProgress } from '../progress';
import { myTraineeEnrolment } from '../practice/trainee-enrolment';

/** Where a trainee's supervision records stand. */
export interface RecordCounts {
  readonly cosigned: number;
  readonly awaitingCosign: number;
  readonly returned: number;
  /** Sessions logged with no record yet. */
  readonly toWrite: number;
}

/** The asking trainee's progress with their supervision records alongside; null for someone who is not a trainee. */
export async function myProgressOverview(deps: AppDeps, input: { actor: Actor }): Promise<{ progress: Progress; records: RecordCounts } | null> {
  if (!input.actor.roles.includes('trainee')) return null;
  const enrolment = await myTraineeEnrolment(deps, { actor: input.actor, action: 'view_progress' });
  const [progress, records, sessions] = await Promise.all([getMyProgress(deps, input.actor.person.id), deps.store.supervisionRecords.list(enrolment.id), deps.store.supervision.list(enrolment.id)]);
  if (!progress) return null;
  const count = (status: string): number => records.filter((r) => r.value.state.status === status).length;
  const recorded = new Set(records.map((r) => r.value.sessionId));
  return {
    progress,
    records: { cosigned: count('cosigned'), awaitingCosign: count('awaiting_cosign'), returned: count('returned'), toWrite: sessions.filter((s) => !recorded.has(s.value.id)).length },
  };
}
