import { createHash } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { AttuneError } from '../../domain/errors';
import { personId, type PersonRef } from '../../domain/people';
import type { Availability, AvailabilitySlot, BookedMeeting, BusyPeriod, CalendarPort, MeetingRef, NewMeeting, PersonSchedule, TimeWindow } from '../../ports/calendar';
import type { Logger } from '../../ports/logger';
import { recordWording, statusOf, storageError, type StorageWording } from '../storage/storage-errors';
import { demoBusy } from './demo-busy';
import { eventIcs, textOfHtml } from './ics';
import { checkWindow } from './time-window';

export interface LocalCalendarOptions {
  /** The events table (`openLocalCalendar` makes it); tests pass a client bound to their own Azurite. */
  readonly client: TableClient;
  readonly logger: Logger;
  /**
   * The tenant whose people have a calendar here; anyone of another tenant is a guest, whose schedule the
   * local calendar cannot know (`unknown`, `no_calendar`). Unset: every person has a calendar.
   */
  readonly tenantId?: string;
  /** The clock that stamps when an event was made or changed (default: the system clock). */
  readonly now?: () => Date;
}

/** One event, one entity, in its organiser's partition. Guests are counted, never stored by address. */
interface EventRow {
  partitionKey: string;
  rowKey: string;
  /** `personId` of the organiser. */
  organiser: string;
  /** JSON array of the `personId`s invited (guests are not among them). */
  invitees: string;
  guests: number;
  startsAt: string;
  endsAt: string;
  subject: string;
  bodyHtml: string;
  cancelled: boolean;
  cancelComment: string;
  /** Bumped on every change, as an iCalendar SEQUENCE is. */
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

const slotMinutes = 30;
const slotMs = slotMinutes * 60_000;
const dayMs = 86_400_000;
/** As Graph's getSchedule: at most 62 days at a time. */
const maxFreeBusyMs = 62 * dayMs;
/** As Graph's events: one booking is at most a day long. */
const maxMeetingMs = dayMs;
const eventIdPattern = /^[0-9a-f]{32}$/;
/** Cancelling is idempotent, so a write that lost a race is simply done again on the newer event. */
const cancelAttempts = 3;

/** How a slot shows when more than one period covers it: the strongest wins. */
const strength: Record<Availability, number> = { free: 0, unknown: 0, tentative: 1, working_elsewhere: 2, busy: 3, away: 4 };

const calendarWording: StorageWording = { ...recordWording, conflict: 'The meeting changed while you were changing it. Reload and try again.' };

/**
 * The calendar port for development and demos, with no Microsoft tenant: events live in one Azure table
 * (Azurite locally), Teams join links are obviously fake (`https://teams.local.invalid/meet/<id>`, a host that
 * can never resolve), and each person's week also holds a few made-up busy periods ({@link demoBusy}) so the
 * free/busy view looks like a real calendar.
 *
 * Behaves as the Graph adapter (`GraphCalendar`) does where Attune relies on it: `createMeeting` is idempotent by
 * `transactionId` (the event id is derived from it and the first insert wins, even across processes), a
 * cancelled event stays and reads as cancelled, a deleted one reads as null.
 */
export class LocalCalendar implements CalendarPort {
  readonly slotMinutes = slotMinutes;
  private readonly client: TableClient;
  private readonly logger: Logger;
  private readonly tenantId: string | undefined;
  private readonly now: () => Date;

  constructor(options: LocalCalendarOptions) {
    this.client = options.client;
    this.logger = options.logger;
    this.tenantId = options.tenantId;
    this.now = options.now ?? (() => new Date());
  }

  async freeBusy(request: { readonly asking: PersonRef; readonly people: readonly PersonRef[]; readonly window: TimeWindow }): Promise<readonly PersonSchedule[]> {
    const span = checkWindow(request.window, maxFreeBusyMs);
    if (request.people.length === 0) return [];
    const window = { start: new Date(span.from).toISOString(), end: new Date(span.to).toISOString() };
    const events = await this.eventsDuring(window);
    return request.people.map((person): PersonSchedule => {
      if (this.tenantId !== undefined && person.tenantId !== this.tenantId) return { kind: 'unknown', person, reason: 'no_calendar' };
      const id = personId(person);
      const attending = events.filter((e) => e.organiser === id || inviteesOf(e).includes(id));
      const busy = [...attending.map((e): BusyPeriod => ({ start: e.startsAt, end: e.endsAt, availability: 'busy' })), ...demoBusy(person, window)].sort((a, b) => a.start.localeCompare(b.start));
      return { kind: 'known', person, slots: slotsOf(busy, span), busy };
    });
  }

