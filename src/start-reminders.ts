import { DefaultAzureCredential } from '@azure/identity';
import type { TableClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { hostname } from 'node:os';
import type { Config } from './config/config';
import type { AppDeps } from './app/deps';
import { defaultReminderSettings, type ReminderSettings } from './app/reminders/deps';
import { startReminderScheduler, type ReminderScheduler } from './app/reminders/scheduler';
import { systemPacer } from './adapters/clock/system-pacer';
import { reminderQueueNames, StorageReminderQueue } from './adapters/queue/storage-reminder-queue';
import { queueServiceAnswers, type ReadinessCheck } from './adapters/storage/readiness';
import { BlobLeaderLease } from './adapters/storage/blob-leader-lease';
import { openTableReminderStore } from './adapters/storage/table-reminder-store';
import type { ClipStore } from './ports/clip-store';
import type { Logger } from './ports/logger';
import type { ReminderChannel, ReminderStore } from './ports/reminders';

export interface RunningReminders {
  readonly store: ReminderStore;
  /** Null when REMINDERS is off in this instance (the card verbs still work on cards already sent). */
  readonly scheduler: ReminderScheduler | null;
  /** For /readyz: the reminder queue answers (null when REMINDERS is off and there is no queue). */
  readonly queueAnswers: ReadinessCheck | null;
  stop(): Promise<void>;
}

/**
 * Part of the composition root: the reminder tables always (the bot's reminder cards act on them), and, when
 * REMINDERS is on, the queue, the planner lease and this instance's scheduler.
 */
export async function startReminders(o: { config: Config; app: AppDeps; clips: Pick<ClipStore, 'clips' | 'uploads'>; clientFor: (table: string) => TableClient; connectionString: string | null; log: Logger; channel: ReminderChannel }): Promise<RunningReminders> {
  const store = await openTableReminderStore({ clientFor: o.clientFor });
  const r = o.config.reminders;
  if (!r.enabled) return { store, scheduler: null, queueAnswers: null, stop: async () => undefined };
  const { queues, blobs } = storageClients(o.config, o.connectionString);
  const names = reminderQueueNames();
  const queueClient = queues.getQueueClient(names.queue);
  const queue = await StorageReminderQueue.open({ queue: queueClient, poison: queues.getQueueClient(names.poison) });
  const locks = blobs.getContainerClient('attune-locks');
  await locks.createIfNotExists();
  const lease = new BlobLeaderLease({ blob: locks.getBlockBlobClient('reminder-planner'), durationSeconds: r.leaseSeconds });
  const controller = new AbortController();
  const reminderSettings: ReminderSettings = { ...defaultReminderSettings, instanceId: `${hostname()}:${process.pid}`, tenantPerSecond: r.tenantPerSecond, visibilitySeconds: r.visibilitySeconds };
  const scheduler = startReminderScheduler(
    { ...o.app, clips: o.clips, reminders: store, queue, channel: o.channel, pacer: systemPacer(controller.signal), reminderSettings, lease },
    { intervalMs: r.intervalSeconds * 1000, leaseCheckMs: Math.min(5_000, (r.leaseSeconds * 1000) / 3), log: o.log },
  );
  return {
    store,
    scheduler,
    queueAnswers: queueServiceAnswers(queueClient),
    stop: async () => {
      controller.abort();
      await scheduler.stop();
    },
  };
}

function storageClients(config: Config, connectionString: string | null): { queues: QueueServiceClient; blobs: BlobServiceClient } {
  const storage = config.storage;
  switch (storage.kind) {
    case 'embedded-azurite':
    case 'connection-string': {
      const cs = storage.kind === 'connection-string' ? storage.connectionString : connectionString!;
      return { queues: QueueServiceClient.fromConnectionString(cs), blobs: BlobServiceClient.fromConnectionString(cs) };
    }
    case 'account': {
      const credential = new DefaultAzureCredential();
      return { queues: new QueueServiceClient(storage.queueEndpoint, credential), blobs: new BlobServiceClient(storage.blobEndpoint, credential) };
    }
  }
}
