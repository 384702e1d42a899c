import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { demoPeople } from '../../src/app/seed-demo';
import type { TestAzurite } from './azurite';

const repoRoot = resolve(import.meta.dirname, '../..');

/** Attune as its own process (`src/main.ts`), so it can be signalled or killed like an App Service instance. */
export async function startAttuneProcess(env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const baseUrl = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /Tab:\s+(http:\/\/\S+)\/tab\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once('exit', (code) => fail(new Error(`server exited (${code}): ${out}`)));
  });
  child.removeAllListeners('exit');
  return { child, baseUrl, output: () => out };
}

/** Resolves when the process has exited, with its code (null when a signal ended it). */
export const exited = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => ok({ code, signal }));
  });

export const killed = async (child: ChildProcess): Promise<void> => {
  const gone = exited(child);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await gone;
};

/** The demo trainee Alex's enrolment, read from storage. */
export async function alexEnrolment(azurite: TestAzurite): Promise<string> {
  for await (const row of azurite.tableClient('attuneenrolments').listEntities<{ data: string }>()) {
    const e = JSON.parse(row.data) as { id: string; traineeId: string };
    if (e.traineeId.endsWith(demoPeople.trainee.objectId)) return e.id;
  }
  throw new Error('no demo enrolment');
}

/** The demo case FAM-0142 of an enrolment. */
export async function demoCase(azurite: TestAzurite, enrolmentId: string): Promise<string> {
  for await (const row of azurite.tableClient('attunecases').listEntities<{ data: string }>({ queryOptions: { filter: `PartitionKey eq '${enrolmentId}'` } })) {
    const c = JSON.parse(row.data) as { id: string; code: string };
    if (c.code === 'FAM-0142') return c.id;
  }
  throw new Error('no demo case');
}
