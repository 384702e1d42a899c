import type { IsoDate } from '../../src/domain/dates';
import type { TimeWindow } from '../../src/ports/calendar';

/**
 * Times as people read them in chat: the service's zone, the day first, 24-hour clock — "Tue 16 Jun,
 * 14:00–15:00". Instants stay ISO UTC everywhere else; only the card shows this.
 */

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();

const dayFormat = (zone: string): Intl.DateTimeFormat => cached(dayFormats, zone, () => new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' }));
const clockFormat = (zone: string): Intl.DateTimeFormat => cached(clockFormats, zone, () => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = map.get(zone);
  if (!f) map.set(zone, (f = make()));
  return f;
}

/** "Tue 16 Jun" in `zone`. */
function dayOf(instant: Date, zone: string): string {
  const parts = Object.fromEntries(dayFormat(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month}`;
}

/** "Tue 16 Jun, 14:00–15:00" (a window running past midnight names both days). */
export function formatWindow(window: TimeWindow, zone: string): string {
  const start = new Date(window.start);
  const end = new Date(window.end);
  const [startDay, endDay] = [dayOf(start, zone), dayOf(end, zone)];
  const [from, to] = [clockFormat(zone).format(start), clockFormat(zone).format(end)];
  return startDay === endDay ? `${startDay}, ${from}–${to}` : `${startDay}, ${from} – ${endDay}, ${to}`;
}

/** A calendar date as "Tue 16 Jun" (the date itself, whatever the zone). */
export function formatDay(date: IsoDate): string {
  return dayOf(new Date(`${date}T12:00:00Z`), 'UTC');
}

/** The city of a zone, for "Times are London time": "Europe/London" → "London". */
export function zoneCity(zone: string): string {
  return (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');
}
