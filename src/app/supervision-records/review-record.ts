import { AttuneError } from '../../domain/errors';
import { cosignRecord, returnRecord, type SupervisionRecord } from '../../domain/supervision-record';
import { changed, unchanged, type Outcome } from '../../domain/submission';
import { audit, authorise } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { buildRecordView, isRecordId, type RecordView } from './record-view';

export type ReviewDecision = { readonly kind: 'cosign'; readonly comment: string } | { readonly kind: 'return'; readonly comment: string };

/**
 * The supervisor co-signs a supervision record, or returns it to the trainee with a comment. The card
 * carries the revision it showed: an action on an older revision, or one already taken, changes nothing
 * and the card shows the record as it now is.
 */
export async function reviewSupervisionRecord(
  deps: AppDeps,
  input: { actor: Actor; enrolmentId: string; recordId: string; revision: number; decision: ReviewDecision },
): Promise<Outcome<RecordView>> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'cosign_record' });
  const key = { partition: enrolment.id, id: input.recordId };
  const stored = isRecordId(input.recordId) ? await deps.store.supervisionRecords.get(key) : null;
  if (!stored) throw new AttuneError('not_found', 'Not found.');
  const view = (record: SupervisionRecord): Promise<RecordView> => buildRecordView(deps, { enrolment, record });
  const wanted = input.decision.kind === 'cosign' ? 'cosigned' : 'returned';
  const settled = async (now: SupervisionRecord): Promise<Outcome<RecordView>> => unchanged(await view(now), now.state.status === wanted ? 'already_done' : 'stale');

  if (stored.value.revision !== input.revision || stored.value.state.status !== 'awaiting_cosign') return settled(stored.value);
  const at = deps.clock.now().toISOString();
  const next = input.decision.kind === 'cosign' ? cosignRecord(stored.value, { at, comment: input.decision.comment }) : returnRecord(stored.value, { at, comment: input.decision.comment });
  let saved: SupervisionRecord;
  try {
    saved = (await deps.store.supervisionRecords.replace(next, stored.etag)).value;
  } catch (e) {
    const now = e instanceof AttuneError && e.code === 'conflict' ? await deps.store.supervisionRecords.get(key) : null;
    if (!now) throw e;
    return settled(now.value);
  }
  await audit(deps, { actor: input.actor, action: input.decision.kind === 'cosign' ? 'cosign_record' : 'return_record', object: { kind: 'supervision_record', id: saved.id }, subject: enrolment.traineeId });
  return changed(await view(saved));
}
