import type { TimeWindow } from '../ports/calendar';
import type { PlannedKind } from '../domain/scheduling/planned-supervision';
import { nextMeetingOf } from './scheduling/planned-view';
import { AttuneError } from '../domain/errors';
import { progress, progressHistory, type Progress, type ProgressPoint } from '../domain/progress';
import type { PathwayDefinition } from '../domain/pathway';
import type { Enrolment, PracticeRecords } from '../domain/practice';
import type { PersonId } from '../domain/people';
import { pathwayVersionKey } from '../ports/data-store';
import type { AppDeps } from './deps';
import { enrolmentsWhere, personById } from './people';

export async function loadPathway(deps: AppDeps, ref: { id: string; version: number }): Promise<PathwayDefinition> {
  const stored = await deps.store.pathways.get({ partition: ref.id, id: pathwayVersionKey(ref.version) });
  if (!stored) throw new AttuneError('not_found', 'The pathway for this enrolment is missing. Ask your service lead to check the pathway settings.');
  return stored.value;
}

export async function loadPracticeRecords(deps: AppDeps, enrolmentId: string): Promise<PracticeRecords> {
  const r = deps.store;
  const [cases, cycles, supervision, meetings] = await Promise.all([r.cases.list(enrolmentId), r.cycles.list(enrolmentId), r.supervision.list(enrolmentId), r.meetings.list(enrolmentId)]);
  const values = <T>(xs: { value: T }[]): T[] => xs.map((x) => x.value);
  return { cases: values(cases), cycles: values(cycles), supervision: values(supervision), meetings: values(meetings) };
}

async function progressOf(deps: AppDeps, enrolment: Enrolment): Promise<Progress> {
  const [pathway, records] = await Promise.all([loadPathway(deps, enrolment.pathway), loadPracticeRecords(deps, enrolment.id)]);
  return progress({ enrolment, pathway }, records, deps.clock.now());
}

/** The asking trainee's progress on their current enrolment, or null if they are not a trainee. */
export async function getMyProgress(deps: AppDeps, me: PersonId): Promise<Progress | null> {
  const mine = await enrolmentsWhere(deps, (e) => e.traineeId === me);
  const latest = mine.sort((a, b) => b.startedOn.localeCompare(a.startedOn))[0];
  return latest ? progressOf(deps, latest) : null;
}

export interface TraineeSummary {
  readonly id: PersonId;
  readonly displayName: string;
  readonly relationship: 'supervisor' | 'line_manager';
  readonly progress: Progress;
  /** The next supervision or stage meeting booked (dates only), or null. */
  readonly nextMeeting: { readonly window: TimeWindow; readonly kind: PlannedKind } | null;
}

/** Trainees the asking person supervises or line-manages, with their progress (a summary: no clips, no case notes). */
export async function listMyTrainees(deps: AppDeps, me: PersonId): Promise<TraineeSummary[]> {
  const related = await enrolmentsWhere(deps, (e) => e.supervisorId === me || e.lineManagerId === me);
  const out = await Promise.all(
    related.map(async (e): Promise<TraineeSummary | null> => {
      const trainee = await personById(deps, e.traineeId);
      if (!trainee) return null;
      return { id: trainee.id, displayName: trainee.displayName, relationship: e.supervisorId === me ? 'supervisor' : 'line_manager', progress: await progressOf(deps, e), nextMeeting: await nextMeetingOf(deps, e.id) };
    }),
  );
  return out.filter((t): t is TraineeSummary => t !== null).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The asking trainee's progress month by month since they started, or null if they are not a trainee. */
export async function getMyProgressHistory(deps: AppDeps, me: PersonId): Promise<ProgressPoint[] | null> {
  const mine = await enrolmentsWhere(deps, (e) => e.traineeId === me);
  const latest = mine.sort((a, b) => b.startedOn.localeCompare(a.startedOn))[0];
  if (!latest) return null;
  const [pathway, records] = await Promise.all([loadPathway(deps, latest.pathway), loadPracticeRecords(deps, latest.id)]);
  return progressHistory({ enrolment: latest, pathway }, records, deps.clock.now());
}