  async createMeeting(meeting: NewMeeting): Promise<BookedMeeting> {
    const { from, to } = checkWindow(meeting.window, maxMeetingMs);
    if (!meeting.transactionId.trim() || meeting.transactionId.length > 255) throw new AttuneError('invalid_input', 'A booking needs a transaction id of 1 to 255 characters.');
    const eventId = eventIdOf(meeting.organiser, meeting.transactionId);
    const stamp = this.now().toISOString();
    const row: EventRow = {
      ...keyOf({ organiser: meeting.organiser, eventId }),
      organiser: personId(meeting.organiser),
      invitees: JSON.stringify(meeting.invitees.flatMap((i) => (i.kind === 'person' ? [personId(i.person)] : []))),
      guests: meeting.invitees.filter((i) => i.kind === 'guest').length,
      startsAt: new Date(from).toISOString(),
      endsAt: new Date(to).toISOString(),
      subject: meeting.subject,
      bodyHtml: meeting.bodyHtml,
      cancelled: false,
      cancelComment: '',
      sequence: 0,
      createdAt: stamp,
      updatedAt: stamp,
    };
    try {
      await this.client.createEntity<EventRow>(row);
      this.logger.info('meeting booked in the local calendar', { organiser: row.organiser, eventId });
      return bookedMeeting(row);
    } catch (e) {
      if (statusOf(e) !== 409) throw storageError(e, calendarWording);
    }
    // The transaction id was claimed first (a retry, or another process): that booking is the one.
    const first = await this.readRow({ organiser: meeting.organiser, eventId });
    if (!first) throw new AttuneError('conflict', 'That booking was made and then deleted. Book again.');
    this.logger.info('booking already in the local calendar; returning it', { organiser: row.organiser, eventId });
    return bookedMeeting(first.row);
  }

  async readMeeting(ref: MeetingRef): Promise<BookedMeeting | null> {
    const found = await this.readRow(ref);
    return found ? bookedMeeting(found.row) : null;
  }

  async rescheduleMeeting(ref: MeetingRef, window: TimeWindow): Promise<BookedMeeting> {
    const { from, to } = checkWindow(window, maxMeetingMs);
    const found = await this.readRow(ref);
    if (!found) throw new AttuneError('not_found', 'That meeting is no longer in the calendar.');
    if (found.row.cancelled) throw new AttuneError('invalid_state', 'That meeting was cancelled; book a new one instead.');
    const moved: EventRow = { ...found.row, startsAt: new Date(from).toISOString(), endsAt: new Date(to).toISOString(), sequence: found.row.sequence + 1, updatedAt: this.now().toISOString() };
    await this.write(moved, found.etag);
    this.logger.info('meeting moved in the local calendar', { organiser: moved.organiser, eventId: ref.eventId });
    return bookedMeeting(moved);
  }

  async cancelMeeting(ref: MeetingRef, comment: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const found = await this.readRow(ref);
      if (!found || found.row.cancelled) return; // deleted or cancelled already: nothing left to do
      const cancelled: EventRow = { ...found.row, cancelled: true, cancelComment: comment, sequence: found.row.sequence + 1, updatedAt: this.now().toISOString() };
      try {
        await this.write(cancelled, found.etag);
        this.logger.info('meeting cancelled in the local calendar', { organiser: cancelled.organiser, eventId: ref.eventId });
        return;
      } catch (e) {
        if (e instanceof AttuneError && e.code === 'not_found') return;
        if (!(e instanceof AttuneError && e.code === 'conflict') || attempt >= cancelAttempts) throw e;
      }
    }
  }

  /**
   * The event as an iCalendar file (RFC 5545), so a developer can put a local booking in their own calendar;
   * null when there is no such event. Holds the subject, the body as text and the fake join link — no attendees.
   */
  async icsOf(ref: MeetingRef): Promise<string | null> {
    const found = await this.readRow(ref);
    if (!found) return null;
    const { row } = found;
    return eventIcs({
      uid: `${row.rowKey}@attune.local.invalid`,
      stamp: row.updatedAt,
      window: { start: row.startsAt, end: row.endsAt },
      summary: row.subject,
      description: textOfHtml(row.bodyHtml),
      cancelled: row.cancelled,
      sequence: row.sequence,
      url: localJoinUrl(row.rowKey),
    });
  }

