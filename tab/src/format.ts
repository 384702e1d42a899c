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
