import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { addComment, addMoment, addStill } from '../../../src/app/clips/annotations';
import { commitUpload, putUploadBlock, startUpload } from '../../../src/app/clips/upload';
import { casePurgers, runRetention, type CasePurger } from '../../../src/app/governance/retention';
import type { Actor } from '../../../src/app/people';
import { demoPeople, demoTenantId } from '../../../src/app/seed-demo';
import type { ClipDeps } from '../../../src/app/clips/deps';
import type { Case, Enrolment, SupervisionSession } from '../../../src/domain/practice';
import type { SupervisionRecord } from '../../../src/domain/supervision-record';
import { startTestAzurite } from '../../support/azurite';
import { makeTinyMp4 } from '../../fixtures/tiny-mp4';
import { chunked, clipDepsOn, type TestAzurite } from '../vault/clip-deps';

const traineeId = `${demoTenantId}:${demoPeople.trainee.objectId}`;
const trainee: Actor = { person: { id: traineeId, tenantId: demoTenantId, objectId: demoPeople.trainee.objectId, displayName: 'Alex Wilber' }, roles: ['trainee'] };
const supervisor: Actor = { person: { id: `${demoTenantId}:${demoPeople.supervisor.objectId}`, tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId, displayName: 'Adele Vance' }, roles: ['supervisor'] };

/** The demo service on Azurite, Alex's enrolment and cases, and helpers that put a closed case's data in place. */
async function rig(azurite: TestAzurite, now: { value: Date }): Promise<{ deps: ClipDeps; enrolment: Enrolment; cases: Case[] }> {
  const deps = await clipDepsOn(azurite, { now });
  const service = (await deps.store.services.list('service'))[0]!;
  await deps.store.services.replace({ ...service.value, retentionMonthsAfterEnd: 2, recordRetentionMonthsAfterEnd: 12 }, service.etag);
  const enrolment = (await deps.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId === traineeId)!;
  const cases = (await deps.store.cases.list(enrolment.id)).map((c) => c.value);
  return { deps, enrolment, cases };
}

async function uploadClip(deps: ClipDeps, o: { enrolment: Enrolment; clientCase: Case }): Promise<string> {
  const data = makeTinyMp4({ seconds: 1 });
  const u = await startUpload(deps, { actor: trainee, enrolmentId: o.enrolment.id, upload: { caseId: o.clientCase.id, kind: 'client_interaction', title: 'Bath time', size: data.length } });
  await putUploadBlock(deps, { actor: trainee, enrolmentId: o.enrolment.id, uploadId: u.id, index: '0', contentLength: data.length, body: chunked(data) });
  const clip = await commitUpload(deps, { actor: trainee, enrolmentId: o.enrolment.id, uploadId: u.id });
  await addMoment(deps, { actor: trainee, enrolmentId: o.enrolment.id, clipId: clip.id, moment: { startMs: 0, endMs: 400, note: 'She looks up' } });
  await addStill(deps, { actor: trainee, enrolmentId: o.enrolment.id, clipId: clip.id, still: { atMs: 100, caption: 'Smile' } });
  await addComment(deps, { actor: supervisor, enrolmentId: o.enrolment.id, clipId: clip.id, comment: { atMs: 200, text: 'Lovely turn-taking' } });
  return clip.id;
}

async function closeCase(deps: ClipDeps, o: { clientCase: Case; on: string; legalHold?: boolean }): Promise<void> {
  const stored = (await deps.store.cases.get({ partition: o.clientCase.enrolmentId, id: o.clientCase.id }))!;
  await deps.store.cases.replace({ ...stored.value, endOfInvolvement: o.on, ...(o.legalHold ? { legalHold: true } : {}) }, stored.etag);
}

async function sessionWithRecord(deps: ClipDeps, o: { enrolment: Enrolment; id: string; caseIds: string[] }): Promise<void> {
  const session: SupervisionSession = { id: o.id, enrolmentId: o.enrolment.id, heldOn: '2026-05-01', minutes: 60, mode: 'teams', caseIds: o.caseIds, clipIds: [] };
  await deps.store.supervision.create(session);
  const record: SupervisionRecord = {
    id: o.id,
    enrolmentId: o.enrolment.id,
    sessionId: o.id,
    revision: 1,
    content: { learningQuestion: 'How do I hold back?', whatWasWorking: 'Waiting for the mother to notice', principles: ['being_attentive'], learningPoints: 'Pause more', nextSteps: 'Film bath time', consentConfirmed: true },
    vocabulary: { id: 'aviguk', version: 1 },
    state: { status: 'cosigned', submittedAt: '2026-05-02T10:00:00.000Z', cosignedAt: '2026-05-03T10:00:00.000Z', comment: 'Good reflection' },
  };
  await deps.store.supervisionRecords.create(record);
}

