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
 * - upload_ratio_plain_md5: against plain uploads that also send each block's Content-MD5, as the vault does.
 *   This is the like-for-like upload comparison. Azurite computes a CRC-64 of every staged block in JavaScript
 *   unless the request carries a Content-MD5, when it checks the (native) MD5 instead; so the vault's MD5, sent
 *   for integrity, also makes Azurite itself cheaper, and `upload_ratio` against the SDK's default call
 *   flatters the vault. Real Azure checksums natively either way.
 * - *_same_hop: the same comparisons with the same HTTP hop on both sides. The plain side is then a pass-through
 *   server (a separate process like Attune's) that stages each PUT body with its Content-MD5 and pipes
 *   `download(offset, count)` into the response, with no authentication, records or encryption: the ratio is
 *   what Attune's server costs over the least a server in the same place could do.
 * - download_ratio_relay_ceiling, upload_ratio_relay_ceiling: that pass-through against the direct SDK calls
 *   (with Content-MD5 for uploads): the most any server that relays a clip's bytes (encrypting them or not) can
 *   reach here, since relaying costs a whole process and two loopback copies of every byte on the same 2 cores
 *   as Azurite and the client.
 *
 * Download ratios are the medians of three alternating rounds (plain, pass-through, encrypted).
 *
 * Phase by phase, stderr also says how much CPU the bench, the server and Azurite used, and the server's
 * highest resident memory: where the time and memory go.
 *
 * Usage: npm run bench -- vault [--size-mib=1024]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomFillSync, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { build } from 'esbuild';
import { TableClient } from '@azure/data-tables';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/adapters/storage/embedded-azurite';
import { LocalKeyFile } from '../../src/adapters/keys/local-key-file';
import { BlobClipVault } from '../../src/adapters/vault/blob-clip-vault';
import { defaultBlockSize, newLayout } from '../../src/domain/clips/format';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';

const repoRoot = resolve(import.meta.dirname, '../..');
const MiB = 1024 * 1024;
const concurrency = 4;
const rangeSamples = 200;
const downloadRounds = 3;

const emit = (metric: string, value: number): void => console.log(JSON.stringify({ bench: 'vault', metric, value: Math.round(value * 1000) / 1000 }));
const say = (s: string): void => console.error(`[vault bench] ${s}`);

export async function runVaultBench(): Promise<void> {
  const sizeArg = process.argv.find((a) => a.startsWith('--size-mib='));
  const size = (sizeArg ? Number(sizeArg.slice(11)) : 1024) * MiB;
  const azurite = await startEmbeddedAzurite({ location: null });
  const dataDir = mkdtempSync(join(tmpdir(), 'attune-bench-'));
  let server: ChildProcess | null = null;
  let plainServer: ChildProcess | null = null;
  try {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('plain-bench');
    await container.createIfNotExists();
    const started = await startServer({ NODE_ENV: 'test', PORT: '0', DEV_SIGN_IN: 'true', SEED_DEMO: 'true', ATTUNE_DATA_DIR: dataDir, STORAGE_CONNECTION_STRING: azurite.connectionString, CLIP_RETENTION_SWEEP_MINUTES: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_PERSON: '1000000' });
    server = started.child;
    const api = await signIn(started.baseUrl, azurite);
    const passThrough = await startPlainServer(azurite.connectionString);
    plainServer = passThrough.child;
    const hop: Hop = { baseUrl: passThrough.baseUrl, agent: new Agent({ keepAlive: true, maxSockets: concurrency * 2 }) };

    const pids = { server: server.pid!, passThrough: plainServer.pid!, azurite: childPids().find((pid) => pid !== server?.pid && pid !== plainServer?.pid) ?? NaN };
    say('warming up with a 256 MiB clip');
    const small = randomData(256 * MiB);
    await plainUpload(container, small);
    await hopDownload(hop, await hopUpload(hop, small));
    const smallClip = await withCpu('warm-up: encrypted upload, 256 MiB', pids, () => httpUpload(api, small));
    await withCpu('warm-up: encrypted download, 256 MiB', pids, () => httpDownload(api, smallClip));
    emit('peak_rss_mb_256mib', peakRssMb(server.pid!));
    resetPeakRss(server.pid!);

    say(`${size / MiB} MiB clip: generating bytes`);
    const data = randomData(size);
    say('plain upload');
    const plainUp = await withCpu('plain upload', pids, () => plainUpload(container, data));
    say('plain upload with Content-MD5 (like for like: the vault sends one with every block)');
    const plainMd5Up = await withCpu('plain upload with Content-MD5', pids, () => plainUpload(container, data, { md5: true }));
    say('plain upload through the pass-through server');
    const hopUp = await withCpu('plain upload (same hop)', pids, () => timedHopUpload(hop, data));
    say('encrypted upload (HTTP)');
    const encUp = await withCpu('encrypted upload', pids, () => httpUpload(api, data));
    // Downloads only read, so they can be repeated without growing Azurite: rounds of the three, alternating,
    // and the median of each, because one download's speed here moves by a third between runs (Azurite's own
    // CPU for the same 1 GiB read varies from 0.5 to 2.8 s).
    const plainDowns: number[] = [];
    const hopDowns: number[] = [];
    const encDowns: number[] = [];
    for (let round = 1; round <= downloadRounds; round++) {
      say(`downloads, round ${round} of ${downloadRounds}`);
      plainDowns.push(await withCpu('plain download', pids, () => plainDownload(container, plainUp.name)));
      hopDowns.push(await withCpu('plain download (same hop)', pids, () => hopDownload(hop, hopUp.name)));
      encDowns.push((await withCpu('encrypted download', pids, () => httpDownload(api, encUp))).ms);
    }
    const plainDown = percentile(plainDowns, 50);
    const hopDown = percentile(hopDowns, 50);
    const encDown = percentile(encDowns, 50);

    say('1 MiB random ranges');
    const offsets = Array.from({ length: rangeSamples }, () => Math.floor(Math.random() * (size - MiB)));
    const plainRanges: number[] = [];
    const hopRanges: number[] = [];
    const encRanges: number[] = [];
    await withCpu('ranges (all three)', pids, async () => {
      for (const offset of offsets) {
        // Interleaved, so all see the same machine state.
        plainRanges.push(await timed(() => drain(container.getBlockBlobClient(plainUp.name).download(offset, MiB).then((r) => r.readableStreamBody!))));
        hopRanges.push(await timed(() => hopGet(hop, `/blobs/${hopUp.name}`, `bytes=${offset}-${offset + MiB - 1}`)));
        encRanges.push(await timed(() => httpGet(api, encUp.path, `bytes=${offset}-${offset + MiB - 1}`)));
      }
    });
    emit('peak_rss_mb', peakRssMb(server.pid!));
    emit('upload_ratio', plainUp.ms / encUp.ms);
    emit('upload_ratio_plain_md5', plainMd5Up.ms / encUp.ms);
    emit('download_ratio', plainDown / encDown);
    emit('range_p50_ratio', percentile(encRanges, 50) / percentile(plainRanges, 50));
    emit('range_p95_ratio', percentile(encRanges, 95) / percentile(plainRanges, 95));
    emit('upload_ratio_same_hop', hopUp.ms / encUp.ms);
    emit('download_ratio_same_hop', hopDown / encDown);
    emit('range_p50_ratio_same_hop', percentile(encRanges, 50) / percentile(hopRanges, 50));
    emit('range_p95_ratio_same_hop', percentile(encRanges, 95) / percentile(hopRanges, 95));
    // The best any server that relays the bytes (with no vault at all) reaches against the direct download.
    emit('download_ratio_relay_ceiling', plainDown / hopDown);
    emit('upload_ratio_relay_ceiling', plainMd5Up.ms / hopUp.ms);
    emit('plain_upload_mib_s', size / MiB / (plainUp.ms / 1000));
    emit('plain_md5_upload_mib_s', size / MiB / (plainMd5Up.ms / 1000));
    emit('plain_same_hop_upload_mib_s', size / MiB / (hopUp.ms / 1000));
    emit('encrypted_upload_mib_s', size / MiB / (encUp.ms / 1000));
    emit('plain_download_mib_s', size / MiB / (plainDown / 1000));
    emit('plain_same_hop_download_mib_s', size / MiB / (hopDown / 1000));
    emit('encrypted_download_mib_s', size / MiB / (encDown / 1000));
    emit('plain_range_p50_ms', percentile(plainRanges, 50));
    emit('plain_same_hop_range_p50_ms', percentile(hopRanges, 50));
    emit('encrypted_range_p50_ms', percentile(encRanges, 50));
    emit('plain_range_p95_ms', percentile(plainRanges, 95));
    emit('plain_same_hop_range_p95_ms', percentile(hopRanges, 95));
    emit('encrypted_range_p95_ms', percentile(encRanges, 95));

    say('vault adapter in process (no HTTP hop)');
    const inProcess = await vaultInProcess(azurite, data);
    const plainAgain = await plainUpload(container, data);
    const plainDownAgain = await plainDownload(container, plainAgain.name);
    emit('vault_upload_ratio', plainAgain.ms / inProcess.upMs);
    emit('vault_download_ratio', plainDownAgain / inProcess.downMs);
  } finally {
    if (plainServer) await stopServer(plainServer);
    if (server) await stopServer(server);
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

/** `md5`: send each block with its Content-MD5 (computed in the timed part), as the vault does. */
async function plainUpload(container: ContainerClient, data: Buffer, options: { md5?: boolean } = {}): Promise<{ name: string; ms: number }> {
  const name = randomUUID();
  const blob = container.getBlockBlobClient(name);
  const blocks = blocksOf(data.length);
  const ms = await timed(async () => {
    await pool(blocks, async (i) => {
      const part = data.subarray(i * defaultBlockSize, (i + 1) * defaultBlockSize);
      await blob.stageBlock(blockId(i), part, part.length, options.md5 ? { transactionalContentMD5: createHash('md5').update(part).digest() } : {});
    });
    await blob.commitBlockList(blocks.map(blockId));
  });
  return { name, ms };
}

async function plainDownload(container: ContainerClient, name: string): Promise<number> {
  return timed(async () => drain((await container.getBlockBlobClient(name).download(0)).readableStreamBody!));
}

/** The plain pass-through server: same concurrency, same block size, same kind of requests as Attune's API. */
interface Hop {
  readonly baseUrl: string;
  readonly agent: Agent;
}

async function hopUpload(hop: Hop, data: Buffer): Promise<string> {
  const name = randomUUID();
  const blocks = blocksOf(data.length);
  await pool(blocks, async (i) => {
    const r = await hopSend(hop, { method: 'PUT', path: `/blobs/${name}/blocks/${i}`, body: data.subarray(i * defaultBlockSize, (i + 1) * defaultBlockSize) });
    if (r.status !== 201) throw new Error(`pass-through block ${i}: ${r.status}`);
  });
  const done = await hopSend(hop, { method: 'POST', path: `/blobs/${name}/commit?blocks=${blocks.length}` });
  if (done.status !== 201) throw new Error(`pass-through commit: ${done.status}`);
  return name;
}

async function timedHopUpload(hop: Hop, data: Buffer): Promise<{ name: string; ms: number }> {
  let name = '';
  const ms = await timed(async () => (name = await hopUpload(hop, data)));
  return { name, ms };
}

const hopDownload = (hop: Hop, name: string): Promise<number> => timed(() => hopGet(hop, `/blobs/${name}`));

function hopSend(hop: Hop, input: { method: string; path: string; body?: Buffer }): Promise<{ status: number }> {
  return new Promise((ok, fail) => {
    const req = request(`${hop.baseUrl}${input.path}`, { method: input.method, agent: hop.agent, headers: { 'Content-Length': String(input.body?.length ?? 0), 'Content-Type': 'application/octet-stream' } }, (res) => {
      res.resume();
      res.on('end', () => ok({ status: res.statusCode ?? 0 }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(input.body);
  });
}

function hopGet(hop: Hop, path: string, range?: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request(`${hop.baseUrl}${path}`, { agent: hop.agent, headers: range ? { Range: range } : {} }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => (res.statusCode === 200 || res.statusCode === 206 ? ok(n) : fail(new Error(`pass-through ${res.statusCode}`))));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/**
 * Starts this file as the pass-through server (see servePlain) in its own process, compiled like Attune's server
 * and run with plain node, so the two servers differ only in what they do.
 */
async function startPlainServer(connectionString: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const outfile = join(repoRoot, 'dist', 'bench-pass-through.mjs');
  await build({ entryPoints: [fileURLToPath(import.meta.url)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  const child = spawn(process.execPath, [outfile, plainServerFlag], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', BENCH_STORAGE: connectionString }, stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((ok, fail) => {
    child.stdout.setEncoding('utf8').once('data', (line: string) => ok(line.trim()));
    child.once('exit', (code) => fail(new Error(`pass-through server exited (${code})`)));
  });
  child.removeAllListeners('exit');
  return { child, baseUrl };
}

const plainServerFlag = '--vault-bench-plain-server';

/**
 * The pass-through server: what a server with no vault would do with the same requests. `PUT /blobs/{name}/blocks/{i}`
 * streams the body into `stageBlock`; `POST /blobs/{name}/commit?blocks=n` commits; `GET /blobs/{name}` (with
 * or without one Range) pipes `download(offset, count)` into the response.
 */
async function servePlain(): Promise<void> {
  const container = BlobServiceClient.fromConnectionString(process.env.BENCH_STORAGE ?? '').getContainerClient('plain-hop-bench');
  await container.createIfNotExists();
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const m = /^\/blobs\/([0-9a-f-]{36})(?:\/blocks\/(\d+)|\/(commit))?$/.exec(url.pathname);
      const blob = m ? container.getBlockBlobClient(m[1]!) : null;
      if (!m || !blob) {
        res.writeHead(404).end();
      } else if (req.method === 'PUT' && m[2] !== undefined) {
        // Like the vault: the whole block, sent with its Content-MD5 (which needs the block before the request).
        const parts: Buffer[] = [];
        for await (const chunk of req) parts.push(chunk as Buffer);
        const block = Buffer.concat(parts);
        await blob.stageBlock(blockId(Number(m[2])), block, block.length, { transactionalContentMD5: createHash('md5').update(block).digest() });
        res.writeHead(201).end();
      } else if (req.method === 'POST' && m[3]) {
        req.resume();
        await blob.commitBlockList(Array.from({ length: Number(url.searchParams.get('blocks')) }, (_, i) => blockId(i)));
        res.writeHead(201).end();
      } else {
        const r = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
        const got = r ? await blob.download(Number(r[1]), Number(r[2]) - Number(r[1]) + 1) : await blob.download(0);
        res.writeHead(r ? 206 : 200, { 'Content-Length': String(got.contentLength ?? 0) });
        got.readableStreamBody!.pipe(res);
      }
    })().catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

if (process.argv.includes(plainServerFlag)) await servePlain();

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

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** This process's child processes (the Attune server and Azurite), from /proc. */
function childPids(): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    const list = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim();
    if (list) out.push(...list.split(' ').map(Number));
  }
  return out;
}

/**
 * Runs `fn` and says on stderr how much CPU each process used meanwhile (where a phase's time goes) and the
 * Attune server's highest resident memory in the phase (sampled every 20 ms).
 */
async function withCpu<T>(name: string, pids: { server: number } & Record<string, number>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  const self = process.cpuUsage();
  let rss = 0;
  const sampler = setInterval(() => (rss = Math.max(rss, rssMb(pids.server))), 20);
  const t = performance.now();
  let result: T;
  try {
    result = await fn();
  } finally {
    clearInterval(sampler);
  }
  const wall = (performance.now() - t) / 1000;
  const used = process.cpuUsage(self);
  const parts = [`bench ${((used.user + used.system) / 1e6).toFixed(1)}`, ...Object.entries(pids).map(([k, pid]) => `${k} ${(cpuSeconds(pid) - before[k]!).toFixed(1)}`)];
  say(`  ${name}: ${wall.toFixed(1)} s wall; CPU s: ${parts.join(', ')}; server RSS up to ${rss.toFixed(0)} MB`);
  return result;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
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

/** SIGTERM (so a CPU profile is written), then SIGKILL if it lingers. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string }> {
  // --server-cpu-prof=DIR: the server writes a V8 CPU profile there when the bench ends (open it in Chrome DevTools).
  const prof = process.argv.find((a) => a.startsWith('--server-cpu-prof='))?.slice(18);
  // The compiled server, run the way `npm start` and production run it.
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('could not build the server');
  // --server-flags="--trace-gc …": extra Node flags for the server, whose output then goes to stderr too.
  const flags = process.argv.find((a) => a.startsWith('--server-flags='))?.slice(15).split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${resolve(prof)}`] : []), ...flags, '--disable-warning=DEP0111', 'dist/attune.mjs'], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  if (flags.length) child.stdout.on('data', (chunk: Buffer) => process.stderr.write(chunk));
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
