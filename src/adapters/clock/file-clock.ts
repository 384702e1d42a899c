import { readFileSync } from 'node:fs';

/**
 * A clock that can be moved from outside the process, for tests that run real server processes: the file
 * holds `{"offsetMs": n}` and the clock reads now + n. Read at most every 100 ms. Development and test only:
 * loadConfig refuses DEV_CLOCK_FILE in production.
 */
export function fileClock(file: string): () => Date {
  let offset = 0;
  let readAt = -Infinity;
  return () => {
    const real = Date.now();
    if (real - readAt >= 100) {
      readAt = real;
      try {
        const v = (JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown }).offsetMs;
        if (typeof v === 'number' && Number.isFinite(v)) offset = v;
      } catch {
        // Missing or half-written: keep the last offset.
      }
    }
    return new Date(real + offset);
  };
}