describe('retention of a closed case (use cases on Azurite, with a clock)', () => {
  let azurite: TestAzurite;
  before(async () => {
    azurite = await startTestAzurite();
  });
  after(async () => azurite.stop());

  it('deletes video at end + video months and the pseudonymised records at end + record months, auditing ids only', async () => {
    const now = { value: new Date('2026-06-15T10:00:00Z') };
    const { deps, enrolment, cases } = await rig(azurite, now);
    const [closed, open] = [cases[0]!, cases[1]!];
    const clipId = await uploadClip(deps, { enrolment, clientCase: closed });
    const unfinished = await startUpload(deps, { actor: trainee, enrolmentId: enrolment.id, upload: { caseId: closed.id, kind: 'shared_review', title: 'Later', size: 10 } });
    const keptClip = await uploadClip(deps, { enrolment, clientCase: open });
    await sessionWithRecord(deps, { enrolment, id: 'session-closed-only', caseIds: [closed.id] });
    await sessionWithRecord(deps, { enrolment, id: 'session-mixed', caseIds: [closed.id, open.id] });
    await closeCase(deps, { clientCase: closed, on: '2026-06-30' });
    const closedCycles = (await deps.store.cycles.list(enrolment.id)).filter((c) => c.value.caseId === closed.id).map((c) => c.value.id);
    assert.ok(closedCycles.length > 0, 'the demo case has cycles');

    // The day before the video date: only the upload left unfinished (expired) goes.
    now.value = new Date('2026-08-29T12:00:00Z');
    assert.deepEqual(await runRetention(deps), { clips: { deleted: 0, discardedUploads: 1, failed: 0 }, purged: {}, failed: 0 });

    // The video date: the clip (with its moments, stills, comments) and the case's committed upload session (its title, file name) go; the records stay.
    now.value = new Date('2026-08-30T00:30:00Z');
    const video = await runRetention(deps);
    assert.deepEqual(video, { clips: { deleted: 1, discardedUploads: 0, failed: 0 }, purged: { upload_session: 1 }, failed: 0 });
    assert.equal(await deps.clips.clips.get({ partition: enrolment.id, id: clipId }), null);
    assert.deepEqual([(await deps.clips.moments.list(clipId)).length, (await deps.clips.stills.list(clipId)).length, (await deps.clips.comments.list(clipId)).length], [0, 0, 0]);
    assert.equal(await deps.clips.uploads.get({ partition: enrolment.id, id: unfinished.id }), null);
    assert.ok(await deps.clips.clips.get({ partition: enrolment.id, id: keptClip }), 'an open case keeps its clip');
    assert.ok(await deps.store.cases.get({ partition: enrolment.id, id: closed.id }), 'the case record waits for the record date');
    assert.equal((await deps.store.supervisionRecords.get({ partition: enrolment.id, id: 'session-closed-only' }))!.value.content.learningPoints, 'Pause more');

    // The record date (end + 12 months): cycles, mentions, record text, then the case record itself.
    now.value = new Date('2027-06-30T09:00:00Z');
    const records = await runRetention(deps);
    assert.deepEqual(records.purged, { supervision_record_text: 1, supervision_case_reference: 2, cycle: closedCycles.length, case: 1 });
    assert.equal(records.failed, 0);
    assert.equal(await deps.store.cases.get({ partition: enrolment.id, id: closed.id }), null);
    assert.deepEqual((await deps.store.cycles.list(enrolment.id)).filter((c) => c.value.caseId === closed.id), []);
    const redacted = (await deps.store.supervisionRecords.get({ partition: enrolment.id, id: 'session-closed-only' }))!.value;
    assert.deepEqual([redacted.content.learningQuestion, redacted.content.whatWasWorking, redacted.content.learningPoints, redacted.content.nextSteps], ['', '', '', '']);
    assert.equal(redacted.state.status === 'cosigned' ? redacted.state.comment : 'x', null);
    assert.equal(redacted.redactedAt, now.value.toISOString());
    const mixed = (await deps.store.supervisionRecords.get({ partition: enrolment.id, id: 'session-mixed' }))!.value;
    assert.equal(mixed.content.learningPoints, 'Pause more', 'a record that also discussed an open case keeps its text');
    assert.deepEqual((await deps.store.supervision.get({ partition: enrolment.id, id: 'session-mixed' }))!.value.caseIds, [open.id]);
    assert.deepEqual((await deps.store.supervision.get({ partition: enrolment.id, id: 'session-closed-only' }))!.value.caseIds, []);
    assert.ok(await deps.store.cases.get({ partition: enrolment.id, id: open.id }));

    // Every deletion audited, ids only, by the system, about the trainee.
    const log = (await deps.audit.page({ limit: 200 })).entries.filter((e) => e.action === 'retention_delete');
    assert.equal(log.length, 1 + 1 + 2 + closedCycles.length + 1);
    assert.ok(log.every((e) => e.actor === null && e.outcome === 'allowed' && e.subject === traineeId && e.purpose === 'retention schedule'));
    assert.ok(log.some((e) => e.object.kind === 'case' && e.object.id === closed.id));
    const text = JSON.stringify(log);
    for (const secret of ['Pause more', closed.code, 'Bath time', 'She looks up']) assert.ok(!text.includes(secret), `the audit log holds no "${secret}"`);

    // Nothing is left to do.
    assert.deepEqual(await runRetention(deps), { clips: { deleted: 0, discardedUploads: 0, failed: 0 }, purged: {}, failed: 0 });
  });

  it('keeps everything of a case on legal hold, or with a clip on legal hold', async () => {
    const now = { value: new Date('2026-06-15T10:00:00Z') };
    const { deps, enrolment, cases } = await rig(azurite, now);
    const [heldCase, heldClipCase] = [cases[0]!, cases[1]!];
    const a = await uploadClip(deps, { enrolment, clientCase: heldCase });
    const b = await uploadClip(deps, { enrolment, clientCase: heldClipCase });
    const row = (await deps.clips.clips.get({ partition: enrolment.id, id: b }))!;
    await deps.clips.clips.replace({ ...row.value, legalHold: true }, row.etag);
    await closeCase(deps, { clientCase: heldCase, on: '2026-06-30', legalHold: true });
    await closeCase(deps, { clientCase: heldClipCase, on: '2026-06-30' });

    now.value = new Date('2028-01-01T09:00:00Z');
    assert.deepEqual(await runRetention(deps), { clips: { deleted: 0, discardedUploads: 0, failed: 0 }, purged: {}, failed: 0 });
    assert.ok(await deps.clips.clips.get({ partition: enrolment.id, id: a }));
    assert.ok(await deps.clips.clips.get({ partition: enrolment.id, id: b }));
    assert.ok(await deps.store.cases.get({ partition: enrolment.id, id: heldCase.id }));
    assert.ok(await deps.store.cases.get({ partition: enrolment.id, id: heldClipCase.id }));
    assert.ok((await deps.store.cycles.list(enrolment.id)).some((c) => c.value.caseId === heldCase.id));
  });

  it('stops an enrolment at a failing purger, audits the failure and finishes on the next run', async () => {
    const now = { value: new Date('2026-06-15T10:00:00Z') };
    const { deps, enrolment, cases } = await rig(azurite, now);
    const closed = cases[0]!;
    await closeCase(deps, { clientCase: closed, on: '2026-06-30' });
    let broken = true;
    const flaky: CasePurger = {
      kind: 'outcome_rating',
      schedule: 'records',
      purge: async () => {
        if (broken) throw new Error('storage down');
        return [{ kind: 'outcome_rating', id: 'rating-1' }];
      },
    };
    const purgers = [...casePurgers.slice(0, -1), flaky, casePurgers[casePurgers.length - 1]!];
    now.value = new Date('2027-07-01T09:00:00Z');
    const first = await runRetention(deps, { purgers });
    assert.equal(first.failed, 1);
    assert.equal(first.purged.case, undefined, 'the case record outlives a purger that failed');
    assert.ok(await deps.store.cases.get({ partition: enrolment.id, id: closed.id }));
    const failure = (await deps.audit.page({ limit: 100 })).entries.find((e) => e.action === 'retention_delete' && e.outcome === 'failed');
    assert.deepEqual(failure?.object, { kind: 'outcome_rating', id: enrolment.id });

    broken = false;
    const second = await runRetention(deps, { purgers });
    assert.deepEqual([second.failed, second.purged.outcome_rating, second.purged.case], [0, 1, 1]);
    assert.equal(await deps.store.cases.get({ partition: enrolment.id, id: closed.id }), null);
  });
});
