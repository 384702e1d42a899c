import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../src/app/deps';
import { demoManagers, demoPeople, demoTenantId, seedDemo } from '../../src/app/seed-demo';
import { defaultSchedulingSettings } from '../../src/app/scheduling/settings';
import { openLocalCalendar } from '../../src/adapters/calendar/local-calendar';
import { LocalDirectory } from '../../src/adapters/calendar/local-directory';
import type { CalendarPort } from '../../src/ports/calendar';
import type { DirectoryPort } from '../../src/ports/directory';
import type { Logger } from '../../src/ports/logger';
import { openTableAuditLog, openTableDataStore } from '../../src/adapters/storage/table-data-store';
import { openTableReminderStore } from '../../src/adapters/storage/table-reminder-store';
import type { ReminderStore } from '../../src/ports/reminders';
import type { ClipStore } from '../../src/ports/clip-store';
import { openTableClipStore } from '../../src/adapters/vault/clip-store';
import { startTestAzurite, uniquePrefix } from './azurite';

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The demo service seeded into a fresh Azurite, at a fixed "now" (Monday 15 June 2026, 11:00 in London),
 * which only `setNow` moves: the app's clock and the local calendar's read it.
 */
export async function startSeededStore(
  start = new Date('2026-06-15T10:00:00Z'),
  options: { /** Wraps the local calendar (an Outlook that does not answer, say). */ calendar?: (local: CalendarPort) => CalendarPort; directory?: DirectoryPort } = {},
): Promise<{ app: AppDeps; reminders: ReminderStore; clips: ClipStore; setNow: (now: Date) => void; stop(): Promise<void> }> {
  let now = start;
  const azurite = await startTestAzurite();
  const prefix = uniquePrefix();
  const store = await openTableDataStore({ clientFor: (t) => azurite.tableClient(t), prefix });
  const audit = await openTableAuditLog({ clientFor: (t) => azurite.tableClient(t), prefix });
  const local = await openLocalCalendar({ clientFor: (t) => azurite.tableClient(t), prefix, logger: silentLogger, now: () => now });
  const calendar = options.calendar ? options.calendar(local) : local;
  const app: AppDeps = { store, audit, clock: { now: () => now }, ids: { next: () => randomUUID() }, calendar, directory: options.directory ?? new LocalDirectory(demoManagers), scheduling: defaultSchedulingSettings };
  await seedDemo(app);
  const reminders = await openTableReminderStore({ clientFor: (t) => azurite.tableClient(t), prefix });
  const clips = await openTableClipStore({ clientFor: (t) => azurite.tableClient(t), prefix });
  return {
    app,
    reminders,
    clips,
    setNow: (next) => {
      now = next;
    },
    stop: () => azurite.stop(),
  };
}

/** What Teams puts in an activity for a demo person. */
export function teamsUser(key: keyof typeof demoPeople): { from: { id: string; aadObjectId: string; name: string }; channelData: { tenant: { id: string } } } {
  const p = demoPeople[key];
  return { from: { id: `29:${p.objectId}`, aadObjectId: p.objectId, name: p.displayName }, channelData: { tenant: { id: demoTenantId } } };
}
