import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { BlobServiceClient } from '@azure/storage-blob';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import type { Case, Enrolment } from '../../src/domain/practice';
import { devSignIn, startTestApp, type TestApp } from '../support/app';
import { ClipClient, sha256 } from '../fixtures/clip-client';
import { makeTinyMp4 } from '../fixtures/tiny-mp4';

type Who = keyof typeof demoPeople;
const idOf = (who: Who): string => `${demoTenantId}:${demoPeople[who].objectId}`;

/** An MP4 header in front of random bytes: a "video" as far as sniffing is concerned, of any size. */
function fakeVideo(size: number): Buffer {
  const data = randomBytes(size);
  makeTinyMp4({ seconds: 1 }).subarray(0, 32).copy(data);
  return data;
}

describe('clip API (real server, embedded Azurite)', () => {
  let app: TestApp;
  const clients = new Map<Who, ClipClient>();
  const as = (who: Who): ClipClient => clients.get(who)!;
  let alex: Enrolment;
  let megan: Enrolment;
  let consented: Case;
  let filmingOnly: Case;
  let cycleId: string;

  before(async () => {
    app = await startTestApp({ env: { CLIP_MAX_BYTES: String(64 * 1024 * 1024) } });
    for (const who of Object.keys(demoPeople) as Who[]) clients.set(who, new ClipClient(app.baseUrl, await devSignIn(app.baseUrl, idOf(who))));
    const enrolments = (await app.app.store.enrolments.list()).map((e) => e.value);
    alex = enrolments.find((e) => e.traineeId === idOf('trainee'))!;
    megan = enrolments.find((e) => e.traineeId === idOf('secondTrainee'))!;
    const cases = (await app.app.store.cases.list(alex.id)).map((c) => c.value);
    consented = cases.find((c) => c.code === 'FAM-0142')!;
    filmingOnly = cases.find((c) => c.code === 'FAM-0171')!;
    cycleId = (await app.app.store.cycles.list(alex.id)).map((c) => c.value).find((c) => c.caseId === consented.id)!.id;
  });
  after(async () => app.stop());

  const clipPath = (clipId: string, rest = ''): string => `/api/enrolments/${alex.id}/clips/${clipId}${rest}`;
  const media = (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> => fetch(`${app.baseUrl}${path}`, { method, headers });

  describe('resumable upload', () => {
    it('takes blocks in any order, says which are missing, and plays back exactly the bytes sent', async () => {
      const data = fakeVideo(9 * 1024 * 1024 + 4321);
      const started = await as('trainee').start(alex.id, { caseId: consented.id, cycleId, kind: 'client_interaction', title: 'Tea time', size: data.length, mediaType: 'video/mp4' });
      assert.equal(started.status, 201);
      const u = started.body.upload;
      assert.deepEqual([u.blockCount, u.blockSize, u.missing], [3, 4 * 1024 * 1024, [0, 1, 2]]);
      assert.equal((await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 2 }, data.subarray(2 * u.blockSize))).status, 200);
      assert.equal((await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 0 }, data.subarray(0, u.blockSize))).status, 200);
      assert.deepEqual((await as('trainee').status(alex.id, u.id)).body.upload.missing, [1]);
      const early = await as('trainee').commit(alex.id, u.id);
      assert.equal(early.status, 409);
      assert.match(early.body.error!.message, /missing 1 of its 3 blocks/);
      assert.equal((await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 1 }, data.subarray(u.blockSize, 2 * u.blockSize))).status, 200);
      const done = await as('trainee').commit(alex.id, u.id);
      assert.equal(done.status, 201);
      assert.equal(done.body.clip.mediaType, 'video/mp4');
      assert.equal((await as('trainee').commit(alex.id, u.id)).status, 201, 'finishing twice is harmless');

      const grant = await as('trainee').playback(alex.id, done.body.clip.id);
      assert.equal(grant.status, 201);
      const whole = await media(grant.body.playback.path);
      assert.equal(whole.status, 200);
      assert.equal(sha256(Buffer.from(await whole.arrayBuffer())), sha256(data));
    });

    it('accepts a resent block, and refuses the same block number with different bytes', async () => {
      const data = fakeVideo(5 * 1024 * 1024);
      const u = (await as('trainee').start(alex.id, { caseId: consented.id, kind: 'shared_review', title: 'Review', size: data.length })).body.upload;
      const block = data.subarray(0, u.blockSize);
      assert.equal((await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 0 }, block)).status, 200);
      assert.equal((await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 0 }, block)).status, 200);
      const changed = Buffer.from(block);
      changed[1000]! ^= 0xff;
      const refused = await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 0 }, changed);
      assert.equal(refused.status, 409);
      assert.match(refused.body.error!.message, /already received with different bytes/);
    });

    it('decides the type from the bytes: an executable, archive or page named .mp4 is refused', async () => {
      const impostors = [
        Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(2000)]),
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(2000)]),
        Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>'.padEnd(2000, ' ')),
      ];
      for (const data of impostors) {
        const u = (await as('trainee').start(alex.id, { caseId: consented.id, kind: 'client_interaction', title: 'Clip', fileName: 'holiday.mp4', mediaType: 'video/mp4', size: data.length })).body.upload;
        const put = await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 0 }, data);
        assert.equal(put.status, 400);
        assert.match(put.body.error!.message, /not a video/);
        assert.equal((await as('trainee').commit(alex.id, u.id)).status, 409);
      }
    });

    it('refuses empty, oversized, non-video and malformed uploads with a clear message', async () => {
      const start = (body: Record<string, unknown>) => as('trainee').start(alex.id, { caseId: consented.id, kind: 'client_interaction', title: 'Clip', size: 1000, ...body });
      assert.match((await start({ size: 0 })).body.error!.message, /empty/);
      assert.match((await start({ size: 64 * 1024 * 1024 + 1 })).body.error!.message, /larger than the 64 MB limit/);
      assert.equal((await start({ size: -5 })).status, 400);
      assert.equal((await start({ size: '1000' })).status, 400);
      assert.match((await start({ mediaType: 'application/x-msdownload' })).body.error!.message, /Only videos/);
      assert.equal((await start({ kind: 'selfie' })).status, 400);
      assert.equal((await start({ title: '\u202e\u0000 ' })).status, 400);
      assert.equal((await start({ cycleId: 'not-a-cycle' })).status, 400);
    });

    it('refuses a block whose length or number does not fit the upload', async () => {
      const data = fakeVideo(1000);
      const u = (await as('trainee').start(alex.id, { caseId: consented.id, kind: 'client_interaction', title: 'Clip', size: data.length })).body.upload;
      assert.match((await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 0 }, data.subarray(0, 999))).body.error!.message, /exactly 1000 bytes/);
      assert.equal((await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 1 }, data)).status, 400);
      assert.equal((await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: '../0' }, data)).status, 404);
      assert.equal((await as('trainee').putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 'x' }, data)).status, 400);
      assert.deepEqual((await as('trainee').status(alex.id, u.id)).body.upload.missing, [0]);
    });

    it("answers 404 to anyone else's upload session, exactly like a missing one", async () => {
      const data = fakeVideo(1000);
      const u = (await as('trainee').start(alex.id, { caseId: consented.id, kind: 'client_interaction', title: 'Clip', size: data.length })).body.upload;
      for (const who of ['secondTrainee', 'supervisor', 'lineManager', 'admin'] as const) {
        assert.equal((await as(who).putBlock({ enrolmentId: alex.id, uploadId: u.id, index: 0 }, data)).status, 404, who);
        assert.equal((await as(who).status(alex.id, u.id)).status, 404, who);
        assert.equal((await as(who).commit(alex.id, u.id)).status, 404, who);
      }
      assert.equal((await as('trainee').putBlock({ enrolmentId: megan.id, uploadId: u.id, index: 0 }, data)).status, 404);
      assert.equal((await as('trainee').status(alex.id, 'no-such-upload')).status, 404);
    });
  });

  describe('playback', () => {
    let clipId: string;
    let data: Buffer;
    before(async () => {
      data = fakeVideo(3 * 1024 * 1024 + 77);
      clipId = await as('trainee').upload(alex.id, { caseId: consented.id, data, title: 'Bedtime story', fileName: 'IMG_0042.MOV' });
    });

    it('answers ranges with 206 and the headers a video element needs, never cacheable', async () => {
      const { path } = (await as('trainee').playback(alex.id, clipId)).body.playback;
      const res = await media(path, { Range: 'bytes=1048570-2097160' });
      assert.equal(res.status, 206);
      assert.equal(res.headers.get('content-range'), `bytes 1048570-2097160/${data.length}`);
      assert.equal(res.headers.get('content-length'), String(2097160 - 1048570 + 1));
      assert.equal(res.headers.get('accept-ranges'), 'bytes');
      assert.equal(res.headers.get('content-type'), 'video/mp4');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(data.subarray(1048570, 2097161)));
      const tail = await media(path, { Range: 'bytes=-10' });
      assert.ok(Buffer.from(await tail.arrayBuffer()).equals(data.subarray(data.length - 10)));
      const past = await media(path, { Range: `bytes=${data.length}-` });
      assert.equal(past.status, 416);
      assert.equal(past.headers.get('content-range'), `bytes */${data.length}`);
      const head = await media(path, {}, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(data.length));
    });

    it('refuses unknown and malformed grants, and bearer tokens in their place', async () => {
      assert.equal((await media('/api/media/not-a-grant')).status, 404);
      assert.equal((await media(`/api/media/${'A'.repeat(43)}`)).status, 404);
    });

    it('writes one audit entry per viewing session, with the trainee as subject and a purpose', async () => {
      const { path } = (await as('supervisor').playback(alex.id, clipId, 'supervision')).body.playback;
      for (const range of ['bytes=0-99', 'bytes=100-199', 'bytes=2000000-']) assert.equal((await media(path, { Range: range })).status, 206);
      const page = await app.app.audit.page({ subject: alex.traineeId, limit: 50 });
      const views = page.entries.filter((e) => e.action === 'view_clip' && e.object.id === clipId && e.actor?.objectId === demoPeople.supervisor.objectId);
      assert.equal(views.length, 1);
      assert.equal(views[0]!.purpose, 'supervision');
      assert.equal(views[0]!.outcome, 'allowed');
    });

    it('lets the supervisor see clips of consenting families only; other trainees, line managers and admins get 404', async () => {
      const noViewing = await as('trainee').upload(alex.id, { caseId: filmingOnly.id, data: fakeVideo(2000) });
      assert.equal((await as('supervisor').playback(alex.id, clipId)).status, 201);
      assert.equal((await as('supervisor').playback(alex.id, noViewing)).status, 404);
      assert.equal((await as('supervisor').get(clipPath(noViewing))).status, 404);
      assert.equal((await as('trainee').playback(alex.id, noViewing)).status, 201);
      for (const who of ['secondTrainee', 'lineManager', 'admin'] as const) {
        assert.equal((await as(who).playback(alex.id, clipId)).status, 404, who);
        assert.equal((await as(who).get(clipPath(clipId))).status, 404, who);
        assert.equal((await as(who).playback(megan.id, clipId)).status, 404, who);
        assert.equal((await as(who).del(clipPath(clipId))).status, 404, who);
      }
      assert.equal((await as('supervisor').del(clipPath(clipId))).status, 404);
      const listed = (await as('supervisor').get(`/api/enrolments/${alex.id}/clips`)).body as { clips: { id: string }[] };
      assert.ok(listed.clips.some((c) => c.id === clipId));
      assert.ok(!listed.clips.some((c) => c.id === noViewing));
    });

    it('stops playback at once when the family withdraws supervisor viewing', async () => {
      const own = fakeVideo(4000);
      const caseRow = (await app.app.store.cases.get({ partition: alex.id, id: consented.id }))!;
      const ownClip = await as('trainee').upload(alex.id, { caseId: consented.id, data: own });
      const { path } = (await as('supervisor').playback(alex.id, ownClip)).body.playback;
      assert.equal((await media(path, { Range: 'bytes=0-9' })).status, 206);
      const withdrawn = { ...caseRow.value, consent: { ...caseRow.value.consent, supervisor_viewing: { granted: false, recordedAt: new Date().toISOString() } } };
      const saved = await app.app.store.cases.replace(withdrawn, caseRow.etag);
      try {
        // No waiting: every range request is decided from the case as stored now.
        assert.equal((await media(path, { Range: 'bytes=0-9' })).status, 404);
        assert.equal((await as('supervisor').playback(alex.id, ownClip)).status, 404);
        assert.equal((await as('trainee').playback(alex.id, ownClip)).status, 201);
      } finally {
        await app.app.store.cases.replace(caseRow.value, saved.etag);
      }
    });

    it('refuses tampered stored bytes with a clear error, and never sends unauthenticated bytes', async () => {
      const victim = fakeVideo(300 * 1024);
      const id = await as('trainee').upload(alex.id, { caseId: consented.id, data: victim });
      const container = BlobServiceClient.fromConnectionString(app.storage.connectionString!).getContainerClient('attune-clips');
      const before = new Set<string>();
      for await (const b of container.listBlobsFlat()) before.add(b.name);
      // The newest blob is the victim's: find it by its size (300 KiB plus five 16-byte tags).
      let name = '';
      for await (const b of container.listBlobsFlat()) if (b.properties.contentLength === victim.length + 5 * 16) name = b.name;
      const blob = container.getBlockBlobClient(name);
      const stored = await blob.downloadToBuffer();
      stored[10]! ^= 1;
      await blob.uploadData(stored);
      const { path } = (await as('trainee').playback(alex.id, id)).body.playback;
      const res = await media(path);
      assert.equal(res.status, 409);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /integrity check/);
      // A later segment damaged: the response is cut off after the good segments, never completed.
      stored[10]! ^= 1;
      stored[3 * (65536 + 16) + 5]! ^= 1;
      await blob.uploadData(stored);
      const cut = await media(path);
      assert.equal(cut.status, 200);
      await assert.rejects(cut.arrayBuffer());
    });
  });

  describe('moments, stills and comments', () => {
    it('keeps moments as time ranges with principle tags, warning beyond three a cycle or ten seconds', async () => {
      const clipId = await as('trainee').upload(alex.id, { caseId: consented.id, cycleId, data: fakeVideo(5000) });
      const add = (body: unknown) => as('trainee').post(clipPath(clipId, '/moments'), body);
      const first = await add({ startMs: 1000, endMs: 4000, tags: ['being_attentive', { key: 'guiding', element: 'Scaffolding' }], note: 'Lovely turn-taking' });
      assert.equal(first.status, 201);
      assert.deepEqual((first.body as { warnings: unknown[] }).warnings, []);
      const long = await add({ startMs: 5000, endMs: 17_000 });
      assert.deepEqual((long.body as { warnings: { code: string }[] }).warnings.map((w) => w.code), ['longer_than_suggested']);
      await add({ startMs: 20_000, endMs: 25_000 });
      const fourth = await add({ startMs: 30_000, endMs: 31_000 });
      assert.ok((fourth.body as { warnings: { code: string }[] }).warnings.some((w) => w.code === 'more_than_suggested_in_cycle'));
      assert.equal((await add({ startMs: 5, endMs: 1 })).status, 400);
      assert.equal((await add({ startMs: 0, endMs: 1000, tags: ['mind_reading'] })).status, 400);
      assert.equal((await as('supervisor').post(clipPath(clipId, '/moments'), { startMs: 0, endMs: 1000 })).status, 404);

      const still = await as('trainee').post(clipPath(clipId, '/stills'), { atMs: 2500, caption: 'Eye contact' });
      assert.equal(still.status, 201);
      const comment = await as('supervisor').post(clipPath(clipId, '/comments'), { atMs: 1500, text: 'Notice the <b>pause</b> here', tags: ['receiving_initiatives'] });
      assert.equal(comment.status, 201);
      assert.equal((await as('lineManager').post(clipPath(clipId, '/comments'), { atMs: 1, text: 'hi' })).status, 404);

      const detail = (await as('supervisor').get(clipPath(clipId))).body as { moments: { startMs: number; tags: { vocabularyVersion: number }[] }[]; stills: unknown[]; comments: { text: string }[] };
      assert.deepEqual(detail.moments.map((m) => m.startMs), [1000, 5000, 20_000, 30_000]);
      assert.equal(detail.moments[0]!.tags[0]!.vocabularyVersion, 1);
      assert.equal(detail.stills.length, 1);
      assert.equal(detail.comments[0]!.text, 'Notice the <b>pause</b> here');
    });
  });

  describe('deletion', () => {
    it('destroys the key and the blob, stops playback and writes a deletion record', async () => {
      const container = BlobServiceClient.fromConnectionString(app.storage.connectionString!).getContainerClient('attune-clips');
      const count = async (): Promise<number> => {
        let n = 0;
        for await (const _ of container.listBlobsFlat()) n++;
        return n;
      };
      const clipId = await as('trainee').upload(alex.id, { caseId: consented.id, data: fakeVideo(10_000) });
      await as('trainee').post(clipPath(clipId, '/moments'), { startMs: 0, endMs: 1000 });
      const { path } = (await as('trainee').playback(alex.id, clipId)).body.playback;
      const blobs = await count();
      assert.equal((await as('trainee').del(clipPath(clipId))).status, 200);
      assert.equal(await count(), blobs - 1);
      assert.equal((await media(path)).status, 404);
      assert.equal((await as('trainee').get(clipPath(clipId))).status, 404);
      assert.equal((await as('trainee').del(clipPath(clipId))).status, 404);
      const page = await app.app.audit.page({ subject: alex.traineeId, limit: 20 });
      assert.ok(page.entries.some((e) => e.action === 'delete_clip' && e.object.id === clipId && e.outcome === 'allowed'));
    });

    it('keeps a clip on legal hold, which only a service admin can set', async () => {
      const clipId = await as('trainee').upload(alex.id, { caseId: consented.id, data: fakeVideo(3000) });
      assert.equal((await fetchJson('PUT', clipPath(clipId, '/legal-hold'), { who: 'trainee', body: { on: true, reason: 'litigation' } })).status, 404);
      assert.equal((await fetchJson('PUT', clipPath(clipId, '/legal-hold'), { who: 'admin', body: { on: true, reason: 'litigation' } })).status, 200);
      const refused = await as('trainee').del(clipPath(clipId));
      assert.equal(refused.status, 409);
      assert.equal((await fetchJson('PUT', clipPath(clipId, '/legal-hold'), { who: 'admin', body: { on: false } })).status, 200);
      assert.equal((await as('trainee').del(clipPath(clipId))).status, 200);
    });
  });

  async function fetchJson(method: string, path: string, as: { who: Who; body: unknown }): Promise<{ status: number }> {
    const token = await devSignIn(app.baseUrl, idOf(as.who));
    const res = await fetch(`${app.baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(as.body) });
    await res.arrayBuffer();
    return { status: res.status };
  }

  // Mocha runs a suite's own tests before its inner suites: checks over everything above sit in a suite of their own.
  describe('after all of the above', () => {
    it('logs no clip title, file name, grant, token or name', () => {
      const secrets = /Tea time|Bedtime story|IMG_0042|\/api\/media\/|eyJ|Alex Wilber|Adele Vance/;
      assert.ok(!app.logLines.some((l) => secrets.test(l)), app.logLines.filter((l) => secrets.test(l)).join('\n'));
    });
  });
});
