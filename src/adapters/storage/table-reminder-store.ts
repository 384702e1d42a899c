import type { TableClient } from '@azure/data-tables';
import type { OutboxRow } from '../../domain/reminders/delivery';
import { reminderKeys, type ConversationPacing, type FirstSeen, type ReminderStore, type ServiceReminderRules, type StoredMute, type StoredPreferences, type StoredSnooze, type TenantPacing, type Undeliverable } from '../../ports/reminders';
import { RemovableTable } from './removable-table';
import { TableRepository } from './table-repository';

const tables = ['reminderoutbox', 'remindersnoozes', 'remindermutes', 'reminderprefs', 'reminderseen', 'reminderundeliverable', 'reminderpacing', 'remindertenantpacing', 'reminderrules'] as const;
type TableName = (typeof tables)[number];

/** Creates the reminder tables if needed and returns the store on them (same prefix rule as the record store). */
export async function openTableReminderStore(options: { clientFor: (table: string) => TableClient; prefix?: string }): Promise<ReminderStore> {
  const prefix = options.prefix ?? 'attune';
  const client = (name: TableName): TableClient => options.clientFor(`${prefix}${name}`);
  await Promise.all(tables.map((t) => client(t).createTable()));
  const k = reminderKeys;
  return {
    outbox: new RemovableTable<OutboxRow>(client('reminderoutbox'), k.outbox),
    snoozes: new RemovableTable<StoredSnooze>(client('remindersnoozes'), k.snooze),
    mutes: new RemovableTable<StoredMute>(client('remindermutes'), k.mute),
    preferences: new TableRepository<StoredPreferences>({ client: client('reminderprefs'), keyOf: k.preferences }),
    firstSeen: new RemovableTable<FirstSeen>(client('reminderseen'), k.firstSeen),
    undeliverable: new TableRepository<Undeliverable>({ client: client('reminderundeliverable'), keyOf: k.undeliverable }),
    pacing: new TableRepository<ConversationPacing>({ client: client('reminderpacing'), keyOf: k.pacing }),
    tenantPacing: new TableRepository<TenantPacing>({ client: client('remindertenantpacing'), keyOf: k.tenantPacing }),
    rules: new TableRepository<ServiceReminderRules>({ client: client('reminderrules'), keyOf: k.rules }),
  };
}

