import { addMonths, type IsoDate } from '../dates';
import type { Clip, UploadSession } from './clip';
import type { Case } from '../practice';

/**
 * Retention of clips, as pure functions of the records and today's date. A clip may be kept until its case's
 * end of involvement plus the service's retention months (default 2); a clip on legal hold is kept whatever
 * the date; a deletion that was started and interrupted is always finished.
 */
export function clipDeleteAfter(clientCase: Pick<Case, 'endOfInvolvement' | 'legalHold'> | null, retentionMonthsAfterEnd: number): IsoDate | null {
  // A case on legal hold keeps all its clips.
  if (!clientCase?.endOfInvolvement || clientCase.legalHold) return null;
  return addMonths(clientCase.endOfInvolvement, retentionMonthsAfterEnd);
}

export interface DueDeletion {
  readonly clipId: string;
  readonly enrolmentId: string;
  /** `resume` finishes an interrupted deletion; `retention` is a clip past its date. */
  readonly why: 'retention' | 'resume';
  readonly deleteAfter: IsoDate | null;
}

/** Which clips are due for deletion today. Legal hold wins over everything but an already-started deletion. */
export function clipsDueForDeletion(input: { clips: readonly Clip[]; cases: readonly Case[]; retentionMonthsAfterEnd: number; today: IsoDate }): DueDeletion[] {
  const cases = new Map(input.cases.map((c) => [`${c.enrolmentId}/${c.id}`, c]));
  const due: DueDeletion[] = [];
  for (const clip of input.clips) {
    const base = { clipId: clip.id, enrolmentId: clip.enrolmentId };
    if (clip.state === 'deleting') {
      due.push({ ...base, why: 'resume', deleteAfter: null });
      continue;
    }
    if (clip.legalHold) continue;
    // A clip whose case cannot be found is left alone: an irreversible deletion never rests on a missing record.
    const clientCase = cases.get(`${clip.enrolmentId}/${clip.caseId}`) ?? null;
    const deleteAfter = clipDeleteAfter(clientCase, input.retentionMonthsAfterEnd);
    if (deleteAfter !== null && deleteAfter <= input.today) due.push({ ...base, why: 'retention', deleteAfter });
  }
  return due;
}

/** Open uploads past their expiry: their wrapped key and staged blocks are destroyed. */
export function expiredUploads(sessions: readonly UploadSession[], now: Date): UploadSession[] {
  const at = now.toISOString();
  return sessions.filter((s) => s.state === 'open' && s.expiresAt <= at);
}
