import type { ClipStore } from '../../ports/clip-store';
import type { LeaderLease, Pacer, ReminderChannel, ReminderQueue, ReminderStore } from '../../ports/reminders';
import type { AppDeps } from '../deps';

/** How the reminder sender behaves; `defaultReminderSettings` are production's. */
export interface ReminderSettings {
  /** This instance's name in the rows it holds (for the logs and the admin; never trusted). */
  readonly instanceId: string;
  /** All instances' proactive sends together, per second, in one tenant (Teams allows 50; default 30). */
  readonly tenantPerSecond: number;
  /** How long a received message stays hidden from other senders (and a row held) before it shows again. */
  readonly visibilitySeconds: number;
  /** Times the queue may hand a message out before it goes to the poison queue with the reason. */
  readonly maxDequeue: number;
  /** Attempts at one message while holding it (a 429 or a transient failure each counts one). */
  readonly maxAttempts: number;
  /** Messages one instance works on at once. */
  readonly concurrency: number;
  /**
   * The fewest messages a sender asks the queue for at once (Azure Queue Storage hands out at most 32): it
   * waits for this much room before asking. Fewer, larger receives cost fewer queue transactions; against
   * Azurite, whose receive scans and sorts every message held, they are what keeps a deep queue draining at
   * the ceiling (one receive took ~120 ms with 10,000 messages held, ~7 ms with 600).
   */
  readonly receiveBatch: number;
  /** How long an empty queue is left before it is asked again. */
  readonly pollMs: number;
  /** Days a finished reminder row is kept (for the admin's list) before it is removed. */
  readonly keepDays: number;
}

export const defaultReminderSettings: Omit<ReminderSettings, 'instanceId'> = {
  tenantPerSecond: 30,
  visibilitySeconds: 60,
  maxDequeue: 5,
  maxAttempts: 8,
  concurrency: 48,
  receiveBatch: 16,
  pollMs: 1_000,
  keepDays: 30,
};

/** The use cases' dependencies plus the reminder outbox, queue, channel and pacing clock. */
export interface ReminderDeps extends AppDeps {
  readonly reminders: ReminderStore;
  readonly queue: ReminderQueue;
  readonly channel: ReminderChannel;
  readonly pacer: Pacer;
  readonly reminderSettings: ReminderSettings;
  /** The clip records (uploads, clips) the clip reminders are derived from. */
  readonly clips: Pick<ClipStore, 'clips' | 'uploads'>;
}

/** What the scheduler needs beyond that: the lease that picks one planner at a time. */
export interface SchedulerDeps extends ReminderDeps {
  readonly lease: LeaderLease;
}
