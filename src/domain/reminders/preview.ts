import { addDays, type IsoDate } from '../dates';
import type { ReminderCardView } from './delivery';
import type { Instant, ReminderAbout, ReminderItem } from './due';
import type { ReminderRuleId } from './rules';

/** Made-up items for a rule's card preview: sample ids and dates, nobody's data. */
function sampleAbout(ruleId: ReminderRuleId, today: IsoDate, now: Instant): ReminderAbout {
  switch (ruleId) {
    case 'record.write':
      return { kind: 'record.write', enrolmentId: 'sample', heldOn: addDays(today, -2), sessionId: 'sample-session', plannedId: null };
    case 'record.returned':
      return { kind: 'record.returned', enrolmentId: 'sample', recordId: 'sample-record', revision: 2 };
    case 'record.cosign':
      return { kind: 'record.cosign', enrolmentId: 'sample', recordId: 'sample-record', traineeId: 'sample:trainee', submittedAt: now };
    case 'contract.sign':
      return { kind: 'contract.sign', enrolmentId: 'sample', version: 1 };
    case 'supervision.tomorrow':
      return { kind: 'supervision.tomorrow', enrolmentId: 'sample', plannedId: 'sample-meeting', start: `${addDays(today, 1)}T10:00:00.000Z` };
    case 'contract.draft':
      return { kind: 'contract.draft', enrolmentId: 'sample', version: 1 };
    case 'upload.unfinished':
      return { kind: 'upload.unfinished', enrolmentId: 'sample', uploadId: 'sample-upload', startedAt: `${addDays(today, -1)}T10:00:00.000Z`, expiresAt: `${addDays(today, 5)}T10:00:00.000Z` };
    case 'supervision.overdue':
      return { kind: 'supervision.overdue', enrolmentId: 'sample', traineeId: 'sample:trainee', lastOn: addDays(today, -35), fromOn: addDays(today, -90), cadence: 'monthly' };
    case 'stage.meeting_due':
      return { kind: 'stage.meeting_due', enrolmentId: 'sample', stage: 1, reason: 'meeting_due', meeting: 'transition' };
    case 'clip.unopened':
      return { kind: 'clip.unopened', enrolmentId: 'sample', clipId: 'sample-clip', uploadedAt: `${addDays(today, -2)}T10:00:00.000Z` };
    case 'protected_time.unused':
      return { kind: 'protected_time.unused', enrolmentId: 'sample', traineeId: 'sample:trainee', lastOn: addDays(today, -21), protectedMinutesPerWeek: 240 };
    case 'admin.retention_soon':
      return { kind: 'admin.retention_soon', enrolmentId: 'sample', clipId: 'sample-clip', deleteAfter: addDays(today, 10) };
    case 'admin.legal_hold_old':
      return { kind: 'admin.legal_hold_old', enrolmentId: 'sample', clipId: 'sample-clip', heldSince: `${addDays(today, -400)}T10:00:00.000Z` };
    case 'admin.undeliverable':
      return { kind: 'admin.undeliverable', personId: 'sample:person', since: now, httpStatus: 403 };
  }
}

/** A rule's card as its reminder would look, with sample data, for the admin's preview. */
export function sampleReminderView(ruleId: ReminderRuleId, now: Instant): ReminderCardView {
  const about = sampleAbout(ruleId, now.slice(0, 10), now);
  const item: ReminderItem = { key: `${ruleId}|sample|0`, subject: 'sample', about };
  return { key: `preview|${ruleId}`, ruleId, items: [item], state: 'due' };
}
