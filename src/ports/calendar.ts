import type { PersonRef } from '../domain/people';

/**
 * The calendar that supervision is booked in: the organisation's own Outlook/Exchange calendars, read and
 * written with the app's own identity (no one need be signed in when the scheduler runs). People are
 * `PersonRef`s; the adapter looks up whatever addresses the calendar service needs and never logs them.
 * Every instant is an ISO 8601 UTC timestamp (`2026-12-07T09:30:00.000Z`).
 */
export type Instant = string;

/** A half-open span of time `[start, end)`. */
export interface TimeWindow {
  readonly start: Instant;
  readonly end: Instant;
}

/** How a person shows in a slot, in Attune's words (Outlook's free, tentative, busy, oof, workingElsewhere). */
export type Availability = 'free' | 'tentative' | 'busy' | 'away' | 'working_elsewhere' | 'unknown';

export interface AvailabilitySlot extends TimeWindow {
  readonly availability: Availability;
}

/** A period a person's calendar already holds something; never says what. */
export interface BusyPeriod extends TimeWindow {
  readonly availability: Exclude<Availability, 'free' | 'unknown'>;
}

/**
 * One person's free/busy over the window asked for. The calendar service answers for each person on their
 * own: one person's calendar may be unreadable (no mailbox, not shared) while the others are known.
 */
export type PersonSchedule =
  | {
      readonly kind: 'known';
      readonly person: PersonRef;
      /** The window in consecutive slots of {@link CalendarPort.slotMinutes}, starting at the window's start. */
      readonly slots: readonly AvailabilitySlot[];
      readonly busy: readonly BusyPeriod[];
    }
  | { readonly kind: 'unknown'; readonly person: PersonRef; readonly reason: 'no_calendar' | 'not_permitted' };

/** Someone invited: a person in the tenant, or an external guest (an accredited supervisor outside it). */
export type Invitee =
  | { readonly kind: 'person'; readonly person: PersonRef; readonly required: boolean }
  | { readonly kind: 'guest'; readonly email: string; readonly required: boolean };

export interface NewMeeting {
  /** Whose calendar holds the event; they are its organiser. */
  readonly organiser: PersonRef;
  readonly invitees: readonly Invitee[];
  readonly window: TimeWindow;
  /** Neutral words only (e.g. "VIG supervision"): the subject shows on every invitee's calendar. */
  readonly subject: string;
  /** HTML, already escaped by the caller; no case details. */
  readonly bodyHtml: string;
  /**
   * Chosen once per booking and kept with it, so a create that is retried (after a timeout, or after a
   * crash before the result was stored) finds the event already made instead of making a second one.
   */
  readonly transactionId: string;
}

/** What Attune keeps of a booked meeting. */
export interface BookedMeeting {
  readonly eventId: string;
  /** The Teams meeting join link; null while the calendar service has not provisioned it yet. */
  readonly joinUrl: string | null;
  readonly window: TimeWindow;
  /** Cancelled in Outlook (or by Attune) — the event still exists, greyed out. */
  readonly cancelled: boolean;
}

export interface MeetingRef {
  readonly organiser: PersonRef;
  readonly eventId: string;
}

/**
 * The signed-in person a call is made for, when they started it from the tab: their Teams SSO token, which
 * the Graph adapter exchanges on their behalf (OBO) so the call runs with their own delegated rights. Opaque
 * to everything but the adapter; never stored, never logged.
 */
export interface DelegatedUser {
  readonly assertion: string;
}

export interface CalendarPort {
  /** The length of one free/busy slot, in minutes (30). */
  readonly slotMinutes: number;
  /** Free/busy of each person over the window, read through `asking`'s calendar (usually the organiser's). */
  freeBusy(request: {
    readonly asking: PersonRef;
    readonly people: readonly PersonRef[];
    readonly window: TimeWindow;
    /** Set for a tab-initiated search: the adapter reads as that person (OBO), and may answer `consent_required`. */
    readonly onBehalfOf?: DelegatedUser;
  }): Promise<readonly PersonSchedule[]>;
  /** Creates the event with a Teams meeting in the organiser's calendar and invites everyone. Idempotent by `transactionId`. */
  createMeeting(meeting: NewMeeting): Promise<BookedMeeting>;
  /** The event as it is now (it may have been moved or cancelled in Outlook); null when it was deleted. */
  readMeeting(ref: MeetingRef): Promise<BookedMeeting | null>;
  /** Moves the event; invitees get an update. `not_found` when it was deleted. */
  rescheduleMeeting(ref: MeetingRef, window: TimeWindow): Promise<BookedMeeting>;
  /** Cancels the event and tells the invitees why (`comment`, neutral words). An event already deleted counts as cancelled. */
  cancelMeeting(ref: MeetingRef, comment: string): Promise<void>;
  /**
   * The event as an iCalendar file, for a calendar people cannot open themselves (the local calendar in
   * development); absent where Outlook holds the event. Null when there is no such event.
   */
  icsOf?(ref: MeetingRef): Promise<string | null>;
}
