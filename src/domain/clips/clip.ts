import { AttuneError } from '../errors';
import type { IsoDate } from '../dates';
import type { PersonId } from '../people';
import type { ClipLayout } from './format';
import type { ClipMediaType } from './media';
import type { ReviewOf } from './review-pair';

/**
 * A clip is a video a trainee filmed: either of their interaction with a family (`client_interaction`) or of
 * their shared review with the family (`shared_review`). Its bytes live encrypted in the vault; this record
 * holds what people see (a display title), where it belongs (enrolment, case, cycle) and how the vault laid it
 * out. Titles and file names are display text only: they are never storage names and never logged.
 */
export type ClipKind = 'client_interaction' | 'shared_review';
export const clipKinds: readonly ClipKind[] = ['client_interaction', 'shared_review'];

interface ClipBase {
  readonly id: string;
  readonly enrolmentId: string;
  readonly caseId: string;
  readonly cycleId: string | null;
  readonly kind: ClipKind;
  readonly title: string;
  /** The name of the file it came from, cleaned, for display only. */
  readonly fileName: string | null;
  readonly mediaType: ClipMediaType;
  readonly layout: ClipLayout;
  readonly uploadedBy: PersonId;
  readonly uploadedAt: string;
  /** Kept past its delete-after date while on hold (an information-governance decision). */
  readonly legalHold: boolean;
  /** When the hold was placed (holds placed before this was recorded have none). */
  readonly legalHoldSince?: string;
  /** Why the hold was placed (holds placed before reasons were recorded have none). */
  readonly legalHoldReason?: LegalHoldReason;
  /** The admin's own words about the hold: display text only, never logged. */
  readonly legalHoldNote?: string;
  /** Who placed the hold. */
  readonly legalHoldBy?: PersonId;
  /** For a `shared_review` clip: the interaction clip of its cycle it reviewed, and the moments it showed. */
  readonly reviewOf?: ReviewOf;
}

/** Why a clip is kept past its delete-after date: a closed list, so the audit log can say why without free text. */
export type LegalHoldReason = 'litigation' | 'safeguarding' | 'complaint' | 'regulator' | 'subject_request' | 'other';
export const legalHoldReasons: readonly LegalHoldReason[] = ['litigation', 'safeguarding', 'complaint', 'regulator', 'subject_request', 'other'];

/**
 * `available` clips can be played. `deleting` means a deletion began (its key may already be destroyed) and
 * must be finished — by whoever started it or by the next retention run — before the record goes.
 */
export type Clip = (ClipBase & { readonly state: 'available' }) | (ClipBase & { readonly state: 'deleting'; readonly deletionStartedAt: string; readonly deletionReason: DeletionReason });

export type DeletionReason = 'requested' | 'retention';

/**
 * An upload in progress. It survives restarts: the session is a record, each acknowledged block is an
 * uncommitted Azure block, and the data key is already wrapped in the vault.
 */
interface UploadBase {
  readonly id: string;
  readonly enrolmentId: string;
  readonly caseId: string;
  readonly cycleId: string | null;
  readonly kind: ClipKind;
  readonly title: string;
  readonly fileName: string | null;
  /** The clip this upload becomes; its id is bound into every encrypted segment. */
  readonly clipId: string;
  readonly layout: ClipLayout;
  readonly uploadedBy: PersonId;
  readonly startedAt: string;
  readonly expiresAt: string;
  /** Decided from the first block's bytes, never from the name or a header. Null until block 0 arrives. */
  readonly mediaType: ClipMediaType | null;
}

export type UploadSession = (UploadBase & { readonly state: 'open' }) | (UploadBase & { readonly state: 'committed'; readonly committedAt: string });

export interface ClipSummary {
  readonly id: string;
  readonly caseId: string;
  readonly cycleId: string | null;
  readonly kind: ClipKind;
  readonly title: string;
  readonly fileName: string | null;
  readonly mediaType: ClipMediaType;
  readonly size: number;
  readonly uploadedAt: string;
  readonly legalHold: boolean;
  /** When retention deletes it, or null while the case is open (or the clip is on legal hold). */
  readonly deleteAfter: IsoDate | null;
  /** For a shared review paired with its interaction clip: that clip and the moments shown; otherwise null. */
  readonly reviewOf: { readonly clipId: string; readonly momentIds: readonly string[] } | null;
}

export function summariseClip(clip: Clip, deleteAfter: IsoDate | null): ClipSummary {
  return {
    id: clip.id,
    caseId: clip.caseId,
    cycleId: clip.cycleId,
    kind: clip.kind,
    title: clip.title,
    fileName: clip.fileName,
    mediaType: clip.mediaType,
    size: clip.layout.size,
    uploadedAt: clip.uploadedAt,
    legalHold: clip.legalHold,
    deleteAfter: clip.legalHold ? null : deleteAfter,
    reviewOf: clip.reviewOf ? { clipId: clip.reviewOf.clipId, momentIds: clip.reviewOf.momentIds } : null,
  };
}

// Control characters (C0, DEL, C1) and the invisible direction marks and overrides that can disguise a name
// ("clip\u202Egpj.exe"), plus zero-width characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const unsafeText = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Display text a person typed or a file was named: control and direction-override characters removed, any
 * folder part dropped (`../../etc/passwd` → `passwd`), whitespace collapsed, length capped. Rendering stays
 * the tab's job (React escapes); this only keeps the stored text honest and short.
 */
export function cleanDisplayText(input: string, options: { max: number; isFileName?: boolean }): string {
  let text = input.normalize('NFC').replace(unsafeText, '');
  if (options.isFileName) text = text.split(/[/\\]/).pop() ?? '';
  text = text.replace(/\s+/g, ' ').trim();
  if (options.isFileName) text = text.replace(/^\.+/, '');
  return Array.from(text).slice(0, options.max).join('');
}

export const maxTitleLength = 120;
export const maxFileNameLength = 160;

/** Reads a clip title from input: required, cleaned, at most 120 characters. */
export function clipTitle(input: unknown): string {
  if (typeof input !== 'string' || input.length > 10_000) throw new AttuneError('invalid_input', 'Give the clip a short title.', ['title']);
  const title = cleanDisplayText(input, { max: maxTitleLength });
  if (!title) throw new AttuneError('invalid_input', 'Give the clip a short title.', ['title']);
  return title;
}

/** Reads an optional file name: display text only, never used to decide the type or where bytes go. */
export function clipFileName(input: unknown): string | null {
  if (input === undefined || input === null) return null;
  if (typeof input !== 'string' || input.length > 10_000) throw new AttuneError('invalid_input', 'The file name must be text.', ['fileName']);
  return cleanDisplayText(input, { max: maxFileNameLength, isFileName: true }) || null;
}

export function clipKind(input: unknown): ClipKind {
  if (typeof input === 'string' && (clipKinds as readonly string[]).includes(input)) return input as ClipKind;
  throw new AttuneError('invalid_input', 'Say which kind of clip this is: client_interaction or shared_review.', ['kind']);
}
