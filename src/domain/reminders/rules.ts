import { AttuneError } from '../errors';

/**
 * What Attune reminds people of, as data. Each service has its own set: every rule can be switched off and
 * has its own timing, counted in the person's local calendar days from the rule's anchor (when the session
 * was held, the record was returned, the meeting starts…).
 */
export type ReminderRuleId =
  /** Trainee: write the supervision record after a session, or after a booked supervision meeting ended. */
  | 'record.write'
  /** Trainee: a record the supervisor returned needs changes. */
  | 'record.returned'
  /** Supervisor: records waiting to be co-signed (always a digest: one card for all of them). */
  | 'record.cosign'
  /** Line manager: the contract is waiting for their signature. */
  | 'contract.sign'
  /** Trainee: a booked supervision is tomorrow. */
  | 'supervision.tomorrow'
  /** Trainee: their contract is still a draft (from when Attune first saw the draft). */
  | 'contract.draft'
  /** Trainee: a clip upload was left unfinished (from its last activity). */
  | 'upload.unfinished'
  /** Supervisor: a trainee has had no supervision for longer than their contract's cadence. */
  | 'supervision.overdue'
  /** Trainee: a stage's transition or accreditation meeting is due, or the pathway is behind its projection. */
  | 'stage.meeting_due'
  /** Supervisor: a clip shared for review that they have not opened. */
  | 'clip.unopened'
  /** Line manager: a report's protected time was not used. */
  | 'protected_time.unused'
  /** Service admin: clips whose retention date falls in the next 14 days (a digest). */
  | 'admin.retention_soon'
  /** Service admin: legal holds older than a year (a digest). */
  | 'admin.legal_hold_old'
  /** Service admin: people reminders could not reach (a digest). */
  | 'admin.undeliverable';

export const reminderRuleIds: readonly ReminderRuleId[] = [
  'record.write',
  'record.returned',
  'record.cosign',
  'contract.sign',
  'supervision.tomorrow',
  'contract.draft',
  'upload.unfinished',
  'supervision.overdue',
  'stage.meeting_due',
  'clip.unopened',
  'protected_time.unused',
  'admin.retention_soon',
  'admin.legal_hold_old',
  'admin.undeliverable',
];

/** Who a rule reminds. */
export type ReminderAudience = 'trainee' | 'supervisor' | 'line_manager' | 'admin';

/** For people (the admin page, previews): each rule's short label and whom it reminds. */
export const reminderRuleLabels: Readonly<Record<ReminderRuleId, { readonly label: string; readonly audience: ReminderAudience }>> = {
  'record.write': { label: 'Write the supervision record', audience: 'trainee' },
  'record.returned': { label: 'Revise a returned record', audience: 'trainee' },
  'record.cosign': { label: 'Co-sign supervision records', audience: 'supervisor' },
  'contract.sign': { label: 'Sign the contract', audience: 'line_manager' },
  'supervision.tomorrow': { label: 'Supervision tomorrow', audience: 'trainee' },
  'contract.draft': { label: 'Finish the draft contract', audience: 'trainee' },
  'upload.unfinished': { label: 'Finish an unfinished upload', audience: 'trainee' },
  'supervision.overdue': { label: 'A trainee is overdue for supervision', audience: 'supervisor' },
  'stage.meeting_due': { label: 'Stage meeting due, or behind on the pathway', audience: 'trainee' },
  'clip.unopened': { label: 'Open a clip shared for review', audience: 'supervisor' },
  'protected_time.unused': { label: 'Protected time not used', audience: 'line_manager' },
  'admin.retention_soon': { label: 'Clips reaching their retention date', audience: 'admin' },
  'admin.legal_hold_old': { label: 'Legal holds older than a year', audience: 'admin' },
  'admin.undeliverable': { label: 'People reminders cannot reach', audience: 'admin' },
};

/** Rules derived from clip records (uploads, clips), which only some callers have at hand. */
export const clipRules: ReadonlySet<ReminderRuleId> = new Set<ReminderRuleId>(['upload.unfinished', 'clip.unopened', 'admin.retention_soon', 'admin.legal_hold_old']);

/** Rules that are one card for all of a person's items, even when only one is new. */
export const reminderDigestRules: ReadonlySet<ReminderRuleId> = new Set<ReminderRuleId>(['record.cosign', 'admin.retention_soon', 'admin.legal_hold_old', 'admin.undeliverable']);

export interface ReminderRule {
  readonly enabled: boolean;
  /**
   * Days after the anchor (in the person's local calendar) each reminder is due, ascending; negative is
   * before it (a meeting's "tomorrow" is -1). One occurrence per entry.
   */
  readonly afterDays: readonly number[];
  /** After the last entry, again every this many days until the thing is done; null: no more. */
  readonly thenEveryDays: number | null;
}

