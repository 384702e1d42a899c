import assert from 'node:assert/strict';
import { createHash, createSecretKey, randomBytes } from 'node:crypto';
import { describe, it } from 'mocha';
import fc from 'fast-check';
import { openSegments, sealBlock } from '../../../src/adapters/vault/segment-cipher';
import { blockCount, blockPlainLength, cipherSize, coverage, newLayout, segmentCount, tagBytes, type ClipLayout } from '../../../src/domain/clips/format';
import { AttuneError } from '../../../src/domain/errors';

const key = createSecretKey(randomBytes(32));
const layoutOf = (size: number): ClipLayout => newLayout({ size, storageName: 'b'.repeat(32), segmentSize: 32, blockSize: 96 });

async function* pieces(data: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

/** Seals a whole clip, block by block, and returns the stored bytes. */
async function sealAll(l: ClipLayout, data: Buffer, clipId = 'clip-1'): Promise<Buffer> {
  const out: Buffer[] = [];
  for (let b = 0; b < blockCount(l); b++) {
    const sealed = await sealBlock({ key, clipId, layout: l, index: b, body: pieces(data.subarray(b * l.blockSize, b * l.blockSize + blockPlainLength(l, b))) });
    out.push(...sealed.pieces);
  }
  return Buffer.concat(out);
}

async function open(l: ClipLayout, stored: Buffer, options: { range?: { start: number; end: number }; clipId?: string } = {}): Promise<Buffer> {
  const { range, clipId = 'clip-1' } = options;
  const c = range ? coverage(l, range) : { firstSegment: 0, lastSegment: segmentCount(l) - 1, cipherOffset: 0, cipherLength: cipherSize(l), skip: 0, length: l.size };
  const out: Buffer[] = [];
  for await (const p of openSegments({ key, clipId, layout: l, coverage: c, source: pieces(stored.subarray(c.cipherOffset, c.cipherOffset + c.cipherLength), 5) })) out.push(p);
  return Buffer.concat(out);
}

const integrity = (e: unknown): boolean => e instanceof AttuneError && e.code === 'invalid_state';

describe('segment cipher', () => {
  it('round-trips any size and any range, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 700 }).chain((size) => fc.tuple(fc.constant(size), fc.nat(), fc.nat())), async ([size, a, b]) => {
        const l = layoutOf(size);
        const data = randomBytes(size);
        const stored = await sealAll(l, data);
        assert.equal(stored.length, cipherSize(l));
        assert.ok((await open(l, stored)).equals(data));
        if (size > 0) {
          const [start, end] = [a % size, b % size].sort((x, y) => x - y) as [number, number];
          assert.ok((await open(l, stored, { range: { start, end } })).equals(data.subarray(start, end + 1)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('seals into a reused buffer exactly as into a fresh one, whatever the buffer held, and gives the MD5 of what it wrote', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 700 }), fc.nat(), fc.integer({ min: 1, max: 100 }), async (size, pick, chunk) => {
        const l = layoutOf(size);
        const index = pick % blockCount(l);
        const data = randomBytes(blockPlainLength(l, index));
        const fresh = await sealBlock({ key, clipId: 'c', layout: l, index, body: pieces(data, chunk) });
        // A buffer left over from an earlier, longer block: full of other ciphertext.
        const into = randomBytes(l.blockSize + 64);
        const reused = await sealBlock({ key, clipId: 'c', layout: l, index, body: pieces(data), into });
        assert.equal(reused.length, fresh.length);
        assert.ok(reused.pieces[0]!.equals(fresh.pieces[0]!));
        assert.equal(reused.pieces[0]!.buffer, into.buffer, 'the sealed block is a view of the buffer given');
        assert.equal(reused.digest, fresh.digest);
        assert.ok(reused.md5.equals(createHash('md5').update(fresh.pieces[0]!).digest()));
      }),
      { numRuns: 60 },
    );
    const l = layoutOf(96);
    await assert.rejects(sealBlock({ key, clipId: 'c', layout: l, index: 0, body: pieces(randomBytes(96)), into: Buffer.alloc(10) }), RangeError);
  });

  it('is deterministic for the same bytes (so a resend can be recognised) and gives the same digest', async () => {
    const l = layoutOf(96);
    const data = randomBytes(96);
    const a = await sealBlock({ key, clipId: 'c', layout: l, index: 0, body: pieces(data) });
    const b = await sealBlock({ key, clipId: 'c', layout: l, index: 0, body: pieces(data, 50) });
    assert.equal(a.digest, b.digest);
    data[0] = data[0]! ^ 1;
    const c = await sealBlock({ key, clipId: 'c', layout: l, index: 0, body: pieces(data) });
    assert.notEqual(a.digest, c.digest);
  });

  it('refuses every single flipped bit of a segment, and never yields that segment', async () => {
    const l = layoutOf(64);
    const data = randomBytes(64);
    const stored = await sealAll(l, data);
    for (let byte = 0; byte < 32 + tagBytes; byte++) {
      const bad = Buffer.from(stored);
      bad[32 + tagBytes + byte]! ^= 1 << byte % 8;
      const got: Buffer[] = [];
      await assert.rejects(
        (async () => {
          for await (const p of openSegments({ key, clipId: 'clip-1', layout: l, coverage: coverage(l, { start: 0, end: 63 }), source: pieces(bad) })) got.push(p);
        })(),
        integrity,
      );
      assert.ok(Buffer.concat(got).equals(data.subarray(0, 32)), `byte ${byte}`);
    }
  });

  it('refuses segments of another clip, and a stream that ends early', async () => {
    const l = layoutOf(64);
    const stored = await sealAll(l, randomBytes(64));
    await assert.rejects(open(l, stored, { clipId: 'clip-2' }), integrity);
    await assert.rejects(open(l, stored.subarray(0, stored.length - 1)), integrity);
  });

  it('refuses a block of the wrong length and lets the inspector veto block 0', async () => {
    const l = layoutOf(100);
    await assert.rejects(sealBlock({ key, clipId: 'c', layout: l, index: 0, body: pieces(randomBytes(97)) }), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_input');
    await assert.rejects(sealBlock({ key, clipId: 'c', layout: l, index: 0, body: pieces(randomBytes(95)) }), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_input');
    let seen = 0;
    await assert.rejects(
      sealBlock({
        key,
        clipId: 'c',
        layout: l,
        index: 0,
        body: pieces(randomBytes(96)),
        inspect: (head) => {
          seen = head.length;
          throw new AttuneError('invalid_input', 'no');
        },
      }),
      (e: unknown) => e instanceof AttuneError && e.message === 'no',
    );
    assert.equal(seen, 64);
  });
});
