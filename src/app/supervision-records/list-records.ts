import { AttuneError } from '../../domain/errors';
import { authorise } from '../authorise';
import type { AppDeps } from '../deps';
import { enrolmentsWhere, type Actor } from '../people';
import { practiceOptions, type PracticeOptions } from '../practice/practice-options';
import { myTraineeEnrolment } from '../practice/trainee-enrolment';
import { buildRecordView, isRecordId, type RecordView } from './record-view';

/** One supervision record, for the trainee or the supervisor (never the line manager: it holds case notes). */
export async function viewSupervisionRecord(deps: AppDeps, input: { actor: Actor; enrolmentId: string; recordId: string }): Promise<RecordView> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'view_practice' });
  const stored = isRecordId(input.recordId) ? await deps.store.supervisionRecords.get({ partition: enrolment.id, id: input.recordId }) : null;
  if (!stored) throw new AttuneError('not_found', 'Not found.');
  return buildRecordView(deps, { enrolment, record: stored.value });
}

/** Records waiting for the asking supervisor's co-signature, oldest first. */
export async function recordsAwaitingMyCosign(deps: AppDeps, input: { actor: Actor }): Promise<RecordView[]> {
  const mine = await enrolmentsWhere(deps, (e) => e.supervisorId === input.actor.person.id);
  const views: RecordView[] = [];
  for (const e of mine) {
    const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: e.id, action: 'cosign_record' });
    const waiting = (await deps.store.supervisionRecords.list(enrolment.id)).map((r) => r.value).filter((r) => r.state.status === 'awaiting_cosign');
    for (const record of waiting) views.push(await buildRecordView(deps, { enrolment, record }));
  }
  return views.sort((a, b) => a.session.heldOn.localeCompare(b.session.heldOn));
}

/** What a trainee has to write: sessions with no record yet, and records their supervisor returned. */
export async function myRecordWork(deps: AppDeps, input: { actor: Actor }): Promise<{ options: PracticeOptions; returned: RecordView[] }> {
  const options = await practiceOptions(deps, input);
  const enrolment = await myTraineeEnrolment(deps, { actor: input.actor, action: 'write_record' });
  const returned = (await deps.store.supervisionRecords.list(enrolment.id)).map((r) => r.value).filter((r) => r.state.status === 'returned');
  return { options, returned: await Promise.all(returned.map((record) => buildRecordView(deps, { enrolment, record }))) };
}
