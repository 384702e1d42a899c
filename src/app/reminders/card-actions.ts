import { AttuneError } from '../../domain/errors';
import { cardViewOf, doneItemKeys, type OutboxRow, type ReminderCardView } from '../../domain/reminders/delivery';
import { enrolmentOf, openSubjects } from '../../domain/reminders/due';
import { clipRules } from '../../domain/reminders/rules';
import type { ClipStore } from '../../ports/clip-store';
import { loadReminderFacts } from './facts';
import { snoozeUntil, type SnoozeChoice } from '../../domain/reminders/snooze';
import { reminderKeys, type ReminderStore } from '../../ports/reminders';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';

/** What the card verbs need: the use cases' dependencies and the reminder store. */
export interface ReminderCardDeps extends AppDeps {
  readonly reminders: ReminderStore;
  /** The clip records, to tell whether a clip reminder is done (taken as not done without them). */
  readonly clips?: Pick<ClipStore, 'clips' | 'uploads'>;
}

const notYours = (): AttuneError => new AttuneError('not_found', 'That reminder is not one of yours.');
const isConflict = (e: unknown): boolean => e instanceof AttuneError && e.code === 'conflict';

/**
 * The reminder a card shows, if it is the actor's own: the key comes from the card (the client), so it is
 * looked up in the actor's own tenant partition and its person must be the actor — anyone else's reminder
 * reads exactly like a missing one.
 */
async function ownReminder(deps: ReminderCardDeps, input: { actor: Actor; key: string }): Promise<OutboxRow> {
  if (!input.key || input.key.length > 500 || /[/\\#?]/.test(input.key)) throw notYours();
  const stored = await deps.reminders.outbox.get({ partition: input.actor.person.tenantId, id: input.key });
  if (!stored || stored.value.personId !== input.actor.person.id) throw notYours();
  return stored.value;
}

/**
 * The keys of the reminder's items that are done now (read from the records of its enrolments only; an admin
 * digest's from everyone's). Where the clip records are not at hand, a clip reminder is taken as not done.
 */
async function doneItemsOf(deps: ReminderCardDeps, row: OutboxRow): Promise<string[]> {
  if (!deps.clips && clipRules.has(row.ruleId)) return [];
  const ids = row.items.map((i) => enrolmentOf(i.about));
  const scope = ids.every((id): id is string => id !== null) ? { enrolmentIds: [...new Set(ids)] } : {};
  const facts = await loadReminderFacts({ ...deps, clips: deps.clips ?? null }, scope);
  return doneItemKeys(row, openSubjects(facts, deps.clock.now().toISOString()));
}

/** Whether everything the reminder is about is done now. */
async function isDone(deps: ReminderCardDeps, row: OutboxRow): Promise<boolean> {
  return (await doneItemsOf(deps, row)).length === row.items.length;
}

/** The card as it is now: done, or still to do. */
export async function viewReminder(deps: ReminderCardDeps, input: { actor: Actor; key: string }): Promise<ReminderCardView> {
  const row = await ownReminder(deps, input);
  const done = await doneItemsOf(deps, row);
  return done.length === row.items.length ? cardViewOf(row, 'done') : cardViewOf(row, 'due', { doneItems: done });
}

/**
 * "Remind me tomorrow / next week": each thing on the card is quiet until then (working hours in the
 * person's zone), then reminded once more. On a card whose things are done, nothing changes and it says so.
 */
export async function snoozeReminder(deps: ReminderCardDeps, input: { actor: Actor; key: string; choice: SnoozeChoice | '' }): Promise<ReminderCardView> {
  const row = await ownReminder(deps, input);
  const done = new Set(await doneItemsOf(deps, row));
  if (done.size === row.items.length) return cardViewOf(row, 'done', { banner: 'This was already done, so there is nothing to snooze.' });
  if (!input.choice) throw new AttuneError('invalid_input', 'Choose tomorrow or next week.');
  const personId = input.actor.person.id;
  const prefs = (await deps.reminders.preferences.get(reminderKeys.preferences({ personId })))?.value;
  const until = snoozeUntil(deps.clock.now().toISOString(), { choice: input.choice, prefs, defaultZone: deps.scheduling.zone });
  for (const subject of new Set(row.items.filter((i) => !done.has(i.key)).map((i) => i.subject))) {
    const value = { personId, ruleId: row.ruleId, subject, until };
    const existing = await deps.reminders.snoozes.get(reminderKeys.snooze(value));
    try {
      if (existing) await deps.reminders.snoozes.replace(value, existing.etag);
      else await deps.reminders.snoozes.create(value);
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }
  return cardViewOf(row, 'due', { banner: input.choice === 'tomorrow' ? 'Snoozed: I will remind you again tomorrow.' : 'Snoozed: I will remind you again next week.', doneItems: [...done] });
}

/** "Stop these reminders": no more of this rule's reminders for the person. Done things change nothing. */
export async function muteReminderRule(deps: ReminderCardDeps, input: { actor: Actor; key: string }): Promise<ReminderCardView> {
  const row = await ownReminder(deps, input);
  if (await isDone(deps, row)) return cardViewOf(row, 'done', { banner: 'This was already done, so nothing changed.' });
  try {
    await deps.reminders.mutes.create({ personId: input.actor.person.id, ruleId: row.ruleId, mutedAt: deps.clock.now().toISOString() });
  } catch (e) {
    if (!isConflict(e)) throw e;
  }
  return cardViewOf(row, 'due', { banner: 'Muted: you will get no more reminders like this one.' });
}
