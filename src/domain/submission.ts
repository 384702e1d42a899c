/**
 * Card submissions are idempotent. A form card carries a submission id minted when the card was rendered;
 * the record it creates takes that id, so a double click or a replayed invoke finds the record already
 * there and changes nothing. A card that acts on an existing record carries the revision it showed; if the
 * record has moved on since, the action is stale and the card refreshes instead of overwriting.
 */
export const submissionIdPattern = /^[A-Za-z0-9-]{8,64}$/;

export function isSubmissionId(value: unknown): value is string {
  return typeof value === 'string' && submissionIdPattern.test(value);
}

/** What an action did: changed the record, or left it as it was because it was already done or asked of an older version. */
export type Outcome<T> =
  | { readonly kind: 'changed'; readonly value: T }
  | { readonly kind: 'unchanged'; readonly value: T; readonly why: 'already_done' | 'stale' };

export const changed = <T>(value: T): Outcome<T> => ({ kind: 'changed', value });
export const unchanged = <T>(value: T, why: 'already_done' | 'stale'): Outcome<T> => ({ kind: 'unchanged', value, why });
