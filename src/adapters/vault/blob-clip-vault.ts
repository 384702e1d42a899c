import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { AttuneError } from '../../domain/errors';
import { blockCipherLength, blockCount, checkLayout, coverage, cipherSize, segmentCount, type ClipLayout, type Coverage } from '../../domain/clips/format';
import { stillAad, stillCipherSize, stillNonceBytes, stillTagBytes } from '../../domain/clips/still-image';
import type { ClipVault, VaultClip, VaultStill } from '../../ports/clip-vault';
import type { KeyWrapper } from '../../ports/key-wrapping';
import { clipWording, errorCodeOf, statusOf, storageError } from '../storage/storage-errors';
import { corrupt, openSegments, sealBlock } from './segment-cipher';

export interface BlobClipVaultOptions {
  /** Where encrypted clips are stored, one block blob each. */
  readonly container: ContainerClient;
  /** Wrapped data keys, one row per clip. Deleting a row is what destroys a clip. */
  readonly keys: TableClient;
  /** One row per received upload block: the digest that makes a resend with different bytes a refusal. */
  readonly blocks: TableClient;
  readonly wrapper: KeyWrapper;
  /** How long an unwrapped data key is kept in memory (default 60 s), so range requests do not each call Key Vault. */
  readonly keyCacheMs?: number;
}

interface KeyRow {
  partitionKey: string;
  rowKey: string;
  kekId: string;
  algorithm: string;
  wrapped: string;
  createdAt: string;
}

interface BlockRow {
  partitionKey: string;
  rowKey: string;
  digest: string;
}

const keyRow = 'data-key';
const maxCachedKeys = 256;

/**
 * The clip vault on Azure Blob storage (block blobs) and Table storage (wrapped keys, block claims).
 *
 * Writing a block: encrypt the request body as it streams in → claim the block index with the digest of its
 * tags (an insert, so two racing requests cannot both win) → stage it as an uncommitted Azure block. A claim
 * with the same digest is a harmless resend; a different digest is refused before anything is stored, so no
 * nonce ever seals two plaintexts. Uncommitted blocks and claims are in storage, so an upload survives a
 * restart of this process.
 *
 * Reading: one ranged blob download covering the segments the plaintext range needs, decrypted as it streams.
 *
 * Destroying: the wrapped key row first (then nothing stored anywhere can be read), then the blob and claims.
 */
export class BlobClipVault implements ClipVault {
  private readonly cache = new Map<string, { key: Promise<KeyObject>; until: number }>();
  private readonly buffers: BlockBuffers;

  constructor(private readonly o: BlobClipVaultOptions) {
    this.buffers = new BlockBuffers(8);
  }

  /** Creates the container and tables if needed. */
  static async open(options: BlobClipVaultOptions): Promise<BlobClipVault> {
    await Promise.all([options.container.createIfNotExists(), options.keys.createTable(), options.blocks.createTable()]).catch((e: unknown) => {
      throw storageError(e, clipWording);
    });
    return new BlobClipVault(options);
  }

  async createKey(clip: VaultClip): Promise<void> {
    checkLayout(clip.layout);
    const dataKey = randomBytes(32);
    try {
      const wrapped = await this.o.wrapper.wrap(dataKey);
      const row: KeyRow = { partitionKey: checkId(clip.clipId), rowKey: keyRow, kekId: wrapped.kekId, algorithm: wrapped.algorithm, wrapped: Buffer.from(wrapped.wrapped).toString('base64'), createdAt: new Date().toISOString() };
      try {
        await this.o.keys.createEntity(row);
      } catch (e) {
        if (statusOf(e) === 409) throw new AttuneError('conflict', 'That clip already has a key.');
        throw storageError(e, clipWording);
      }
      this.remember(clip.clipId, Promise.resolve(createSecretKey(dataKey)));
    } finally {
      dataKey.fill(0);
    }
  }

