import type { CaseKeys } from '../../ports/case-keys';
import type { ClipStore, PlaybackGrants } from '../../ports/clip-store';
import type { ClipVault } from '../../ports/clip-vault';
import type { AppDeps } from '../deps';

export interface ClipSettings {
  /** Largest clip a person may upload, in bytes (CLIP_MAX_BYTES; default 2 GiB). */
  readonly maxBytes: number;
  /** How long an upload may stay unfinished; Azure discards uncommitted blocks after 7 days (default 6 days). */
  readonly uploadTtlMs: number;
  /** Layout overrides (tests and benchmarks); production uses the format's defaults. */
  readonly blockSize?: number;
  readonly segmentSize?: number;
}

export const defaultClipSettings: ClipSettings = { maxBytes: 2 * 1024 ** 3, uploadTtlMs: 6 * 24 * 60 * 60_000 };

/** What the clip use cases need on top of the app's own dependencies. */
export interface ClipDeps extends AppDeps {
  readonly clips: ClipStore;
  readonly vault: ClipVault;
  readonly grants: PlaybackGrants;
  /** Seals the free text of marks (notes, captions, comments) under the case's key; see app/case-keys. */
  readonly caseKeys: CaseKeys;
  readonly clipSettings: ClipSettings;
}
