import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../src/app/deps';
import { demoManagers, demoPeople, demoTenantId, seedDemo } from '../../src/app/seed-demo';
import { defaultSchedulingSettings } from '../../src/app/scheduling/settings';
import { openLocalCalendar } from '../../src/adapters/calendar/local-calendar';
import { LocalDirectory } from '../../src/adapters/calendar/local-directory';
import type { Logger } from '../../src/ports/logger';
import { openTableAuditLog, openTableDataStore } from '../../src/adapters/storage/table-data-store';
import { openTableReminderStore } from '../../src/adapters/storage/table-reminder-store';
import type { ReminderStore } from '../../src/ports/reminders';
import { startTestAzurite, uniquePrefix } from './azurite';

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** The demo service seeded into a fresh Azurite, at a fixed "now". */
export async function startSeededStore(now = new Date('2026-06-15T10:00:00Z')): Promise<{ app: AppDeps; reminders: ReminderStore; stop(): Promise<void> }> {
  const azurite = await startTestAzurite();
  const prefix = uniquePrefix();
  const store = await openTableDataStore({ clientFor: (t) => azurite.tableClient(t), prefix });
  const audit = await openTableAuditLog({ clientFor: (t) => azurite.tableClient(t), prefix });
  const calendar = await openLocalCalendar({ clientFor: (t) => azurite.tableClient(t), prefix, logger: silentLogger, now: () => now });
  const app: AppDeps = { store, audit, clock: { now: () => now }, ids: { next: () => randomUUID() }, calendar, directory: new LocalDirectory(demoManagers), scheduling: defaultSchedulingSettings };
  await seedDemo(app);
  const reminders = await openTableReminderStore({ clientFor: (t) => azurite.tableClient(t), prefix });
  return { app, reminders, stop: () => azurite.stop() };
}

/** What Teams puts in an activity for a demo person. */
export function teamsUser(key: keyof typeof demoPeople): { from: { id: string; aadObjectId: string; name: string }; channelData: { tenant: { id: string } } } {
  const p = demoPeople[key];
  return { from: { id: `29:${p.objectId}`, aadObjectId: p.objectId, name: p.displayName }, channelData: { tenant: { id: demoTenantId } } };
}
