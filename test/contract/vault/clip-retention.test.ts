import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { runClipRetention } from '../../../src/app/clips/retention';
import { commitUpload, putUploadBlock, startUpload } from '../../../src/app/clips/upload';
import { demoPeople, demoTenantId } from '../../../src/app/seed-demo';
import type { Actor } from '../../../src/app/people';
import type { Case, Enrolment } from '../../../src/domain/practice';
import { startTestAzurite } from '../../support/azurite';
import { makeTinyMp4 } from '../../fixtures/tiny-mp4';
import { chunked, clipDepsOn, collect, type TestAzurite } from './clip-deps';

describe('clip retention job (use cases on Azurite, with a clock)', () => {
  let azurite: TestAzurite;
  before(async () => {
    azurite = await startTestAzurite();
  });
  after(async () => azurite.stop());

  it('deletes clips past end of involvement + retention months, keeps held and open ones, and records each deletion', async () => {
    const now = { value: new Date('2026-06-15T10:00:00Z') };
    const deps = await clipDepsOn(azurite, { now });
    const traineeId = `${demoTenantId}:${demoPeople.trainee.objectId}`;
    const actor: Actor = { person: { id: traineeId, tenantId: demoTenantId, objectId: demoPeople.trainee.objectId, displayName: 'Alex Wilber' }, roles: ['trainee'] };
    const enrolment = (await deps.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId === traineeId)!;
    const cases = (await deps.store.cases.list(enrolment.id)).map((c) => c.value);
    const [ending, open] = [cases[0]!, cases[1]!];

    const upload = async (e: Enrolment, c: Case): Promise<string> => {
      const data = randomBytes(5000);
      makeTinyMp4({ seconds: 1 }).subarray(0, 32).copy(data);
      const u = await startUpload(deps, { actor, enrolmentId: e.id, upload: { caseId: c.id, kind: 'client_interaction', title: 'Clip', size: data.length } });
      await putUploadBlock(deps, { actor, enrolmentId: e.id, uploadId: u.id, index: '0', contentLength: data.length, body: chunked(data) });
      return (await commitUpload(deps, { actor, enrolmentId: e.id, uploadId: u.id })).id;
    };
    const due = await upload(enrolment, ending);
    const held = await upload(enrolment, ending);
    const kept = await upload(enrolment, open);
    const unfinished = await startUpload(deps, { actor, enrolmentId: enrolment.id, upload: { caseId: open.id, kind: 'client_interaction', title: 'Later', size: 10 } });

    const stored = (await deps.store.cases.get({ partition: enrolment.id, id: ending.id }))!;
    await deps.store.cases.replace({ ...stored.value, endOfInvolvement: '2026-06-30' }, stored.etag);
    const heldRow = (await deps.clips.clips.get({ partition: enrolment.id, id: held }))!;
    await deps.clips.clips.replace({ ...heldRow.value, legalHold: true }, heldRow.etag);

    assert.deepEqual(await runClipRetention(deps), { deleted: 0, discardedUploads: 0, failed: 0 });
    now.value = new Date('2026-08-29T23:00:00Z');
    assert.deepEqual(await runClipRetention(deps), { deleted: 0, discardedUploads: 1, failed: 0 }, 'the day before: only the expired upload goes');
    assert.equal(await deps.clips.uploads.get({ partition: enrolment.id, id: unfinished.id }), null);

    now.value = new Date('2026-08-30T00:30:00Z');
    const dueClip = (await deps.clips.clips.get({ partition: enrolment.id, id: due }))!.value;
    assert.deepEqual(await runClipRetention(deps), { deleted: 1, discardedUploads: 0, failed: 0 });
    assert.equal(await deps.clips.clips.get({ partition: enrolment.id, id: due }), null);
    assert.ok(await deps.clips.clips.get({ partition: enrolment.id, id: held }));
    assert.ok(await deps.clips.clips.get({ partition: enrolment.id, id: kept }));
    await assert.rejects(collect(deps.vault.read({ clip: { clipId: due, layout: dueClip.layout }, range: null })));
    assert.equal(await deps.container.getBlockBlobClient(`clips/${dueClip.layout.storageName}`).exists(), false);

    const log = (await deps.audit.page({ limit: 100 })).entries.filter((e) => e.action === 'delete_clip');
    assert.equal(log.length, 1);
    assert.deepEqual([log[0]!.object.id, log[0]!.actor, log[0]!.purpose, log[0]!.subject], [due, null, 'retention schedule', traineeId]);
    assert.deepEqual(await runClipRetention(deps), { deleted: 0, discardedUploads: 0, failed: 0 });
  });

  it('finishes a deletion that was interrupted after the key was destroyed', async () => {
    const now = { value: new Date('2026-06-15T10:00:00Z') };
    const deps = await clipDepsOn(azurite, { now });
    const traineeId = `${demoTenantId}:${demoPeople.trainee.objectId}`;
    const actor: Actor = { person: { id: traineeId, tenantId: demoTenantId, objectId: demoPeople.trainee.objectId, displayName: '' }, roles: ['trainee'] };
    const enrolment = (await deps.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId === traineeId)!;
    const c = (await deps.store.cases.list(enrolment.id))[0]!.value;
    const data = makeTinyMp4({ seconds: 1 });
    const u = await startUpload(deps, { actor, enrolmentId: enrolment.id, upload: { caseId: c.id, kind: 'shared_review', title: 'Review', size: data.length } });
    await putUploadBlock(deps, { actor, enrolmentId: enrolment.id, uploadId: u.id, index: '0', contentLength: data.length, body: chunked(data) });
    const clip = await commitUpload(deps, { actor, enrolmentId: enrolment.id, uploadId: u.id });
    // The process died after step 2 of a requested deletion: marked, key destroyed, blob still there.
    const row = (await deps.clips.clips.get({ partition: enrolment.id, id: clip.id }))!;
    if (row.value.state !== 'available') throw new Error('unexpected state');
    await deps.clips.clips.replace({ ...row.value, state: 'deleting', deletionStartedAt: now.value.toISOString(), deletionReason: 'requested' }, row.etag);
    await deps.vault.shredKey(clip.id);

    assert.deepEqual(await runClipRetention(deps), { deleted: 1, discardedUploads: 0, failed: 0 });
    assert.equal(await deps.clips.clips.get({ partition: enrolment.id, id: clip.id }), null);
    assert.equal(await deps.container.getBlockBlobClient(`clips/${row.value.layout.storageName}`).exists(), false);
    const entry = (await deps.audit.page({ limit: 20 })).entries.find((e) => e.action === 'delete_clip');
    assert.equal(entry?.purpose, 'deleted on request');
  });
});
