import type { Clip, DeletionReason } from '../../domain/clips/clip';
import { AttuneError } from '../../domain/errors';
import type { Versioned } from '../../ports/data-store';
import { audit, findEnrolment } from '../authorise';
import type { Caller } from '../people';
import { authoriseClip } from './authorise-clip';
import type { ClipDeps } from './deps';
import { vaultStill } from './still-images';

/** The trainee deletes their clip (consent need not stand: withdrawn consent is a reason to delete). */
export async function deleteClip(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string }): Promise<void> {
  const { clip } = await authoriseClip(deps, { ...input, action: 'delete_clip', allowDeleting: true });
  if (clip.value.legalHold) throw new AttuneError('invalid_state', 'This clip is on legal hold and cannot be deleted now. Your service lead can tell you more.');
  await destroyClip(deps, { clip, reason: 'requested', actor: input.actor });
}

/**
 * Destroys a clip, crypto-shredding first: (1) mark it `deleting`, so an interruption is finished later;
 * (2) destroy its wrapped data key (which also seals its still pictures) — from then on no copy of its bytes anywhere (backups, soft-deleted blob
 * versions) can be read; (3) delete its blob and its stills' picture blobs; (4) remove its moments, stills and comments and its record;
 * (5) write the deletion to the audit log. Each step is idempotent, so running it again finishes the job.
 */
export async function destroyClip(deps: ClipDeps, input: { clip: Versioned<Clip>; reason: DeletionReason; actor: Caller | null }): Promise<void> {
  const c = input.clip.value;
  let current: Versioned<Clip> | null = input.clip;
  for (let attempt = 0; current?.value.state === 'available'; attempt++) {
    if (attempt > 0 && current.value.legalHold) throw new AttuneError('invalid_state', 'This clip was put on legal hold.');
    try {
      await deps.clips.clips.replace({ ...current.value, state: 'deleting', deletionStartedAt: deps.clock.now().toISOString(), deletionReason: input.reason }, current.etag);
      break;
    } catch (e) {
      // Changed meanwhile: look again (gone already, put on hold, or being deleted by someone else).
      if (!(e instanceof AttuneError && e.code === 'conflict') || attempt >= 3) throw e;
      current = await deps.clips.clips.get({ partition: c.enrolmentId, id: c.id });
    }
  }
  if (!current) return;
  await deps.vault.shredKey(c.id);
  await deps.vault.deleteBlobs({ clipId: c.id, layout: c.layout });
  // Still pictures were sealed under the key just destroyed; their blobs go too.
  for (const s of await deps.clips.stills.list(c.id)) if (s.value.image) await deps.vault.deleteStill(vaultStill(s.value, s.value.image));
  const marks = [deps.clips.moments, deps.clips.stills, deps.clips.comments] as const;
  for (const repo of marks) {
    for (const m of await repo.list(c.id)) await repo.remove({ partition: c.id, id: (m.value as { id: string }).id });
  }
  await deps.clips.clips.remove({ partition: c.enrolmentId, id: c.id });
  const enrolment = await findEnrolment(deps, c.enrolmentId);
  await audit(deps, {
    actor: input.actor,
    action: 'delete_clip',
    object: { kind: 'clip', id: c.id },
    purpose: input.reason === 'retention' ? 'retention schedule' : 'deleted on request',
    ...(enrolment ? { subject: enrolment.traineeId } : {}),
  });
}
