/**
 * How fast Attune may post to Teams, as pure arithmetic over send times (milliseconds). Teams limits each
 * bot per conversation (7 in 1 s, 8 in 2 s, 60 in 30 s, 1800 in an hour) and per tenant; Attune keeps under
 * both with a margin, since a request reserved at t reaches Teams a little later than t.
 */
export interface RateLimit {
  readonly count: number;
  readonly windowMs: number;
}

export const teamsConversationLimits: readonly RateLimit[] = [
  { count: 7, windowMs: 1_000 },
  { count: 8, windowMs: 2_000 },
  { count: 60, windowMs: 30_000 },
  { count: 1800, windowMs: 3_600_000 },
];

/** Slack added to every window: network and scheduling delay between reserving a slot and Teams seeing it. */
export const windowMarginMs = 150;

/** The longest window: history older than this never matters. */
export const historyMs = Math.max(...teamsConversationLimits.map((l) => l.windowMs)) + windowMarginMs;

/**
 * The earliest time at or after `from` (and after every send already in `history`, which is ascending, so
 * reservations only ever go forward) at which one more send keeps every limit: in each window ending then,
 * widened by the margin, fewer than `count` earlier sends.
 */
export function earliestSlot(history: readonly number[], input: { from: number; limits?: readonly RateLimit[] }): number {
  const limits = input.limits ?? teamsConversationLimits;
  const last = history[history.length - 1];
  let t = last === undefined ? input.from : Math.max(input.from, last + 1);
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of limits) {
      const window = l.windowMs + windowMarginMs;
      const before = history.filter((h) => h > t - window && h <= t);
      if (before.length >= l.count) {
        t = before[before.length - l.count]! + window;
        changed = true;
      }
    }
  }
  return t;
}

/** A send history with `t` added, and what no window can see any more dropped. */
export function withSend(history: readonly number[], t: number): number[] {
  return [...history.filter((h) => h > t - historyMs), t].sort((a, b) => a - b);
}

/**
 * Jittered exponential backoff for a transient failure (412, 502, 503, 504, a dropped connection): about
 * base × 2^attempt, at most `capMs`, scaled by a random factor in [0.5, 1) that the caller passes in.
 */
export function backoffMs(attempt: number, input: { random: number; baseMs?: number; capMs?: number }): number {
  const base = input.baseMs ?? 500;
  const cap = input.capMs ?? 30_000;
  return Math.round(Math.min(cap, base * 2 ** attempt) * (0.5 + Math.min(Math.max(input.random, 0), 1) / 2));
}

/** A Retry-After header value (seconds, or an HTTP date) in milliseconds from `nowMs`; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | null {
  if (!header) return null;
  const v = header.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
