/**
 * Fixed-window request counters shared by every instance (Table storage in Attune). A limiter claims part of
 * a key's allowance for a window at a time, so most requests are counted in memory and the total granted
 * across instances never exceeds the limit.
 */
export interface RateWindows {
  /**
   * Grants up to `want` more requests for `key` in the window starting at `windowStart` (ms), never more than
   * `limit` in all for that window across every caller: the number granted, 0 when none is left.
   */
  claim(input: { readonly limiter: string; readonly key: string; readonly windowStart: number; readonly want: number; readonly limit: number }): Promise<number>;
}
