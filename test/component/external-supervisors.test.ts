import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { acceptInvitations } from '../../src/app/external-supervisors/accept';
import { inviteExternalSupervisor, listExternalSupervisors, revokeExternalSupervisor } from '../../src/app/external-supervisors/invite';
import { signOffAsExternalSupervisor } from '../../src/app/external-supervisors/sign-off';
import type { AppDeps } from '../../src/app/deps';
import { identify, rolesOf, type Actor } from '../../src/app/people';
import { getMyProgress } from '../../src/app/progress';
import { demoExternalSupervisor, demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { recordStageMeeting } from '../../src/app/stages/stage-meeting';
import { addDays } from '../../src/domain/dates';
import { AttuneError, type ErrorCode } from '../../src/domain/errors';
import type { Enrolment } from '../../src/domain/practice';
import { startSeededStore } from '../support/seeded-store';

const fails = (code: ErrorCode) => (e: unknown): boolean => e instanceof AttuneError && e.code === code;
const idOf = (key: keyof typeof demoPeople): string => `${demoTenantId}:${demoPeople[key].objectId}`;
const lynneId = `${demoTenantId}:${demoExternalSupervisor.objectId}`;

describe('external supervisor use cases (seeded Azurite)', () => {
  let app: AppDeps;
  let store: { app: AppDeps; stop(): Promise<void> };
  let alex: Enrolment;
  let megan: Enrolment;
  const actor = async (key: keyof typeof demoPeople): Promise<Actor> => (await identify(app, { tenantId: demoTenantId, objectId: demoPeople[key].objectId }))!;

  before(async () => {
    store = await startSeededStore();
    app = store.app;
    const enrolments = (await app.store.enrolments.list()).map((e) => e.value);
    alex = enrolments.find((e) => e.traineeId === idOf('trainee'))!;
    megan = enrolments.find((e) => e.traineeId === idOf('secondTrainee'))!;
    // Megan meets stage 1 (as in bot-records): a second family, six reviewed cycles, 7 hours of supervision.
    const granted = { granted: true, recordedAt: '2026-05-01T09:00:00Z' };
    await app.store.cases.create({ id: 'uc-case-2', enrolmentId: megan.id, code: 'FAM-0297', lawfulBasis: 'public_task', consent: { filming: granted, supervisor_viewing: granted, peer_intervision: granted, training_use: granted }, openedOn: '2026-05-01' });
    for (let i = 0; i < 4; i++) await app.store.cycles.create({ id: `uc-cycle-${i}`, enrolmentId: megan.id, caseId: 'uc-case-2', filmedOn: addDays('2026-05-02', i * 7), sharedReviewOn: addDays('2026-05-05', i * 7) });
    for (let i = 0; i < 3; i++) await app.store.supervision.create({ id: `uc-session-${i}`, enrolmentId: megan.id, heldOn: addDays('2026-05-03', i * 7), minutes: 90, mode: 'teams', caseIds: [], clipIds: [] });
  });
  after(async () => store.stop());

  it('seeds Lynne as the external supervisor of Alex’s stage 2, and gives her that role only', async () => {
    assert.deepEqual(await rolesOf(app, lynneId), ['external_supervisor']);
    const [invitation] = await listExternalSupervisors(app, { actor: await actor('supervisor'), enrolmentId: alex.id });
    assert.deepEqual([invitation?.stage, invitation?.status, invitation?.inviteeName], [2, 'accepted', demoExternalSupervisor.displayName]);
  });

  it('lets a service admin invite, for a stage the pathway has and that is current', async () => {
    const admin = await actor('admin');
    await assert.rejects(inviteExternalSupervisor(app, { actor: admin, enrolmentId: megan.id, stage: 4, email: 'x@aviguk.example' }), fails('invalid_input'));
    await assert.rejects(inviteExternalSupervisor(app, { actor: admin, enrolmentId: megan.id, stage: 2, email: 'x@aviguk.example' }), fails('invalid_state'));
    await assert.rejects(inviteExternalSupervisor(app, { actor: await actor('lineManager'), enrolmentId: megan.id, stage: 1, email: 'x@aviguk.example' }), fails('not_found'));
    const view = await inviteExternalSupervisor(app, { actor: admin, enrolmentId: megan.id, stage: 1, email: 'First.Guest@AVIGuk.example', until: '2026-06-30' });
    assert.deepEqual([view.email, view.status, view.until], ['first.guest@aviguk.example', 'invited', '2026-07-01T00:00:00.000Z']);
    await assert.rejects(inviteExternalSupervisor(app, { actor: admin, enrolmentId: megan.id, stage: 1, email: 'second@aviguk.example' }), fails('conflict'));
  });

  it('replaces a revoked invitation with a new one', async () => {
    const supervisor = await actor('supervisor');
    assert.equal((await revokeExternalSupervisor(app, { actor: supervisor, enrolmentId: megan.id, stage: 1 })).status, 'revoked');
    await assert.rejects(revokeExternalSupervisor(app, { actor: supervisor, enrolmentId: megan.id, stage: 1 }), fails('invalid_state'));
    const view = await inviteExternalSupervisor(app, { actor: supervisor, enrolmentId: megan.id, stage: 1, email: 'second.guest@aviguk.example' });
    assert.equal(view.status, 'invited');
  });

  it('accepts on sign-in for the matching email only, creating the person with the token’s name', async () => {
    assert.equal(await acceptInvitations(app, { identity: { tenantId: demoTenantId, objectId: 'guest-oid-1', email: 'first.guest@aviguk.example' } }), null);
    const person = await acceptInvitations(app, { identity: { tenantId: demoTenantId, objectId: 'guest-oid-2', email: 'second.guest@aviguk.example', displayName: 'Sam Second' } });
    assert.deepEqual(person, { id: `${demoTenantId}:guest-oid-2`, tenantId: demoTenantId, objectId: 'guest-oid-2', displayName: 'Sam Second' });
    assert.deepEqual(await rolesOf(app, person.id), ['external_supervisor']);
    assert.equal(await acceptInvitations(app, { identity: { tenantId: demoTenantId, objectId: 'guest-oid-3', email: 'second.guest@aviguk.example' } }), null);
  });

  it('makes the supervisor’s form record the meeting without ending the stage while an invitation is open', async () => {
    const out = await recordStageMeeting(app, { actor: await actor('supervisor'), enrolmentId: megan.id, submissionId: 'uc-meeting-0001', meeting: { heldOn: '2026-06-14', minutes: 60, outcome: 'signed_off', externalSupervisorTookPart: true } });
    assert.deepEqual([out.value.meeting.outcome, out.value.meeting.awaitingExternalSignOff], ['not_yet', { recommended: 'signed_off' }]);
    assert.equal((await getMyProgress(app, idOf('secondTrainee')))!.currentStage, 1);
  });

  it('lets the external supervisor record not yet (access stays), then sign off (the stage ends, and access with it)', async () => {
    const sam = { person: { id: `${demoTenantId}:guest-oid-2`, tenantId: demoTenantId, objectId: 'guest-oid-2', displayName: 'Sam Second' } };
    const notYet = await signOffAsExternalSupervisor(app, { actor: sam, enrolmentId: megan.id, submissionId: 'uc-external-0001', meeting: { heldOn: '2026-06-14', minutes: 60, outcome: 'not_yet' } });
    assert.equal(notYet.value.externalSupervisorId, sam.person.id);
    assert.deepEqual(await rolesOf(app, sam.person.id), ['external_supervisor']);
    await assert.rejects(signOffAsExternalSupervisor(app, { actor: sam, enrolmentId: alex.id, submissionId: 'uc-external-0002', meeting: { heldOn: '2026-06-14', minutes: 60, outcome: 'signed_off' } }), fails('not_found'));
    const signed = await signOffAsExternalSupervisor(app, { actor: sam, enrolmentId: megan.id, submissionId: 'uc-external-0003', meeting: { heldOn: '2026-06-15', minutes: 60, outcome: 'signed_off' } });
    assert.equal(signed.kind, 'changed');
    const p = (await getMyProgress(app, idOf('secondTrainee')))!;
    assert.deepEqual([p.stages[0]!.status, p.stages[0]!.completedOn, p.currentStage], ['complete', '2026-06-15', 2]);
    assert.deepEqual(await rolesOf(app, sam.person.id), []);
    await assert.rejects(signOffAsExternalSupervisor(app, { actor: sam, enrolmentId: megan.id, submissionId: 'uc-external-0003', meeting: { heldOn: '2026-06-15', minutes: 60, outcome: 'signed_off' } }), fails('not_found'));
  });

  it('leaves the supervisor’s own sign-off as it was when no invitation is open (the external supervisor has no account)', async () => {
    const out = await recordStageMeeting(app, { actor: await actor('supervisor'), enrolmentId: megan.id, submissionId: 'uc-meeting-0002', meeting: { heldOn: '2026-06-15', minutes: 60, outcome: 'not_yet', externalSupervisorTookPart: true } });
    assert.equal(out.value.meeting.awaitingExternalSignOff, undefined);
  });
});
