import type { ClipLayout } from '../domain/clips/format';

/** A clip as the vault knows it: its id (bound into every segment) and its layout. */
export interface VaultClip {
  readonly clipId: string;
  readonly layout: ClipLayout;
}

/** A still's picture as the vault knows it: bound to its clip (whose key seals it) and its own id. */
export interface VaultStill {
  readonly clipId: string;
  readonly stillId: string;
  readonly size: number;
  readonly storageName: string;
}

/**
 * Where clip bytes go: encrypted by Attune (envelope encryption, see `domain/clip-format.ts`) before they reach
 * storage, decrypted only for an authorised reader. Plaintext never touches disk. Authorisation is the
 * caller's job; the vault only keeps bytes secret and intact.
 */
export interface ClipVault {
  /** Makes the clip's fresh data key and stores it wrapped. Fails with `conflict` if the clip already has one. */
  createKey(clip: VaultClip): Promise<void>;

  /**
   * Encrypts and stages upload block `index` from `body` (exactly the block's plaintext length, else
   * `invalid_input`). Sending the same bytes again is harmless; different bytes for an index already
   * received are refused with `conflict` before anything is stored (so a nonce never seals two plaintexts).
   * `inspect` sees the first bytes of block 0 before anything is stored and may throw to refuse it.
   */
  putBlock(input: { clip: VaultClip; index: number; body: AsyncIterable<Uint8Array>; inspect?: (head: Uint8Array) => void }): Promise<void>;

  /** The upload blocks staged so far (in storage, so it survives restarts), ascending. */
  stagedBlocks(clip: VaultClip): Promise<number[]>;

  /** Commits the staged blocks in order; `invalid_state` if any is missing. Repeating a commit is harmless. */
  commit(clip: VaultClip): Promise<void>;

  /**
   * Decrypts plaintext bytes `start..end` (inclusive; `null` for all of it), reading only the segments that
   * cover them and yielding each only after its tag is verified. A tampered segment, layout or wrapped key
   * fails with `invalid_state` before any of that segment's bytes are yielded; a destroyed key is `not_found`.
   */
  read(input: { clip: VaultClip; range: { start: number; end: number } | null }): AsyncIterable<Uint8Array>;

  /** Destroys the clip's wrapped data key: every copy of its bytes, anywhere, becomes unreadable. Idempotent. */
  shredKey(clipId: string): Promise<void>;

  /** Deletes the clip's blob, committed or not. Idempotent. */
  deleteBlobs(clip: VaultClip): Promise<void>;

  /**
   * Seals a still's picture (plaintext JPEG bytes, already checked) under a key derived from the clip's data
   * key and stores it as its own blob, replacing any earlier picture of that still. `not_found` once the
   * clip's key is destroyed.
   */
  putStill(input: { still: VaultStill; bytes: Uint8Array }): Promise<void>;

  /** The still's picture, decrypted and verified; `not_found` if it or the clip's key is gone, `invalid_state` if tampered with. */
  readStill(still: VaultStill): Promise<Uint8Array>;

  /** Deletes a still's picture blob. Idempotent. */
  deleteStill(still: VaultStill): Promise<void>;

  /** Every stored data key, with the KEK that wraps it. */
  listKeys(): AsyncIterable<{ readonly clipId: string; readonly kekId: string }>;

  /** Rewraps one data key under the current KEK (the video is not touched). */
  rewrap(clipId: string): Promise<'rewrapped' | 'already_current' | 'missing'>;
}
