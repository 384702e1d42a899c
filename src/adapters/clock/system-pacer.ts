import { setMaxListeners } from 'node:events';
import type { Pacer } from '../../ports/reminders';

/**
 * The real clock for pacing sends, and sleeps that end early, with an `AbortError`, when `signal` aborts
 * (shutdown): the work that was waiting stops before it sends anything, and its timer never keeps the
 * process alive.
 */
export function systemPacer(signal: AbortSignal): Pacer {
  // Every waiting send listens for the abort; there may be many at once.
  setMaxListeners(0, signal);
  return {
    nowMs: () => Date.now(),
    random: () => Math.random(),
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(abortError());
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, Math.max(0, ms));
        timer.unref();
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(abortError());
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }),
  };
}

function abortError(): Error {
  const e = new Error('Stopped while waiting.');
  e.name = 'AbortError';
  return e;
}
