import { createCipheriv, createDecipheriv, createHash, type KeyObject } from 'node:crypto';
import { AttuneError } from '../../domain/errors';
import { blockCipherLength, blockPlainLength, blockSegments, segmentParams, segmentPlainLength, tagBytes, type ClipLayout, type Coverage, type SegmentParams } from '../../domain/clips/format';
import { sniffBytes } from '../../domain/clips/media';

/**
 * AES-256-GCM over a clip's segments (format in `domain/clip-format.ts`), streaming: bytes are encrypted as
 * they arrive and decrypted as they are read, one segment's worth held at a time. Incoming chunks are sliced
 * at segment boundaries, never gathered first; a sealed block is written straight into one buffer (the
 * caller's, so it can be reused), and each segment's nonce and additional data are rewritten in place.
 */
export interface SealedBlock {
  /** Ciphertext and tags, in order: what is staged as the Azure block (one buffer, a view of `into` if given). */
  readonly pieces: Buffer[];
  readonly length: number;
  /** SHA-256 of the block's tags: equal iff the same bytes were sent (the tags are MACs under the clip's key). */
  readonly digest: string;
  /** MD5 of the sealed block as staged (ciphertext and tags): storage checks it on arrival (Content-MD5). */
  readonly md5: Buffer;
}

/**
 * Encrypts upload block `index` from `body` into `into` (at least `blockCipherLength` bytes; a fresh buffer if
 * not given). The cipher's output is copied into `into` as soon as it is made, so nothing per chunk outlives
 * the chunk.
 */
export async function sealBlock(input: { key: KeyObject; clipId: string; layout: ClipLayout; index: number; body: AsyncIterable<Uint8Array>; inspect?: (head: Uint8Array) => void; into?: Buffer }): Promise<SealedBlock> {
  const { key, clipId, layout, index } = input;
  const expected = blockPlainLength(layout, index);
  const length = blockCipherLength(layout, index);
  const out = input.into ?? Buffer.allocUnsafe(length);
  if (out.length < length) throw new RangeError('the buffer for a sealed block is too small');
  const { first, count } = blockSegments(layout, index);
  const params = segmentParams(layout, clipId);
  const tags = createHash('sha256');
  // Hashed as it is written, while the bytes are still in cache.
  const md5 = createHash('md5');
  let segment = first;
  let left = segmentPlainLength(layout, segment);
  let cipher = openCipher(key, params, segment);
  let written = 0;
  let received = 0;
  let head: Buffer | null = input.inspect ? Buffer.alloc(0) : null;

  const closeSegment = (): void => {
    cipher.final();
    const tag = cipher.getAuthTag();
    written += tag.copy(out, written);
    tags.update(tag);
    md5.update(tag);
    segment += 1;
    if (segment < first + count) {
      left = segmentPlainLength(layout, segment);
      cipher = openCipher(key, params, segment);
    }
  };
  const inspect = (): void => {
    if (head && input.inspect) input.inspect(new Uint8Array(head.buffer, head.byteOffset, head.length));
    head = null;
  };

  for await (const raw of input.body) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    received += chunk.length;
    if (received > expected) throw new AttuneError('invalid_input', `Block ${index} is larger than expected: send exactly ${expected} bytes.`, ['body']);
    if (head) {
      head = Buffer.concat([head, chunk.subarray(0, sniffBytes - head.length)]);
      if (head.length >= sniffBytes) inspect();
    }
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(left, chunk.length - at);
      const sealed = cipher.update(chunk.subarray(at, at + n));
      md5.update(sealed);
      written += sealed.copy(out, written);
      at += n;
      left -= n;
      if (left === 0) closeSegment();
    }
  }
  if (received < expected) throw new AttuneError('invalid_input', `Block ${index} is shorter than expected: send exactly ${expected} bytes.`, ['body']);
  if (head) inspect();
  // An empty clip is one empty segment: it still gets a tag.
  if (expected === 0) closeSegment();
  if (written !== length) throw new Error('sealed block length does not match its layout');
  return { pieces: [out.subarray(0, length)], length, digest: tags.digest('hex'), md5: md5.digest() };
}

/**
 * Decrypts the covering segments streamed from storage and yields the requested plaintext. A segment's bytes
 * are yielded only after its tag verifies; a failure throws `invalid_state` and nothing of that segment leaves.
 */
export async function* openSegments(input: { key: KeyObject; clipId: string; layout: ClipLayout; coverage: Coverage; source: AsyncIterable<Uint8Array> }): AsyncGenerator<Buffer> {
  const { key, layout, coverage } = input;
  const params = segmentParams(layout, input.clipId);
  const iterator = input.source[Symbol.asyncIterator]();
  let chunk: Buffer = Buffer.alloc(0);
  let at = 0;
  const tag = Buffer.alloc(tagBytes);
  let skip = coverage.skip;
  let remaining = coverage.length;
  // At most two pieces per segment (a segment rarely spans more than two socket chunks); reused.
  const plain: Buffer[] = [];
  try {
    for (let segment = coverage.firstSegment; segment <= coverage.lastSegment; segment++) {
      params.at(segment);
      const decipher = createDecipheriv('aes-256-gcm', key, params.nonce, { authTagLength: tagBytes });
      decipher.setAAD(params.aad);
      plain.length = 0;
      let cipherLeft = segmentPlainLength(layout, segment);
      let tagHave = 0;
      while (cipherLeft > 0 || tagHave < tagBytes) {
        if (at === chunk.length) {
          const next = await iterator.next();
          if (next.done) throw corrupt('the stored clip is shorter than its record says');
          const v = next.value;
          chunk = Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
          at = 0;
          continue;
        }
        if (cipherLeft > 0) {
          const n = Math.min(cipherLeft, chunk.length - at);
          plain.push(decipher.update(chunk.subarray(at, at + n)));
          at += n;
          cipherLeft -= n;
        } else {
          const n = Math.min(tagBytes - tagHave, chunk.length - at);
          chunk.copy(tag, tagHave, at, at + n);
          at += n;
          tagHave += n;
        }
      }
      decipher.setAuthTag(tag);
      try {
        decipher.final();
      } catch {
        throw corrupt(`segment ${segment} failed its integrity check`);
      }
      for (const piece of plain) {
        if (skip >= piece.length) {
          skip -= piece.length;
          continue;
        }
        const out = skip === 0 && piece.length <= remaining ? piece : piece.subarray(skip, Math.min(piece.length, skip + remaining));
        skip = 0;
        remaining -= out.length;
        if (out.length) yield out;
        if (remaining === 0) break;
      }
    }
  } finally {
    plain.length = 0;
    await iterator.return?.();
  }
}

function openCipher(key: KeyObject, params: SegmentParams, segment: number) {
  params.at(segment);
  const cipher = createCipheriv('aes-256-gcm', key, params.nonce, { authTagLength: tagBytes });
  cipher.setAAD(params.aad);
  return cipher;
}

/** What a person is told when stored bytes do not authenticate; the reason goes to the log only. */
export function corrupt(reason: string): AttuneError {
  return new AttuneError('invalid_state', 'This clip cannot be played: its stored data failed an integrity check. Tell your service lead.', [reason]);
}