  async putBlock(input: { clip: VaultClip; index: number; body: AsyncIterable<Uint8Array>; inspect?: (head: Uint8Array) => void }): Promise<void> {
    const { clip, index } = input;
    checkLayout(clip.layout);
    if (!Number.isSafeInteger(index) || index < 0 || index >= blockCount(clip.layout)) {
      throw new AttuneError('invalid_input', `There is no block ${String(index)} in this upload: blocks run from 0 to ${blockCount(clip.layout) - 1}.`, ['index']);
    }
    const key = await this.key(clip.clipId);
    // The block is sealed straight into a reused buffer and staged from it in one piece: no per-chunk buffers
    // outlive their chunk, and memory stays at one buffer per block in flight.
    const into = this.buffers.take(blockCipherLength(clip.layout, 0), blockCipherLength(clip.layout, index));
    let reusable = true;
    try {
      const sealed = await sealBlock({ key, clipId: clip.clipId, layout: clip.layout, index, body: input.body, into, ...(input.inspect ? { inspect: input.inspect } : {}) });
      await this.claim(clip.clipId, index, sealed.digest);
      try {
        // Content-MD5: storage checks the block as it lands, so bytes damaged on the way are refused now,
        // while the uploader still has them, rather than found at playback as a failed integrity check.
        await this.blob(clip.layout).stageBlock(blockId(index), into.subarray(0, sealed.length), sealed.length, { transactionalContentMD5: sealed.md5 });
      } catch (e) {
        // A failed request might still hold the buffer: let it go rather than reuse it.
        reusable = false;
        if (errorCodeOf(e) === 'Md5Mismatch') throw new AttuneError('unavailable', `Block ${index} was damaged on its way to storage and was not kept. Send it again.`, ['Md5Mismatch']);
        throw storageError(e, clipWording);
      }
    } finally {
      this.buffers.give(into, reusable);
    }
  }

  async stagedBlocks(clip: VaultClip): Promise<number[]> {
    checkLayout(clip.layout);
    let list;
    try {
      list = await this.blob(clip.layout).getBlockList('all');
    } catch (e) {
      if (statusOf(e) === 404) return [];
      throw storageError(e, clipWording);
    }
    const found = new Set<number>();
    for (const b of [...(list.committedBlocks ?? []), ...(list.uncommittedBlocks ?? [])]) {
      const index = indexOf(b.name);
      if (index !== null && index < blockCount(clip.layout) && b.size === blockCipherLength(clip.layout, index)) found.add(index);
    }
    return [...found].sort((a, b) => a - b);
  }

  async commit(clip: VaultClip): Promise<void> {
    const staged = await this.stagedBlocks(clip);
    const count = blockCount(clip.layout);
    if (staged.length !== count) throw new AttuneError('invalid_state', `This upload is missing ${count - staged.length} of its ${count} blocks. Send them, then finish the upload.`);
    try {
      await this.blob(clip.layout).commitBlockList(
        Array.from({ length: count }, (_, i) => blockId(i)),
        { blobHTTPHeaders: { blobContentType: 'application/octet-stream' }, metadata: { attuneformat: String(clip.layout.formatVersion) } },
      );
    } catch (e) {
      throw storageError(e, clipWording);
    }
  }

  async *read(input: { clip: VaultClip; range: { start: number; end: number } | null }): AsyncGenerator<Uint8Array> {
    const { clip } = input;
    let cover: Coverage;
    try {
      checkLayout(clip.layout);
      cover = input.range ? coverage(clip.layout, input.range) : wholeClip(clip.layout);
    } catch {
      throw corrupt('the clip record does not describe a readable clip');
    }
    const key = await this.key(clip.clipId);
    let body: NodeJS.ReadableStream | undefined;
    try {
      const res = await this.blob(clip.layout).download(cover.cipherOffset, cover.cipherLength, { maxRetryRequests: 3 });
      body = res.readableStreamBody;
      if (res.contentLength !== undefined && res.contentLength !== cover.cipherLength) throw corrupt('the stored clip is shorter than its record says');
    } catch (e) {
      const status = statusOf(e);
      if (status === 404) throw new AttuneError('not_found', 'Not found.');
      if (status === 416) throw corrupt('the stored clip is shorter than its record says');
      throw storageError(e, clipWording);
    }
    if (!body) throw new AttuneError('unavailable', 'Storage did not send the clip. Please try again.');
    yield* openSegments({ key, clipId: clip.clipId, layout: clip.layout, coverage: cover, source: body as AsyncIterable<Buffer> });
  }

  async shredKey(clipId: string): Promise<void> {
    this.cache.delete(clipId);
    try {
      await this.o.keys.deleteEntity(checkId(clipId), keyRow);
    } catch (e) {
      if (statusOf(e) !== 404) throw storageError(e, clipWording);
    }
    this.cache.delete(clipId);
  }

  async deleteBlobs(clip: VaultClip): Promise<void> {
    try {
      await this.blob(clip.layout).deleteIfExists({ deleteSnapshots: 'include' });
      for await (const row of this.o.blocks.listEntities<BlockRow>({ queryOptions: { filter: `PartitionKey eq '${checkId(clip.clipId)}'`, select: ['rowKey'] } })) {
        await this.o.blocks.deleteEntity(clip.clipId, row.rowKey).catch((e: unknown) => {
          if (statusOf(e) !== 404) throw e;
        });
      }
    } catch (e) {
      throw storageError(e, clipWording);
    }
  }

