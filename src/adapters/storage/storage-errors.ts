import { AttuneError } from '../../domain/errors';

/**
 * The one translation of Azure Storage failures (Table and Blob service alike) into Attune's error codes.
 * Both SDKs throw a `RestError`; only its shape is read here (`statusCode`, `code`, `details.errorCode`), so
 * the mapping is the same whichever package's copy of the class was thrown, and tests can pass plain objects.
 *
 * What a single call means by a status (a 404 that is `null`, a 409 on insert that is a replay) stays with
 * the call; what is left over comes here. The details stay in the logs, never in a person's message.
 */

/** What a storage failure looks like, as far as this module reads it: the Azure SDK's `RestError`. */
export interface StorageFailure {
  readonly statusCode?: number;
  readonly code?: string;
  readonly details?: { readonly errorCode?: string };
}

/** The HTTP status storage answered with; `undefined` when it did not answer (refused connection, timeout). */
export function statusOf(e: unknown): number | undefined {
  const status = (e as StorageFailure | null | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Storage's own error code (`Md5Mismatch`…), from the SDK's parsed response or else its error. */
export function errorCodeOf(e: unknown): string | undefined {
  const err = e as { code?: unknown; details?: { errorCode?: unknown } } | null | undefined;
  const value = err?.details?.errorCode ?? err?.code;
  return typeof value === 'string' ? value : undefined;
}

/**
 * How a caller words what is left over. Records and clips have always said it differently, so each keeps
 * its words: {@link recordWording} for table records, {@link clipWording} for the clip vault.
 */
export interface StorageWording {
  /** Said for 409 and 412: someone else changed or created it first. */
  readonly conflict: string;
  /** Whether 429, 500 and 503 read as storage not answering (records) rather than as a numbered refusal (clips). */
  readonly busyAsNotAnswering: boolean;
  /** Said for any other status storage answered with. */
  readonly refused: (status: number) => string;
}

const notAnswering = 'Storage is not answering just now. Please try again in a moment.';
const busy: ReadonlySet<number> = new Set([429, 500, 503]);

/** The words of table records (`TableRepository`, the audit log, the activity ledger, clip metadata, grants). */
export const recordWording: StorageWording = {
  conflict: 'This record changed since you loaded it. Reload and try again.',
  busyAsNotAnswering: true,
  refused: (status) => `Storage refused the request (${status}).`,
};

/** The words of the clip vault (blobs, clip keys and block claims). */
export const clipWording: StorageWording = {
  conflict: 'That changed while you were working on it. Try again.',
  busyAsNotAnswering: false,
  refused: (status) => `Storage refused the request (${status}). Please try again in a moment.`,
};

/**
 * A storage failure as an `AttuneError`: an `AttuneError` passes through unchanged; 409 and 412 are a
 * `conflict`; everything else, including no answer at all, is `unavailable`.
 */
export function storageError(e: unknown, wording: StorageWording = recordWording): AttuneError {
  if (e instanceof AttuneError) return e;
  const status = statusOf(e);
  if (status === 409 || status === 412) return new AttuneError('conflict', wording.conflict);
  if (status === undefined || (wording.busyAsNotAnswering && busy.has(status))) return new AttuneError('unavailable', notAnswering);
  return new AttuneError('unavailable', wording.refused(status));
}
