// Reminder machinery on a real Azurite (tables, queues, blobs) with a real connector channel to a loopback
// connector: the planner, queue, senders and lease exactly as an instance runs them, in this process.
import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { connectorReminderChannel } from '../../bot/reminder-channel';
import { systemPacer } from '../../src/adapters/clock/system-pacer';
import { reminderQueueNames, StorageReminderQueue } from '../../src/adapters/queue/storage-reminder-queue';
import { BlobLeaderLease } from '../../src/adapters/storage/blob-leader-lease';
import { openTableAuditLog, openTableDataStore } from '../../src/adapters/storage/table-data-store';
import { openTableReminderStore } from '../../src/adapters/storage/table-reminder-store';
import { emptyDirectory, switchedOffCalendar } from '../../src/adapters/calendar/switched-off';
import { defaultReminderSettings, type ReminderDeps, type ReminderSettings } from '../../src/app/reminders/deps';
import { defaultSchedulingSettings } from '../../src/app/scheduling/settings';
import { draftContract } from '../../src/domain/contract';
import { defaultContractTerms } from '../../src/domain/contract-terms';
import type { ConversationRecord } from '../../src/domain/conversation';
import type { Enrolment, SupervisionSession } from '../../src/domain/practice';
import type { DataStore } from '../../src/ports/data-store';
import type { ReminderStore } from '../../src/ports/reminders';
import type { ClipStore } from '../../src/ports/clip-store';
import { openTableClipStore } from '../../src/adapters/vault/clip-store';
import { startTestAzurite, uniquePrefix, type TestAzurite } from './azurite';
import { startLoopbackConnector, type ConnectorFaults, type LoopbackConnector } from './loopback-connector';

/** Where the rig's cards link into the tab. */
export const rigLinks = { publicUrl: 'https://attune.example', teamsAppId: null };
export const rigTenant = '11111111-2222-4333-8444-555555555555';
export const person = (n: number): string => `${rigTenant}:${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;

export interface ReminderRig {
  readonly azurite: TestAzurite;
  readonly connector: LoopbackConnector;
  readonly store: DataStore;
  readonly reminders: ReminderStore;
  readonly clips: ClipStore;
  readonly queue: StorageReminderQueue;
  readonly poison: ReturnType<QueueServiceClient['getQueueClient']>;
  /** The work queue itself, for messages no sender would write. */
  readonly workQueue: ReturnType<QueueServiceClient['getQueueClient']>;
  /** The app's clock (what is due); move it with `setNow`. Pacing always uses the real clock. */
  setNow(iso: string): void;
  /** An instance's dependencies: each call is another instance (its own pacer and name). */
  instance(name: string, settings?: Partial<ReminderSettings>): ReminderDeps & { abort(): void };
  lease(name: string, durationSeconds?: number): BlobLeaderLease;
  /**
   * A trainee with an enrolment and a personal chat with the bot; returns the enrolment. Its contract is
   * signed unless `contract` says otherwise ('draft': a stored draft; 'none': no contract at all).
   */
  addTrainee(n: number, o?: { sessions?: { id: string; heldOn: string }[]; contract?: 'active' | 'draft' | 'none' }): Promise<Enrolment>;
  /** A personal chat with the bot for anyone (a supervisor, an admin). */
  addConversation(personId: string, n: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startReminderRig(o: { faults?: ConnectorFaults; azurite?: TestAzurite } = {}): Promise<ReminderRig> {
  const azurite = o.azurite ?? (await startTestAzurite());
  const connector = await startLoopbackConnector(o.faults ?? {});
  const prefix = uniquePrefix();
  const clientFor = (t: string) => azurite.tableClient(t);
  const store = await openTableDataStore({ clientFor, prefix });
  const audit = await openTableAuditLog({ clientFor, prefix });
  const reminders = await openTableReminderStore({ clientFor, prefix });
  const clips = await openTableClipStore({ clientFor, prefix });
  const queues = QueueServiceClient.fromConnectionString(azurite.connectionString);
  const names = reminderQueueNames(prefix);
  const queue = await StorageReminderQueue.open({ queue: queues.getQueueClient(names.queue), poison: queues.getQueueClient(names.poison) });
  const locks = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(`${prefix}-locks`);
  await locks.createIfNotExists();
  let now = new Date('2026-06-01T09:00:00.000Z');
  const addConversation = async (personId: string, n: number): Promise<void> => {
    const [tenantId, objectId] = personId.split(':') as [string, string];
    const conversation: ConversationRecord = { tenantId, objectId, channelId: 'msteams', serviceUrl: connector.serviceUrl, conversationId: `a:chat-${n}`, userId: `29:${n}`, botId: '28:attune', storedAt: '2026-01-05T09:00:00.000Z' };
    await store.conversations.create(conversation);
  };
  const controllers: AbortController[] = [];
  const channel = connectorReminderChannel({ token: async () => null, allowedServiceUrlHosts: ['127.0.0.1'], timeoutMs: 5_000, links: rigLinks });
  return {
    azurite,
    connector,
    store,
    reminders,
    clips,
    queue,
    poison: queues.getQueueClient(names.poison),
    workQueue: queues.getQueueClient(names.queue),
    setNow: (iso) => {
      now = new Date(iso);
    },
    instance(name, settings = {}) {
      const controller = new AbortController();
      controllers.push(controller);
      return {
        store,
        audit,
        clock: { now: () => now },
        ids: { next: () => randomUUID() },
        calendar: switchedOffCalendar,
        directory: emptyDirectory,
        scheduling: defaultSchedulingSettings,
        reminders,
        clips,
        queue,
        channel,
        pacer: systemPacer(controller.signal),
        reminderSettings: { ...defaultReminderSettings, pollMs: 100, visibilitySeconds: 5, ...settings, instanceId: name },
        abort: () => controller.abort(),
      };
    },
    lease: (name, durationSeconds = 15) => new BlobLeaderLease({ blob: locks.getBlockBlobClient('planner'), durationSeconds }),
    async addTrainee(n, options = {}) {
      const trainee = person(n);
      const e: Enrolment = { id: `enrolment-${n}`, serviceId: 'service-1', traineeId: trainee, supervisorId: person(n + 100_000), lineManagerId: person(n + 200_000), pathway: { id: 'aviguk', version: 1 }, startedOn: '2026-01-05' };
      await store.enrolments.create(e);
      for (const s of options.sessions ?? []) {
        const session: SupervisionSession = { id: s.id, enrolmentId: e.id, heldOn: s.heldOn, minutes: 60, mode: 'teams', caseIds: [], clipIds: [] };
        await store.supervision.create(session);
      }
      const contract = options.contract ?? 'active';
      if (contract !== 'none') {
        const at = '2026-01-05T09:00:00.000Z';
        const base = draftContract({ id: 'contract-v1', enrolmentId: e.id, parties: { trainee: e.traineeId, supervisor: e.supervisorId, line_manager: e.lineManagerId }, terms: defaultContractTerms('2026-01-05') });
        await store.contracts.create(contract === 'draft' ? base : { ...base, state: { status: 'active', signatures: { trainee: at, supervisor: at, line_manager: at }, activatedAt: at } });
      }
      await addConversation(trainee, n);
      return e;
    },
    addConversation,
    async stop() {
      controllers.forEach((c) => c.abort());
      await connector.stop();
      if (!o.azurite) await azurite.stop();
    },
  };
}
