import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { openMedia, startPlayback } from '../../../src/app/clips/playback';
import { commitUpload, putUploadBlock, startUpload } from '../../../src/app/clips/upload';
import { demoPeople, demoTenantId } from '../../../src/app/seed-demo';
import type { Caller } from '../../../src/app/people';
import { startTestAzurite, uniquePrefix } from '../../support/azurite';
import { startBlobProxy, type BlobProxy } from '../../support/blob-proxy';
import { makeTinyMp4 } from '../../fixtures/tiny-mp4';
import { chunked, clipDepsOn, collect, type TestAzurite } from './clip-deps';

/** What the media route reads from storage, seen on the wire between the vault and Azurite. */
describe('media reads (use cases on Azurite, through a counting proxy)', () => {
  let azurite: TestAzurite;
  let proxy: BlobProxy;
  before(async () => {
    azurite = await startTestAzurite();
    proxy = await startBlobProxy(azurite);
  });
  after(async () => {
    await proxy.stop();
    await azurite.stop();
  });

  it('answers HEAD from the records without reading any video, and a range with one ranged read', async () => {
    const now = { value: new Date('2026-06-15T10:00:00Z') };
    const deps = await clipDepsOn(azurite, { now, container: proxy.container(`c${uniquePrefix()}`) });
    const traineeId = `${demoTenantId}:${demoPeople.trainee.objectId}`;
    const actor: Caller = { person: { id: traineeId, tenantId: demoTenantId, objectId: demoPeople.trainee.objectId, displayName: 'Alex Wilber' } };
    const enrolment = (await deps.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId === traineeId)!;
    const clientCase = (await deps.store.cases.list(enrolment.id)).map((c) => c.value).find((c) => c.consent.filming.granted)!;
    const data = randomBytes(50_000);
    makeTinyMp4({ seconds: 1 }).subarray(0, 32).copy(data);
    const u = await startUpload(deps, { actor, enrolmentId: enrolment.id, upload: { caseId: clientCase.id, kind: 'client_interaction', title: 'Clip', size: data.length } });
    await putUploadBlock(deps, { actor, enrolmentId: enrolment.id, uploadId: u.id, index: '0', contentLength: data.length, body: chunked(data) });
    const clip = await commitUpload(deps, { actor, enrolmentId: enrolment.id, uploadId: u.id });
    const { path } = await startPlayback(deps, { actor, enrolmentId: enrolment.id, clipId: clip.id });
    const secret = path.slice('/api/media/'.length);
    const reads = (): number => proxy.seen.filter((r) => r === 'GET -').length;

    const before = reads();
    const head = await openMedia(deps, { secret, range: 'bytes=100-199', head: true });
    assert.deepEqual([head.size, head.range], [data.length, { kind: 'partial', start: 100, end: 199 }]);
    await new Promise((ok) => setTimeout(ok, 50));
    assert.equal(reads(), before, 'HEAD read no video');

    const answer = await openMedia(deps, { secret, range: 'bytes=100-199', head: false });
    assert.ok('body' in answer);
    assert.ok((await collect(answer.body)).equals(data.subarray(100, 200)));
    assert.equal(reads(), before + 1, 'a range is one ranged blob read');
  });
});
