import { loadConfig } from '../../src/config/config';
import { startAttune, type RunningAttune } from '../../src/main';
import type { LogFields, Logger } from '../../src/ports/logger';

export interface TestApp extends RunningAttune {
  /** Every log line written while the app ran, for tests that check what is (not) logged. */
  readonly logLines: string[];
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  readonly now?: () => Date;
}

/**
 * The real app in test mode: embedded Azurite in memory on free loopback ports, development sign-in,
 * the demo service seeded, the built tab (dist/tab) served at /tab/, listening on a free port.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const logLines: string[] = [];
  const record = (level: string) => (message: string, fields?: LogFields) => {
    logLines.push(JSON.stringify({ level, message, ...fields }));
  };
  const log: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DEV_SIGN_IN: 'true', SEED_DEMO: 'true', ...options.env });
  const running = await startAttune(config, { log, inMemoryStorage: true, ...(options.now ? { now: options.now } : {}) });
  return { ...running, logLines };
}

/** Signs in as a demo person through the development sign-in and returns the bearer token. */
export async function devSignIn(baseUrl: string, personId: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/dev/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId }) });
  if (!res.ok) throw new Error(`dev sign-in failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export async function getJson<T>(url: string, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as T };
}

/**
 * Rate-limit windows turn on the clock's minute (so that every instance shares them): a test counting exact
 * answers starts its burst well inside one (its burst takes well under 10 s).
 */
export async function awayFromMinuteBoundary(): Promise<void> {
  const into = Date.now() % 60_000;
  if (into > 50_000) await new Promise((r) => setTimeout(r, 60_000 - into + 100));
}
