import type { Logger } from '../../ports/logger';
import type { SchedulerDeps } from './deps';
import { handleMessage } from './deliver';
import { planReminders } from './plan';

export interface ReminderSchedulerOptions {
  /** How often the leader works out what is due. */
  readonly intervalMs: number;
  /** How often the leader renews its lease, and others try to take it (well inside the lease duration). */
  readonly leaseCheckMs: number;
  readonly log: Logger;
}

export interface ReminderScheduler {
  /** True while this instance is the planner. */
  isLeader(): boolean;
  stop(): Promise<void>;
}

/** Azure Queue Storage's most messages in one receive. */
const maxPerReceive = 32;

const errorName = (e: unknown): string => (e instanceof Error ? e.name : typeof e);

/**
 * The reminder machinery of one instance. Every instance runs a sender (it takes messages off the queue and
 * delivers them); one at a time, the holder of the lease, also plans (works out what is due and queues it).
 * Correctness does not rest on the lease: a planner that lost it without knowing (paused past its lease)
 * can only insert rows that are already there (conflict) or new ones exactly once, and each row is taken by
 * one sender at a time under its ETag. The lease only saves the others the work, and its fencing token is
 * written on every row a planner claims, so which leader queued what stays visible.
 */
export function startReminderScheduler(deps: SchedulerDeps, o: ReminderSchedulerOptions): ReminderScheduler {
  let epoch: number | null = null;
  let lastPlan = 0;
  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();

  const leadership = async (): Promise<void> => {
    if (epoch !== null) {
      if (!(await deps.lease.renew())) {
        o.log.info('reminder planner lease lost', { epoch });
        epoch = null;
      }
    } else {
      epoch = await deps.lease.acquire();
      if (epoch !== null) {
        o.log.info('reminder planner lease taken', { epoch });
        lastPlan = 0;
      }
    }
    if (epoch !== null && deps.pacer.nowMs() - lastPlan >= o.intervalMs && !stopped) {
      lastPlan = deps.pacer.nowMs();
      const r = await planReminders(deps, { epoch });
      if (r.claimed || r.closing || r.cancelled || r.requeued || r.updating || r.pruned) o.log.info('reminders planned', { epoch, ...r });
    }
  };

  const leaderLoop = (async () => {
    while (!stopped) {
      try {
        await leadership();
      } catch (e) {
        if (stopped) break;
        o.log.warn('reminder planning failed', { error: errorName(e) });
      }
      try {
        await deps.pacer.sleep(Math.min(o.leaseCheckMs, o.intervalMs));
      } catch {
        break;
      }
    }
  })();

  const senderLoop = (async () => {
    const s = deps.reminderSettings;
    while (!stopped) {
      try {
        const room = s.concurrency - inFlight.size;
        // Ask when there is room for a batch (or nothing is in flight), never for one message at a time.
        const ask = room >= Math.min(s.receiveBatch, s.concurrency) || (room > 0 && inFlight.size === 0);
        const batch = ask ? await deps.queue.receive({ max: Math.min(room, maxPerReceive), visibilitySeconds: s.visibilitySeconds }) : [];
        for (const received of batch) {
          const work = handleMessage(deps, received).then(
            (outcome) => (outcome === 'dead_lettered' || outcome === 'undeliverable' ? o.log.warn('reminder not delivered', { outcome }) : undefined),
            (e: unknown) => (stopped ? undefined : o.log.warn('reminder delivery failed', { error: errorName(e) })),
          );
          inFlight.add(work);
          void work.finally(() => inFlight.delete(work));
        }
        if (batch.length === 0) await deps.pacer.sleep(ask ? s.pollMs : 20);
      } catch (e) {
        if (stopped) break;
        o.log.warn('reminder queue unreadable', { error: errorName(e) });
        try {
          await deps.pacer.sleep(s.pollMs);
        } catch {
          break;
        }
      }
    }
  })();

  return {
    isLeader: () => epoch !== null,
    async stop() {
      stopped = true;
      await Promise.allSettled([leaderLoop, senderLoop, ...inFlight]);
      if (epoch !== null) await deps.lease.release();
      epoch = null;
    },
  };
}
