import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Azurite (Blob, Table and Queue) run as a child process managed by Attune, listening on free loopback ports.
 * The storage account key is generated on first use and kept beside the data (mode 0600), so no key is
 * ever written in the repository.
 */
export interface EmbeddedAzurite {
  readonly blobEndpoint: string;
  readonly tableEndpoint: string;
  readonly queueEndpoint: string;
  readonly accountName: string;
  readonly accountKey: string;
  readonly connectionString: string;
  readonly ports: { readonly blob: number; readonly table: number; readonly queue: number };
  stop(): Promise<void>;
}

export interface EmbeddedAzuriteOptions {
  /** Where Azurite keeps its data; `null` keeps everything in memory (tests). */
  readonly location: string | null;
  /** Where the generated account key is kept (defaults beside the data). */
  readonly accountFile?: string;
  /** Fixed ports (tests that stop Azurite and start it again under a running server); free ports otherwise. */
  readonly ports?: { readonly blob: number; readonly table: number; readonly queue: number };
}

const accountName = 'attunedev';

export async function startEmbeddedAzurite(options: EmbeddedAzuriteOptions): Promise<EmbeddedAzurite> {
  const accountKey = loadOrCreateKey(options.accountFile ?? (options.location ? join(options.location, 'account.json') : null));
  const require = createRequire(import.meta.url);
  const entry = join(dirname(require.resolve('azurite/package.json')), 'dist/src/azurite.js');
  const guard = fileURLToPath(new URL('./azurite-child.cjs', import.meta.url));
  const args = [guard, entry, '--blobHost', '127.0.0.1', '--blobPort', String(options.ports?.blob ?? 0), '--tableHost', '127.0.0.1', '--tablePort', String(options.ports?.table ?? 0), '--queueHost', '127.0.0.1', '--queuePort', String(options.ports?.queue ?? 0), '--skipApiVersionCheck', '--disableTelemetry', '--loose'];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', AZURITE_ACCOUNTS: `${accountName}:${accountKey}` },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const ports = await readPorts(child);
  const blobEndpoint = `http://127.0.0.1:${ports.blob}/${accountName}`;
  const tableEndpoint = `http://127.0.0.1:${ports.table}/${accountName}`;
  const queueEndpoint = `http://127.0.0.1:${ports.queue}/${accountName}`;
  return {
    blobEndpoint,
    tableEndpoint,
    queueEndpoint,
    accountName,
    accountKey,
    ports,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${accountName};AccountKey=${accountKey};BlobEndpoint=${blobEndpoint};TableEndpoint=${tableEndpoint};QueueEndpoint=${queueEndpoint};`,
    // In memory there is nothing to flush: closing the guard's stdin ends it at once. On disk, Azurite
    // is asked to stop gracefully so its database files are complete.
    stop: () => stopChild(child, { graceful: options.location !== null }),
  };
}

function loadOrCreateKey(file: string | null): string {
  if (file && existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { accountKey?: unknown };
    if (typeof saved.accountKey === 'string') return saved.accountKey;
  }
  const key = randomBytes(64).toString('base64');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ accountKey: key }), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return key;
}

function readPorts(child: ChildProcess): Promise<{ blob: number; table: number; queue: number }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const found: { blob?: number; table?: number; queue?: number } = {};
    const timer = setTimeout(() => fail(new Error('Azurite did not start within 60 seconds.')), 60_000);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      for (const m of out.matchAll(/Azurite (Blob|Table|Queue) service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/g)) {
        if (m[1] === 'Blob') found.blob = Number(m[2]);
        else if (m[1] === 'Queue') found.queue = Number(m[2]);
        else found.table = Number(m[2]);
      }
      if (found.blob && found.table && found.queue) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({ blob: found.blob, table: found.table, queue: found.queue });
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.once('exit', (code) => fail(new Error(`Azurite exited (${code ?? 'signal'}) before it was ready: ${err.slice(0, 500)}`)));
    child.once('error', fail);
  });
}

function stopChild(child: ChildProcess, options: { graceful: boolean }): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    if (options.graceful) child.kill('SIGTERM');
    else child.stdin?.end();
  });
}
