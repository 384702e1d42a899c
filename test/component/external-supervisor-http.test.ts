/**
 * The external supervisor end to end over real HTTP, with real signed Entra tokens from a loopback authority:
 * invited by email → signs in as a guest Attune has never seen → sees only that trainee's stage and the clips
 * shared for the meeting → signs off → the stage ends and so does their access. Revoking stops access at once;
 * an email that does not match gets nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { identify } from '../../src/app/people';
import { getMyProgress } from '../../src/app/progress';
import { demoExternalSupervisor, demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { recordStageMeeting } from '../../src/app/stages/stage-meeting';
import { addDays, toIsoDate } from '../../src/domain/dates';
import type { Case, Enrolment } from '../../src/domain/practice';
import { startTestApp, type TestApp } from '../support/app';
import { startEntraIssuer, type EntraIssuer } from '../support/entra-issuer';
import { ClipClient } from '../fixtures/clip-client';
import { makeTinyMp4 } from '../fixtures/tiny-mp4';

const clientId = '5b7c9d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e';
const otherTenant = '7e0f2a1b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const guestOid = '4a4a4a4a-0000-4000-8000-00000000a001';
const idOf = (key: keyof typeof demoPeople): string => `${demoTenantId}:${demoPeople[key].objectId}`;
type Body = { error?: { code: string; message: string; details: string[] } } & Record<string, unknown>;

describe('external supervisor (real server, loopback Entra, embedded Azurite)', () => {
  let app: TestApp;
  let entra: EntraIssuer;
  let megan: Enrolment;
  let alex: Enrolment;
  let meganCase: Case;
  let filmingOnly: Case;
  const clips = { shared: '', notShared: '', noConsent: '', alexShared: '' };
  const today = toIsoDate(new Date());

  const token = (objectId: string, claims: Record<string, unknown> = {}, tenantId = demoTenantId): Promise<string> => entra.token({ tenantId, objectId, claims });
  const as = async (who: keyof typeof demoPeople): Promise<ClipClient> => new ClipClient(app.baseUrl, await token(demoPeople[who].objectId));
  const guest = async (claims: Record<string, unknown> = { email: 'Gwen.Guest@AVIGuk.example', name: 'Gwen Guest' }, oid = guestOid): Promise<ClipClient> => new ClipClient(app.baseUrl, await token(oid, claims));
  const call = async (client: ClipClient, req: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; body?: unknown }): Promise<{ status: number; body: Body }> => {
    const res = req.method === 'GET' ? client.get(req.path) : req.method === 'DELETE' ? client.del(req.path) : req.method === 'PUT' ? client.put(req.path, req.body) : client.post(req.path, req.body);
    return (await res);
  };
  const enrolmentPath = (e: Enrolment, rest: string): string => `/api/enrolments/${e.id}${rest}`;

  before(async () => {
    entra = await startEntraIssuer({ audience: clientId });
    app = await startTestApp({ env: { AAD_APP_CLIENT_ID: clientId, AUTHORITY_HOST: entra.authorityHost, ALLOWED_TENANTS: `${demoTenantId},${otherTenant}`, RATE_LIMIT_PER_PERSON: '100000', RATE_LIMIT_PER_ADDRESS: '100000' } });
    const r = app.app.store;
    const enrolments = (await r.enrolments.list()).map((e) => e.value);
    megan = enrolments.find((e) => e.traineeId === idOf('secondTrainee'))!;
    alex = enrolments.find((e) => e.traineeId === idOf('trainee'))!;
    meganCase = (await r.cases.list(megan.id))[0]!.value;
    // Megan meets stage 1: a second family, six reviewed cycles in all, 7 hours of supervision; and a family who
    // consented to filming only.
    const granted = { granted: true, recordedAt: new Date().toISOString() };
    const refused = { granted: false, recordedAt: new Date().toISOString() };
    const start = addDays(today, -40);
    await r.cases.create({ id: 'ext-case-2', enrolmentId: megan.id, code: 'FAM-0298', lawfulBasis: 'public_task', consent: { filming: granted, supervisor_viewing: granted, peer_intervision: granted, training_use: granted }, openedOn: start });
    filmingOnly = (await r.cases.create({ id: 'ext-case-3', enrolmentId: megan.id, code: 'FAM-0299', lawfulBasis: 'public_task', consent: { filming: granted, supervisor_viewing: refused, peer_intervision: refused, training_use: refused }, openedOn: start })).value;
    for (let i = 0; i < 4; i++) await r.cycles.create({ id: `ext-cycle-${i}`, enrolmentId: megan.id, caseId: 'ext-case-2', filmedOn: addDays(start, i * 7), sharedReviewOn: addDays(start, i * 7 + 2) });
    for (let i = 0; i < 3; i++) await r.supervision.create({ id: `ext-session-${i}`, enrolmentId: megan.id, heldOn: addDays(start, i * 7 + 1), minutes: 90, mode: 'teams', caseIds: [], clipIds: [] });

    const video = makeTinyMp4({ seconds: 2 });
    const m = await as('secondTrainee');
    clips.shared = await m.upload(megan.id, { caseId: meganCase.id, data: video, title: 'Bath time, shared' });
    clips.notShared = await m.upload(megan.id, { caseId: meganCase.id, data: video, title: 'Bedtime, not shared' });
    clips.noConsent = await m.upload(megan.id, { caseId: filmingOnly.id, data: video, title: 'Filming only' });
    const alexCase = (await r.cases.list(alex.id)).map((c) => c.value).find((c) => c.consent.supervisor_viewing.granted)!;
    clips.alexShared = await (await as('trainee')).upload(alex.id, { caseId: alexCase.id, data: video, title: 'Alex, for Lynne' });
  });
  after(async () => {
    await app?.stop();
    await entra?.stop();
  });

  describe('invite, accept, see, sign off', () => {
    it('refuses an invitation from the trainee, the line manager, or for a stage that is not current', async () => {
      const body = { stage: 1, email: 'gwen.guest@aviguk.example' };
      assert.equal((await call(await as('secondTrainee'), { method: 'POST', path: enrolmentPath(megan, '/external-supervisors'), body })).status, 404);
      assert.equal((await call(await as('lineManager'), { method: 'POST', path: enrolmentPath(megan, '/external-supervisors'), body })).status, 404);
      assert.equal((await call(await as('supervisor'), { method: 'POST', path: enrolmentPath(megan, '/external-supervisors'), body: { ...body, stage: 2 } })).status, 409);
      assert.equal((await call(await as('supervisor'), { method: 'POST', path: enrolmentPath(megan, '/external-supervisors'), body: { ...body, stage: 7 } })).status, 400);
    });

    it('explains a body that is not an invitation, field by field', async () => {
      const res = await call(await as('supervisor'), { method: 'POST', path: enrolmentPath(megan, '/external-supervisors'), body: { stage: 'one', email: 'not an email' } });
      assert.equal(res.status, 400);
      const again = await call(await as('supervisor'), { method: 'POST', path: enrolmentPath(megan, '/external-supervisors'), body: { stage: 1, email: 'not an email' } });
      assert.equal(again.status, 400);
      assert.match(JSON.stringify(again.body.error), /email address/);
    });

    it('lets the supervisor invite by email (stored lower-case), for the trainee, supervisor and admin to see', async () => {
      const res = await call(await as('supervisor'), { method: 'POST', path: enrolmentPath(megan, '/external-supervisors'), body: { stage: 1, email: '  Gwen.Guest@AVIGuk.example ' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const invitation = res.body.invitation as { email: string; status: string; live: boolean };
      assert.deepEqual([invitation.email, invitation.status, invitation.live], ['gwen.guest@aviguk.example', 'invited', true]);
      for (const who of ['secondTrainee', 'supervisor', 'admin'] as const) {
        const list = await call(await as(who), { method: 'GET', path: enrolmentPath(megan, '/external-supervisors') });
        assert.equal(list.status, 200, who);
        assert.equal((list.body.invitations as unknown[]).length, 1);
      }
      assert.equal((await call(await as('lineManager'), { method: 'GET', path: enrolmentPath(megan, '/external-supervisors') })).status, 404);
      assert.equal((await call(await as('trainee'), { method: 'GET', path: enrolmentPath(megan, '/external-supervisors') })).status, 404);
      assert.equal((await call(await as('supervisor'), { method: 'POST', path: enrolmentPath(megan, '/external-supervisors'), body: { stage: 1, email: 'someone.else@aviguk.example' } })).status, 409);
    });

    it('lets the trainee share only clips whose family consented to supervisor viewing', async () => {
      const m = await as('secondTrainee');
      const refused = await call(m, { method: 'PUT', path: enrolmentPath(megan, '/external-supervisors/1/shared-clips'), body: { clipIds: [clips.shared, clips.noConsent] } });
      assert.equal(refused.status, 400);
      assert.match(JSON.stringify(refused.body.error), /Filming only.*not consented/);
      assert.equal((await call(await as('supervisor'), { method: 'PUT', path: enrolmentPath(megan, '/external-supervisors/1/shared-clips'), body: { clipIds: [clips.shared] } })).status, 404);
      const ok = await call(m, { method: 'PUT', path: enrolmentPath(megan, '/external-supervisors/1/shared-clips'), body: { clipIds: [clips.shared] } });
      assert.equal(ok.status, 200);
      assert.deepEqual((ok.body.invitation as { sharedClipIds: string[] }).sharedClipIds, [clips.shared]);
    });

    it('gives no access to a guest whose token carries another email, or none', async () => {
      assert.equal((await call(await guest({ email: 'gwen.guest@elsewhere.example' }, '4a4a4a4a-0000-4000-8000-00000000b001'), { method: 'GET', path: '/api/me' })).status, 403);
      assert.equal((await call(await guest({}, '4a4a4a4a-0000-4000-8000-00000000b002'), { method: 'GET', path: '/api/me' })).status, 403);
      assert.equal((await call(await guest({ preferred_username: 'Gwen Guest', upn: 'gwen.guest_aviguk.example#EXT#@contoso.onmicrosoft.com' }, '4a4a4a4a-0000-4000-8000-00000000b003'), { method: 'GET', path: '/api/me' })).status, 403);
      assert.equal(await app.app.store.people.get({ partition: demoTenantId, id: '4a4a4a4a-0000-4000-8000-00000000b001' }), null);
    });

    it('accepts the invitation when the guest first signs in with the invited email, and knows them by id from then on', async () => {
      const me = await call(await guest(), { method: 'GET', path: '/api/me' });
      assert.equal(me.status, 200, JSON.stringify(me.body));
      assert.deepEqual([me.body.displayName, me.body.roles], ['Gwen Guest', ['external_supervisor']]);
      const stored = (await app.app.store.externalSupervisors.list(megan.id))[0]!.value;
      assert.deepEqual(stored.status.kind === 'accepted' && stored.status.personId, `${demoTenantId}:${guestOid}`);
      // The email is not on the person: later tokens without it still work.
      assert.equal((await call(await guest({}), { method: 'GET', path: '/api/me' })).status, 200);
      assert.doesNotMatch(JSON.stringify((await app.app.store.people.get({ partition: demoTenantId, id: guestOid }))!.value), /aviguk/i);
    });

    it('shows the guest only that trainee’s stage summary and the shared clips', async () => {
      const view = await call(await guest({}), { method: 'GET', path: '/api/me/external' });
      assert.equal(view.status, 200);
      const stages = view.body.stages as { enrolmentId: string; traineeName: string; open: boolean; summary: { stage: number; meeting: { status: string } }; sharedClips: { id: string; title: string }[] }[];
      assert.equal(stages.length, 1);
      assert.deepEqual([stages[0]!.enrolmentId, stages[0]!.traineeName, stages[0]!.open, stages[0]!.summary.stage, stages[0]!.summary.meeting.status], [megan.id, 'Megan Bowen', true, 1, 'due']);
      assert.deepEqual(stages[0]!.sharedClips.map((c) => [c.id, c.title]), [[clips.shared, 'Bath time, shared']]);
      assert.doesNotMatch(JSON.stringify(view.body), /FAM-0|"cases"|"code"/);
    });

    it('lets the guest open and play the shared clip, and comment on it', async () => {
      const g = await guest({});
      assert.equal((await g.get(enrolmentPath(megan, `/clips/${clips.shared}`))).status, 200);
      const played = await g.playback(megan.id, clips.shared);
      assert.equal(played.status, 201);
      const media = await fetch(`${app.baseUrl}${played.body.playback.path}`, { headers: { Range: 'bytes=0-99' } });
      assert.equal(media.status, 206);
      await media.arrayBuffer();
      assert.equal((await g.post(enrolmentPath(megan, `/clips/${clips.shared}/comments`), { atMs: 500, text: 'Lovely waiting here' })).status, 201);
      // The viewing is audited with the external supervisor's purpose.
      const viewed = (await app.app.audit.page({ limit: 50 })).entries.find((e) => e.action === 'view_clip' && e.object.id === clips.shared);
      assert.equal(viewed?.purpose, 'assessment');
    });

    it('answers 404 for everything else: another clip, the practice, the clip list, another enrolment, contracts and records', async () => {
      const g = await guest({});
      for (const path of [
        enrolmentPath(megan, `/clips/${clips.notShared}`),
        enrolmentPath(megan, `/clips/${clips.noConsent}`),
        enrolmentPath(megan, '/practice'),
        enrolmentPath(megan, '/clips'),
        enrolmentPath(megan, '/external-supervisors'),
        enrolmentPath(alex, `/clips/${clips.alexShared}`),
        enrolmentPath(alex, '/practice'),
      ]) {
        assert.equal((await g.get(path)).status, 404, path);
      }
      assert.equal((await g.playback(megan.id, clips.notShared)).status, 404);
      assert.equal((await g.post(enrolmentPath(megan, '/contract/sign'), { version: 1 })).status, 404);
      assert.equal((await g.post(enrolmentPath(megan, '/clip-uploads'), { caseId: meganCase.id, kind: 'client_interaction', title: 'x', size: 10 })).status, 404);
      assert.deepEqual((await g.get('/api/me/contracts')).body.contracts ?? [], []);
      assert.deepEqual((await g.get('/api/me/trainees')).body.trainees, []);
      assert.deepEqual((await g.get('/api/me/records-to-cosign')).body.records, []);
      assert.equal((await g.get('/api/me/progress')).body.progress, null);
      assert.equal((await call(g, { method: 'PUT', path: enrolmentPath(megan, '/external-supervisors/1/shared-clips'), body: { clipIds: [clips.notShared] } })).status, 404);
      assert.equal((await call(g, { method: 'DELETE', path: enrolmentPath(megan, '/external-supervisors/1') })).status, 404);
    });

    it('stops showing a shared clip at once when the family withdraws supervisor-viewing consent', async () => {
      const r = app.app.store.cases;
      const stored = (await r.get({ partition: megan.id, id: meganCase.id }))!;
      const withdrawn = { ...stored.value, consent: { ...stored.value.consent, supervisor_viewing: { granted: false, recordedAt: new Date().toISOString() } } };
      const after = await r.replace(withdrawn, stored.etag);
      const g = await guest({});
      assert.equal((await g.get(enrolmentPath(megan, `/clips/${clips.shared}`))).status, 404);
      assert.deepEqual(((await g.get('/api/me/external')).body.stages as { sharedClips: unknown[] }[])[0]!.sharedClips, []);
      await r.replace(stored.value, after.etag);
      assert.equal((await g.get(enrolmentPath(megan, `/clips/${clips.shared}`))).status, 200);
    });

    it('keeps the supervisor’s form from signing the stage off while the guest is invited: it records the meeting', async () => {
      const actor = (await identify(app.app, { tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId }))!;
      const recorded = await recordStageMeeting(app.app, { actor, enrolmentId: megan.id, submissionId: 'sup-meeting-0001', meeting: { heldOn: today, minutes: 60, outcome: 'signed_off', externalSupervisorTookPart: true } });
      assert.equal(recorded.value.meeting.outcome, 'not_yet');
      assert.deepEqual(recorded.value.meeting.awaitingExternalSignOff, { recommended: 'signed_off' });
      assert.equal((await getMyProgress(app.app, idOf('secondTrainee')))!.currentStage, 1);
      const view = (await (await guest({})).get('/api/me/external')).body.stages as { supervisorRecord: unknown }[];
      assert.deepEqual(view[0]!.supervisorRecord, { heldOn: today, minutes: 60, recommended: 'signed_off' });
    });

    it('refuses the sign-off to the trainee and the supervisor, and a malformed one', async () => {
      const body = { submissionId: 'ext-signoff-0001', heldOn: today, minutes: 60, outcome: 'signed_off' };
      assert.equal((await call(await as('secondTrainee'), { method: 'POST', path: enrolmentPath(megan, '/external-sign-off'), body })).status, 404);
      assert.equal((await call(await as('supervisor'), { method: 'POST', path: enrolmentPath(megan, '/external-sign-off'), body })).status, 404);
      assert.equal((await call(await guest({}), { method: 'POST', path: enrolmentPath(megan, '/external-sign-off'), body: { ...body, minutes: 0 } })).status, 400);
      assert.equal((await call(await guest({}), { method: 'POST', path: enrolmentPath(megan, '/external-sign-off'), body: { ...body, heldOn: addDays(today, 3) } })).status, 400);
      assert.equal((await call(await guest({}), { method: 'POST', path: enrolmentPath(alex, '/external-sign-off'), body })).status, 404);
    });

    it('ends the stage with the guest’s sign-off, and their access with it, so a second send is refused', async () => {
      const g = await guest({});
      const body = { submissionId: 'ext-signoff-0001', heldOn: today, minutes: 60, outcome: 'signed_off' };
      const res = await call(g, { method: 'POST', path: enrolmentPath(megan, '/external-sign-off'), body });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const p = (await getMyProgress(app.app, idOf('secondTrainee')))!;
      assert.deepEqual([p.stages[0]!.status, p.stages[0]!.completedOn, p.currentStage], ['complete', today, 2]);
      const meeting = (await app.app.store.meetings.get({ partition: megan.id, id: 'ext-signoff-0001' }))!.value;
      assert.equal(meeting.externalSupervisorId, `${demoTenantId}:${guestOid}`);
      assert.equal((await app.app.store.externalSupervisors.list(megan.id))[0]!.value.status.kind, 'ended');
      assert.equal((await g.get(enrolmentPath(megan, `/clips/${clips.shared}`))).status, 404);
      const view = (await g.get('/api/me/external')).body.stages as { open: boolean; sharedClips: unknown[]; summary: unknown; myOutcome: { outcome: string } }[];
      assert.deepEqual([view[0]!.open, view[0]!.sharedClips, view[0]!.summary, view[0]!.myOutcome.outcome], [false, [], null, 'signed_off']);
      assert.deepEqual((await g.get('/api/me')).body.roles, []);
      const again = await call(g, { method: 'POST', path: enrolmentPath(megan, '/external-sign-off'), body });
      assert.equal(again.status, 404);
    });
  });

  describe('revoking', () => {
    it('stops the demo external supervisor’s access at once', async () => {
      const lynne = new ClipClient(app.baseUrl, await token(demoExternalSupervisor.objectId));
      assert.equal((await call(await as('trainee'), { method: 'PUT', path: enrolmentPath(alex, '/external-supervisors/2/shared-clips'), body: { clipIds: [clips.alexShared] } })).status, 200);
      assert.equal((await lynne.get(enrolmentPath(alex, `/clips/${clips.alexShared}`))).status, 200);
      assert.deepEqual((await lynne.get('/api/me')).body.roles, ['external_supervisor']);
      assert.equal((await call(await as('trainee'), { method: 'DELETE', path: enrolmentPath(alex, '/external-supervisors/2') })).status, 404);
      const revoked = await call(await as('admin'), { method: 'DELETE', path: enrolmentPath(alex, '/external-supervisors/2') });
      assert.equal(revoked.status, 200);
      assert.equal((revoked.body.invitation as { status: string }).status, 'revoked');
      assert.equal((await lynne.get(enrolmentPath(alex, `/clips/${clips.alexShared}`))).status, 404);
      assert.deepEqual((await lynne.get('/api/me/external')).body.stages, []);
      assert.deepEqual((await lynne.get('/api/me')).body.roles, []);
    });

    it('lets the supervisor sign the stage off again without an invitation (no external supervisor account)', async () => {
      const list = await call(await as('supervisor'), { method: 'GET', path: enrolmentPath(alex, '/external-supervisors') });
      assert.deepEqual((list.body.invitations as { live: boolean }[]).map((i) => i.live), [false]);
      // Alex's stage 2 requirements are not met, so the form refuses a sign-off — but not because of an invitation.
      const actor = (await identify(app.app, { tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId }))!;
      await assert.rejects(recordStageMeeting(app.app, { actor, enrolmentId: alex.id, submissionId: 'sup-meeting-0002', meeting: { heldOn: today, minutes: 60, outcome: 'signed_off', externalSupervisorTookPart: true } }), /not ready to sign off/);
    });

    it('lets an admin invite someone else after a revocation, matched by preferred_username', async () => {
      assert.equal((await call(await as('admin'), { method: 'POST', path: enrolmentPath(alex, '/external-supervisors'), body: { stage: 2, email: 'Right.Person@aviguk.example', until: addDays(today, 10) } })).status, 201);
      assert.equal((await call(await guest({ email: 'wrong.person@aviguk.example' }, '4a4a4a4a-0000-4000-8000-00000000c001'), { method: 'GET', path: '/api/me' })).status, 403);
      assert.equal((await call(await guest({ preferred_username: 'RIGHT.person@aviguk.example' }, '4a4a4a4a-0000-4000-8000-00000000c001'), { method: 'GET', path: '/api/me/external' })).status, 200);
      const stored = (await app.app.store.externalSupervisors.get({ partition: alex.id, id: 'stage-2' }))!.value;
      assert.equal(stored.status.kind, 'accepted');
    });
  });

  describe('afterwards', () => {
    it('audited every invitation, acceptance, share, revocation and sign-off — by ids, never the email', async () => {
      const rows = (await app.app.audit.page({ limit: 1000 })).entries;
      const actions = new Set(rows.map((e) => e.action));
      for (const a of ['invite_external_supervisor', 'accept_external_invitation', 'share_clips_for_meeting', 'revoke_external_supervisor', 'sign_off_stage', 'end_external_invitation']) assert.ok(actions.has(a), a);
      assert.doesNotMatch(JSON.stringify(rows), /aviguk\.example/i);
    });

    it('logged no email address, clip title or name', () => {
      const leaks = app.logLines.filter((l) => /aviguk\.example|Bath time|Gwen Guest|Lynne Robinson|Megan Bowen/i.test(l));
      assert.deepEqual(leaks, []);
    });
  });
});
