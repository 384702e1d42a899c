import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { LocalKeyFile } from '../../../src/adapters/keys/local-key-file';
import { openCaseKeys } from '../../../src/adapters/keys/open-case-keys';
import { addComment, addMoment, addStill } from '../../../src/app/clips/annotations';
import { getClip } from '../../../src/app/clips/clips';
import { commitUpload, putUploadBlock, startUpload } from '../../../src/app/clips/upload';
import { demoPeople, demoTenantId } from '../../../src/app/seed-demo';
import type { Actor } from '../../../src/app/people';
import { sealedPrefix } from '../../../src/ports/case-keys';
import { startTestAzurite, uniquePrefix } from '../../support/azurite';
import { makeTinyMp4 } from '../../fixtures/tiny-mp4';
import { chunked, clipDepsOn, type TestAzurite } from '../vault/clip-deps';

describe('per-case keys for free text (TableCaseKeys on Azurite)', () => {
  let azurite: TestAzurite;
  before(async () => {
    azurite = await startTestAzurite();
  });
  after(async () => azurite.stop());

  const keysOn = async () => openCaseKeys({ clientFor: (t) => azurite.tableClient(t), wrapper: LocalKeyFile.open({ file: null }), prefix: uniquePrefix() });

  describe('seal and open', () => {
    it('round-trips text, with a fresh IV each time', async () => {
      const keys = await keysOn();
      const a = await keys.seal('case-1', 'Mum turned towards Sam — “well done”');
      const b = await keys.seal('case-1', 'Mum turned towards Sam — “well done”');
      assert.ok(a.startsWith(sealedPrefix));
      assert.notEqual(a, b);
      assert.ok(!a.includes('Mum') && !a.includes('Sam'));
      assert.equal(await keys.open('case-1', a), 'Mum turned towards Sam — “well done”');
      assert.equal(await keys.open('case-1', b), 'Mum turned towards Sam — “well done”');
    });

    it('refuses a value of another case and an altered value', async () => {
      const keys = await keysOn();
      const sealed = await keys.seal('case-a', 'private');
      await keys.seal('case-b', 'other');
      await assert.rejects(keys.open('case-b', sealed), { code: 'invalid_input' });
      const body = Buffer.from(sealed.slice(sealedPrefix.length), 'base64url');
      body[14] = body[14]! ^ 1;
      await assert.rejects(keys.open('case-a', sealedPrefix + body.toString('base64url')), { code: 'invalid_input' });
      await assert.rejects(keys.open('case-a', 'plain text'), { code: 'invalid_input' });
    });

    it('refuses case references that are not ids', async () => {
      const keys = await keysOn();
      await assert.rejects(keys.seal('../x', 't'), { code: 'invalid_input' });
    });
  });

  describe('shred', () => {
    it('makes every sealed value of the case unreadable, also through a fresh adapter, and refuses new seals', async () => {
      const prefix = uniquePrefix();
      const wrapper = LocalKeyFile.open({ file: null });
      const open = () => openCaseKeys({ clientFor: (t) => azurite.tableClient(t), wrapper, prefix });
      const keys = await open();
      const sealed = await keys.seal('case-x', 'the family said');
      const kept = await keys.seal('case-y', 'another family');
      await keys.shred('case-x');
      await keys.shred('case-x');
      assert.equal(await keys.isShredded('case-x'), true);
      assert.equal(await keys.isShredded('case-y'), false);
      await assert.rejects(keys.open('case-x', sealed), { code: 'invalid_state' });
      await assert.rejects(keys.seal('case-x', 'more'), { code: 'invalid_state' });
      const again = await open();
      await assert.rejects(again.open('case-x', sealed), { code: 'invalid_state' });
      assert.equal(await again.open('case-y', kept), 'another family');
      // The raw row holds no key material any more.
      const rows = [];
      for await (const r of azurite.tableClient(`${prefix}casekeys`).listEntities<{ partitionKey: string; wrapped: string }>()) rows.push(r);
      assert.equal(rows.find((r) => r.partitionKey === 'case-x')?.wrapped, '');
    });
  });

  describe('clip marks', () => {
    it('stores moment notes, still captions and comments sealed, and shows them opened to viewers', async () => {
      const now = { value: new Date('2026-06-15T10:00:00Z') };
      const deps = await clipDepsOn(azurite, { now });
      const traineeId = `${demoTenantId}:${demoPeople.trainee.objectId}`;
      const actor: Actor = { person: { id: traineeId, tenantId: demoTenantId, objectId: demoPeople.trainee.objectId, displayName: 'Alex Wilber' }, roles: ['trainee'] };
      const enrolment = (await deps.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId === traineeId)!;
      const clientCase = (await deps.store.cases.list(enrolment.id)).map((c) => c.value)[0]!;
      const data = randomBytes(5000);
      makeTinyMp4({ seconds: 1 }).subarray(0, 32).copy(data);
      const u = await startUpload(deps, { actor, enrolmentId: enrolment.id, upload: { caseId: clientCase.id, kind: 'client_interaction', title: 'Clip', size: data.length } });
      await putUploadBlock(deps, { actor, enrolmentId: enrolment.id, uploadId: u.id, index: '0', contentLength: data.length, body: chunked(data) });
      const clipId = (await commitUpload(deps, { actor, enrolmentId: enrolment.id, uploadId: u.id })).id;
      const ids = { actor, enrolmentId: enrolment.id, clipId };
      await addMoment(deps, { ...ids, moment: { startMs: 0, endMs: 500, note: 'Dad waits for Ruby' } });
      await addStill(deps, { ...ids, still: { atMs: 100, caption: 'Ruby smiles' } });
      await addComment(deps, { ...ids, comment: { atMs: 200, text: 'Lovely turn-taking with Ruby' } });

      const [m, s, c] = await Promise.all([deps.clips.moments.list(clipId), deps.clips.stills.list(clipId), deps.clips.comments.list(clipId)]);
      for (const stored of [m[0]!.value.note!, s[0]!.value.caption!, c[0]!.value.text]) {
        assert.ok(stored.startsWith(sealedPrefix));
        assert.ok(!stored.includes('Ruby'));
      }
      const detail = await getClip(deps, ids);
      assert.equal(detail.moments[0]!.note, 'Dad waits for Ruby');
      assert.equal(detail.stills[0]!.caption, 'Ruby smiles');
      assert.equal(detail.comments[0]!.text, 'Lovely turn-taking with Ruby');
    });
  });
});
