// Attune as a real server process, as `npm start` runs it (the compiled bundle, dist/attune.mjs, under plain
// node), for tests that need several instances, a `kill -9`, or a clock moved from outside.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');

/** Compiles the server bundle (what `npm start` and the deploy step run first); throws with esbuild's output. */
export function buildServer(): void {
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0) throw new Error(`the server did not build:\n${built.stderr}`);
}

export interface ServerProcess {
  readonly name: string;
  readonly baseUrl: string;
  readonly pid: number;
  /** The name this instance writes on the reminder rows it holds (ReminderSettings.instanceId). */
  readonly instanceId: string;
  /** Every JSON log line it has written so far, parsed. */
  readonly logs: Record<string, unknown>[];
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits (polling) until one of its log lines passes `test`, or throws after `timeoutMs`. */
  waitForLog(test: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** `kill -9`: no shutdown code runs; resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop), then SIGKILL if it has not gone within 30 s. */
  stop(): Promise<void>;
}

/**
 * Starts `node dist/attune.mjs` with exactly `env` (plus PATH), PORT 0 on loopback, and resolves once it says
 * it is running. Its stderr is kept for the error message if it dies first.
 */
export async function startServerProcess(name: string, env: Record<string, string>, o: { startTimeoutMs?: number } = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', '--disable-warning=DEP0111', 'dist/attune.mjs'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let out = '';
  let err = '';
  let pending = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not a log line.
      }
    }
    if (out.length > 200_000) out = out.slice(-100_000);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err = (err + chunk).slice(-20_000);
  });
  const deadline = Date.now() + (o.startTimeoutMs ?? 120_000);
  let baseUrl: string | null = null;
  while (baseUrl === null) {
    const m = /Health:\s+(http:\/\/\S+)\/healthz/.exec(out);
    if (m?.[1]) baseUrl = m[1];
    else if (gone) throw new Error(`${name} exited while starting:\n${err}`);
    else if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start in time:\n${err}`);
    } else await new Promise((ok) => setTimeout(ok, 100));
  }
  const pid = child.pid!;
  const waitForLog = async (test: (line: Record<string, unknown>) => boolean, timeoutMs = 60_000): Promise<Record<string, unknown>> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = logs.find(test);
      if (found) return found;
      if (Date.now() > until) throw new Error(`${name} did not log what was expected within ${timeoutMs} ms (it logged ${logs.length} lines)`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  };
  return {
    name,
    baseUrl,
    pid,
    instanceId: `${hostname()}:${pid}`,
    logs,
    exited,
    waitForLog,
    async kill() {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The shared clock of server processes started with DEV_CLOCK_FILE=file (see src/adapters/clock/file-clock.ts). */
export function fileClockControl(file: string): { set(iso: string): void } {
  const set = (iso: string): void => {
    // Written whole, then renamed over, so a reader never sees half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify({ offsetMs: Date.parse(iso) - Date.now() }));
    renameSync(`${file}.tmp`, file);
  };
  return { set };
}
