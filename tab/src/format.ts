import type { MeetingStatus, ProjectionStatus, StageMeetingKind, StageStatus } from '../../src/contract/http';
import type { Role } from './api';

/** Minutes as a person says them: "45 min", "7 h", "6 h 30 min" (the same wording as the bot). */
export function formatMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** A calendar date (YYYY-MM-DD) in the person's locale, e.g. "14 Mar 2026". Calendar dates have no time zone. */
export function formatDate(iso: string, locale?: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || [y, m, d].some(Number.isNaN)) return iso;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A fraction 0..1 as a whole percentage, e.g. 0.456 → 46. */
export const percent = (fraction: number): number => Math.round(Math.min(1, Math.max(0, fraction)) * 100);

export const stageStatusLabel: Record<StageStatus, string> = { complete: 'Complete', current: 'Current', upcoming: 'Upcoming' };

export const projectionStatusLabel: Record<ProjectionStatus, string> = { complete: 'Complete', on_track: 'On track', at_risk: 'At risk', overdue: 'Overdue' };

export const meetingKindLabel: Record<StageMeetingKind, string> = { transition: 'Transition meeting', accreditation: 'Accreditation meeting' };

export function meetingStatusText(status: MeetingStatus, signedOffOn: string | undefined): string {
  switch (status) {
    case 'not_due':
      return 'Not due yet';
    case 'due':
      return 'Due now: book it with your supervisor';
    case 'signed_off':
      return signedOffOn ? `Signed off on ${formatDate(signedOffOn)}` : 'Signed off';
  }
}

export const roleLabel: Record<Role, string> = { trainee: 'Trainee', supervisor: 'Supervisor', line_manager: 'Line manager', service_admin: 'Service admin', external_supervisor: 'External supervisor' };

export const relationshipLabel = { supervisor: 'You supervise', line_manager: 'You line-manage' } as const;

/** A time in a clip, as a player shows it: "0:07", "1:05", "1:02:09"; tenths when asked ("0:07.4"). */
export function formatClock(ms: number, options: { tenths?: boolean } = {}): string {
  const total = Math.max(0, ms) / 1000;
  const whole = Math.floor(total);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  const tenths = options.tenths ? `.${Math.floor((total - whole) * 10)}` : '';
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}${tenths}` : `${m}:${ss}${tenths}`;
}

/** The same time in words, for screen readers: "1 minute 5 seconds". */
export function spokenClock(ms: number): string {
  const whole = Math.floor(Math.max(0, ms) / 1000);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  const parts = [m > 0 ? `${m} ${m === 1 ? 'minute' : 'minutes'}` : '', `${s} ${s === 1 ? 'second' : 'seconds'}`].filter(Boolean);
  return parts.join(' ');
}

/** An instant in the person's locale: "14 Mar 2026, 10:05". */
export function formatInstant(iso: string, locale?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(t));
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

export const clipKindLabel = { client_interaction: 'Client interaction', shared_review: 'Shared review' } as const;

export const viewPurposeLabel: Record<string, string> = { own_practice: 'Own practice', supervision: 'Supervision', shared_review: 'Shared review', assessment: 'Assessment' };

export const consentScopeLabel = { filming: 'Filming', supervisor_viewing: 'Supervisor viewing', peer_intervision: 'Peer intervision', training_use: 'Training use' } as const;

/** The zone Attune books supervision in: the service's (`GET /api/config`), London until it has arrived. */
export let serviceZone = 'Europe/London';

/** Takes the service's zone from the configuration: called once at start-up, before any page renders. */
export function setServiceZone(zone: string | undefined): void {
  if (zone) serviceZone = zone;
}

/** The zone's everyday name, for the label beside a time: "UK time". */
const zoneLabels: Readonly<Record<string, string>> = { 'Europe/London': 'UK time' };

/**
 * A meeting's time as people read it: the date and times in the person's locale, on the service's clock, with
 * the zone's name — `{ date: "Monday 15 June 2026", time: "13:00–14:00", zone: "BST (UK time)" }` — and, when
 * the person's own clock differs, the same times on theirs (`yours`). `text` is the whole as one line.
 */
export interface MeetingTime {
  readonly date: string;
  readonly time: string;
  readonly zone: string;
  readonly yours: string | null;
  readonly text: string;
}

export function formatMeetingTime(window: { readonly start: string; readonly end: string }, o: { locale?: string; zone?: string; viewerZone?: string } = {}): MeetingTime {
  const zone = o.zone ?? serviceZone;
  const start = new Date(window.start);
  const end = new Date(window.end);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return { date: window.start, time: '', zone: '', yours: null, text: window.start };
  const day = (timeZone: string): string => new Intl.DateTimeFormat(o.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(start);
  const clock = (timeZone: string, at: Date): string => new Intl.DateTimeFormat(o.locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(at);
  const zoneName = (timeZone: string): string => new Intl.DateTimeFormat(o.locale, { timeZone, timeZoneName: 'short' }).formatToParts(start).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  const date = day(zone);
  const time = `${clock(zone, start)}–${clock(zone, end)}`;
  const label = zoneLabels[zone];
  const name = label ? `${zoneName(zone)} (${label})` : zoneName(zone);
  const viewerZone = o.viewerZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const otherDay = day(viewerZone) !== date;
  const yours = clock(viewerZone, start) === clock(zone, start) && !otherDay ? null : `${otherDay ? `${day(viewerZone)}, ` : ''}${clock(viewerZone, start)}–${clock(viewerZone, end)} ${zoneName(viewerZone)}`;
  return { date, time, zone: name, yours, text: `${date}, ${time} ${name}${yours ? `; ${yours} your time` : ''}` };
}

/** Short, for a table cell or a card: "Mon 15 Jun, 13:00 BST". */
export function formatMeetingStart(start: string, o: { locale?: string; zone?: string } = {}): string {
  const at = new Date(start);
  if (Number.isNaN(at.getTime())) return start;
  return new Intl.DateTimeFormat(o.locale, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZone: o.zone ?? serviceZone, timeZoneName: 'short' }).format(at);
}

export const plannedKindLabel = { supervision: 'Supervision', transition: 'Transition meeting', accreditation: 'Accreditation meeting' } as const;

export const cadenceLabel = { weekly: 'every week', fortnightly: 'every two weeks', monthly: 'every month' } as const;

/** What a booked meeting's status means, in words (never a colour alone). */
export function plannedStatusText(p: { readonly status: 'booking' | 'booked' | 'cancelled' | 'recorded'; readonly cancelledInOutlook?: boolean }): string {
  switch (p.status) {
    case 'booking':
      return 'Being booked';
    case 'booked':
      return 'Booked';
    case 'cancelled':
      return p.cancelledInOutlook ? 'Cancelled in Outlook' : 'Cancelled';
    case 'recorded':
      return 'Logged';
  }
}
