/**
 * What a clip is, decided from its first bytes — never from its file name, its extension or a Content-Type
 * header a client sends. Only containers a browser's `<video>` plays are accepted: MP4 and QuickTime (an
 * ISO base media `ftyp` box first) and WebM (an EBML header whose DocType is `webm`). Anything else —
 * executables, archives, HTML, images, Matroska that is not WebM, audio-only MP4 — is refused.
 */
export type ClipMediaType = 'video/mp4' | 'video/quicktime' | 'video/webm';
export const clipMediaTypes: readonly ClipMediaType[] = ['video/mp4', 'video/quicktime', 'video/webm'];

/** How many leading bytes sniffing needs. */
export const sniffBytes = 64;

export type Sniffed = { readonly ok: true; readonly mediaType: ClipMediaType } | { readonly ok: false; readonly reason: string };

const ascii = (bytes: Uint8Array, from: number, length: number): string => String.fromCharCode(...bytes.subarray(from, from + length));

// Brands of audio-only, still-image or non-video ISO files.
const notVideoBrands = new Set(['M4A ', 'M4B ', 'M4P ', 'mif1', 'msf1', 'heic', 'heix', 'avif', 'avis', 'jp2 ', 'crx ', 'pdf ']);

export function sniffMediaType(head: Uint8Array): Sniffed {
  if (head.length >= 12 && ascii(head, 4, 4) === 'ftyp') {
    const boxSize = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
    const brand = ascii(head, 8, 4);
    if (boxSize < 16 || boxSize > 4096 || !/^[\x20-\x7e]{4}$/.test(brand)) return { ok: false, reason: 'The file claims to be MP4 but its header is damaged.' };
    if (notVideoBrands.has(brand)) return { ok: false, reason: 'That file is not a video (it looks like audio or a picture).' };
    return { ok: true, mediaType: brand === 'qt  ' ? 'video/quicktime' : 'video/mp4' };
  }
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    const docType = findEbmlDocType(head);
    if (docType === 'webm') return { ok: true, mediaType: 'video/webm' };
    return { ok: false, reason: 'Only WebM videos are accepted among Matroska files.' };
  }
  return { ok: false, reason: 'That file is not a video Attune can play. Upload an MP4, MOV or WebM video.' };
}

/** Finds the DocType element (id 0x4282) in an EBML header and returns its string value. */
function findEbmlDocType(head: Uint8Array): string | null {
  for (let i = 4; i + 3 < head.length; i++) {
    if (head[i] === 0x42 && head[i + 1] === 0x82) {
      const sizeByte = head[i + 2] ?? 0;
      // A one-byte EBML size (0x80 | n), which every real DocType uses.
      if ((sizeByte & 0x80) === 0) return null;
      const n = sizeByte & 0x7f;
      if (i + 3 + n > head.length) return null;
      return ascii(head, i + 3, n);
    }
  }
  return null;
}
