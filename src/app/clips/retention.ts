import { clipsDueForDeletion, expiredUploads } from '../../domain/clips/retention';
import { toIsoDate } from '../../domain/dates';
import { retentionMonths } from './clips';
import { destroyClip } from './deletion';
import type { ClipDeps } from './deps';
import { discardUpload } from './upload';

export interface RetentionRun {
  readonly deleted: number;
  readonly discardedUploads: number;
  readonly failed: number;
}

/**
 * The retention job: for every enrolment, delete the clips that are due today (by the pure rule in
 * `domain/clip-retention.ts`) and discard uploads that expired unfinished. Each deletion is written to the
 * audit log by `destroyClip`; a failure is audited as failed and retried on the next run.
 */
export async function runClipRetention(deps: ClipDeps): Promise<RetentionRun> {
  const now = deps.clock.now();
  const today = toIsoDate(now);
  let deleted = 0;
  let discardedUploads = 0;
  let failed = 0;
  for (const { value: enrolment } of await deps.store.enrolments.list()) {
    const [clips, cases, uploads, months] = await Promise.all([
      deps.clips.clips.list(enrolment.id),
      deps.store.cases.list(enrolment.id),
      deps.clips.uploads.list(enrolment.id),
      retentionMonths(deps, enrolment.serviceId),
    ]);
    const due = clipsDueForDeletion({ clips: clips.map((c) => c.value), cases: cases.map((c) => c.value), retentionMonthsAfterEnd: months, today });
    for (const d of due) {
      const clip = clips.find((c) => c.value.id === d.clipId);
      if (!clip) continue;
      try {
        await destroyClip(deps, { clip, reason: clip.value.state === 'deleting' ? clip.value.deletionReason : 'retention', actor: null });
        deleted += 1;
      } catch {
        failed += 1;
        await deps.audit.append({ at: deps.clock.now().toISOString(), actor: null, action: 'delete_clip', object: { kind: 'clip', id: d.clipId }, outcome: 'failed', purpose: 'retention schedule', subject: enrolment.traineeId });
      }
    }
    for (const upload of expiredUploads(uploads.map((u) => u.value), now)) {
      try {
        await discardUpload(deps, upload);
        discardedUploads += 1;
      } catch {
        failed += 1;
      }
    }
  }
  return { deleted, discardedUploads, failed };
}

/** How far a key rotation has got: keys seen of `total` (counted before it started), and what became of them. */
export interface RotationProgress {
  readonly total: number;
  readonly seen: number;
  readonly rewrapped: number;
  readonly current: number;
  readonly missing: number;
  readonly failed: number;
}

/**
 * Rewraps every clip's data key that is not under the current key-encryption key. Video is not touched.
 * A key that cannot be unwrapped (damaged, or its old KEK version gone) is counted and left as it is.
 * Resumable: a key already under the current KEK is only counted, so running it again after a crash (or
 * while the server keeps adding clips) carries on where it stopped. `onProgress` hears after every key.
 */
export async function rotateClipKeys(deps: Pick<ClipDeps, 'vault'>, o: { onProgress?: (p: RotationProgress) => void } = {}): Promise<{ rewrapped: number; current: number; missing: number; failed: number }> {
  let total = 0;
  if (o.onProgress) for await (const _ of deps.vault.listKeys()) total += 1;
  const counts = { rewrapped: 0, current: 0, missing: 0, failed: 0 };
  let seen = 0;
  for await (const { clipId } of deps.vault.listKeys()) {
    try {
      const result = await deps.vault.rewrap(clipId);
      if (result === 'rewrapped') counts.rewrapped += 1;
      else if (result === 'already_current') counts.current += 1;
      else counts.missing += 1;
    } catch {
      counts.failed += 1;
    }
    seen += 1;
    o.onProgress?.({ total: Math.max(total, seen), seen, ...counts });
  }
  return counts;
}
