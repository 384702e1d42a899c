import { AttuneError } from '../../domain/errors';
import type { ReminderPreferences } from '../../domain/reminders/due';
import { reminderRuleIds, type ReminderRuleId } from '../../domain/reminders/rules';
import { upcomingReminders, type UpcomingReminder } from '../../domain/reminders/upcoming';
import { isTimeZone } from '../../domain/scheduling/zoned-time';
import { reminderKeys, type StoredMute, type StoredSnooze } from '../../ports/reminders';
import type { Actor } from '../people';
import type { ReminderViewDeps } from './admin-view';
import { loadReminderWorld } from './facts';

export interface MyReminders {
  readonly upcoming: readonly UpcomingReminder[];
  /** The person's own settings as stored (empty: the service's defaults). */
  readonly preferences: ReminderPreferences;
  /** The zone reminders are timed in: theirs, else the service's. */
  readonly zone: string;
  readonly mutes: readonly StoredMute[];
  readonly snoozes: readonly StoredSnooze[];
}

/** What Attune will remind the actor of and when, with their preferences, mutes and snoozes: their own only. */
export async function viewMyReminders(deps: ReminderViewDeps, actor: Actor): Promise<MyReminders> {
  const me = actor.person.id;
  // It reads the records and the reminder store only (no queue, no channel).
  const world = await loadReminderWorld(deps);
  const prefs = world.people.get(me);
  const now = deps.clock.now().toISOString();
  const upcoming = upcomingReminders({ facts: world.facts, rules: world.rules, now, defaultZone: deps.scheduling.zone, personId: me, prefs, snoozes: world.snoozes, mutes: world.mutes, sent: world.sent, firstSeen: world.firstSeen });
  return {
    upcoming,
    preferences: prefs ?? {},
    zone: prefs?.zone ?? deps.scheduling.zone,
    mutes: world.mutes.filter((m) => m.personId === me),
    snoozes: world.snoozes.filter((s) => s.personId === me && s.until > now),
  };
}

export interface PreferencesChange {
  readonly zone: string | null;
  readonly startMinute: number;
  readonly endMinute: number;
  readonly weekends: boolean;
}

/** The actor's reminder times: an IANA time zone (or the service's), working hours, weekends or not. */
export async function changeMyReminderPreferences(deps: ReminderViewDeps, input: { actor: Actor; change: PreferencesChange }): Promise<MyReminders> {
  const c = input.change;
  const problems: string[] = [];
  if (c.zone !== null && !isTimeZone(c.zone)) problems.push('zone: choose a time zone such as Europe/London (an IANA time zone name).');
  if (!(c.startMinute < c.endMinute)) problems.push('endMinute: working hours must end after they start.');
  if (problems.length) throw new AttuneError('invalid_input', 'Your reminder settings need attention.', problems);
  const personId = input.actor.person.id;
  const value = { personId, startMinute: c.startMinute, endMinute: c.endMinute, weekends: c.weekends, ...(c.zone ? { zone: c.zone } : {}) };
  const key = reminderKeys.preferences({ personId });
  // Last write wins: the preferences are the person's own, changed only by them.
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await deps.reminders.preferences.get(key);
    try {
      if (existing) await deps.reminders.preferences.replace(value, existing.etag);
      else await deps.reminders.preferences.create(value);
      break;
    } catch (e) {
      if (!(e instanceof AttuneError && e.code === 'conflict') || attempt === 2) throw e;
    }
  }
  return viewMyReminders(deps, input.actor);
}

const ruleOf = (ruleId: string): ReminderRuleId => {
  const id = reminderRuleIds.find((r) => r === ruleId);
  if (!id) throw new AttuneError('not_found', 'There is no such reminder rule.');
  return id;
};

/** Unmute: the actor's own mute of the rule goes (it is looked up under their own id only). */
export async function unmuteMyReminderRule(deps: ReminderViewDeps, input: { actor: Actor; ruleId: string }): Promise<MyReminders> {
  const key = reminderKeys.mute({ personId: input.actor.person.id, ruleId: ruleOf(input.ruleId) });
  if (!(await deps.reminders.mutes.get(key))) throw new AttuneError('not_found', 'You have not muted that reminder.');
  await deps.reminders.mutes.remove(key);
  return viewMyReminders(deps, input.actor);
}

/** Cancel the actor's snoozes of a rule: those things are reminded again on their usual days. */
export async function cancelMySnoozes(deps: ReminderViewDeps, input: { actor: Actor; ruleId: string }): Promise<MyReminders> {
  const ruleId = ruleOf(input.ruleId);
  const mine = (await deps.reminders.snoozes.list(input.actor.person.id)).map((s) => s.value).filter((s) => s.ruleId === ruleId && s.personId === input.actor.person.id);
  if (mine.length === 0) throw new AttuneError('not_found', 'You have not snoozed that reminder.');
  for (const s of mine) await deps.reminders.snoozes.remove(reminderKeys.snooze(s));
  return viewMyReminders(deps, input.actor);
}
