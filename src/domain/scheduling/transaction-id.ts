/**
 * The calendar `transactionId` of the meeting booked for one planned supervision.
 *
 * Derived, not random: a create that is retried (after a timeout, or after a crash before the event id was
 * stored) sends the same id, so the calendar service finds the event it already made instead of making a
 * second one. The id is a hash of the planned supervision's id (128 bits, in lowercase base 36), so it is
 * stable across processes and versions, short, url-safe, and carries nothing readable from the id itself.
 * `attempt` > 0 is for a deliberate re-booking after the first event was cancelled: it gives a fresh id.
 */
export function transactionIdFor(plannedSupervisionId: string, attempt = 0): string {
  if (plannedSupervisionId.length === 0) throw new RangeError('A planned supervision id is needed.');
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError('The attempt is a whole number from 0.');
  const source = attempt === 0 ? plannedSupervisionId : `${plannedSupervisionId}#${attempt}`;
  return `vig-${hash128(source).map((lane) => lane.toString(36).padStart(7, '0')).join('')}`;
}

/** cyrb128: four 32-bit lanes over the UTF-16 code units; pure, well spread, not for secrets. */
function hash128(text: string): readonly number[] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
