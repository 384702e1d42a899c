import type { Instant, ReminderFacts, ReminderPreferences, SentReminder } from '../../domain/reminders/due';
import { sentOf, type OutboxRow } from '../../domain/reminders/delivery';
import { withDefaultRules, type ReminderRules } from '../../domain/reminders/rules';
import type { PersonId } from '../../domain/people';
import type { Versioned } from '../../ports/data-store';
import type { StoredMute, StoredSnooze, Undeliverable } from '../../ports/reminders';
import type { ReminderDeps } from './deps';

/** Everything dueReminders reads, loaded from storage in one go. */
export interface ReminderWorld {
  readonly facts: ReminderFacts;
  readonly rules: ReadonlyMap<string, ReminderRules>;
  readonly people: ReadonlyMap<PersonId, ReminderPreferences>;
  readonly snoozes: readonly StoredSnooze[];
  readonly mutes: readonly StoredMute[];
  readonly outbox: readonly Versioned<OutboxRow>[];
  readonly sent: readonly SentReminder[];
  readonly firstSeen: ReadonlyMap<string, Instant>;
  readonly undeliverable: ReadonlyMap<PersonId, Undeliverable>;
}

const values = async <T>(p: Promise<Versioned<T>[]>): Promise<T[]> => (await p).map((v) => v.value);

export async function loadReminderWorld(deps: ReminderDeps): Promise<ReminderWorld> {
  const s = deps.store;
  const r = deps.reminders;
  const enrolments = await values(s.enrolments.list());
  const perEnrolment = await Promise.all(
    enrolments.map(async (e) => {
      const [sessions, records, planned, contracts] = await Promise.all([values(s.supervision.list(e.id)), values(s.supervisionRecords.list(e.id)), values(s.plannedSupervision.list(e.id)), values(s.contracts.list(e.id))]);
      return { sessions, records, planned, contracts };
    }),
  );
  const [rules, prefs, snoozes, mutes, outbox, seen, undeliverable] = await Promise.all([values(r.rules.list()), values(r.preferences.list()), values(r.snoozes.list()), values(r.mutes.list()), r.outbox.list(), values(r.firstSeen.list()), values(r.undeliverable.list())]);
  return {
    facts: {
      enrolments,
      sessions: perEnrolment.flatMap((x) => x.sessions),
      records: perEnrolment.flatMap((x) => x.records),
      planned: perEnrolment.flatMap((x) => x.planned),
      contracts: perEnrolment.flatMap((x) => x.contracts),
    },
    rules: new Map(rules.map((x) => [x.serviceId, withDefaultRules(x.rules)])),
    people: new Map(prefs.map(({ personId, ...p }) => [personId, p])),
    snoozes,
    mutes,
    outbox,
    sent: outbox.map((o) => sentOf(o.value)),
    firstSeen: new Map(seen.map((f) => [f.subject, f.at])),
    undeliverable: new Map(undeliverable.map((u) => [u.personId, u])),
  };
}
