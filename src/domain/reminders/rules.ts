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
  | 'supervision.tomorrow';

export const reminderRuleIds: readonly ReminderRuleId[] = ['record.write', 'record.returned', 'record.cosign', 'contract.sign', 'supervision.tomorrow'];

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
};

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
