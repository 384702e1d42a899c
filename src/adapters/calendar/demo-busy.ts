import { personId, type PersonRef } from '../../domain/people';
import type { BusyPeriod, TimeWindow } from '../../ports/calendar';

const dayMs = 86_400_000;
const minuteMs = 60_000;

/** Where a client visit may start on its day, in minutes after midnight UTC: 10:00, 11:00, 13:30, 14:30. */
const visitStarts = [600, 660, 810, 870] as const;
const visitMinutes = 90;

/**
 * The made-up calendar the local calendar shows besides Attune's own events, so a demo looks like a working
 * week and a test can say in advance what it will see. A pure function of the person and the dates; all in UTC:
 *
 * - every Monday, 09:30–10:30: the team meeting (busy), the same for everyone;
 * - every Tuesday and Thursday, one 90-minute client visit (busy), starting at 10:00, 11:00, 13:30 or 14:30 —
 *   which one is chosen by a hash of the person's id and the date, so people differ and weeks differ;
 * - weekends and everything else: free.
 *
 * Returns each period that overlaps the window, whole (not clipped to it), in time order.
 */
export function demoBusy(person: PersonRef, window: TimeWindow): BusyPeriod[] {
  const from = Date.parse(window.start);
  const to = Date.parse(window.end);
  const id = personId(person);
  const out: BusyPeriod[] = [];
  for (let day = Math.floor(from / dayMs) * dayMs; day < to; day += dayMs) {
    for (const [startMinute, minutes] of periodsOn(id, day)) {
      const start = day + startMinute * minuteMs;
      const end = start + minutes * minuteMs;
      if (start < to && end > from) out.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString(), availability: 'busy' });
    }
  }
  return out;
}

/** The demo periods on one UTC day, as [start minute, length in minutes]. */
function periodsOn(id: string, day: number): [number, number][] {
  const weekday = new Date(day).getUTCDay();
  switch (weekday) {
    case 1:
      return [[570, 60]];
    case 2:
    case 4:
      return [[visitStarts[fnv1a(`${id}|${new Date(day).toISOString().slice(0, 10)}`) % visitStarts.length] ?? 600, visitMinutes]];
    default:
      return [];
  }
}

/** FNV-1a over the UTF-16 code units: small, stable across runs and machines, and not a secret. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
