/**
 * A per-case data key for the free text written about a family (moment notes, still captions, clip comments,
 * goal wording…), so that erasing the case can crypto-shred that text everywhere, backups included.
 * See `src/app/case-keys/case-text.ts` for how use cases call it; the adapter is
 * `src/adapters/keys/table-case-keys.ts`.
 */
export interface CaseKeys {
  /**
   * Encrypts `text` under the case's data key (created and wrapped by the key-encryption key on first use) with
   * AES-256-GCM and a fresh IV; the case id is bound in as additional data, so a value cannot be moved to
   * another case. Returns a printable string starting with {@link sealedPrefix}. Fails with `invalid_state`
   * once the case was shredded (nothing new is written under a destroyed key).
   */
  seal(caseRef: string, text: string): Promise<string>;
  /**
   * Decrypts what `seal` returned for the same case. Fails with `invalid_state` when the case was shredded and
   * `invalid_input` when the value was altered or belongs to another case: never returns other text.
   */
  open(caseRef: string, sealed: string): Promise<string>;
  /**
   * Destroys the case's wrapped data key and leaves a tombstone, so every sealed value of the case, in storage or
   * in any backup, can never be read again. Idempotent.
   */
  shred(caseRef: string): Promise<void>;
  /** Whether the case's key was shredded (erasure checks and tests). */
  isShredded(caseRef: string): Promise<boolean>;
}

/** Every sealed value starts with this (then base64url of IV ‖ ciphertext ‖ tag); plain legacy text does not. */
export const sealedPrefix = 'sealed:v1:';
