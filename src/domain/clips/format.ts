/**
 * How an encrypted clip is laid out — pure arithmetic, so the writer, the reader and the tests agree.
 *
 * A clip of `size` bytes is cut into **segments** of `segmentSize` plaintext bytes (the last may be shorter;
 * an empty clip is one empty segment, so even "nothing" is authenticated). Each segment is sealed with
 * AES-256-GCM under the clip's own data key and stored as `ciphertext ‖ 16-byte tag`, back to back, in one
 * block blob. Segments are grouped into upload **blocks** of `blockSize` bytes (a whole number of segments):
 * one block is what a person sends in one request and what is staged as one Azure block.
 *
 * - Nonce: the segment index (96 bits, big-endian). Every clip has a fresh random key, so (key, nonce) is unique
 *   for every segment ever sealed; re-sealing an index with different bytes is refused before anything is
 *   stored (see the vault), so a nonce is never used for two plaintexts.
 * - Additional data binds the format version, the data-key version, the clip id, the segment size, the segment
 *   index and whether it is the final segment: segments cannot be reordered, moved to another clip or cut off
 *   at the end without the tag failing.
 * - Range reads decrypt only the segments that cover the range (a 1 MiB range reads at most two segments more).
 */
export const formatVersion = 1;
export const tagBytes = 16;
export const nonceBytes = 12;
/** 64 KiB: small enough that a range read wastes little, large enough that per-segment cost is negligible. */
export const defaultSegmentSize = 64 * 1024;
/** 4 MiB a request: resumable on a poor connection, few enough requests on a good one. */
export const defaultBlockSize = 4 * 1024 * 1024;
/** Azure allows 50,000 blocks in a blob. */
export const maxBlocks = 50_000;

export interface ClipLayout {
  readonly formatVersion: number;
  /** Plaintext bytes. */
  readonly size: number;
  readonly segmentSize: number;
  readonly blockSize: number;
  /** Version of the data key this clip was sealed with (bound into every segment); starts at 1. */
  readonly keyVersion: number;
  /** The generated blob name; never derived from anything a person typed. */
  readonly storageName: string;
}

export function newLayout(input: { size: number; storageName: string; segmentSize?: number; blockSize?: number }): ClipLayout {
  const segmentSize = input.segmentSize ?? defaultSegmentSize;
  const blockSize = input.blockSize ?? defaultBlockSize;
  const layout: ClipLayout = { formatVersion, size: input.size, segmentSize, blockSize, keyVersion: 1, storageName: input.storageName };
  checkLayout(layout);
  return layout;
}

/** Throws if a layout (perhaps read back from storage) is not one this code can read safely. */
export function checkLayout(l: ClipLayout): void {
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (l.formatVersion !== formatVersion) throw new RangeError('unknown clip format version');
  if (!whole(l.size) || !whole(l.segmentSize) || !whole(l.blockSize) || !whole(l.keyVersion)) throw new RangeError('clip layout numbers must be whole');
  if (l.segmentSize < 16 || l.segmentSize > 16 * 1024 * 1024) throw new RangeError('segment size out of range');
  if (l.blockSize < l.segmentSize || l.blockSize % l.segmentSize !== 0) throw new RangeError('block size must be a whole number of segments');
  if (blockCount(l) > maxBlocks) throw new RangeError('too many blocks for one blob');
  if (!/^[a-z0-9]{16,64}$/.test(l.storageName)) throw new RangeError('storage name is not a generated one');
}

export const segmentCount = (l: ClipLayout): number => Math.max(1, Math.ceil(l.size / l.segmentSize));
export const blockCount = (l: ClipLayout): number => Math.max(1, Math.ceil(l.size / l.blockSize));
export const segmentsPerBlock = (l: ClipLayout): number => l.blockSize / l.segmentSize;

/** Plaintext bytes in segment `s`. */
export function segmentPlainLength(l: ClipLayout, s: number): number {
  return Math.max(0, Math.min(l.segmentSize, l.size - s * l.segmentSize));
}

/** Plaintext bytes the request for block `b` must carry. */
export function blockPlainLength(l: ClipLayout, b: number): number {
  return Math.max(0, Math.min(l.blockSize, l.size - b * l.blockSize));
}

/** The segments block `b` holds: [first, first + count). */
export function blockSegments(l: ClipLayout, b: number): { first: number; count: number } {
  const first = b * segmentsPerBlock(l);
  return { first, count: Math.min(segmentsPerBlock(l), segmentCount(l) - first) };
}

