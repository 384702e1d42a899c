import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { sniffMediaType } from '../../../src/domain/clips/media';
import { makeTinyMp4 } from '../../fixtures/tiny-mp4';

const ftyp = (brand: string, size = 24): Uint8Array => {
  const b = Buffer.alloc(64);
  b.writeUInt32BE(size, 0);
  b.write('ftyp', 4, 'latin1');
  b.write(brand, 8, 'latin1');
  return b;
};
const ebml = (docType: string): Uint8Array => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x80 | docType.length]), Buffer.from(docType), Buffer.alloc(32)]);
const text = (s: string): Uint8Array => Buffer.from(s);

describe('sniffMediaType', () => {
  it('recognises MP4 by its ftyp box, whatever the brand of video', () => {
    for (const brand of ['isom', 'mp42', 'avc1', 'M4V ', 'iso6']) assert.deepEqual(sniffMediaType(ftyp(brand)), { ok: true, mediaType: 'video/mp4' });
    assert.deepEqual(sniffMediaType(makeTinyMp4({ seconds: 1 }).subarray(0, 64)), { ok: true, mediaType: 'video/mp4' });
  });

  it('recognises QuickTime (iPhone .mov) by the qt brand', () => {
    assert.deepEqual(sniffMediaType(ftyp('qt  ')), { ok: true, mediaType: 'video/quicktime' });
  });

  it('recognises WebM by its EBML DocType, and refuses other Matroska', () => {
    assert.deepEqual(sniffMediaType(ebml('webm')), { ok: true, mediaType: 'video/webm' });
    assert.equal(sniffMediaType(ebml('matroska')).ok, false);
  });

  it('refuses audio-only and picture ISO files', () => {
    for (const brand of ['M4A ', 'heic', 'avif']) assert.equal(sniffMediaType(ftyp(brand)).ok, false, brand);
  });

  it('refuses executables, archives, HTML, images, PDFs and empty input', () => {
    const cases: Uint8Array[] = [
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]),
      Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]),
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]),
      text('<!doctype html><html><script>alert(1)</script></html>'.padEnd(64)),
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(60)]),
      text('%PDF-1.7'.padEnd(64)),
      new Uint8Array(0),
    ];
    for (const c of cases) assert.equal(sniffMediaType(c).ok, false, Buffer.from(c).subarray(0, 8).toString('hex'));
  });

  it('refuses a polyglot that only mentions ftyp somewhere else, and a damaged ftyp box', () => {
    assert.equal(sniffMediaType(text('<html>ftypisom</html>'.padEnd(64))).ok, false);
    assert.equal(sniffMediaType(ftyp('isom', 8)).ok, false);
    assert.equal(sniffMediaType(ftyp('is\u0000m')).ok, false);
  });
});
