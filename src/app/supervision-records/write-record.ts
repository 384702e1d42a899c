import { AttuneError } from '../../domain/errors';
import { defaultVocabulary } from '../../domain/principles';
import { resubmitRecord, sameContent, submitRecord, type SupervisionRecord, type SupervisionRecordContent } from '../../domain/supervision-record';
import { changed, unchanged, type Outcome } from '../../domain/submission';
import type { Versioned } from '../../ports/data-store';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { myTraineeEnrolment } from '../practice/trainee-enrolment';
import { buildRecordView, isRecordId, type RecordView } from './record-view';

/**
 * A trainee writes (or, after it was returned, edits) the record of a supervision session; it goes to the
 * supervisor to co-sign. `revision` is what the form showed: null for a new record. A form sent twice, or
 * one that is older than the record, changes nothing.
 */
export async function submitSupervisionRecord(
  deps: AppDeps,
  input: { actor: Actor; sessionId: string; revision: number | null; content: SupervisionRecordContent },
): Promise<Outcome<RecordView>> {
  const enrolment = await myTraineeEnrolment(deps, { actor: input.actor, action: 'write_record' });
  const session = isRecordId(input.sessionId) ? await deps.store.supervision.get({ partition: enrolment.id, id: input.sessionId }) : null;
  if (!session) throw new AttuneError('invalid_input', 'The supervision record needs a few changes.', ['Session: choose one of your supervision sessions.']);
  const key = { partition: enrolment.id, id: session.value.id };
  const at = deps.clock.now().toISOString();
  const view = (record: SupervisionRecord): Promise<RecordView> => buildRecordView(deps, { enrolment, record });
  const settled = async (stored: SupervisionRecord): Promise<Outcome<RecordView>> => unchanged(await view(stored), sameContent(stored.content, input.content) ? 'already_done' : 'stale');

  const existing = await deps.store.supervisionRecords.get(key);
  let saved: Versioned<SupervisionRecord>;
  if (!existing) {
    const record = submitRecord({ id: session.value.id, enrolmentId: enrolment.id, sessionId: session.value.id, content: input.content, vocabulary: defaultVocabulary, at });
    try {
      saved = await deps.store.supervisionRecords.create(record);
    } catch (e) {
      const now = e instanceof AttuneError && e.code === 'conflict' ? await deps.store.supervisionRecords.get(key) : null;
      if (!now) throw e;
      return settled(now.value);
    }
  } else {
    if (input.revision !== existing.value.revision || existing.value.state.status === 'cosigned') return settled(existing.value);
    const next = resubmitRecord(existing.value, { content: input.content, at });
    try {
      saved = await deps.store.supervisionRecords.replace(next, existing.etag);
    } catch (e) {
      const now = e instanceof AttuneError && e.code === 'conflict' ? await deps.store.supervisionRecords.get(key) : null;
      if (!now) throw e;
      return settled(now.value);
    }
  }
  await audit(deps, { actor: input.actor, action: 'submit_record', object: { kind: 'supervision_record', id: saved.value.id }, subject: enrolment.traineeId });
  return changed(await view(saved.value));
}