  /** The event and its ETag; null when there is none (never made, deleted, or an id this calendar never gives). */
  private async readRow(ref: MeetingRef): Promise<{ row: EventRow; etag: string } | null> {
    if (!eventIdPattern.test(ref.eventId)) return null;
    const key = keyOf(ref);
    try {
      const entity = await this.client.getEntity<EventRow>(key.partitionKey, key.rowKey);
      return { row: rowOf(entity), etag: entity.etag };
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw storageError(e, calendarWording);
    }
  }

  /** Replaces the event if it is still the version read (a stale ETag is a 412: `conflict`). */
  private async write(row: EventRow, etag: string): Promise<void> {
    try {
      await this.client.updateEntity<EventRow>(row, 'Replace', { etag });
    } catch (e) {
      if (statusOf(e) === 404) throw new AttuneError('not_found', 'That meeting is no longer in the calendar.');
      throw storageError(e, calendarWording);
    }
  }

  /** Every event not cancelled that overlaps the window, whoever organised it (a local table is small). */
  private async eventsDuring(window: TimeWindow): Promise<EventRow[]> {
    const filter = odata`startsAt lt ${window.end} and endsAt gt ${window.start} and cancelled eq false`;
    const out: EventRow[] = [];
    try {
      for await (const entity of this.client.listEntities<EventRow>({ queryOptions: { filter } })) out.push(rowOf(entity));
    } catch (e) {
      throw storageError(e, calendarWording);
    }
    return out;
  }
}

/** Creates the events table if needed (`${prefix}calendarevents`) and returns the local calendar on it. */
export async function openLocalCalendar(options: { clientFor: (table: string) => TableClient; prefix?: string } & Omit<LocalCalendarOptions, 'client'>): Promise<LocalCalendar> {
  const { clientFor, prefix, ...rest } = options;
  const client = clientFor(`${prefix ?? 'attune'}calendarevents`);
  await client.createTable();
  return new LocalCalendar({ ...rest, client });
}

/** The fake Teams join link of a local event: `.invalid` is reserved (RFC 2606) and never resolves. */
export const localJoinUrl = (eventId: string): string => `https://teams.local.invalid/meet/${eventId}`;

/** The event id a booking gets: the same organiser and transaction id always give the same id. */
const eventIdOf = (organiser: PersonRef, transactionId: string): string => createHash('sha256').update(`${personId(organiser)}\n${transactionId}`).digest('hex').slice(0, 32);

/** Table keys may not hold / \ # ? or control characters; URI-encoding a person id leaves none of them. */
const keyOf = (ref: MeetingRef): { partitionKey: string; rowKey: string } => ({ partitionKey: encodeURIComponent(personId(ref.organiser)), rowKey: ref.eventId });

const rowOf = (e: EventRow): EventRow => ({
  partitionKey: e.partitionKey,
  rowKey: e.rowKey,
  organiser: e.organiser,
  invitees: e.invitees,
  guests: e.guests,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  subject: e.subject,
  bodyHtml: e.bodyHtml,
  cancelled: e.cancelled,
  cancelComment: e.cancelComment,
  sequence: e.sequence,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

function inviteesOf(row: EventRow): string[] {
  const parsed: unknown = JSON.parse(row.invitees);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

const bookedMeeting = (row: EventRow): BookedMeeting => ({ eventId: row.rowKey, joinUrl: localJoinUrl(row.rowKey), window: { start: row.startsAt, end: row.endsAt }, cancelled: row.cancelled });


/** The window in consecutive slots from its start (the last one may be short), each as the strongest period over it. */
function slotsOf(busy: readonly BusyPeriod[], span: { from: number; to: number }): AvailabilitySlot[] {
  const slots: AvailabilitySlot[] = [];
  for (let t = span.from; t < span.to; t += slotMs) {
    const end = Math.min(t + slotMs, span.to);
    const over = busy.filter((b) => Date.parse(b.start) < end && Date.parse(b.end) > t);
    const availability = over.reduce<Availability>((best, b) => (strength[b.availability] > strength[best] ? b.availability : best), 'free');
    slots.push({ start: new Date(t).toISOString(), end: new Date(end).toISOString(), availability });
  }
  return slots;
}
