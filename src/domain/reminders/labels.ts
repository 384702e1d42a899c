import type { ReminderAbout } from './due';
import { formatMinutes } from '../progress';
import { reminderRuleLabels, type ReminderAudience, type ReminderRuleId } from './rules';

export type { ReminderAudience };

export interface ReminderRuleLabel {
  /** What the rule reminds of, in a few words a service admin or the person reads. */
  readonly label: string;
  readonly audience: ReminderAudience;
}

/** A guess for a rule this table does not know yet, from words in its id. */
function audienceOf(id: string): ReminderAudience {
  if (/retention|hold|admin/.test(id)) return 'admin';
  if (/cosign|supervisor|review|no-supervision|no_supervision/.test(id)) return 'supervisor';
  if (/line[-_]?manager|protected|contract\.sign/.test(id)) return 'line_manager';
  return 'trainee';
}

/**
 * A rule's label and audience. Rules are enumerated from `reminderRuleIds`, never from this table: a rule it
 * does not know reads as its id in words ("stage.behind" → "Stage behind").
 */
export function reminderRuleLabel(id: string): ReminderRuleLabel {
  const k = Object.hasOwn(reminderRuleLabels, id) ? reminderRuleLabels[id as ReminderRuleId] : undefined;
  if (k) return k;
  const words = id.replace(/[._-]+/g, ' ').trim();
  return { label: words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Reminder', audience: audienceOf(id) };
}

const day = (iso: string): string => iso.slice(0, 10);

/** One line about what an item of a reminder is (dates and versions only: no names, no case codes), on cards and pages. */
export function reminderItemLine(a: ReminderAbout): string {
  switch (a.kind) {
    case 'record.write':
      return a.sessionId ? `The session on ${a.heldOn}` : `The supervision meeting on ${a.heldOn} (log it first)`;
    case 'record.returned':
      return 'A record returned with your supervisor’s comment';
    case 'record.cosign':
      return `A record submitted on ${day(a.submittedAt)}`;
    case 'contract.sign':
      return `The contract, version ${a.version}`;
    case 'supervision.tomorrow':
      return `Starts ${a.start.slice(0, 16).replace('T', ' ')} UTC`;
    case 'contract.draft':
      return a.version === null ? 'Your VIG contract has not been drafted yet' : `The draft contract, version ${a.version}`;
    case 'supervision.overdue':
      return a.lastOn ? `A trainee’s last supervision was on ${a.lastOn} (${a.cadence} in their contract)` : `A trainee has had no supervision since their contract started on ${a.fromOn} (${a.cadence})`;
    case 'stage.meeting_due':
      return a.reason === 'meeting_due'
        ? `Stage ${a.stage} is complete: book your ${a.meeting} meeting with an external supervisor`
        : `At this pace you would finish on ${a.projectedCompletion}, after your accreditation window closes on ${a.windowCloses}`;
    case 'protected_time.unused':
      return `A report with ${formatMinutes(a.protectedMinutesPerWeek)} a week of protected VIG time has recorded no practice since ${a.lastOn}`;
    case 'clip.unopened':
      return `A clip uploaded on ${day(a.uploadedAt)}`;
    case 'admin.retention_soon':
      return `A clip to be deleted on ${a.deleteAfter} (retention)`;
    case 'admin.legal_hold_old':
      return `A clip on legal hold since ${day(a.heldSince)}`;
    case 'admin.undeliverable':
      return `Someone Teams refused on ${day(a.since)} (${a.httpStatus === 404 ? 'their account or chat is gone' : 'the app was removed or blocked'})`;
    case 'upload.unfinished':
      return `A clip upload started on ${day(a.startedAt)}: it can be resumed until ${day(a.expiresAt)}`;
  }
}