export type ReminderRules = Readonly<Record<ReminderRuleId, ReminderRule>>;

/** The rules a service starts with (the defaults: a record after 2 days and again at 7, a contract weekly). */
export const defaultReminderRules: ReminderRules = {
  'record.write': { enabled: true, afterDays: [2, 7], thenEveryDays: null },
  'record.returned': { enabled: true, afterDays: [1, 5], thenEveryDays: null },
  'record.cosign': { enabled: true, afterDays: [2], thenEveryDays: 3 },
  'contract.sign': { enabled: true, afterDays: [2], thenEveryDays: 7 },
  'supervision.tomorrow': { enabled: true, afterDays: [-1], thenEveryDays: null },
  'contract.draft': { enabled: true, afterDays: [7], thenEveryDays: 7 },
  'upload.unfinished': { enabled: true, afterDays: [1], thenEveryDays: null },
  // Counted from the day the contract's cadence ran out: the day after is "longer than the cadence".
  'supervision.overdue': { enabled: true, afterDays: [1], thenEveryDays: 7 },
  'stage.meeting_due': { enabled: true, afterDays: [0], thenEveryDays: 14 },
  'clip.unopened': { enabled: true, afterDays: [2, 7], thenEveryDays: null },
  'protected_time.unused': { enabled: true, afterDays: [0], thenEveryDays: 14 },
  'admin.retention_soon': { enabled: true, afterDays: [0], thenEveryDays: 7 },
  'admin.legal_hold_old': { enabled: true, afterDays: [0], thenEveryDays: 30 },
  'admin.undeliverable': { enabled: true, afterDays: [0], thenEveryDays: 7 },
};

/**
 * A service's stored rules over the defaults: a service that stored its rules before a rule existed gets
 * that rule's default (and a stored rule that no longer exists is dropped).
 */
export function withDefaultRules(stored: Partial<Record<string, ReminderRule>> | undefined): ReminderRules {
  const out = { ...defaultReminderRules } as Record<ReminderRuleId, ReminderRule>;
  for (const id of reminderRuleIds) {
    const r = stored?.[id];
    if (r) out[id] = r;
  }
  return out;
}

export const maxOccurrencesPerRule = 12;

export function reminderRuleProblems(rules: ReminderRules): string[] {
  const problems: string[] = [];
  for (const id of reminderRuleIds) {
    const r = rules[id];
    if (!r) {
      problems.push(`${id}: the rule is missing.`);
      continue;
    }
    const days = r.afterDays;
    if (days.length === 0 || days.length > maxOccurrencesPerRule) problems.push(`${id}: give 1 to ${maxOccurrencesPerRule} reminder days.`);
    if (days.some((d) => !Number.isInteger(d) || d < -14 || d > 365)) problems.push(`${id}: reminder days are whole numbers from -14 to 365.`);
    if (days.some((d, i) => i > 0 && d <= days[i - 1]!)) problems.push(`${id}: reminder days must go up.`);
    if (r.thenEveryDays !== null && (!Number.isInteger(r.thenEveryDays) || r.thenEveryDays < 1 || r.thenEveryDays > 90)) problems.push(`${id}: repeat every 1 to 90 days, or not at all.`);
  }
  return problems;
}

export function assertReminderRules(rules: ReminderRules): void {
  const problems = reminderRuleProblems(rules);
  if (problems.length) throw new AttuneError('invalid_input', 'The reminder rules need attention.', problems);
}

/**
 * Which occurrence of a rule is the latest one due `daysSince` days after the anchor: its index, or null
 * when none is due yet. Only the latest counts, so an instance that was down for a week sends one reminder,
 * not every one it missed.
 */
export function occurrenceIndex(rule: ReminderRule, daysSince: number): number | null {
  const days = rule.afterDays;
  let index: number | null = null;
  for (let i = 0; i < days.length; i++) if (days[i]! <= daysSince) index = i;
  if (index === null) return null;
  const last = days[days.length - 1]!;
  if (index === days.length - 1 && rule.thenEveryDays !== null && daysSince > last) index += Math.floor((daysSince - last) / rule.thenEveryDays);
  return index;
}

/** The day (after the anchor) occurrence `index` falls on. */
export function occurrenceDay(rule: ReminderRule, index: number): number {
  const days = rule.afterDays;
  if (index < days.length) return days[index]!;
  return days[days.length - 1]! + (index - days.length + 1) * (rule.thenEveryDays ?? 0);
}
