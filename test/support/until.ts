import assert from 'node:assert/strict';

/**
 * Polls `probe` every 100 ms until `check` holds (for something another process or a timer does), failing
 * after two minutes (generous: this waits on a loaded machine, it measures nothing) with what it last saw.
 */
export async function until<T>(probe: () => T | Promise<T>, check: (t: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 1200; i++) {
    last = await probe();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: last saw ${JSON.stringify(last)}`);
}
