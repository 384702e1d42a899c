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
    default:
      // A rule this file does not know yet: its kind is its id, and the card renderer words it.
      return { kind: ruleId, enrolmentId: 'sample' } as unknown as ReminderAbout;
  }
}

/** A rule's card as its reminder would look, with sample data, for the admin's preview. */
export function sampleReminderView(ruleId: ReminderRuleId, now: Instant): ReminderCardView {
  const about = sampleAbout(ruleId, now.slice(0, 10), now);
  const item: ReminderItem = { key: `${ruleId}|sample|0`, subject: 'sample', about };
  return { key: `preview|${ruleId}`, ruleId, items: [item], state: 'due' };
}
