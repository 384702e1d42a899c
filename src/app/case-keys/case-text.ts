/**
 * # Case keys: free text sealed per case
 *
 * Everything a person types about a family (moment notes, still captions, clip comments, goal wording, …) is
 * stored sealed under that **case's own data key**, so erasing the case can crypto-shred the text: once the
 * key is destroyed, every copy of the text — in the live tables, in a table backup, in an export someone kept —
 * is ciphertext that nobody can read. Clips already work like this (per-clip keys in the vault); this gives
 * free text the same property without tracking down each copy.
 *
 * ## Getting started
 *
 * The port is {@link CaseKeys} (`src/ports/case-keys.ts`); the composition root gives every use case that
 * has clip dependencies a `caseKeys` (`ClipDeps.caseKeys`, opened by `openClipStorage`), backed by
 * `TableCaseKeys` (`src/adapters/keys/table-case-keys.ts`, table `attunecasekeys`). Anywhere else, open one
 * with `openCaseKeys({ clientFor, wrapper, prefix })` from `src/adapters/keys/open-case-keys.ts`.
 *
 * ```ts
 * // writing: seal with the case id (not the case code: codes can be renamed, ids never are)
 * const note = await sealOptional(deps.caseKeys, clip.caseId, optionalText(input.note, { field: 'note', max: 2000 }));
 * await deps.clips.moments.create({ ...moment, note });
 * // reading: open before the value leaves the use case
 * const plain = await openOptional(deps.caseKeys, clip.caseId, stored.note);
 * // erasing the case: every sealed value of it becomes unreadable at once
 * await deps.caseKeys.shred(clientCase.id);
 * ```
 *
 * ## Key concepts
 *
 * - **caseRef** is the case's id (`Case.id`). Every value is bound to it (AES-GCM additional data), so a value
 *   copied onto another case's record fails to open instead of showing another family's text.
 * - **Sealed values** are strings beginning `sealed:v1:` (then base64url of IV ‖ ciphertext ‖ tag; a fresh
 *   random 96-bit IV each time, AES-256-GCM). They fit any string field of a table row; a 4,000-character
 *   comment grows to about 5.4 KB.
 * - **The data key** (256 bits) is made on the first `seal` of a case, wrapped by the key-encryption key
 *   (`KeyWrapper`, the same as the clip vault's: Key Vault in production) and stored only wrapped. Rotating the
 *   KEK does not touch the text.
 * - **Shredding** replaces the wrapped key by a tombstone. After it `open` and `seal` both fail with
 *   `invalid_state`: nothing new can be written for an erased case by mistake.
 * - **Legacy text**: values stored before sealing began do not start with the prefix; {@link openText} passes
 *   them through unchanged, so old rows still read. Erasure deletes such rows outright.
 *
 * ## Troubleshooting
 *
 * - `invalid_input` "cannot be read": the value was altered, truncated, or is another case's.
 * - `invalid_state` "erased with its case": the case was shredded; the record should be gone too.
 * - Never log a sealed value either: it is safe, but the habit of logging text fields is not.
 */
import type { CaseKeys } from '../../ports/case-keys';
import { sealedPrefix } from '../../ports/case-keys';

export type { CaseKeys } from '../../ports/case-keys';

/** Whether a stored string is sealed (rather than legacy plain text). */
export const isSealed = (value: string): boolean => value.startsWith(sealedPrefix);

/** Seals a text of the case. */
export const sealText = (keys: CaseKeys, caseRef: string, text: string): Promise<string> => keys.seal(caseRef, text);

/** Seals an optional text; `null` stays `null` (nothing is stored, not even an empty ciphertext). */
export async function sealOptional(keys: CaseKeys, caseRef: string, text: string | null): Promise<string | null> {
  return text === null ? null : keys.seal(caseRef, text);
}

/** Opens a stored text of the case; legacy plain text (written before sealing) is returned as it is. */
export async function openText(keys: CaseKeys, caseRef: string, stored: string): Promise<string> {
  return isSealed(stored) ? keys.open(caseRef, stored) : stored;
}

/** {@link openText} for optional fields. */
export async function openOptional(keys: CaseKeys, caseRef: string, stored: string | null): Promise<string | null> {
  return stored === null ? null : openText(keys, caseRef, stored);
}