export function blockCipherLength(l: ClipLayout, b: number): number {
  return blockPlainLength(l, b) + blockSegments(l, b).count * tagBytes;
}

/** Where segment `s` starts in the stored blob. */
export const segmentCipherOffset = (l: ClipLayout, s: number): number => s * (l.segmentSize + tagBytes);

export const cipherSize = (l: ClipLayout): number => l.size + segmentCount(l) * tagBytes;

export const isFinalSegment = (l: ClipLayout, s: number): boolean => s === segmentCount(l) - 1;

/**
 * What to read for plaintext bytes `start..end` (inclusive): which segments, where they are in the blob,
 * and how many plaintext bytes of the first covering segment to skip.
 */
export interface Coverage {
  readonly firstSegment: number;
  readonly lastSegment: number;
  readonly cipherOffset: number;
  readonly cipherLength: number;
  readonly skip: number;
  readonly length: number;
}

export function coverage(l: ClipLayout, range: { start: number; end: number }): Coverage {
  if (l.size === 0) return { firstSegment: 0, lastSegment: 0, cipherOffset: 0, cipherLength: tagBytes, skip: 0, length: 0 };
  if (!(range.start >= 0 && range.start <= range.end && range.end < l.size)) throw new RangeError('range outside the clip');
  const firstSegment = Math.floor(range.start / l.segmentSize);
  const lastSegment = Math.floor(range.end / l.segmentSize);
  const cipherOffset = segmentCipherOffset(l, firstSegment);
  const cipherEnd = segmentCipherOffset(l, lastSegment) + segmentPlainLength(l, lastSegment) + tagBytes;
  return { firstSegment, lastSegment, cipherOffset, cipherLength: cipherEnd - cipherOffset, skip: range.start - firstSegment * l.segmentSize, length: range.end - range.start + 1 };
}

/** The 96-bit GCM nonce for segment `s`: its index, big-endian. Unique per segment of a clip; each clip has its own key. */
export function segmentNonce(s: number): Uint8Array {
  const nonce = new Uint8Array(nonceBytes);
  writeNonce(nonce, s);
  return nonce;
}

function writeNonce(nonce: Uint8Array, s: number): void {
  if (!Number.isSafeInteger(s) || s < 0) throw new RangeError('segment index must be a whole number');
  const view = new DataView(nonce.buffer, nonce.byteOffset, nonce.byteLength);
  view.setUint32(0, 0);
  view.setUint32(4, Math.floor(s / 2 ** 32));
  view.setUint32(8, s >>> 0);
}

const magic = new TextEncoder().encode('attune-clip');
// Where the per-segment fields sit in the additional data (see segmentAad).
const indexAt = magic.length + 1 + 4 + 4;
const finalAt = indexAt + 8;

/**
 * Additional authenticated data for segment `s` of a clip:
 * `"attune-clip" ‖ format u8 ‖ keyVersion u32 ‖ segmentSize u32 ‖ index u64 ‖ final u8 ‖ idLength u16 ‖ clipId`.
 */
export function segmentAad(l: ClipLayout, clipId: string, s: number): Uint8Array {
  const params = segmentParams(l, clipId);
  params.at(s);
  return params.aad.slice();
}

/**
 * The nonce and additional data of one clip's segments, for sealing or opening many of them: two buffers
 * rewritten in place by `at(s)` (exactly `segmentNonce(s)` and `segmentAad(l, clipId, s)`, which are built
 * from this), so a segment costs no allocation. A cipher copies both when it is set up, so reuse is safe.
 */
export interface SegmentParams {
  readonly nonce: Uint8Array;
  readonly aad: Uint8Array;
  at(s: number): void;
}

export function segmentParams(l: ClipLayout, clipId: string): SegmentParams {
  const id = new TextEncoder().encode(clipId);
  const aad = new Uint8Array(finalAt + 1 + 2 + id.length);
  const view = new DataView(aad.buffer);
  aad.set(magic, 0);
  view.setUint8(magic.length, l.formatVersion);
  view.setUint32(magic.length + 1, l.keyVersion);
  view.setUint32(magic.length + 5, l.segmentSize);
  view.setUint16(finalAt + 1, id.length);
  aad.set(id, finalAt + 3);
  const nonce = new Uint8Array(nonceBytes);
  const last = segmentCount(l) - 1;
  return {
    nonce,
    aad,
    at(s: number): void {
      writeNonce(nonce, s);
      view.setUint32(indexAt, Math.floor(s / 2 ** 32));
      view.setUint32(indexAt + 4, s >>> 0);
      view.setUint8(finalAt, s === last ? 1 : 0);
    },
  };
}
