/**
 * The authorisation matrix: every HTTP route × every role, with the status each must get. A route added
 * without a row here fails the test, so nobody can add a way in without saying who may use it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { demoExternalSupervisor, demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { devSignIn, startTestApp, type TestApp } from '../support/app';
import { ClipClient } from '../fixtures/clip-client';
import { makeTinyMp4 } from '../fixtures/tiny-mp4';

type Who = 'anonymous' | 'trainee' | 'secondTrainee' | 'supervisor' | 'lineManager' | 'admin' | 'external';
const everyone: Who[] = ['anonymous', 'trainee', 'secondTrainee', 'supervisor', 'lineManager', 'admin', 'external'];

/** Real objects made before the matrix runs: Alex's clip, a second clip and uploads to act on. */
interface Objects {
  readonly clip: string;
  readonly doomedClip: string;
  readonly upload: string;
  readonly doomedUpload: string;
  readonly caseId: string;
}

interface Row {
  /** What the route is for, and who may use it. */
  readonly access: 'public' | 'development' | 'bot' | 'static' | 'signed-in' | 'service-admin';
  /** The status each caller gets for a plain request (GET without body unless `body` is set). */
  readonly expect: Readonly<Record<Who, number>>;
  readonly path?: string | ((o: Objects) => string);
  readonly body?: unknown;
  /** Sent as raw bytes instead of JSON. */
  readonly bytes?: Uint8Array<ArrayBuffer>;
}

// Alex's enrolment. Rows below: who gets what on Alex's own objects — Alex (trainee), Megan (another trainee),
// Alex's supervisor, the line manager, the admin, and Lynne, the external supervisor invited to Alex's stage 2
// meeting (who has been shared no clip, so every clip is someone else's to her).
const alex = '/api/enrolments/demo-0001';
const ownerAndSupervisor = (ok: number): Record<Who, number> => ({ anonymous: 401, trainee: ok, secondTrainee: 404, supervisor: ok, lineManager: 404, admin: 404, external: 404 });
const ownerOnly = (ok: number): Record<Who, number> => ({ anonymous: 401, trainee: ok, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 404, external: 404 });
const nobody: Record<Who, number> = { anonymous: 401, trainee: 404, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 404, external: 404 };

const publicRow = (status = 200): Row => ({ access: 'public', expect: Object.fromEntries(everyone.map((w) => [w, status])) as Record<Who, number> });
const signedIn: Row = { access: 'signed-in', expect: { anonymous: 401, trainee: 200, secondTrainee: 200, supervisor: 200, lineManager: 200, admin: 200, external: 200 } };
const adminOnly: Row = { access: 'service-admin', expect: { anonymous: 401, trainee: 404, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 200, external: 404 } };

