import type { IsoDate } from '../dates';

/**
 * Wall-clock arithmetic in a named IANA time zone, with nothing but `Intl`. A local time such as 09:00 is
 * turned into an instant afresh for each date, so it stays 09:00 local across a daylight-saving change.
 */

/** A local calendar date and the minutes since local midnight. */
export interface LocalTime {
  readonly date: IsoDate;
  readonly minutes: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is a time zone this runtime knows (e.g. `Europe/London`). */
export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function wallClockAsUtc(ms: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** How far the zone's wall clock is ahead of UTC at `ms`, in milliseconds (whole seconds). */
function offsetAt(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockAsUtc(whole, zone) - whole;
}

export function localTimeOf(ms: number, zone: string): LocalTime {
  const wall = new Date(ms + offsetAt(ms, zone));
  return {
    date: wall.toISOString().slice(0, 10),
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes() + wall.getUTCSeconds() / 60 + wall.getUTCMilliseconds() / 60_000,
    weekday: ((wall.getUTCDay() + 6) % 7) + 1,
  };
}

/**
 * The instant at which the zone's clock shows `minutes` past midnight on `date`. A time that the clock skips
 * (in the spring-forward gap) comes out as the same number of minutes after the gap starts; a time the clock
 * shows twice (autumn) comes out as the earlier of the two.
 */
export function instantAt(local: { readonly date: IsoDate; readonly minutes: number }, zone: string): number {
  const guess = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
  const before = offsetAt(guess - 86_400_000 / 2, zone);
  const after = offsetAt(guess + 86_400_000 / 2, zone);
  // Try the offset in force before the change first: it picks the earlier instant of a repeated hour.
  for (const offset of [before, after]) {
    const t = guess - offset;
    if (offsetAt(t, zone) === offset) return t;
  }
  return guess - before;
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of a calendar date; no time zone involved. */
export function weekdayOf(date: IsoDate): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}
