import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { TableClient, TableServiceClient } from '@azure/data-tables';
import type { ContainerClient } from '@azure/storage-blob';
import { AttuneError } from '../../domain/errors';

/**
 * A copy of everything Attune keeps in one storage account, as files: each `attune*` table's rows (JSON lines,
 * with their Table storage types, so a restore writes back exactly what was read) and each clip blob's
 * bytes as stored — ciphertext, with its metadata. Clip data keys are in a table, wrapped by the
 * key-encryption key, so a backup is unreadable without Key Vault (or the development key file). The tables
 * hold personal data in the clear (case codes, records): keep a backup as carefully as the account itself.
 */
export interface BackupManifest {
  readonly format: 1;
  readonly takenAt: string;
  readonly tables: Readonly<Record<string, number>>;
  readonly blobs: number;
  readonly bytes: number;
}

interface BlobEntry {
  readonly name: string;
  readonly file: string;
  readonly contentType: string | null;
  readonly metadata: Record<string, string>;
  readonly size: number;
  readonly sha256: string;
}

export interface StorageHandles {
  readonly tables: TableServiceClient;
  readonly clientFor: (table: string) => TableClient;
  readonly container: ContainerClient;
  readonly prefix?: string;
  readonly onProgress?: (what: string) => void;
}

const plain = (entity: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) {
    if (k === 'etag' || k === 'timestamp') continue;
    out[k] = v && typeof v === 'object' && (v as { type?: unknown }).type === 'String' ? (v as { value: unknown }).value : v;
  }
  return out;
};

async function tableNames(h: StorageHandles): Promise<string[]> {
  const prefix = h.prefix ?? 'attune';
  const names: string[] = [];
  for await (const t of h.tables.listTables()) if (t.name?.startsWith(prefix)) names.push(t.name);
  return names.sort();
}

/** Writes the account's Attune tables and clip blobs under `dir` (which must be empty or new). */
export async function exportStorage(h: StorageHandles, dir: string, now: () => Date = () => new Date()): Promise<BackupManifest> {
  if (existsSync(join(dir, 'manifest.json'))) throw new AttuneError('conflict', `${dir} already holds a backup; choose a new folder.`);
  mkdirSync(join(dir, 'tables'), { recursive: true });
  mkdirSync(join(dir, 'blobs'), { recursive: true });
  const takenAt = now().toISOString();
  const tables: Record<string, number> = {};
  for (const name of await tableNames(h)) {
    const out = createWriteStream(join(dir, 'tables', `${name}.jsonl`));
    let n = 0;
    for await (const e of h.clientFor(name).listEntities({ disableTypeConversion: true })) {
      if (!out.write(`${JSON.stringify(plain(e))}\n`)) await once(out, 'drain');
      n += 1;
    }
    out.end();
    await once(out, 'finish');
    tables[name] = n;
    h.onProgress?.(`table ${name}: ${n} rows`);
  }
  const entries: BlobEntry[] = [];
  let bytes = 0;
  if (await h.container.exists()) {
    for await (const b of h.container.listBlobsFlat({ includeMetadata: true })) {
      const file = `${entries.length}`;
      const blob = h.container.getBlobClient(b.name);
      await blob.downloadToFile(join(dir, 'blobs', file));
      const data = readFileSync(join(dir, 'blobs', file));
      entries.push({ name: b.name, file, contentType: b.properties.contentType ?? null, metadata: b.metadata ?? {}, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
      bytes += data.length;
      h.onProgress?.(`blob ${entries.length}: ${data.length} bytes`);
    }
  }
  writeFileSync(join(dir, 'blobs.json'), JSON.stringify(entries));
  const manifest: BackupManifest = { format: 1, takenAt, tables, blobs: entries.length, bytes };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/**
 * Writes a backup back into an account that holds no Attune data yet (a new account, or the old one emptied):
 * every blob checked against its SHA-256 before anything is written, then blobs, then rows. Refuses an
 * account that already has Attune rows or clips, so a restore never mixes two states.
 */
export async function importStorage(h: StorageHandles, dir: string): Promise<BackupManifest> {
  if (!existsSync(join(dir, 'manifest.json'))) throw new AttuneError('not_found', `${dir} holds no backup (no manifest.json).`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new AttuneError('invalid_input', 'That backup was written by another version of Attune.');
  const entries = JSON.parse(readFileSync(join(dir, 'blobs.json'), 'utf8')) as BlobEntry[];
  for (const e of entries) {
    const data = readFileSync(join(dir, 'blobs', e.file));
    if (createHash('sha256').update(data).digest('hex') !== e.sha256) throw new AttuneError('invalid_state', `Backup file blobs/${e.file} is damaged (its SHA-256 differs); nothing was restored.`);
  }
  for (const name of await tableNames(h)) {
    const first = await h.clientFor(name).listEntities().byPage({ maxPageSize: 1 }).next();
    if (!first.done && first.value.length > 0) throw new AttuneError('conflict', `This storage account already holds Attune data (table ${name}); restore into an empty one.`);
  }
  await h.container.createIfNotExists();
  const existing = await h.container.listBlobsFlat().byPage({ maxPageSize: 1 }).next();
  if (!existing.done && existing.value.segment.blobItems.length > 0) throw new AttuneError('conflict', 'This storage account already holds clips; restore into an empty one.');
  for (const [i, e] of entries.entries()) {
    await h.container.getBlockBlobClient(e.name).uploadFile(join(dir, 'blobs', e.file), { metadata: e.metadata, ...(e.contentType ? { blobHTTPHeaders: { blobContentType: e.contentType } } : {}) });
    h.onProgress?.(`blob ${i + 1}/${entries.length}`);
  }
  for (const name of Object.keys(manifest.tables)) {
    const client = h.clientFor(name);
    await client.createTable();
    const lines = readFileSync(join(dir, 'tables', `${name}.jsonl`), 'utf8').split('\n').filter(Boolean);
    for (const line of lines) await client.upsertEntity(JSON.parse(line) as Parameters<TableClient['upsertEntity']>[0], 'Replace');
    h.onProgress?.(`table ${name}: ${lines.length} rows`);
  }
  return manifest;
}
