import type { MeetingStatus, ProjectionStatus, StageStatus } from '../../src/domain/progress';
import type { StageMeetingKind } from '../../src/domain/pathway';
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

export const roleLabel: Record<Role, string> = { trainee: 'Trainee', supervisor: 'Supervisor', line_manager: 'Line manager', service_admin: 'Service admin' };

export const relationshipLabel = { supervisor: 'You supervise', line_manager: 'You line-manage' } as const;
