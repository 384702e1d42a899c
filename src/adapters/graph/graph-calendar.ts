import type { Client } from '@microsoft/microsoft-graph-client';
import { AttuneError } from '../../domain/errors';
import { personId, type PersonRef } from '../../domain/people';
import type { Availability, AvailabilitySlot, BookedMeeting, BusyPeriod, CalendarPort, DelegatedUser, Instant, MeetingRef, NewMeeting, PersonSchedule, TimeWindow } from '../../ports/calendar';
import type { DirectoryManager, DirectoryPort } from '../../ports/directory';
import type { Logger } from '../../ports/logger';
import { asPerson } from './graph-client';
import { carriedError, failureFields, graphError, graphStatus, type GraphAction } from './graph-errors';
import type { OnBehalfOfTokens } from './on-behalf-of-tokens';
import { checkWindow } from '../calendar/time-window';

export interface GraphCalendarOptions {
  /** A client from `createGraphClient`: app-only tokens, retries, the base URL. */
  readonly client: Client;
  /** The tenant whose directory and mailboxes the app registration may reach; people of other tenants are guests. */
  readonly tenantId: string;
  readonly logger: Logger;
  /** How many times a create whose answer was lost is sent again (same transactionId; default 2). */
  readonly lostAnswerRetries?: number;
  /**
   * Delegated tokens for tab-initiated free/busy searches (on-behalf-of). Absent when the app signs in with a
   * managed identity, which has no on-behalf-of flow: those searches then run app-only, like the scheduler's.
   */
  readonly onBehalfOf?: Pick<OnBehalfOfTokens, 'forPerson'>;
}

interface GraphTime {
  readonly dateTime: string;
  readonly timeZone: string;
}

interface GraphEvent {
  readonly id: string;
  readonly start: GraphTime;
  readonly end: GraphTime;
  readonly isCancelled?: boolean;
  readonly onlineMeeting?: { readonly joinUrl?: string | null } | null;
}

interface GraphScheduleInformation {
  readonly scheduleId: string;
  readonly availabilityView?: string;
  readonly scheduleItems?: readonly { readonly status: string; readonly start: GraphTime; readonly end: GraphTime }[];
  readonly error?: { readonly message?: string; readonly responseCode?: string } | null;
}

const slotMinutes = 30;
const slotMs = slotMinutes * 60_000;
/** getSchedule answers for at most 62 days at a time. */
const maxWindowMs = 62 * 86_400_000;
/** Times in and out are UTC; Graph is told so on every call. */
const utc = { Prefer: 'outlook.timezone="UTC"' };
const eventFields = 'id,start,end,isCancelled,onlineMeeting';

const viewDigit: Record<string, Availability> = { '0': 'free', '1': 'tentative', '2': 'busy', '3': 'away', '4': 'working_elsewhere' };
/** Keyed in lower case: Graph's enum is `workingElsewhere`, and its own examples also show `Tentative`, `Busy`. */
const itemStatus: Record<string, BusyPeriod['availability'] | undefined> = { tentative: 'tentative', busy: 'busy', oof: 'away', workingelsewhere: 'working_elsewhere' };

/**
 * The calendar and directory ports on Microsoft Graph, app-only: free/busy through `getSchedule`, meetings as
 * events with a Teams meeting in the organiser's calendar, the manager from the directory. People are looked
 * up by object id for the addresses Graph wants; addresses stay in memory and out of the log.
 */
export class GraphCalendar implements CalendarPort, DirectoryPort {
  readonly slotMinutes = slotMinutes;
  private readonly client: Client;
  private readonly tenantId: string;
  private readonly logger: Logger;
  private readonly lostAnswerRetries: number;
  private readonly addresses = new Map<string, string | null>();
  private readonly onBehalfOf: Pick<OnBehalfOfTokens, 'forPerson'> | null;

  constructor(options: GraphCalendarOptions) {
    this.client = options.client;
    this.onBehalfOf = options.onBehalfOf ?? null;
    this.tenantId = options.tenantId;
    this.logger = options.logger;
    this.lostAnswerRetries = options.lostAnswerRetries ?? 2;
  }