const matrix: Readonly<Record<string, Row>> = {
  'GET /healthz': publicRow(),
  'GET /readyz': publicRow(),
  'GET /api/config': publicRow(),
  'GET /api/me': signedIn,
  'GET /api/me/progress': signedIn,
  'GET /api/me/trainees': signedIn,
  'GET /api/me/clip-views': signedIn,
  'GET /api/audit': adminOnly,
  'GET /api/audit/export': adminOnly,
  'GET /api/me/progress/history': signedIn,
  'GET /api/admin/service': adminOnly,
  // Without If-Match the admin is told to send it (400); everyone else cannot see the service at all.
  'PUT /api/admin/service': { access: 'service-admin', expect: { anonymous: 401, trainee: 404, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 400, external: 404 }, body: {} },
  'POST /api/admin/pathways': { access: 'service-admin', expect: { anonymous: 401, trainee: 404, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 400, external: 404 }, body: {} },
  // Reminders made visible (issue 12): the admin's page of their own service; each person's own reminders.
  'GET /api/admin/reminders': adminOnly,
  'GET /api/admin/reminders/rules': adminOnly,
  'PUT /api/admin/reminders/rules': { access: 'service-admin', expect: { anonymous: 401, trainee: 404, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 400, external: 404 }, body: {} },
  'GET /api/admin/reminders/preview/:ruleId': { ...adminOnly, path: '/api/admin/reminders/preview/record.write' },
  'GET /api/me/reminders': signedIn,
  'PUT /api/me/reminders/preferences': { access: 'signed-in', expect: { anonymous: 401, trainee: 400, secondTrainee: 400, supervisor: 400, lineManager: 400, admin: 400, external: 400 }, body: {} },
  // Nobody has muted or snoozed anything yet: there is nothing of one's own to remove (another's mute is never reached).
  'DELETE /api/me/reminders/mutes/:ruleId': { access: 'signed-in', expect: nobody, path: '/api/me/reminders/mutes/record.write' },
  'DELETE /api/me/reminders/snoozes/:ruleId': { access: 'signed-in', expect: nobody, path: '/api/me/reminders/snoozes/record.write' },
  // The tab (issue 6). demo-0001 is Alex's enrolment: Alex and his supervisor see its practice; Megan, the line manager and the admin do not.
  'GET /api/enrolments/:enrolmentId/practice': { access: 'signed-in', expect: { anonymous: 401, trainee: 200, secondTrainee: 404, supervisor: 200, lineManager: 404, admin: 404, external: 404 }, path: '/api/enrolments/demo-0001/practice' },
  // Case lifecycle (issue 14): the trainee and their supervisor close a case and change its consent. A change
  // from a version never read is stale (200, nothing changes); a close in the future is refused after the gate (400).
  'POST /api/enrolments/:enrolmentId/cases/:caseId/consent': { access: 'signed-in', expect: ownerAndSupervisor(200), path: (o) => `${alex}/cases/${o.caseId}/consent`, body: { fromVersion: 99, scopes: { filming: false, supervisor_viewing: false, peer_intervision: false, training_use: false }, reviewOn: null } },
  'POST /api/enrolments/:enrolmentId/cases/:caseId/end-of-involvement': { access: 'signed-in', expect: ownerAndSupervisor(400), path: (o) => `${alex}/cases/${o.caseId}/end-of-involvement`, body: { on: '2999-01-01' } },
  'GET /api/admin/clips': adminOnly,
  'GET /api/me/records-to-cosign': signedIn,
  // No such record: 404 for everyone, the supervisor included; the trainee is refused at the enrolment.
  'POST /api/enrolments/:enrolmentId/records/:recordId/review': { access: 'signed-in', expect: { anonymous: 401, trainee: 404, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 404, external: 404 }, path: '/api/enrolments/demo-0001/records/no-such-record/review', body: { revision: 1, decision: 'cosign' } },
  'GET /api/me/contracts': signedIn,
  // An empty body is unreadable terms (400) for anyone signed in; starting is refused to non-trainees by the use case.
  'POST /api/me/contracts': { access: 'signed-in', expect: { anonymous: 401, trainee: 400, secondTrainee: 400, supervisor: 400, lineManager: 400, admin: 400, external: 400 }, body: {} },
  // Alex's contract: its three parties get an answer (version 99 is stale, so nothing changes); anyone else, 404.
  'POST /api/enrolments/:enrolmentId/contract/sign': { access: 'signed-in', expect: { anonymous: 401, trainee: 200, secondTrainee: 404, supervisor: 200, lineManager: 200, admin: 404, external: 404 }, path: '/api/enrolments/demo-0001/contract/sign', body: { version: 99 } },
  'POST /api/enrolments/:enrolmentId/contract/decline': { access: 'signed-in', expect: { anonymous: 401, trainee: 200, secondTrainee: 404, supervisor: 200, lineManager: 200, admin: 404, external: 404 }, path: '/api/enrolments/demo-0001/contract/decline', body: { version: 99, reason: 'Not now' } },
  // Scheduling (issue 11): trainee and supervisor plan; the line manager sees the dates; anyone else, 404.
  'GET /api/enrolments/:enrolmentId/schedule': { access: 'signed-in', expect: { anonymous: 401, trainee: 200, secondTrainee: 404, supervisor: 200, lineManager: 200, admin: 404, external: 404 }, path: `${alex}/schedule` },
  'GET /api/enrolments/:enrolmentId/schedule/times': { access: 'signed-in', expect: ownerAndSupervisor(200), path: `${alex}/schedule/times` },
  // A time in the past: the two who may book are told why (400) only after the gate; everyone else is not told the enrolment exists.
  'POST /api/enrolments/:enrolmentId/schedule': { access: 'signed-in', expect: ownerAndSupervisor(400), path: `${alex}/schedule`, body: { bookingId: 'matrix-booking-0001', start: '2020-01-06T10:00:00Z', end: '2020-01-06T11:00:00Z' } },
  'POST /api/enrolments/:enrolmentId/schedule/:plannedId/reschedule': { access: 'signed-in', expect: nobody, path: `${alex}/schedule/no-such-booking/reschedule`, body: { start: '2030-01-07T10:00:00Z', end: '2030-01-07T11:00:00Z' } },
  'POST /api/enrolments/:enrolmentId/schedule/:plannedId/cancel': { access: 'signed-in', expect: nobody, path: `${alex}/schedule/no-such-booking/cancel`, body: {} },
  'GET /api/enrolments/:enrolmentId/schedule/:plannedId/calendar.ics': { access: 'signed-in', expect: nobody, path: `${alex}/schedule/no-such-booking/calendar.ics` },
  // The clip vault (issue 4), on real objects.
  'POST /api/enrolments/:enrolmentId/clip-uploads': { access: 'signed-in', expect: ownerOnly(201), path: `${alex}/clip-uploads`, body: 'start' },
  'GET /api/enrolments/:enrolmentId/clip-uploads/:uploadId': { access: 'signed-in', expect: ownerOnly(200), path: (o) => `${alex}/clip-uploads/${o.upload}` },
  'PUT /api/enrolments/:enrolmentId/clip-uploads/:uploadId/blocks/:index': { access: 'signed-in', expect: ownerOnly(400), path: (o) => `${alex}/clip-uploads/${o.upload}/blocks/0`, bytes: new Uint8Array([1, 2, 3]) },
  'POST /api/enrolments/:enrolmentId/clip-uploads/:uploadId/commit': { access: 'signed-in', expect: ownerOnly(409), path: (o) => `${alex}/clip-uploads/${o.upload}/commit`, body: {} },
  'DELETE /api/enrolments/:enrolmentId/clip-uploads/:uploadId': { access: 'signed-in', expect: ownerOnly(200), path: (o) => `${alex}/clip-uploads/${o.doomedUpload}` },
  'GET /api/enrolments/:enrolmentId/clips': { access: 'signed-in', expect: ownerAndSupervisor(200), path: `${alex}/clips` },
  'GET /api/enrolments/:enrolmentId/clips/:clipId': { access: 'signed-in', expect: ownerAndSupervisor(200), path: (o) => `${alex}/clips/${o.clip}` },
  'DELETE /api/enrolments/:enrolmentId/clips/:clipId': { access: 'signed-in', expect: ownerOnly(200), path: (o) => `${alex}/clips/${o.doomedClip}` },
  'PUT /api/enrolments/:enrolmentId/clips/:clipId/legal-hold': { access: 'service-admin', expect: { ...nobody, admin: 200 }, path: (o) => `${alex}/clips/${o.clip}/legal-hold`, body: { on: false } },
  'POST /api/enrolments/:enrolmentId/clips/:clipId/playback': { access: 'signed-in', expect: ownerAndSupervisor(201), path: (o) => `${alex}/clips/${o.clip}/playback`, body: {} },
  'POST /api/enrolments/:enrolmentId/clips/:clipId/moments': { access: 'signed-in', expect: ownerOnly(201), path: (o) => `${alex}/clips/${o.clip}/moments`, body: { startMs: 0, endMs: 2000, tags: ['being_attentive'] } },
  'DELETE /api/enrolments/:enrolmentId/clips/:clipId/moments/:momentId': { access: 'signed-in', expect: nobody, path: (o) => `${alex}/clips/${o.clip}/moments/no-such-moment` },
  'POST /api/enrolments/:enrolmentId/clips/:clipId/stills': { access: 'signed-in', expect: ownerOnly(201), path: (o) => `${alex}/clips/${o.clip}/stills`, body: { atMs: 1000 } },
  'DELETE /api/enrolments/:enrolmentId/clips/:clipId/stills/:stillId': { access: 'signed-in', expect: nobody, path: (o) => `${alex}/clips/${o.clip}/stills/no-such-still` },
  // Still pictures (issue 13): no such still, so nobody reaches one; the picture is checked as the clip is.
  'PUT /api/enrolments/:enrolmentId/clips/:clipId/stills/:stillId/image': { access: 'signed-in', expect: nobody, path: (o) => `${alex}/clips/${o.clip}/stills/no-such-still/image` },
  'GET /api/enrolments/:enrolmentId/clips/:clipId/stills/:stillId/image': { access: 'signed-in', expect: nobody, path: (o) => `${alex}/clips/${o.clip}/stills/no-such-still/image` },
  // Review pairs (issue 13): an empty link is unreadable for anyone signed in; Alex's clip is an interaction clip, not a shared review, so its pair is refused with a reason (400) to those who may see it.
  'PUT /api/enrolments/:enrolmentId/clips/:clipId/reviewed-clip': { access: 'signed-in', expect: { anonymous: 401, trainee: 400, secondTrainee: 400, supervisor: 400, lineManager: 400, admin: 400, external: 400 }, path: (o) => `${alex}/clips/${o.clip}/reviewed-clip`, body: {} },
  'GET /api/enrolments/:enrolmentId/clips/:clipId/review-pair': { access: 'signed-in', expect: ownerAndSupervisor(400), path: (o) => `${alex}/clips/${o.clip}/review-pair` },
  // The principle vocabulary (issue 13): the admin publishes; the trainee and their supervisor read the report.
  'POST /api/admin/vocabularies': { access: 'service-admin', expect: { anonymous: 401, trainee: 404, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 400, external: 404 }, body: {} },
  'GET /api/enrolments/:enrolmentId/principle-report': { access: 'signed-in', expect: ownerAndSupervisor(200), path: `${alex}/principle-report` },
  'POST /api/enrolments/:enrolmentId/clips/:clipId/comments': { access: 'signed-in', expect: ownerAndSupervisor(201), path: (o) => `${alex}/clips/${o.clip}/comments`, body: { atMs: 1000, text: 'Lovely turn-taking here' } },
  'DELETE /api/enrolments/:enrolmentId/clips/:clipId/comments/:commentId': { access: 'signed-in', expect: nobody, path: (o) => `${alex}/clips/${o.clip}/comments/no-such-comment` },
  // The external supervisor (issue 11), on Alex's stage 2 meeting, to which Lynne is invited.
  'GET /api/enrolments/:enrolmentId/external-supervisors': { access: 'signed-in', expect: { ...nobody, trainee: 200, supervisor: 200, admin: 200 }, path: `${alex}/external-supervisors` },
  // Lynne's invitation is open, so a second one is refused (409) to those who may invite; everyone else cannot see it.
  'POST /api/enrolments/:enrolmentId/external-supervisors': { access: 'signed-in', expect: { ...nobody, supervisor: 409, admin: 409 }, path: `${alex}/external-supervisors`, body: { stage: 2, email: 'someone@aviguk.example' } },
  // Stage 1 has no invitation: not found, for those who may revoke too (a real revocation is in external-supervisor-http).
  'DELETE /api/enrolments/:enrolmentId/external-supervisors/:stage': { access: 'signed-in', expect: nobody, path: `${alex}/external-supervisors/1` },
  'PUT /api/enrolments/:enrolmentId/external-supervisors/:stage/shared-clips': { access: 'signed-in', expect: ownerOnly(200), path: `${alex}/external-supervisors/2/shared-clips`, body: { clipIds: [] } },
  'GET /api/me/external': signedIn,
  // Only Lynne may record the meeting's outcome (not yet: the stage's requirements are not met).
  'POST /api/enrolments/:enrolmentId/external-sign-off': { access: 'signed-in', expect: { ...nobody, external: 201 }, path: `${alex}/external-sign-off`, body: { submissionId: 'matrix-signoff-0001', heldOn: new Date().toISOString().slice(0, 10), minutes: 60, outcome: 'not_yet' } },
  // The media route takes a playback grant, not a bearer token: a made-up grant is nothing, for everyone.
  'GET /api/media/:grant': { ...publicRow(404), access: 'public', path: '/api/media/not-a-real-grant' },
  'HEAD /api/media/:grant': { ...publicRow(404), access: 'public', path: '/api/media/not-a-real-grant' },
  'GET /api/dev/people': { ...publicRow(), access: 'development' },
  // The OpenAPI document describes the API, nothing in it: development only, like the sign-in.
  'GET /api/openapi.json': { ...publicRow(), access: 'development' },
  'POST /api/dev/sign-in': { ...publicRow(400), access: 'development', body: {} },
  'GET /dev-issuer/:tenant/discovery/v2.0/keys': { ...publicRow(), access: 'development', path: `/dev-issuer/${demoTenantId}/discovery/v2.0/keys` },
  // The bot authenticates with Bot Framework tokens, not tab tokens: an empty body is refused for everyone.
  'POST /api/messages': { access: 'bot', expect: Object.fromEntries(everyone.map((w) => [w, 400])) as Record<Who, number>, body: {} },
  'GET /tab/*': { ...publicRow(), access: 'static', path: '/tab/' },
  'GET /tab': { ...publicRow(302), access: 'static' },
  'GET /': { ...publicRow(302), access: 'static' },
};

