/**
 * The clip vault against plain @azure/storage-blob, on the same Azurite, in one run.
 *
 * - upload_ratio / download_ratio: a 1 GiB clip through Attune's HTTP API (a separate server process:
 *   request → encrypt → stage; range GET → decrypt → response) against the same bytes moved directly with the
 *   storage SDK (stageBlock / download), same block size and concurrency. Throughput ratio (≥ 1 is faster).
 * - range_p50_ratio / range_p95_ratio: 1 MiB reads at the same random offsets, one at a time, through the
 *   media endpoint against `download(offset, 1 MiB)`.
 * - peak_rss_mb: the server's peak resident memory (VmHWM) while uploading and playing the 1 GiB clip;
 *   peak_rss_mb_256mib is the same for a 256 MiB clip, to show it stays flat as the clip grows.
 * - vault_upload_ratio / vault_download_ratio: the vault adapter in this process (no HTTP hop) against the SDK,
 *   which isolates what encryption itself costs.
 *
 * Usage: npm run bench -- vault [--size-mib=1024]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomFillSync, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { TableClient } from '@azure/data-tables';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/adapters/storage/embedded-azurite';
import { LocalKeyFile } from '../../src/adapters/keys/local-key-file';
import { BlobClipVault } from '../../src/adapters/vault/blob-clip-vault';
import { defaultBlockSize, newLayout } from '../../src/domain/clip-format';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';

const repoRoot = resolve(import.meta.dirname, '../..');
const MiB = 1024 * 1024;
const concurrency = 4;
const rangeSamples = 200;

const emit = (metric: string, value: number): void => console.log(JSON.stringify({ bench: 'vault', metric, value: Math.round(value * 1000) / 1000 }));
const say = (s: string): void => console.error(`[vault bench] ${s}`);

export async function runVaultBench(): Promise<void> {
  const sizeArg = process.argv.find((a) => a.startsWith('--size-mib='));
  const size = (sizeArg ? Number(sizeArg.slice(11)) : 1024) * MiB;
  const azurite = await startEmbeddedAzurite({ location: null });
  const dataDir = mkdtempSync(join(tmpdir(), 'attune-bench-'));
  let server: ChildProcess | null = null;
  try {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('plain-bench');
    await container.createIfNotExists();
    const started = await startServer({ NODE_ENV: 'test', PORT: '0', DEV_SIGN_IN: 'true', SEED_DEMO: 'true', ATTUNE_DATA_DIR: dataDir, STORAGE_CONNECTION_STRING: azurite.connectionString, CLIP_RETENTION_SWEEP_MINUTES: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_PERSON: '1000000' });
    server = started.child;
    const api = await signIn(started.baseUrl, azurite);

    say('warming up with a 256 MiB clip');
    const small = randomData(256 * MiB);
    await plainUpload(container, small);
    const smallClip = await httpUpload(api, small);
    await httpDownload(api, smallClip);
    emit('peak_rss_mb_256mib', peakRssMb(server.pid!));
    resetPeakRss(server.pid!);

    say(`${size / MiB} MiB clip: generating bytes`);
    const data = randomData(size);
    say('plain upload');
    const plainUp = await plainUpload(container, data);
    say('encrypted upload (HTTP)');
    const encUp = await httpUpload(api, data);
    say('plain download');
    const plainDown = await plainDownload(container, plainUp.name);
    say('encrypted download (HTTP)');
    const encDown = await httpDownload(api, encUp);

    say('1 MiB random ranges');
    const offsets = Array.from({ length: rangeSamples }, () => Math.floor(Math.random() * (size - MiB)));
    const plainRanges: number[] = [];
    const encRanges: number[] = [];
    for (const offset of offsets) {
      // Interleaved, so both see the same machine state.
      plainRanges.push(await timed(() => drain(container.getBlockBlobClient(plainUp.name).download(offset, MiB).then((r) => r.readableStreamBody!))));
      encRanges.push(await timed(() => httpGet(api, encUp.path, `bytes=${offset}-${offset + MiB - 1}`)));
    }
    emit('peak_rss_mb', peakRssMb(server.pid!));
    emit('upload_ratio', plainUp.ms / encUp.ms);
    emit('download_ratio', plainDown / encDown.ms);
    emit('range_p50_ratio', percentile(encRanges, 50) / percentile(plainRanges, 50));
    emit('range_p95_ratio', percentile(encRanges, 95) / percentile(plainRanges, 95));
    emit('plain_upload_mib_s', size / MiB / (plainUp.ms / 1000));
    emit('encrypted_upload_mib_s', size / MiB / (encUp.ms / 1000));
    emit('plain_download_mib_s', size / MiB / (plainDown / 1000));
    emit('encrypted_download_mib_s', size / MiB / (encDown.ms / 1000));
    emit('plain_range_p50_ms', percentile(plainRanges, 50));
    emit('encrypted_range_p50_ms', percentile(encRanges, 50));
    emit('plain_range_p95_ms', percentile(plainRanges, 95));
    emit('encrypted_range_p95_ms', percentile(encRanges, 95));

    say('vault adapter in process (no HTTP hop)');
    const inProcess = await vaultInProcess(azurite, data);
    const plainAgain = await plainUpload(container, data);
    const plainDownAgain = await plainDownload(container, plainAgain.name);
    emit('vault_upload_ratio', plainAgain.ms / inProcess.upMs);
    emit('vault_download_ratio', plainDownAgain / inProcess.downMs);
  } finally {
    if (server) server.kill('SIGKILL');
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function randomData(size: number): Buffer {
  // Random bytes, so neither side can benefit from compressible data.
  const data = Buffer.allocUnsafe(size);
  const pattern = randomFillSync(Buffer.allocUnsafe(64 * MiB));
  for (let at = 0; at < size; at += pattern.length) pattern.copy(data, at, 0, Math.min(pattern.length, size - at));
  data.write('\0\0\0\x18ftypisom\0\0\x02\0isomiso2', 0, 'latin1');
  return data;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function drain(stream: NodeJS.ReadableStream | Promise<NodeJS.ReadableStream>): Promise<number> {
  let n = 0;
  for await (const chunk of await stream) n += (chunk as Buffer).length;
  return n;
}

async function pool<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const blocksOf = (size: number): number[] => Array.from({ length: Math.ceil(size / defaultBlockSize) }, (_, i) => i);
const blockId = (i: number): string => Buffer.from(`block-${String(i).padStart(6, '0')}`).toString('base64');

async function plainUpload(container: ContainerClient, data: Buffer): Promise<{ name: string; ms: number }> {
  const name = randomUUID();
  const blob = container.getBlockBlobClient(name);
  const blocks = blocksOf(data.length);
  const ms = await timed(async () => {
    await pool(blocks, async (i) => {
      const part = data.subarray(i * defaultBlockSize, (i + 1) * defaultBlockSize);
      await blob.stageBlock(blockId(i), part, part.length);
    });
    await blob.commitBlockList(blocks.map(blockId));
  });
  return { name, ms };
}

async function plainDownload(container: ContainerClient, name: string): Promise<number> {
  return timed(async () => drain((await container.getBlockBlobClient(name).download(0)).readableStreamBody!));
}

interface Api {
  readonly baseUrl: string;
  readonly token: string;
  readonly agent: Agent;
  readonly enrolmentId: string;
  readonly caseId: string;
}

async function signIn(baseUrl: string, azurite: EmbeddedAzurite): Promise<Api> {
  const trainee = `${demoTenantId}:${demoPeople.trainee.objectId}`;
  const res = await fetch(`${baseUrl}/api/dev/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: trainee }) });
  const { token } = (await res.json()) as { token: string };
  // The demo trainee's enrolment and a case whose family consented, from the seeded tables.
  const table = (name: string): TableClient => TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
  let enrolmentId = '';
  for await (const row of table('attuneenrolments').listEntities<{ data: string }>()) {
    const e = JSON.parse(row.data) as { id: string; traineeId: string };
    if (e.traineeId === trainee) enrolmentId = e.id;
  }
  let caseId = '';
  for await (const row of table('attunecases').listEntities<{ data: string }>({ queryOptions: { filter: `PartitionKey eq '${enrolmentId}'` } })) {
    const c = JSON.parse(row.data) as { id: string; consent: { filming: { granted: boolean } } };
    if (c.consent.filming.granted) caseId = c.id;
  }
  return { baseUrl, token, agent: new Agent({ keepAlive: true, maxSockets: concurrency * 2 }), enrolmentId, caseId };
}

function send(api: Api, input: { method: string; path: string; body?: Buffer; headers?: Record<string, string> }): Promise<{ status: number; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request(`${api.baseUrl}${input.path}`, { method: input.method, agent: api.agent, headers: { Authorization: `Bearer ${api.token}`, ...(input.body ? { 'Content-Length': String(input.body.length) } : {}), ...input.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(input.body);
  });
}

async function httpUpload(api: Api, data: Buffer): Promise<{ path: string; ms: number }> {
  let clipId = '';
  const ms = await timed(async () => {
    const start = await send(api, { method: 'POST', path: `/api/enrolments/${api.enrolmentId}/clip-uploads`, body: Buffer.from(JSON.stringify({ caseId: api.caseId, kind: 'client_interaction', title: 'Bench', size: data.length })), headers: { 'Content-Type': 'application/json' } });
    const upload = (JSON.parse(start.body.toString()) as { upload: { id: string; blockSize: number } }).upload;
    await pool(blocksOf(data.length), async (i) => {
      const r = await send(api, { method: 'PUT', path: `/api/enrolments/${api.enrolmentId}/clip-uploads/${upload.id}/blocks/${i}`, body: data.subarray(i * upload.blockSize, (i + 1) * upload.blockSize), headers: { 'Content-Type': 'application/octet-stream' } });
      if (r.status !== 200) throw new Error(`block ${i}: ${r.status} ${r.body.toString()}`);
    });
    const done = await send(api, { method: 'POST', path: `/api/enrolments/${api.enrolmentId}/clip-uploads/${upload.id}/commit`, body: Buffer.from('{}'), headers: { 'Content-Type': 'application/json' } });
    clipId = (JSON.parse(done.body.toString()) as { clip: { id: string } }).clip.id;
  });
  const grant = await send(api, { method: 'POST', path: `/api/enrolments/${api.enrolmentId}/clips/${clipId}/playback`, body: Buffer.from('{}'), headers: { 'Content-Type': 'application/json' } });
  return { path: (JSON.parse(grant.body.toString()) as { playback: { path: string } }).playback.path, ms };
}

function httpGet(api: Api, path: string, range?: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request(`${api.baseUrl}${path}`, { agent: api.agent, headers: range ? { Range: range } : {} }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => (res.statusCode === 200 || res.statusCode === 206 ? ok(n) : fail(new Error(`media ${res.statusCode}`))));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

async function httpDownload(api: Api, clip: { path: string }): Promise<{ ms: number }> {
  return { ms: await timed(() => httpGet(api, clip.path)) };
}

async function vaultInProcess(azurite: EmbeddedAzurite, data: Buffer): Promise<{ upMs: number; downMs: number }> {
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('vault-bench');
  await container.createIfNotExists();
  const table = (name: string): TableClient => TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
  const vault = await BlobClipVault.open({ container, keys: table('benchkeys'), blocks: table('benchblocks'), wrapper: LocalKeyFile.open({ file: null }) });
  const clip = { clipId: randomUUID(), layout: newLayout({ size: data.length, storageName: randomUUID().replace(/-/g, '') }) };
  const upMs = await timed(async () => {
    await vault.createKey(clip);
    await pool(blocksOf(data.length), async (i) => {
      const part = data.subarray(i * defaultBlockSize, (i + 1) * defaultBlockSize);
      await vault.putBlock({ clip, index: i, body: (async function* () {
        for (let at = 0; at < part.length; at += 64 * 1024) yield part.subarray(at, at + 64 * 1024);
      })() });
    });
    await vault.commit(clip);
  });
  const downMs = await timed(() => drain(vault.read({ clip, range: null }) as unknown as NodeJS.ReadableStream));
  return { upMs, downMs };
}

function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** VmHWM: the process's peak resident set, in MiB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Resets VmHWM (Linux: writing 5 to clear_refs), so the next reading covers only what follows. */
function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    say('could not reset the peak RSS counter; peak_rss_mb then covers the warm-up too');
  }
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /Tab:\s+(http:\/\/\S+)\/tab\//.exec(out);
      if (m?.[1]) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`server exited (${code})`)));
  });
  child.removeAllListeners('exit');
  return { child, baseUrl };
}
