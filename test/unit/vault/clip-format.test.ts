import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import fc from 'fast-check';
import { blockCipherLength, blockCount, blockPlainLength, blockSegments, checkLayout, cipherSize, coverage, newLayout, segmentAad, segmentCipherOffset, segmentCount, segmentNonce, tagBytes, type ClipLayout } from '../../../src/domain/clips/format';

const layout = (size: number, o: Partial<ClipLayout> = {}): ClipLayout => ({ ...newLayout({ size, storageName: 'a'.repeat(32), segmentSize: 16, blockSize: 64 }), ...o });
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('clip format', () => {
  describe('layout arithmetic', () => {
    it('gives an empty clip one empty segment and one block, so even nothing is authenticated', () => {
      const l = layout(0);
      assert.equal(segmentCount(l), 1);
      assert.equal(blockCount(l), 1);
      assert.equal(blockPlainLength(l, 0), 0);
      assert.equal(blockCipherLength(l, 0), tagBytes);
      assert.equal(cipherSize(l), tagBytes);
    });

    it('fills exact multiples without an extra segment or block', () => {
      const l = layout(128);
      assert.equal(segmentCount(l), 8);
      assert.equal(blockCount(l), 2);
      assert.deepEqual(blockSegments(l, 1), { first: 4, count: 4 });
      assert.equal(cipherSize(l), 128 + 8 * tagBytes);
    });

    it('adds up: blocks cover the clip exactly, in plaintext and in ciphertext', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 5000 }), (size) => {
          const l = layout(size);
          let plain = 0;
          let cipher = 0;
          for (let b = 0; b < blockCount(l); b++) {
            plain += blockPlainLength(l, b);
            cipher += blockCipherLength(l, b);
          }
          return plain === size && cipher === cipherSize(l);
        }),
      );
    });

    it('covers any range with the fewest segments, at the right offsets', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 5000 }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 0, max: size - 1 }))), ([size, a, b]) => {
          const l = layout(size);
          const [start, end] = a <= b ? [a, b] : [b, a];
          const c = coverage(l, { start, end });
          return (
            c.firstSegment === Math.floor(start / 16) &&
            c.lastSegment === Math.floor(end / 16) &&
            c.cipherOffset === segmentCipherOffset(l, c.firstSegment) &&
            c.skip === start % 16 &&
            c.length === end - start + 1 &&
            c.cipherOffset + c.cipherLength <= cipherSize(l)
          );
        }),
      );
    });

    it('refuses layouts it cannot read safely', () => {
      assert.throws(() => checkLayout(layout(10, { blockSize: 40 })));
      assert.throws(() => checkLayout(layout(10, { formatVersion: 2 })));
      assert.throws(() => checkLayout(layout(10, { storageName: '../etc/passwd' })));
      assert.throws(() => checkLayout(layout(-1)));
      assert.throws(() => newLayout({ size: 2 ** 40, storageName: 'a'.repeat(32) }), /too many blocks/);
    });
  });

  describe('nonces', () => {
    it('are 96 bits and unique to each segment of a clip', () => {
      const seen = new Set<string>();
      for (let s = 0; s < 50_000; s++) {
        const n = segmentNonce(s);
        assert.equal(n.length, 12);
        seen.add(hex(n));
      }
      assert.equal(seen.size, 50_000);
    });

    it('are injective over the whole index range', () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (a, b) => (a === b) === (hex(segmentNonce(a)) === hex(segmentNonce(b)))));
    });

    it('refuse an index that is not a whole number', () => {
      assert.throws(() => segmentNonce(-1));
      assert.throws(() => segmentNonce(1.5));
    });
  });

  describe('additional data', () => {
    const base = layout(100);
    it('binds the clip id, segment index, final flag, key version and segment size', () => {
      const variants = [
        segmentAad(base, 'clip-a', 2),
        segmentAad(base, 'clip-b', 2),
        segmentAad(base, 'clip-a', 3),
        segmentAad(layout(48), 'clip-a', 2),
        segmentAad(layout(100, { keyVersion: 2 }), 'clip-a', 2),
        segmentAad(layout(96, { segmentSize: 32, blockSize: 64 }), 'clip-a', 2),
      ];
      assert.equal(new Set(variants.map(hex)).size, variants.length);
    });

    it('flags the final segment only', () => {
      const finalFlagAt = (l: ClipLayout, s: number): number => segmentAad(l, 'c', s).at(-4)!;
      assert.equal(finalFlagAt(base, 6), 1);
      assert.equal(finalFlagAt(base, 5), 0);
    });

    it('cannot be made to collide by moving bytes between the clip id and the fixed fields', () => {
      assert.notEqual(hex(segmentAad(base, 'ab', 1)), hex(segmentAad(base, 'a', 1)));
    });
  });
});