  async putStill(input: { still: VaultStill; bytes: Uint8Array }): Promise<void> {
    const { still, bytes } = input;
    checkStill(still);
    if (bytes.length !== still.size) throw new AttuneError('invalid_input', `The picture must be exactly ${still.size} bytes.`, ['body']);
    const aad = stillAad(still);
    const key = stillKey(await this.key(still.clipId), aad);
    const nonce = randomBytes(stillNonceBytes);
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: stillTagBytes });
    cipher.setAAD(aad);
    const sealed = Buffer.concat([nonce, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
    try {
      await this.stillBlob(still).uploadData(sealed, { blobHTTPHeaders: { blobContentType: 'application/octet-stream' }, metadata: { attunestill: '1' } });
    } catch (e) {
      throw storageError(e, clipWording);
    }
  }

  async readStill(still: VaultStill): Promise<Uint8Array> {
    checkStill(still);
    const aad = stillAad(still);
    const key = stillKey(await this.key(still.clipId), aad);
    let sealed: Buffer;
    try {
      sealed = await this.stillBlob(still).downloadToBuffer(0, undefined, { maxRetryRequestsPerBlock: 3 });
    } catch (e) {
      if (statusOf(e) === 404) throw new AttuneError('not_found', 'Not found.');
      throw storageError(e, clipWording);
    }
    if (sealed.length !== stillCipherSize(still.size)) throw corrupt('the stored still is not the size its record says');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, stillNonceBytes), { authTagLength: stillTagBytes });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - stillTagBytes));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(stillNonceBytes, sealed.length - stillTagBytes)), decipher.final()]);
    } catch {
      throw corrupt('a still failed its integrity check');
    }
  }

  async deleteStill(still: VaultStill): Promise<void> {
    checkStill(still);
    try {
      await this.stillBlob(still).deleteIfExists({ deleteSnapshots: 'include' });
    } catch (e) {
      throw storageError(e, clipWording);
    }
  }

  async *listKeys(): AsyncGenerator<{ clipId: string; kekId: string }> {
    try {
      for await (const row of this.o.keys.listEntities<KeyRow>({ queryOptions: { select: ['partitionKey', 'kekId'] } })) yield { clipId: row.partitionKey, kekId: row.kekId };
    } catch (e) {
      throw storageError(e, clipWording);
    }
  }

  async rewrap(clipId: string): Promise<'rewrapped' | 'already_current' | 'missing'> {
    const current = await this.o.wrapper.currentKeyId();
    for (let attempt = 0; attempt < 3; attempt++) {
      let row: KeyRow & { etag: string };
      try {
        row = await this.o.keys.getEntity<KeyRow>(checkId(clipId), keyRow);
      } catch (e) {
        if (statusOf(e) === 404) return 'missing';
        throw storageError(e, clipWording);
      }
      if (row.kekId === current) return 'already_current';
      const dataKey = await this.o.wrapper.unwrap({ kekId: row.kekId, algorithm: row.algorithm, wrapped: Buffer.from(row.wrapped, 'base64') });
      try {
        const wrapped = await this.o.wrapper.wrap(dataKey);
        const next: KeyRow = { partitionKey: row.partitionKey, rowKey: row.rowKey, kekId: wrapped.kekId, algorithm: wrapped.algorithm, wrapped: Buffer.from(wrapped.wrapped).toString('base64'), createdAt: row.createdAt };
        await this.o.keys.updateEntity(next, 'Replace', { etag: row.etag });
        return 'rewrapped';
      } catch (e) {
        // Someone else rewrapped (or destroyed) it meanwhile: look again.
        if (statusOf(e) !== 412 && statusOf(e) !== 404) throw storageError(e, clipWording);
      } finally {
        dataKey.fill(0);
      }
    }
    throw new AttuneError('conflict', 'That clip key kept changing while it was being rewrapped. Try again.');
  }

  /** Storage names are generated (never from a file name); the prefix keeps clips apart from anything else. */
  private blob(layout: ClipLayout): BlockBlobClient {
    return this.o.container.getBlockBlobClient(`clips/${layout.storageName}`);
  }

  /** Stills sit beside clips in the container, under their own generated names. */
  private stillBlob(still: VaultStill): BlockBlobClient {
    return this.o.container.getBlockBlobClient(`stills/${still.storageName}`);
  }

  private async claim(clipId: string, index: number, digest: string): Promise<void> {
    try {
      await this.o.blocks.createEntity<BlockRow>({ partitionKey: clipId, rowKey: String(index).padStart(6, '0'), digest });
      return;
    } catch (e) {
      if (statusOf(e) !== 409) throw storageError(e, clipWording);
    }
    let existing: BlockRow;
    try {
      existing = await this.o.blocks.getEntity<BlockRow>(clipId, String(index).padStart(6, '0'));
    } catch (e) {
      throw storageError(e, clipWording);
    }
    if (existing.digest !== digest) {
      throw new AttuneError('conflict', `Block ${index} was already received with different bytes. Send the same bytes again, or start a new upload.`, ['block already received']);
    }
  }

  private key(clipId: string): Promise<KeyObject> {
    const now = Date.now();
    const hit = this.cache.get(clipId);
    if (hit && now < hit.until) return hit.key;
    const key = this.unwrap(clipId);
    this.remember(clipId, key);
    // A failed unwrap is not remembered.
    key.catch(() => this.cache.delete(clipId));
    return key;
  }

  private async unwrap(clipId: string): Promise<KeyObject> {
    let row: KeyRow;
    try {
      row = await this.o.keys.getEntity<KeyRow>(checkId(clipId), keyRow);
    } catch (e) {
      if (statusOf(e) === 404) throw new AttuneError('not_found', 'Not found.', ['the clip key has been destroyed']);
      throw storageError(e, clipWording);
    }
    const dataKey = await this.o.wrapper.unwrap({ kekId: row.kekId, algorithm: row.algorithm, wrapped: Buffer.from(row.wrapped, 'base64') });
    if (dataKey.length !== 32) throw corrupt('the data key has the wrong length');
    const key = createSecretKey(Buffer.from(dataKey));
    dataKey.fill(0);
    return key;
  }

  private remember(clipId: string, key: Promise<KeyObject>): void {
    if (this.cache.size >= maxCachedKeys) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(clipId, { key, until: Date.now() + (this.o.keyCacheMs ?? 60_000) });
  }
}

