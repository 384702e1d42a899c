import type { QueueClient } from '@azure/storage-queue';
import type { ReceivedMessage, ReminderMessage, ReminderQueue } from '../../ports/reminders';
import { statusOf, storageError } from '../storage/storage-errors';

export interface StorageReminderQueueOptions {
  /** The work queue. */
  readonly queue: QueueClient;
  /** Where messages go that could not be delivered after every retry, with the reason. */
  readonly poison: QueueClient;
}

/** Queue names for a prefix (the same prefix rule as the tables: tests on one Azurite keep apart). */
export const reminderQueueNames = (prefix = 'attune'): { queue: string; poison: string } => ({ queue: `${prefix}-reminders`, poison: `${prefix}-reminders-poison` });

/**
 * Reminder messages on Azure Queue Storage: a received message stays invisible for its visibility timeout
 * and shows again unless deleted; the service counts how often it was handed out (`dequeueCount`). Messages
 * are JSON, base64-encoded (as the Functions runtime and Azure tooling expect).
 */
export class StorageReminderQueue implements ReminderQueue {
  private readonly queue: QueueClient;
  private readonly poison: QueueClient;

  constructor(options: StorageReminderQueueOptions) {
    this.queue = options.queue;
    this.poison = options.poison;
  }

  /** Creates both queues if needed. */
  static async open(options: StorageReminderQueueOptions): Promise<StorageReminderQueue> {
    try {
      await Promise.all([options.queue.createIfNotExists(), options.poison.createIfNotExists()]);
    } catch (e) {
      throw storageError(e);
    }
    return new StorageReminderQueue(options);
  }

  async enqueue(message: ReminderMessage, options: { visibleInSeconds?: number } = {}): Promise<void> {
    await this.call(() => this.queue.sendMessage(encode(message), options.visibleInSeconds ? { visibilityTimeout: Math.ceil(options.visibleInSeconds) } : {}));
  }

  async receive(input: { max: number; visibilitySeconds: number }): Promise<ReceivedMessage[]> {
    const res = await this.call(() => this.queue.receiveMessages({ numberOfMessages: Math.min(32, Math.max(1, input.max)), visibilityTimeout: Math.ceil(input.visibilitySeconds) }));
    return res.receivedMessageItems.map((m) => ({ message: decode(m.messageText), id: m.messageId, popReceipt: m.popReceipt, dequeueCount: m.dequeueCount, text: m.messageText }));
  }

  async extend(received: ReceivedMessage, visibilitySeconds: number): Promise<ReceivedMessage> {
    const res = await this.call(() => this.queue.updateMessage(received.id, received.popReceipt, undefined, Math.ceil(visibilitySeconds)));
    return { ...received, popReceipt: res.popReceipt ?? received.popReceipt };
  }

  async complete(received: ReceivedMessage): Promise<void> {
    try {
      await this.queue.deleteMessage(received.id, received.popReceipt);
    } catch (e) {
      // Already deleted, or its visibility ran out and another receiver holds it now: not ours to delete.
      if (statusOf(e) === 404) return;
      throw storageError(e);
    }
  }

  async deadLetter(received: ReceivedMessage, reason: string): Promise<void> {
    const body = Buffer.from(JSON.stringify({ message: received.message ?? received.text, reason: reason.slice(0, 500), dequeueCount: received.dequeueCount })).toString('base64');
    // Poison messages are kept a week (the service's longest default) for the admin to look at.
    await this.call(() => this.poison.sendMessage(body, { messageTimeToLive: 7 * 24 * 3600 }));
    await this.complete(received);
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      throw storageError(e);
    }
  }
}

const encode = (m: ReminderMessage): string => Buffer.from(JSON.stringify(m), 'utf8').toString('base64');

function decode(text: string): ReminderMessage | null {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Partial<ReminderMessage>;
    if ((v.kind === 'deliver' || v.kind === 'close' || v.kind === 'update') && typeof v.key === 'string' && typeof v.tenantId === 'string') return { kind: v.kind, key: v.key, tenantId: v.tenantId };
    return null;
  } catch {
    return null;
  }
}

