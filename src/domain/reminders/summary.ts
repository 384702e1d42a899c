import type { PersonId } from '../people';
import type { OutboxRow } from './delivery';
import type { Instant, Mute, Snooze } from './due';

import type { ReminderRuleId } from './rules';

/** How the admin's page groups reminders. */
export type ReminderGroup = 'sent' | 'waiting' | 'snoozed' | 'muted' | 'undeliverable' | 'dead' | 'cancelled';
export const reminderGroups: readonly ReminderGroup[] = ['sent', 'waiting', 'snoozed', 'muted', 'undeliverable', 'dead', 'cancelled'];

/** One line of the admin's list: a card, a snooze or a mute, by ids and the person it is for. */
export interface ReminderLine {
  readonly group: ReminderGroup;
  /** Null for a person Teams refused to reach (no card was made for them). */
  readonly ruleId: ReminderRuleId | null;
  readonly personId: PersonId;
  /** The outbox row's key (cards), or null (snoozes, mutes). */
  readonly key: string | null;
  /** The delivery state in detail: delivered, closed, queued, sending, undeliverable, dead, cancelled; snoozed; muted. */
  readonly status: string;
  /** When it last changed (sent, queued, snoozed until, muted at…). */
  readonly at: Instant;
  /** Why it was not delivered: the HTTP status Teams answered, or the dead letter's reason. */
  readonly reason: string | null;
  /** How many things the card is about. */
  readonly items: number;
}

export interface ReminderSummary {
  readonly counts: Readonly<Record<ReminderGroup, number>>;
  readonly perRule: ReadonlyMap<ReminderRuleId, Readonly<Record<ReminderGroup, number>>>;
  /** Per group, newest first, at most `limit`. */
  readonly lines: Readonly<Record<ReminderGroup, readonly ReminderLine[]>>;
  /** Per group, how many lines were left out. */
  readonly more: Readonly<Record<ReminderGroup, number>>;
}

const zero = (): Record<ReminderGroup, number> => ({ sent: 0, waiting: 0, snoozed: 0, muted: 0, undeliverable: 0, dead: 0, cancelled: 0 });

/** The card's line: which group its delivery state puts it in, and why when it failed. */
export function lineOfRow(r: OutboxRow): ReminderLine {
  const s = r.state;
  const base = { ruleId: r.ruleId, personId: r.personId, key: r.key, status: s.status, items: r.items.length };
  switch (s.status) {
    case 'queued':
      return { ...base, group: 'waiting', at: s.enqueuedAt, reason: null };
    case 'sending':
      return { ...base, group: 'waiting', at: s.until, reason: null };
    case 'delivered':
    case 'closed':
      return { ...base, group: 'sent', at: s.at, reason: null };
    case 'undeliverable':
      return { ...base, group: 'undeliverable', at: s.at, reason: s.httpStatus === 404 ? 'Teams answered 404: the person is gone or the chat no longer exists.' : s.httpStatus === 403 ? 'Teams answered 403: the app was removed or the person blocked it.' : `Teams answered ${s.httpStatus}.` };
    case 'dead':
      return { ...base, group: 'dead', at: s.at, reason: s.reason };
    case 'cancelled':
      return { ...base, group: 'cancelled', at: s.at, reason: 'Done before it was sent.' };
  }
}

/**
 * The admin's view of reminders: outbox rows, snoozes still running and mutes, grouped and counted, per
 * rule too. The caller passes only rows, snoozes and mutes of their own service.
 */
export function summariseReminders(input: { rows: readonly OutboxRow[]; snoozes: readonly Snooze[]; mutes: readonly (Mute & { mutedAt: Instant })[]; unreachable: readonly { personId: PersonId; httpStatus: number; at: Instant }[]; ruleIds: readonly ReminderRuleId[]; now: Instant; limit: number }): ReminderSummary {
  const all: ReminderLine[] = input.rows.map(lineOfRow);
  for (const s of input.snoozes) if (s.until > input.now) all.push({ group: 'snoozed', ruleId: s.ruleId, personId: s.personId, key: null, status: 'snoozed', at: s.until, reason: null, items: 1 });
  for (const m of input.mutes) all.push({ group: 'muted', ruleId: m.ruleId, personId: m.personId, key: null, status: 'muted', at: m.mutedAt, reason: null, items: 0 });
  for (const u of input.unreachable) all.push({ group: 'undeliverable', ruleId: null, personId: u.personId, key: null, status: 'recipient', at: u.at, reason: `Teams answered ${u.httpStatus}: no reminders reach this person until they open a chat with Attune again.`, items: 0 });
  const counts = zero();
  const perRule = new Map<ReminderRuleId, Record<ReminderGroup, number>>(input.ruleIds.map((id) => [id, zero()]));
  const lines: Record<ReminderGroup, ReminderLine[]> = { sent: [], waiting: [], snoozed: [], muted: [], undeliverable: [], dead: [], cancelled: [] };
  for (const l of all) {
    counts[l.group]++;
    if (l.ruleId !== null) {
      const rule = perRule.get(l.ruleId) ?? zero();
      rule[l.group]++;
      perRule.set(l.ruleId, rule);
    }
    lines[l.group].push(l);
  }
  const more = zero();
  for (const g of reminderGroups) {
    lines[g].sort((a, b) => b.at.localeCompare(a.at) || (a.key ?? '').localeCompare(b.key ?? ''));
    more[g] = Math.max(0, lines[g].length - input.limit);
    lines[g] = lines[g].slice(0, input.limit);
  }
  return { counts, perRule, lines, more };
}