/**
 * Buffers for sealed upload blocks, reused from block to block so that a busy upload does not allocate (and
 * leave for the garbage collector) a whole block per request. Each block in flight holds one, as before; up to
 * `spares` are kept between blocks and dropped once uploads have paused for two seconds. Buffers are the size
 * of a layout's full block (a shorter last block uses the front of one). They only ever hold ciphertext.
 */
class BlockBuffers {
  private readonly spare = new Map<number, Buffer[]>();
  private kept = 0;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly spares: number) {}

  take(fullLength: number, length: number): Buffer {
    const list = length <= fullLength ? this.spare.get(fullLength) : undefined;
    const reused = list?.pop();
    if (reused) {
      this.kept -= 1;
      return reused;
    }
    return Buffer.allocUnsafeSlow(Math.max(fullLength, length));
  }

  give(buffer: Buffer, reusable: boolean): void {
    if (reusable && this.kept < this.spares) {
      const list = this.spare.get(buffer.length) ?? [];
      list.push(buffer);
      this.spare.set(buffer.length, list);
      this.kept += 1;
    }
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.spare.clear();
      this.kept = 0;
    }, 2_000);
    this.idle.unref();
  }
}

function wholeClip(layout: ClipLayout): Coverage {
  return { firstSegment: 0, lastSegment: segmentCount(layout) - 1, cipherOffset: 0, cipherLength: cipherSize(layout), skip: 0, length: layout.size };
}

/** Azure block ids: base64 of a fixed-length name, the same length for every block of a blob. */
const blockId = (index: number): string => Buffer.from(`attune-block-${String(index).padStart(6, '0')}`).toString('base64');

function indexOf(id: string): number | null {
  const m = /^attune-block-(\d{6})$/.exec(Buffer.from(id, 'base64').toString('latin1'));
  return m?.[1] ? Number(m[1]) : null;
}

/**
 * A still's own key, derived from the clip's data key (HKDF-SHA256, the still's additional data as info): each
 * still has a key no segment of the video uses, so its random nonce never meets a segment's, and destroying the
 * clip's key destroys it too.
 */
function stillKey(clipKey: KeyObject, info: Uint8Array): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', clipKey, Buffer.alloc(0), info, 32)));
}

function checkStill(still: VaultStill): void {
  checkId(still.clipId);
  checkId(still.stillId);
  if (!/^[a-z0-9]{16,64}$/.test(still.storageName)) throw new RangeError('storage name is not a generated one');
  if (!Number.isSafeInteger(still.size) || still.size < 0) throw new RangeError('still size must be whole');
}

function checkId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new AttuneError('invalid_input', 'That identifier is not valid.');
  return id;
}
