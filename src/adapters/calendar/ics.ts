import type { Instant, TimeWindow } from '../../ports/calendar';

/** What an iCalendar file of one event says: only what the calendar port was given, no attendees. */
export interface IcsEvent {
  /** Stable across changes, so a calendar that imports the file again updates the event instead of adding one. */
  readonly uid: string;
  /** When this version of the event was made (DTSTAMP). */
  readonly stamp: Instant;
  readonly window: TimeWindow;
  readonly summary: string;
  /** Plain text (see {@link textOfHtml}). */
  readonly description: string;
  readonly cancelled: boolean;
  /** 0 when booked, one more on each change (reschedule, cancel). */
  readonly sequence: number;
  /** The join link, if any. */
  readonly url?: string;
}

const crlf = '\r\n';
const maxOctets = 75;

/**
 * One event as an RFC 5545 calendar file, for importing a local event into a developer's own calendar:
 * times in UTC, text escaped, lines folded at 75 octets, CRLF line ends.
 */
export function eventIcs(event: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Attune//Local calendar//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(event.stamp)}`,
    `DTSTART:${utcDateTime(event.window.start)}`,
    `DTEND:${utcDateTime(event.window.end)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.url === undefined ? [] : [`URL:${event.url}`]),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('');
}

/** An instant as an iCalendar UTC DATE-TIME (`20261208T090000Z`); seconds are kept, milliseconds dropped. */
export function utcDateTime(instant: Instant): string {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError('not an instant');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, each line break as `\n`, and other
 * control characters (which TEXT may not hold) dropped.
 */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/** A content line folded (RFC 5545 §3.1): at most 75 octets a line, continuations start with a space, never inside a character. */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > maxOctets) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.map((l) => l + crlf).join('');
}

/** The text of a small piece of escaped HTML (a meeting body): paragraphs and breaks become line breaks, a link keeps its address after its words, other tags go, entities are read. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, text: string) => `${text} (${href})`)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|quot|apos|nbsp|amp);/gi, (_, entity: string) => entityText(entity))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', amp: '&' };

function entityText(entity: string): string {
  const lower = entity.toLowerCase();
  if (lower.startsWith('#')) {
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }
  return named[lower] ?? '';
}