  /**
   * With `onBehalfOf` (and on-behalf-of available), getSchedule runs as the signed-in person, through their
   * own calendar (`/me`), with their delegated Calendars.ReadBasic; `asking` is then only who the log names.
   * Addresses are still looked up app-only (User.Read.All): the person's token carries calendar rights only.
   */
  async freeBusy(request: { readonly asking: PersonRef; readonly people: readonly PersonRef[]; readonly window: TimeWindow; readonly onBehalfOf?: DelegatedUser }): Promise<readonly PersonSchedule[]> {
    const { from, to } = checkWindow(request.window, maxWindowMs);
    if (request.people.length === 0) return [];
    const addressed = await Promise.all(request.people.map(async (person) => ({ person, address: await this.addressOf(person, 'read_schedule') })));
    const asked = addressed.filter((a): a is { person: PersonRef; address: string } => a.address !== null);
    const delegated = request.onBehalfOf && this.onBehalfOf ? this.onBehalfOf.forPerson(request.onBehalfOf) : null;
    const answers = asked.length
      ? await this.call(delegated ? 'read_schedule_as_person' : 'read_schedule', request.asking, async () => {
          const api = delegated ? this.client.api('/me/calendar/getSchedule').middlewareOptions(asPerson(delegated)) : this.client.api(`/users/${encodeURIComponent(request.asking.objectId)}/calendar/getSchedule`);
          const response = (await api.headers(utc).post({ schedules: asked.map((a) => a.address), startTime: toGraphTime(from), endTime: toGraphTime(to), availabilityViewInterval: slotMinutes })) as { value?: readonly GraphScheduleInformation[] };
          return response.value ?? [];
        })
      : [];
    return addressed.map(({ person, address }): PersonSchedule => {
      const info = address === null ? undefined : answers.find((s) => s.scheduleId.toLowerCase() === address.toLowerCase());
      if (!info) return { kind: 'unknown', person, reason: 'no_calendar' };
      if (info.error) return { kind: 'unknown', person, reason: /denied|permission|access/i.test(info.error.responseCode ?? '') ? 'not_permitted' : 'no_calendar' };
      return { kind: 'known', person, slots: slotsOf(info.availabilityView ?? '', { from, to }), busy: busyOf(info) };
    });
  }

  async createMeeting(meeting: NewMeeting): Promise<BookedMeeting> {
    const { from, to } = checkWindow(meeting.window, 86_400_000);
    if (!meeting.transactionId.trim() || meeting.transactionId.length > 255) throw new AttuneError('invalid_input', 'A booking needs a transaction id of 1 to 255 characters.');
    const attendees = await Promise.all(
      meeting.invitees.map(async (invitee) => {
        const address = invitee.kind === 'guest' ? invitee.email : await this.addressOf(invitee.person, 'book');
        if (!address) throw new AttuneError('not_found', 'Someone invited is not in the directory (invite a person from outside as a guest, by email); nothing was booked.');
        return { emailAddress: { address }, type: invitee.required ? 'required' : 'optional' };
      }),
    );
    const body = {
      subject: meeting.subject,
      body: { contentType: 'HTML', content: meeting.bodyHtml },
      start: toGraphTime(from),
      end: toGraphTime(to),
      attendees,
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId: meeting.transactionId,
    };
    const path = `/users/${encodeURIComponent(meeting.organiser.objectId)}/events`;
    for (let attempt = 0; ; attempt++) {
      try {
        const event = (await this.client.api(path).headers(utc).post(body)) as GraphEvent;
        this.logger.info('meeting booked in Outlook', { organiser: personId(meeting.organiser), eventId: event.id, attempt });
        return bookedMeeting(event);
      } catch (e) {
        // No answer at all: the event may or may not exist. The same transactionId makes sending it again safe.
        const lost = graphStatus(e) === undefined && !carriedError(e);
        if (!lost || attempt >= this.lostAnswerRetries) throw this.failed(e, { action: 'book', person: meeting.organiser });
        this.logger.warn('booking answer lost; sending it again with the same transaction id', { organiser: personId(meeting.organiser), attempt });
      }
    }
  }

  async readMeeting(ref: MeetingRef): Promise<BookedMeeting | null> {
    try {
      const event = (await this.client.api(eventPath(ref)).headers(utc).select(eventFields).get()) as GraphEvent;
      return bookedMeeting(event);
    } catch (e) {
      if (graphStatus(e) === 404) return null;
      throw this.failed(e, { action: 'read_meeting', person: ref.organiser });
    }
  }

  async rescheduleMeeting(ref: MeetingRef, window: TimeWindow): Promise<BookedMeeting> {
    const { from, to } = checkWindow(window, 86_400_000);
    const event = await this.call('reschedule', ref.organiser, async () => (await this.client.api(eventPath(ref)).headers(utc).patch({ start: toGraphTime(from), end: toGraphTime(to) })) as GraphEvent);
    this.logger.info('meeting moved in Outlook', { organiser: personId(ref.organiser), eventId: ref.eventId });
    return bookedMeeting(event);
  }

