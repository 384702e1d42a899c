/**
 * The one error type Attune raises. Adapters translate remote failures into these codes; the HTTP
 * error handler and the bot translate the codes into a status and a message a person can act on.
 * Someone else's object is `not_found`, exactly like a missing one.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'unauthenticated'
  | 'forbidden'
  /** A Microsoft 365 call made for the person needs their consent (or a fresh sign-in) first: the tab asks for it. */
  | 'consent_required'
  | 'rate_limited'
  | 'unavailable';

export class AttuneError extends Error {
  readonly code: ErrorCode;
  /** Safe to show to the person: never holds personal data from records. */
  readonly details: readonly string[];

  /** For `rate_limited` and `unavailable`: when it is worth trying again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, extra: readonly string[] | { readonly details?: readonly string[]; readonly retryAfterSeconds?: number } = []) {
    super(message);
    this.name = 'AttuneError';
    this.code = code;
    const options = isDetailList(extra) ? { details: extra } : extra;
    this.details = options.details ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

const isDetailList = (x: unknown): x is readonly string[] => Array.isArray(x);

export const isAttuneError = (e: unknown): e is AttuneError => e instanceof AttuneError;
