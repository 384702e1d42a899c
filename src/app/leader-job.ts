import type { LeaderLease } from '../ports/reminders';
import type { Logger } from '../ports/logger';

export interface LeaderJob {
  /** This instance's fencing token while it leads, else null. */
  epoch(): number | null;
  /** Stops the job, waits for a run in progress, and releases the lease so another instance leads at once. */
  stop(): Promise<void>;
}

export interface LeaderJobOptions {
  /** What to call it in logs. */
  readonly name: string;
  readonly lease: LeaderLease;
  /** How often the leader runs the job. */
  readonly intervalMs: number;
  /** How often the lease is renewed (or, by the others, tried): well inside its duration. */
  readonly checkMs: number;
  readonly run: (epoch: number) => Promise<void>;
  readonly log: Logger;
  readonly nowMs?: () => number;
}

/**
 * A periodic job that runs on one instance at a time (clip retention, and anything else that must not run
 * twice at once): every instance tries the lease every `checkMs`; the holder renews it and runs the job every
 * `intervalMs`, counted from when it took the lease. A leader that dies stops renewing, and its lease passes
 * to another instance within one lease period; `run` gets the fencing token so its writes can say which
 * leader made them.
 */
export function startLeaderJob(o: LeaderJobOptions): LeaderJob {
  const now = o.nowMs ?? (() => Date.now());
  let epoch: number | null = null;
  let lastRun = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();

  const tick = async (): Promise<void> => {
    try {
      if (epoch !== null && !(await o.lease.renew())) {
        o.log.info(`${o.name} lease lost`, { epoch });
        epoch = null;
      }
      if (epoch === null) {
        epoch = await o.lease.acquire();
        if (epoch !== null) {
          o.log.info(`${o.name} lease taken`, { epoch });
          // The first run is one interval after taking the lease (a restart is not a reason to run early).
          lastRun = now();
        }
      }
      if (epoch !== null && !stopped && now() - lastRun >= o.intervalMs) {
        lastRun = now();
        await o.run(epoch);
      }
    } catch (e) {
      o.log.warn(`${o.name} failed`, { error: e instanceof Error ? e.name : 'unknown' });
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, o.checkMs);
    timer.unref();
  };
  current = tick().finally(schedule);

  return {
    epoch: () => epoch,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current.catch(() => undefined);
      epoch = null;
      await o.lease.release();
    },
  };
}