  async cancelMeeting(ref: MeetingRef, comment: string): Promise<void> {
    try {
      await this.client.api(`${eventPath(ref)}/cancel`).post({ Comment: comment });
      this.logger.info('meeting cancelled in Outlook', { organiser: personId(ref.organiser), eventId: ref.eventId });
    } catch (e) {
      if (graphStatus(e) === 404) return; // already deleted: there is nothing left to cancel
      throw this.failed(e, { action: 'cancel', person: ref.organiser });
    }
  }

  async managerOf(person: PersonRef): Promise<DirectoryManager | null> {
    if (person.tenantId !== this.tenantId) return null;
    try {
      const manager = (await this.client.api(`/users/${encodeURIComponent(person.objectId)}/manager`).select('id,displayName').get()) as { id?: string; displayName?: string | null };
      return manager.id ? { person: { tenantId: person.tenantId, objectId: manager.id }, displayName: manager.displayName?.trim() || null } : null;
    } catch (e) {
      if (graphStatus(e) === 404) return null;
      throw this.failed(e, { action: 'read_manager', person });
    }
  }

  /** The address Graph knows a person by (mail, else user principal name); null when they are not in this directory. */
  private async addressOf(person: PersonRef, action: GraphAction): Promise<string | null> {
    if (person.tenantId !== this.tenantId) return null;
    const cached = this.addresses.get(person.objectId);
    if (cached !== undefined) return cached;
    try {
      const user = (await this.client.api(`/users/${encodeURIComponent(person.objectId)}`).select('id,mail,userPrincipalName').get()) as { mail?: string | null; userPrincipalName?: string | null };
      const address = user.mail ?? user.userPrincipalName ?? null;
      this.addresses.set(person.objectId, address);
      return address;
    } catch (e) {
      if (graphStatus(e) === 404) return null;
      throw this.failed(e, { action, person });
    }
  }

  private async call<T>(action: GraphAction, person: PersonRef, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw this.failed(e, { action, person });
    }
  }

  private failed(e: unknown, context: { action: GraphAction; person: PersonRef }): AttuneError {
    const error = graphError(e, context.action);
    this.logger.warn('graph call failed', { action: context.action, person: personId(context.person), code: error.code, ...failureFields(e) });
    return error;
  }
}

const eventPath = (ref: MeetingRef): string => `/users/${encodeURIComponent(ref.organiser.objectId)}/events/${encodeURIComponent(ref.eventId)}`;


/** Graph's `dateTimeTimeZone`, always in UTC. */
const toGraphTime = (instant: number): GraphTime => ({ dateTime: new Date(instant).toISOString().slice(0, 23), timeZone: 'UTC' });

function fromGraphTime(t: GraphTime): Instant {
  const ms = /^(UTC|Etc\/UTC|Coordinated Universal Time)$/i.test(t.timeZone) ? Date.parse(`${t.dateTime.replace(/Z$/, '')}Z`) : Number.NaN;
  if (!Number.isFinite(ms)) throw new AttuneError('unavailable', 'Outlook answered with a time Attune could not read.');
  return new Date(ms).toISOString();
}

function bookedMeeting(event: GraphEvent): BookedMeeting {
  return { eventId: event.id, joinUrl: event.onlineMeeting?.joinUrl ?? null, window: { start: fromGraphTime(event.start), end: fromGraphTime(event.end) }, cancelled: event.isCancelled === true };
}

function slotsOf(view: string, span: { from: number; to: number }): AvailabilitySlot[] {
  const slots: AvailabilitySlot[] = [];
  for (let i = 0, t = span.from; t < span.to; i++, t += slotMs) {
    slots.push({ start: new Date(t).toISOString(), end: new Date(Math.min(t + slotMs, span.to)).toISOString(), availability: viewDigit[view.charAt(i)] ?? 'unknown' });
  }
  return slots;
}

function busyOf(info: GraphScheduleInformation): BusyPeriod[] {
  return (info.scheduleItems ?? []).flatMap((item): BusyPeriod[] => {
    const availability = itemStatus[item.status.toLowerCase()];
    return availability ? [{ start: fromGraphTime(item.start), end: fromGraphTime(item.end), availability }] : [];
  });
}
