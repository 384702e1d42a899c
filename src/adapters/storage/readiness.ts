import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import type { QueueClient } from '@azure/storage-queue';
import type { KeyWrapper } from '../../ports/key-wrapping';

/**
 * Probes for `/readyz`: each answers true when its service answered within `timeoutMs`, false otherwise (never
 * throws, never says why: the reason may hold an account name or a URL, and readiness is public).
 */
export type ReadinessCheck = () => Promise<boolean>;

async function answers(call: (signal: AbortSignal) => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  try {
    await call(AbortSignal.timeout(timeoutMs));
    return true;
  } catch {
    return false;
  }
}

/** The clip container answers (its properties can be read). */
export const blobServiceAnswers =
  (container: ContainerClient, timeoutMs = 2000): ReadinessCheck =>
  () =>
    answers((abortSignal) => container.getProperties({ abortSignal }), timeoutMs);

/** The reminder queue answers. */
export const queueServiceAnswers =
  (queue: QueueClient, timeoutMs = 2000): ReadinessCheck =>
  () =>
    answers((abortSignal) => queue.getProperties({ abortSignal }), timeoutMs);

/**
 * The key-encryption key works: a random key wrapped and unwrapped comes back the same. Key Vault counts
 * every call, and a health probe comes every minute from every instance, so a success is remembered for
 * `okForMs` (default 5 minutes); a failure is never remembered, so recovery is seen on the next probe.
 */
export function keysAnswer(wrapper: KeyWrapper, o: { now: () => number; okForMs?: number; timeoutMs?: number }): ReadinessCheck {
  const okForMs = o.okForMs ?? 5 * 60_000;
  let okUntil = -Infinity;
  return async () => {
    if (o.now() < okUntil) return true;
    const probe = randomBytes(32);
    const ok = await answers(async (signal) => {
      const roundTrip = (async () => {
        const back = await wrapper.unwrap(await wrapper.wrap(probe));
        if (back.length !== probe.length || !timingSafeEqual(Buffer.from(back), probe)) throw new Error('the key came back different');
      })();
      await Promise.race([roundTrip, new Promise((_, fail) => signal.addEventListener('abort', () => fail(new Error('timed out')), { once: true }))]);
    }, o.timeoutMs ?? 5000);
    if (ok) okUntil = o.now() + okForMs;
    return ok;
  };
}
