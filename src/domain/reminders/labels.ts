import type { ReminderAbout } from './due';

/** Who a rule's reminders go to. */
export type ReminderAudience = 'trainee' | 'supervisor' | 'line_manager' | 'admin';

export interface ReminderRuleLabel {
  /** What the rule reminds of, in a few words a service admin or the person reads. */
  readonly label: string;
  readonly audience: ReminderAudience;
}

const known: Readonly<Record<string, ReminderRuleLabel>> = {
  'record.write': { label: 'Write the supervision record', audience: 'trainee' },
  'record.returned': { label: 'A returned record needs changes', audience: 'trainee' },
  'record.cosign': { label: 'Records waiting to be co-signed (digest)', audience: 'supervisor' },
  'contract.sign': { label: 'A contract waiting for the line manager’s signature', audience: 'line_manager' },
  'supervision.tomorrow': { label: 'Supervision is tomorrow', audience: 'trainee' },
};

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
  const k = known[id];
  if (k) return k;
  const words = id.replace(/[._-]+/g, ' ').trim();
  return { label: words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Reminder', audience: audienceOf(id) };
}

/** One line about what an item of a reminder is (dates and versions only: no names, no case codes). */
export function reminderItemLine(about: ReminderAbout): string {
  const a = about as { kind: string } & Record<string, unknown>;
  switch (a.kind) {
    case 'record.write':
      return a['sessionId'] ? `The supervision session on ${String(a['heldOn'])}` : `The supervision meeting on ${String(a['heldOn'])} (log it first)`;
    case 'record.returned':
      return 'A record your supervisor returned';
    case 'record.cosign':
      return `A record submitted on ${String(a['submittedAt']).slice(0, 10)}`;
    case 'contract.sign':
      return `The contract, version ${String(a['version'])}`;
    case 'supervision.tomorrow':
      return `Supervision starting ${String(a['start'])}`;
    default:
      return reminderRuleLabel(a.kind).label;
  }
}
