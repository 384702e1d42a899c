import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import type { ContainerClient } from '@azure/storage-blob';
import { rotateClipKeys } from '../../../src/app/clips/retention';
import { LocalKeyFile } from '../../../src/adapters/keys/local-key-file';
import { BlobClipVault } from '../../../src/adapters/vault/blob-clip-vault';
import { blockCount, blockPlainLength, newLayout, segmentCipherOffset, tagBytes, type ClipLayout } from '../../../src/domain/clips/format';
import { AttuneError } from '../../../src/domain/errors';
import type { VaultClip } from '../../../src/ports/clip-vault';
import { startTestAzurite, uniquePrefix } from '../../support/azurite';
import { startBlobProxy } from '../../support/blob-proxy';
import { chunked, collect, freshContainer, type TestAzurite } from './clip-deps';

const segmentSize = 4096;
const blockSize = 4 * segmentSize;

describe('BlobClipVault (Azurite)', () => {
  let azurite: TestAzurite;
  let container: ContainerClient;
  let wrapper: LocalKeyFile;
  let vault: BlobClipVault;
  const prefix = uniquePrefix();
  const open = (): Promise<BlobClipVault> => BlobClipVault.open({ container, keys: azurite.tableClient(`${prefix}keys`), blocks: azurite.tableClient(`${prefix}blocks`), wrapper });

  before(async () => {
    azurite = await startTestAzurite();
    container = await freshContainer(azurite);
    wrapper = LocalKeyFile.open({ file: null });
    vault = await open();
  });
  after(async () => azurite.stop());

  const newClip = (size: number, layout: Partial<ClipLayout> = {}): VaultClip => ({ clipId: randomUUID(), layout: { ...newLayout({ size, storageName: randomUUID().replace(/-/g, ''), segmentSize, blockSize }), ...layout } });

  /** Stores a clip through the vault, blocks in a shuffled order, and returns its plaintext. */
  async function store(clip: VaultClip, data: Buffer = randomBytes(clip.layout.size), on: BlobClipVault = vault): Promise<Buffer> {
    await on.createKey(clip);
    const order = Array.from({ length: blockCount(clip.layout) }, (_, i) => i).sort(() => Math.random() - 0.5);
    for (const index of order) {
      const from = index * clip.layout.blockSize;
      await on.putBlock({ clip, index, body: chunked(data.subarray(from, from + blockPlainLength(clip.layout, index))) });
    }
    await on.commit(clip);
    return data;
  }

  const rejectsWith = async (p: Promise<unknown>, code: string): Promise<void> => {
    await assert.rejects(p, (e: unknown) => e instanceof AttuneError && e.code === code);
  };

  describe('round trips', () => {
    const sizes = [0, 1, segmentSize - 1, segmentSize, segmentSize + 1, blockSize, 3 * blockSize, 3 * blockSize + 1, 12_345, 70_001];
    for (const size of sizes) {
      it(`returns exactly the ${size} bytes stored, whole and in ranges`, async () => {
        const clip = newClip(size);
        const data = await store(clip);
        assert.ok((await collect(vault.read({ clip, range: null }))).equals(data));
        for (let i = 0; i < 12 && size > 0; i++) {
          const start = Math.floor(Math.random() * size);
          const end = Math.min(size - 1, start + Math.floor(Math.random() * 3 * segmentSize));
          assert.ok((await collect(vault.read({ clip, range: { start, end } }))).equals(data.subarray(start, end + 1)), `range ${start}-${end} of ${size}`);
        }
      });
    }

    it('round-trips a clip in the production layout (64 KiB segments, 4 MiB blocks)', async () => {
      const clip: VaultClip = { clipId: randomUUID(), layout: newLayout({ size: 9 * 1024 * 1024 + 17, storageName: randomUUID().replace(/-/g, '') }) };
      const data = await store(clip);
      assert.ok((await collect(vault.read({ clip, range: null }))).equals(data));
      assert.ok((await collect(vault.read({ clip, range: { start: 4 * 1024 * 1024 - 5, end: 5 * 1024 * 1024 } }))).equals(data.subarray(4 * 1024 * 1024 - 5, 5 * 1024 * 1024 + 1)));
    });

    it('stores ciphertext only: the blob never contains the plaintext, and equal clips encrypt differently', async () => {
      const data = Buffer.alloc(3 * segmentSize, 'attune plaintext ');
      const [a, b] = [newClip(data.length), newClip(data.length)];
      await store(a, data);
      await store(b, data);
      const blobA = await container.getBlockBlobClient(`clips/${a.layout.storageName}`).downloadToBuffer();
      const blobB = await container.getBlockBlobClient(`clips/${b.layout.storageName}`).downloadToBuffer();
      assert.equal(blobA.length, data.length + 3 * tagBytes);
      assert.ok(!blobA.includes(Buffer.from('attune plaintext')));
      assert.ok(!blobA.equals(blobB));
    });
  });

  describe('resumable uploads', () => {
    it('knows which blocks are staged after a restart, and finishes the upload with a new instance', async () => {
      const clip = newClip(3 * blockSize + 10);
      const data = randomBytes(clip.layout.size);
      await vault.createKey(clip);
      for (const index of [3, 1]) await vault.putBlock({ clip, index, body: chunked(data.subarray(index * blockSize, (index + 1) * blockSize)) });
      const restarted = await open();
      assert.deepEqual(await restarted.stagedBlocks(clip), [1, 3]);
      await rejectsWith(restarted.commit(clip), 'invalid_state');
      for (const index of [0, 2]) await restarted.putBlock({ clip, index, body: chunked(data.subarray(index * blockSize, (index + 1) * blockSize)) });
      await restarted.commit(clip);
      await restarted.commit(clip);
      assert.ok((await collect(restarted.read({ clip, range: null }))).equals(data));
    });

    it('accepts the same block again, and refuses the same index with different bytes before storing them', async () => {
      const clip = newClip(2 * blockSize);
      const data = randomBytes(clip.layout.size);
      await vault.createKey(clip);
      const first = data.subarray(0, blockSize);
      await vault.putBlock({ clip, index: 0, body: chunked(first) });
      await vault.putBlock({ clip, index: 0, body: chunked(first) });
      const other = Buffer.from(first);
      other[100] = other[100]! ^ 1;
      await rejectsWith(vault.putBlock({ clip, index: 0, body: chunked(other) }), 'conflict');
      await vault.putBlock({ clip, index: 1, body: chunked(data.subarray(blockSize)) });
      await vault.commit(clip);
      assert.ok((await collect(vault.read({ clip, range: null }))).equals(data));
    });

    it('sends every block with its MD5, so storage refuses one damaged on the way; the same block sent again is kept', async () => {
      const proxy = await startBlobProxy(azurite);
      try {
        const through = proxy.container(container.containerName);
        const proxied = await BlobClipVault.open({ container: through, keys: azurite.tableClient(`${prefix}keys`), blocks: azurite.tableClient(`${prefix}blocks`), wrapper });
        const clip = newClip(2 * blockSize);
        const data = randomBytes(clip.layout.size);
        await proxied.createKey(clip);
        proxy.damageNextBlock();
        await assert.rejects(proxied.putBlock({ clip, index: 0, body: chunked(data.subarray(0, blockSize)) }), (e: unknown) => e instanceof AttuneError && e.code === 'unavailable' && /damaged on its way to storage/.test(e.message));
        assert.deepEqual(await proxied.stagedBlocks(clip), [], 'the damaged block was not kept');
        await proxied.putBlock({ clip, index: 0, body: chunked(data.subarray(0, blockSize)) });
        await proxied.putBlock({ clip, index: 1, body: chunked(data.subarray(blockSize)) });
        await proxied.commit(clip);
        assert.ok((await collect(proxied.read({ clip, range: null }))).equals(data));
        assert.equal(proxy.seen.filter((r) => r === 'PUT block').length, 3);
      } finally {
        await proxy.stop();
      }
    });

    it('refuses a block that is longer or shorter than its place, or outside the clip', async () => {
      const clip = newClip(blockSize + 5);
      await vault.createKey(clip);
      await rejectsWith(vault.putBlock({ clip, index: 1, body: chunked(randomBytes(6)) }), 'invalid_input');
      await rejectsWith(vault.putBlock({ clip, index: 1, body: chunked(randomBytes(4)) }), 'invalid_input');
      await rejectsWith(vault.putBlock({ clip, index: 2, body: chunked(randomBytes(5)) }), 'invalid_input');
      await rejectsWith(vault.putBlock({ clip, index: -1, body: chunked(randomBytes(5)) }), 'invalid_input');
      assert.deepEqual(await vault.stagedBlocks(clip), []);
    });

    it('lets the inspector refuse block 0 before anything is stored', async () => {
      const clip = newClip(100);
      await vault.createKey(clip);
      const refuse = (): void => {
        throw new AttuneError('invalid_input', 'not a video');
      };
      await rejectsWith(vault.putBlock({ clip, index: 0, body: chunked(randomBytes(100)), inspect: refuse }), 'invalid_input');
      assert.deepEqual(await vault.stagedBlocks(clip), []);
    });
  });

  describe('tampering', () => {
    async function tamperedCopy(mutate: (blob: Buffer) => Buffer): Promise<{ clip: VaultClip; data: Buffer }> {
      const clip = newClip(4 * segmentSize + 100);
      const data = await store(clip);
      const blob = container.getBlockBlobClient(`clips/${clip.layout.storageName}`);
      const stored = await blob.downloadToBuffer();
      const changed = mutate(Buffer.from(stored));
      await blob.uploadData(changed);
      return { clip, data };
    }

    /** Reads until failure; returns what was yielded and the error. */
    async function readUntilFailure(clip: VaultClip, range: { start: number; end: number } | null = null): Promise<{ got: Buffer; error: unknown }> {
      const got: Buffer[] = [];
      try {
        for await (const part of vault.read({ clip, range })) got.push(Buffer.from(part));
      } catch (error) {
        return { got: Buffer.concat(got), error };
      }
      return { got: Buffer.concat(got), error: null };
    }

    const isIntegrityError = (e: unknown): boolean => e instanceof AttuneError && e.code === 'invalid_state' && /integrity/.test(e.message);

    it('stops at a flipped ciphertext bit and yields nothing of that segment', async () => {
      const { clip, data } = await tamperedCopy((b) => {
        b[segmentCipherOffset(clip2Layout(), 2) + 10]! ^= 0x01;
        return b;
      });
      const { got, error } = await readUntilFailure(clip);
      assert.ok(isIntegrityError(error), String(error));
      assert.ok(got.equals(data.subarray(0, 2 * segmentSize)), 'only the two authenticated segments before it');
      // Ranges that do not touch the tampered segment still play.
      assert.ok((await collect(vault.read({ clip, range: { start: 3 * segmentSize, end: 4 * segmentSize } }))).equals(data.subarray(3 * segmentSize, 4 * segmentSize + 1)));
    });

    it('refuses a flipped tag bit', async () => {
      const { clip } = await tamperedCopy((b) => {
        b[segmentCipherOffset(clip2Layout(), 1) - 1]! ^= 0x80;
        return b;
      });
      assert.ok(isIntegrityError((await readUntilFailure(clip)).error));
    });

    it('refuses segments swapped with each other', async () => {
      const { clip } = await tamperedCopy((b) => {
        const one = segmentSize + tagBytes;
        const first = Buffer.from(b.subarray(0, one));
        b.copy(b, 0, one, 2 * one);
        first.copy(b, one);
        return b;
      });
      const { got, error } = await readUntilFailure(clip);
      assert.ok(isIntegrityError(error));
      assert.equal(got.length, 0);
    });

    it('refuses a clip cut short at a segment boundary (the final-segment flag)', async () => {
      const clip = newClip(4 * segmentSize + 100);
      await store(clip);
      const truncated: VaultClip = { ...clip, layout: { ...clip.layout, size: 4 * segmentSize } };
      const blob = container.getBlockBlobClient(`clips/${clip.layout.storageName}`);
      await blob.uploadData((await blob.downloadToBuffer()).subarray(0, 4 * (segmentSize + tagBytes)));
      assert.ok(isIntegrityError((await readUntilFailure(truncated)).error));
    });

    it('refuses metadata that lies: another clip id, key version or size', async () => {
      const clip = newClip(2 * segmentSize + 7);
      await store(clip);
      for (const layout of [{ ...clip.layout, keyVersion: 2 }, { ...clip.layout, size: clip.layout.size - 7 }, { ...clip.layout, size: clip.layout.size + 1 }]) {
        assert.ok(isIntegrityError((await readUntilFailure({ ...clip, layout }, { start: 2 * segmentSize - 1, end: 2 * segmentSize })).error), JSON.stringify(layout));
      }
      // A block moved into another clip (its key row copied too) fails on the clip id in the additional data.
      const keys = azurite.tableClient(`${prefix}keys`);
      const row = await keys.getEntity<Record<string, unknown>>(clip.clipId, 'data-key');
      const impostor = randomUUID();
      await keys.createEntity({ ...row, partitionKey: impostor, rowKey: 'data-key' });
      assert.ok(isIntegrityError((await readUntilFailure({ clipId: impostor, layout: clip.layout })).error));
    });

    it('refuses a tampered wrapped key', async () => {
      const clip = newClip(100);
      await store(clip);
      const keys = azurite.tableClient(`${prefix}keys`);
      const row = await keys.getEntity<{ wrapped: string }>(clip.clipId, 'data-key');
      const wrapped = Buffer.from(row.wrapped, 'base64');
      wrapped[20]! ^= 1;
      await keys.updateEntity({ partitionKey: clip.clipId, rowKey: 'data-key', wrapped: wrapped.toString('base64') }, 'Merge');
      const fresh = await open();
      await assert.rejects(collect(fresh.read({ clip, range: null })), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_state');
    });
  });

  describe('crypto-shredding', () => {
    it('makes every copy unreadable once the wrapped key is gone, then deletes the blob', async () => {
      const clip = newClip(3 * segmentSize);
      await store(clip);
      // A copy left behind (a backup, a soft-deleted version) under another name.
      const copyName = randomUUID().replace(/-/g, '');
      const copy = container.getBlockBlobClient(`clips/${copyName}`);
      await copy.uploadData(await container.getBlockBlobClient(`clips/${clip.layout.storageName}`).downloadToBuffer());

      await vault.shredKey(clip.clipId);
      for (const reader of [vault, await open()]) {
        await assert.rejects(collect(reader.read({ clip, range: null })), (e: unknown) => e instanceof AttuneError && e.code === 'not_found');
        await assert.rejects(collect(reader.read({ clip: { ...clip, layout: { ...clip.layout, storageName: copyName } }, range: null })), (e: unknown) => e instanceof AttuneError && e.code === 'not_found');
      }
      assert.ok(await copy.exists(), 'the copy is still there, and useless');
      await vault.deleteBlobs(clip);
      assert.equal(await container.getBlockBlobClient(`clips/${clip.layout.storageName}`).exists(), false);
      await vault.shredKey(clip.clipId);
      await vault.deleteBlobs(clip);
    });
  });

  describe('key rotation', () => {
    it('rewraps every data key under the new key-encryption key without touching a byte of video', async () => {
      const clips = [newClip(5000), newClip(segmentSize * 2)];
      const stored = [];
      for (const clip of clips) stored.push(await store(clip));
      const before = await Promise.all(clips.map((c) => container.getBlockBlobClient(`clips/${c.layout.storageName}`).getProperties()));
      const oldKek = await wrapper.currentKeyId();
      const newKek = wrapper.rotate();
      assert.notEqual(newKek, oldKek);

      const first = await rotateClipKeys({ vault });
      assert.ok(first.rewrapped >= clips.length);
      const kekOf = new Map<string, string>();
      for await (const k of vault.listKeys()) kekOf.set(k.clipId, k.kekId);
      for (const clip of clips) assert.equal(kekOf.get(clip.clipId), newKek);
      // Keys damaged by the tampering tests above are counted as failed, not fatal to the run.
      const second = await rotateClipKeys({ vault });
      assert.equal(second.rewrapped, 0);
      assert.equal(second.current + second.failed, kekOf.size);

      const afterRotation = await Promise.all(clips.map((c) => container.getBlockBlobClient(`clips/${c.layout.storageName}`).getProperties()));
      assert.deepEqual(afterRotation.map((p) => p.etag), before.map((p) => p.etag));
      const fresh = await open();
      for (const [i, clip] of clips.entries()) assert.ok((await collect(fresh.read({ clip, range: null }))).equals(stored[i]!));
    });
  });
});

/** The tamper tests use the module's segment size; this names the layout they index into. */
function clip2Layout(): ClipLayout {
  return newLayout({ size: 4 * segmentSize + 100, storageName: 'x'.repeat(32), segmentSize, blockSize });
}
