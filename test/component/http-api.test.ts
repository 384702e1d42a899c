import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { Progress } from '../../src/domain/progress';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { devSignIn, getJson, startTestApp, type TestApp } from '../support/app';

const idOf = (key: keyof typeof demoPeople): string => `${demoTenantId}:${demoPeople[key].objectId}`;
type ErrorBody = { error: { code: string; message: string } };

describe('HTTP API (real server, embedded Azurite)', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ now: () => new Date('2026-06-15T10:00:00Z') });
  });
  after(async () => app.stop());

  describe('GET /healthz', () => {
    it('answers 200 when storage answers', async () => {
      const res = await getJson<{ status: string }>(`${app.baseUrl}/healthz`);
      assert.deepEqual(res, { status: 200, body: { status: 'ok' } });
    });
  });

  describe('GET /api/config', () => {
    it('tells the tab that development sign-in is on', async () => {
      const res = await getJson<{ devSignIn: boolean }>(`${app.baseUrl}/api/config`);
      assert.equal(res.body.devSignIn, true);
    });
  });

  describe('development sign-in', () => {
    it('lists the demo people with their roles from the records', async () => {
      const res = await getJson<{ people: { id: string; roles: string[] }[] }>(`${app.baseUrl}/api/dev/people`);
      const roles = Object.fromEntries(res.body.people.map((p) => [p.id, p.roles]));
      assert.deepEqual(roles[idOf('trainee')], ['trainee']);
      assert.deepEqual(roles[idOf('supervisor')], ['supervisor']);
      assert.deepEqual(roles[idOf('lineManager')], ['line_manager']);
      assert.deepEqual(roles[idOf('admin')], ['service_admin']);
    });

    it('refuses an unknown person with 404 and a missing one with 400', async () => {
      const unknown = await fetch(`${app.baseUrl}/api/dev/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: `${demoTenantId}:nobody` }) });
      assert.equal(unknown.status, 404);
      const missing = await fetch(`${app.baseUrl}/api/dev/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      assert.equal(missing.status, 400);
      assert.match(((await missing.json()) as ErrorBody).error.message, /demo person/);
    });
  });

  describe('GET /api/me and /api/me/progress', () => {
    it("returns the signed-in trainee and their progress, computed from the records", async () => {
      const token = await devSignIn(app.baseUrl, idOf('trainee'));
      const me = await getJson<{ id: string; displayName: string; roles: string[] }>(`${app.baseUrl}/api/me`, token);
      assert.deepEqual(me.body, { id: idOf('trainee'), displayName: 'Alex Wilber', roles: ['trainee'] });
      const res = await getJson<{ progress: Progress }>(`${app.baseUrl}/api/me/progress`, token);
      const p = res.body.progress;
      assert.equal(p.currentStage, 2);
      assert.equal(p.stages[0]?.status, 'complete');
      assert.deepEqual(p.stages[0]?.supervisionMinutes, { done: 420, required: 420 });
      assert.ok(p.next.length > 0);
      assert.equal(p.asOf, '2026-06-15');
    });

    it('returns null progress for a supervisor, and their trainees instead', async () => {
      const token = await devSignIn(app.baseUrl, idOf('supervisor'));
      const mine = await getJson<{ progress: Progress | null }>(`${app.baseUrl}/api/me/progress`, token);
      assert.equal(mine.body.progress, null);
      const trainees = await getJson<{ trainees: { displayName: string; relationship: string }[] }>(`${app.baseUrl}/api/me/trainees`, token);
      assert.deepEqual(
        trainees.body.trainees.map((t) => [t.displayName, t.relationship]),
        [['Alex Wilber', 'supervisor'], ['Megan Bowen', 'supervisor']],
      );
    });

    it('gives a trainee no trainees of their own', async () => {
      const token = await devSignIn(app.baseUrl, idOf('trainee'));
      const res = await getJson<{ trainees: unknown[] }>(`${app.baseUrl}/api/me/trainees`, token);
      assert.deepEqual(res.body.trainees, []);
    });
  });

  describe('authentication', () => {
    it('answers 401 with no token, and says so clearly', async () => {
      const res = await getJson<ErrorBody>(`${app.baseUrl}/api/me`);
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'unauthenticated');
    });

    it('answers 401 to a tampered token', async () => {
      const token = await devSignIn(app.baseUrl, idOf('trainee'));
      const [h, p, s] = token.split('.') as [string, string, string];
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, oid: demoPeople.admin.objectId })).toString('base64url')}.${s}`;
      assert.equal((await getJson(`${app.baseUrl}/api/me`, forged)).status, 401);
    });

    it('never reads a token from the query string', async () => {
      const token = await devSignIn(app.baseUrl, idOf('trainee'));
      assert.equal((await getJson(`${app.baseUrl}/api/me?access_token=${token}`)).status, 401);
    });
  });

  describe('security headers', () => {
    it('forbid sniffing and referrers, and let only Teams frame the tab', async () => {
      const res = await fetch(`${app.baseUrl}/api/config`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
      assert.equal(res.headers.get('strict-transport-security'), null, 'no HSTS outside production');
    });
  });

  describe('unknown routes', () => {
    it('answer 404 in the error shape', async () => {
      const res = await getJson<ErrorBody>(`${app.baseUrl}/api/nothing-here`);
      assert.equal(res.status, 404);
      assert.equal(res.body.error.message, 'Not found.');
    });
  });

  // Mocha runs a suite's own tests before its inner suites: checks over everything above sit in a suite of their own.
  describe('after all of the above', () => {
    it('logs no token and no name', () => {
      assert.ok(app.logLines.length > 0);
      assert.ok(!app.logLines.some((l) => /eyJ|Alex Wilber|Megan Bowen|Adele Vance/.test(l)), app.logLines.join('\n'));
    });
  });
});