describe('authorisation matrix', () => {
  let app: TestApp;
  let objects: Objects;
  const tokens = new Map<Who, string>();

  before(async () => {
    app = await startTestApp();
    for (const who of everyone) {
      if (who === 'anonymous') continue;
      const objectId = who === 'external' ? demoExternalSupervisor.objectId : demoPeople[who].objectId;
      tokens.set(who, await devSignIn(app.baseUrl, `${demoTenantId}:${objectId}`));
    }
    // Alex's case whose family consented to supervisor viewing, and real clips and uploads on it.
    const cases = (await app.app.store.cases.list('demo-0001')).map((c) => c.value);
    const caseId = cases.find((c) => c.consent.supervisor_viewing.granted)!.id;
    const client = new ClipClient(app.baseUrl, tokens.get('trainee')!);
    const video = makeTinyMp4({ seconds: 2 });
    const startUpload = async (): Promise<string> => (await client.start('demo-0001', { caseId, kind: 'client_interaction', title: 'Matrix clip', size: video.length })).body.upload.id;
    objects = {
      caseId,
      clip: await client.upload('demo-0001', { caseId, data: video }),
      doomedClip: await client.upload('demo-0001', { caseId, data: video }),
      upload: await startUpload(),
      doomedUpload: await startUpload(),
    };
  });
  after(async () => app.stop());

  it('has a row for every route the server serves, and no row for a route it does not', () => {
    const served = [...app.routes].sort();
    assert.deepEqual(served.filter((r) => !(r in matrix)), [], 'routes without a row in the authorisation matrix');
    assert.deepEqual(Object.keys(matrix).filter((r) => !served.includes(r)).sort(), [], 'rows for routes the server does not serve');
  });

  for (const [route, row] of Object.entries(matrix)) {
    it(`${route}: ${row.access}`, async () => {
      const [method, pattern] = route.split(' ') as [string, string];
      const path = typeof row.path === 'function' ? row.path(objects) : (row.path ?? pattern);
      const body = row.body === 'start' ? { caseId: objects.caseId, kind: 'client_interaction', title: 'Another clip', size: 1000 } : row.body;
      // Refusals first, so an owner's delete runs after everyone else has been refused the live object.
      const order = [...everyone].sort((a, b) => Number(row.expect[a] < 300) - Number(row.expect[b] < 300));
      for (const who of order) {
        const token = tokens.get(who);
        const res = await fetch(`${app.baseUrl}${path}`, {
          method,
          redirect: 'manual',
          headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(row.bytes ? { 'Content-Type': 'application/octet-stream' } : body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
          ...(row.bytes ? { body: row.bytes } : body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        await res.arrayBuffer();
        assert.equal(res.status, row.expect[who], `${route} as ${who}`);
      }
    });
  }

  it('serves no development route when development sign-in is off', async () => {
    const plain = await startTestApp({ env: { DEV_SIGN_IN: 'false' } });
    try {
      assert.deepEqual(plain.routes.filter((r) => r.includes('/dev')), []);
      assert.equal((await fetch(`${plain.baseUrl}/api/dev/people`)).status, 404);
      assert.equal(((await (await fetch(`${plain.baseUrl}/api/config`)).json()) as { devSignIn: boolean }).devSignIn, false);
    } finally {
      await plain.stop();
    }
  });
});
