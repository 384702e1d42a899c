import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { addStill, removeStill } from '../../../src/app/clips/annotations';
import { deleteClip } from '../../../src/app/clips/deletion';
import { putStillImage, readStillImage } from '../../../src/app/clips/still-images';
import { commitUpload, putUploadBlock, startUpload } from '../../../src/app/clips/upload';
import { demoPeople, demoTenantId } from '../../../src/app/seed-demo';
import type { Actor } from '../../../src/app/people';
import { AttuneError } from '../../../src/domain/errors';
import { stillCipherSize } from '../../../src/domain/clips/still-image';
import { startTestAzurite } from '../../support/azurite';
import { makeJpeg } from '../../fixtures/tiny-jpeg';
import { makeTinyMp4 } from '../../fixtures/tiny-mp4';
import { chunked, clipDepsOn, type TestAzurite } from './clip-deps';

const person = (key: keyof typeof demoPeople): Actor => {
  const p = demoPeople[key];
  return { person: { id: `${demoTenantId}:${p.objectId}`, tenantId: demoTenantId, objectId: p.objectId, displayName: p.displayName }, roles: [] };
};

describe('still pictures in the vault (use cases on Azurite)', () => {
  let azurite: TestAzurite;
  let deps: Awaited<ReturnType<typeof clipDepsOn>>;
  let enrolmentId = '';
  let caseId = '';
  const trainee = person('trainee');

  before(async () => {
    azurite = await startTestAzurite();
    deps = await clipDepsOn(azurite, { now: { value: new Date() } });
    const enrolment = (await deps.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId === trainee.person.id)!;
    enrolmentId = enrolment.id;
    caseId = (await deps.store.cases.list(enrolment.id)).map((c) => c.value).find((c) => c.consent.supervisor_viewing.granted)!.id;
  });
  after(async () => azurite.stop());

  const newClip = async (): Promise<string> => {
    const data = randomBytes(5000);
    makeTinyMp4({ seconds: 1 }).subarray(0, 32).copy(data);
    const u = await startUpload(deps, { actor: trainee, enrolmentId, upload: { caseId, kind: 'client_interaction', title: 'Clip', size: data.length } });
    await putUploadBlock(deps, { actor: trainee, enrolmentId, uploadId: u.id, index: '0', contentLength: data.length, body: chunked(data) });
    return (await commitUpload(deps, { actor: trainee, enrolmentId, uploadId: u.id })).id;
  };
  const withPicture = async (clipId: string, jpeg: Uint8Array) => {
    const still = await addStill(deps, { actor: trainee, enrolmentId, clipId, still: { atMs: 500, caption: 'Turning towards' } });
    return putStillImage(deps, { actor: trainee, enrolmentId, clipId, stillId: still.id, contentLength: jpeg.length, body: chunked(jpeg, [7, 100, 1000]) });
  };
  const blobOf = (storageName: string) => deps.container.getBlockBlobClient(`stills/${storageName}`);
  const rejectsWith = (p: Promise<unknown>, code: string) => assert.rejects(p, (e: unknown) => e instanceof AttuneError && e.code === code);

  it('stores the picture as ciphertext under the clip’s key and gives the same bytes back', async () => {
    const clipId = await newClip();
    const jpeg = makeJpeg({ width: 320, height: 180, scanBytes: 4000 });
    const still = await withPicture(clipId, jpeg);
    assert.deepEqual({ width: still.image?.width, height: still.image?.height, size: still.image?.size }, { width: 320, height: 180, size: jpeg.length });

    const stored = await blobOf(still.image!.storageName).downloadToBuffer();
    assert.equal(stored.length, stillCipherSize(jpeg.length));
    assert.equal(stored.indexOf(Buffer.from([0xff, 0xd8, 0xff])), -1, 'no JPEG start marker in the stored bytes');
    assert.equal(stored.indexOf(Buffer.from('JFIF')), -1, 'no JFIF header in the stored bytes');
    assert.equal(stored.indexOf(Buffer.from(jpeg.subarray(200, 232))), -1, 'no run of the picture in the stored bytes');

    const read = await readStillImage(deps, { actor: trainee, enrolmentId, clipId, stillId: still.id });
    assert.ok(Buffer.from(read.bytes).equals(Buffer.from(jpeg)));
    assert.equal(read.mediaType, 'image/jpeg');
  });

  it('lets the supervisor see it (family consented) and no one else, and audits each viewing', async () => {
    const clipId = await newClip();
    const still = await withPicture(clipId, makeJpeg());
    await readStillImage(deps, { actor: person('supervisor'), enrolmentId, clipId, stillId: still.id });
    for (const who of ['secondTrainee', 'lineManager', 'admin'] as const) {
      await rejectsWith(readStillImage(deps, { actor: person(who), enrolmentId, clipId, stillId: still.id }), 'not_found');
    }
    await rejectsWith(putStillImage(deps, { actor: person('supervisor'), enrolmentId, clipId, stillId: still.id, contentLength: 200, body: chunked(makeJpeg()) }), 'not_found');
    const views = (await deps.audit.page({ subject: trainee.person.id, limit: 100 })).entries.filter((e) => e.action === 'view_still' && e.object.id === still.id);
    assert.deepEqual(views.map((v) => v.purpose), ['supervision']);
  });

  it('refuses a picture moved to another still (the additional data binds it)', async () => {
    const clipId = await newClip();
    const a = await withPicture(clipId, makeJpeg({ scanBytes: 300 }));
    const b = await withPicture(clipId, makeJpeg({ scanBytes: 300 }));
    await blobOf(b.image!.storageName).uploadData(await blobOf(a.image!.storageName).downloadToBuffer());
    await rejectsWith(readStillImage(deps, { actor: trainee, enrolmentId, clipId, stillId: b.id }), 'invalid_state');
  });

  it('replaces a picture sent again, removing the old blob', async () => {
    const clipId = await newClip();
    const first = await withPicture(clipId, makeJpeg());
    const jpeg = makeJpeg({ width: 10, height: 10 });
    const second = await putStillImage(deps, { actor: trainee, enrolmentId, clipId, stillId: first.id, contentLength: jpeg.length, body: chunked(jpeg) });
    assert.notEqual(second.image!.storageName, first.image!.storageName);
    assert.equal(await blobOf(first.image!.storageName).exists(), false);
    assert.ok(Buffer.from((await readStillImage(deps, { actor: trainee, enrolmentId, clipId, stillId: first.id })).bytes).equals(Buffer.from(jpeg)));
  });

  it('removes the picture with its still', async () => {
    const clipId = await newClip();
    const still = await withPicture(clipId, makeJpeg());
    await removeStill(deps, { actor: trainee, enrolmentId, clipId, stillId: still.id });
    assert.equal(await blobOf(still.image!.storageName).exists(), false);
  });

  it('makes every copy of the picture unreadable when the clip is destroyed (crypto-shredded)', async () => {
    const clipId = await newClip();
    const still = await withPicture(clipId, makeJpeg({ scanBytes: 2000 }));
    // A copy taken before deletion, as a backup or a soft-deleted blob version would keep it.
    const copy = await blobOf(still.image!.storageName).downloadToBuffer();
    await deleteClip(deps, { actor: trainee, enrolmentId, clipId });
    assert.equal(await blobOf(still.image!.storageName).exists(), false);
    assert.equal(await deps.clips.stills.get({ partition: clipId, id: still.id }), null);
    await blobOf(still.image!.storageName).uploadData(copy);
    await rejectsWith(deps.vault.readStill({ clipId, stillId: still.id, size: still.image!.size, storageName: still.image!.storageName }), 'not_found');
  });

  describe('what it accepts', () => {
    const attempt = async (bytes: Uint8Array, contentLength: number | null = bytes.length) => {
      const clipId = await newClip();
      const still = await addStill(deps, { actor: trainee, enrolmentId, clipId, still: { atMs: 0 } });
      return putStillImage(deps, { actor: trainee, enrolmentId, clipId, stillId: still.id, contentLength, body: chunked(bytes) });
    };
    const jpeg = makeJpeg();
    const cases: [string, Uint8Array, number | null][] = [
      ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(400)]), null],
      ['HTML', new TextEncoder().encode(`<html><script>alert(1)</script>${'x'.repeat(300)}</html>`), null],
      ['a JPEG with something after its end', new Uint8Array([...jpeg, ...new TextEncoder().encode('<script>alert(1)</script>')]), null],
      ['a JPEG cut off', jpeg.subarray(0, jpeg.length - 50), null],
      ['a JPEG header with no frame', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new Array(14).fill(0), ...new Array(200).fill(0x41), 0xff, 0xd9]), null],
      ['a frame of 0 × 0 pixels', makeJpeg({ width: 0, height: 0 }), null],
      ['a frame of 20000 pixels across', makeJpeg({ width: 20_000, height: 10 }), null],
      ['a picture over 2 MiB', makeJpeg({ scanBytes: 2 * 1024 * 1024 + 10 }), null],
      ['no Content-Length', jpeg, -1],
      ['a Content-Length shorter than the body', jpeg, jpeg.length - 10],
      ['a Content-Length longer than the body', jpeg, jpeg.length + 10],
    ];
    for (const [name, bytes, length] of cases) {
      it(`refuses ${name}`, async () => {
        await rejectsWith(attempt(bytes, length === null ? bytes.length : length === -1 ? null : length), 'invalid_input');
      });
    }
  });
});
