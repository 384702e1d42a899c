import { AttuneError } from '../errors';

/**
 * A still's picture: one JPEG frame the tab captured from the decrypted video in the browser (a canvas, no
 * video tool on the server), encrypted under the clip's own data key like the video, so destroying the clip's
 * key destroys its stills too.
 *
 * Only baseline or progressive JPEG is accepted, decided from the bytes (never a header or a name): the file
 * must start with SOI (FF D8 FF), carry a start-of-frame segment with a sane size before its scan, and end
 * with EOI (FF D9). Anything else — PNG, HTML, an executable, a JPEG header glued to something else — is refused.
 */
export const stillMaxBytes = 2 * 1024 * 1024;
export const stillMaxSide = 8192;
export const stillMediaType = 'image/jpeg';

/** What Attune keeps about a still's stored picture (never shown: the storage name stays on the server). */
export interface StillImage {
  readonly formatVersion: 1;
  /** Plaintext bytes of the JPEG. */
  readonly size: number;
  readonly width: number;
  readonly height: number;
  /** Generated blob name; never derived from anything a person typed. */
  readonly storageName: string;
  readonly addedAt: string;
}

export type JpegCheck = { readonly ok: true; readonly width: number; readonly height: number } | { readonly ok: false; readonly reason: string };

// Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC).
const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Reads a JPEG's frame size from its segments, refusing anything that is not a whole JPEG. */
export function checkJpeg(bytes: Uint8Array): JpegCheck {
  const no = (reason: string): JpegCheck => ({ ok: false, reason });
  if (bytes.length < 128) return no('That picture is too small to be a JPEG frame.');
  if (bytes.length > stillMaxBytes) return no(`A still may be at most ${stillMaxBytes / 1024 / 1024} MiB.`);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return no('A still must be a JPEG picture.');
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) return no('That JPEG picture is cut off or has something after it.');
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return no('That JPEG picture is damaged.');
    const marker = bytes[at + 1]!;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return no('That JPEG picture is damaged.');
    if (isSof(marker)) {
      if (length < 8) return no('That JPEG picture is damaged.');
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      if (width < 1 || height < 1 || width > stillMaxSide || height > stillMaxSide) return no(`A still must be between 1 and ${stillMaxSide} pixels on each side.`);
      return { ok: true, width, height };
    }
    // Start of scan before any frame header: not a picture.
    if (marker === 0xda) return no('That JPEG picture has no frame header.');
    at += 2 + length;
  }
  return no('That JPEG picture has no frame header.');
}

/** Reads an uploaded still picture: a whole JPEG within the size cap, or `invalid_input`. */
export function stillPicture(bytes: Uint8Array): { width: number; height: number } {
  const checked = checkJpeg(bytes);
  if (!checked.ok) throw new AttuneError('invalid_input', checked.reason, ['content']);
  return { width: checked.width, height: checked.height };
}

const magic = new TextEncoder().encode('attune-still');

/**
 * How a still is sealed (the vault does the cryptography; this is the format, so writer, reader and tests
 * agree): AES-256-GCM under a key derived from the clip's data key with HKDF-SHA256 (info = these same
 * bytes), a random 96-bit nonce, stored as `nonce ‖ ciphertext ‖ tag`. Additional data binds the format
 * version, the clip, the still and the size, so a picture cannot be moved to another still or clip.
 * `"attune-still" ‖ version u8 ‖ size u32 ‖ clipIdLength u16 ‖ clipId ‖ stillIdLength u16 ‖ stillId`.
 */
export function stillAad(input: { clipId: string; stillId: string; size: number }): Uint8Array {
  const clip = new TextEncoder().encode(input.clipId);
  const still = new TextEncoder().encode(input.stillId);
  const out = new Uint8Array(magic.length + 1 + 4 + 2 + clip.length + 2 + still.length);
  const view = new DataView(out.buffer);
  let at = 0;
  out.set(magic, at);
  at += magic.length;
  view.setUint8(at, 1);
  view.setUint32(at + 1, input.size);
  view.setUint16(at + 5, clip.length);
  at += 7;
  out.set(clip, at);
  at += clip.length;
  view.setUint16(at, still.length);
  out.set(still, at + 2);
  return out;
}

export const stillNonceBytes = 12;
export const stillTagBytes = 16;
export const stillCipherSize = (size: number): number => stillNonceBytes + size + stillTagBytes;
