import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import type { AuditPage } from '../../src/ports/audit';
import { awayFromMinuteBoundary, devSignIn, getJson, startTestApp, type TestApp } from '../support/app';

const idOf = (key: keyof typeof demoPeople): string => `${demoTenantId}:${demoPeople[key].objectId}`;

describe('audit log over HTTP', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => app.stop());

  it('records a refused sign-in without the token, and shows it to a service admin', async () => {
    await getJson(`${app.baseUrl}/api/me`, 'eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ4In0.c2ln');
    const admin = await devSignIn(app.baseUrl, idOf('admin'));
    const res = await getJson<AuditPage>(`${app.baseUrl}/api/audit?limit=50`, admin);
    assert.equal(res.status, 200);
    const refusal = res.body.entries.find((e) => e.action === 'sign_in' && e.outcome === 'refused');
    assert.ok(refusal, 'a refused sign-in is in the log');
    assert.equal(refusal.actor, null);
    assert.doesNotMatch(JSON.stringify(res.body), /eyJhbGci/);
  });

  it("records a refused access to someone else's enrolment with ids only, never a name", async () => {
    const trainee = await devSignIn(app.baseUrl, idOf('trainee'));
    const theirs = (await app.app.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId === idOf('secondTrainee'))!;
    assert.equal((await getJson(`${app.baseUrl}/api/enrolments/${theirs.id}/clips`, trainee)).status, 404);
    const admin = await devSignIn(app.baseUrl, idOf('admin'));
    const res = await getJson<AuditPage>(`${app.baseUrl}/api/audit?outcome=refused&limit=20`, admin);
    const refusal = res.body.entries.find((e) => e.object.id === theirs.id);
    assert.ok(refusal, 'the refusal is in the log');
    assert.deepEqual(Object.keys(refusal.actor ?? {}).sort(), ['objectId', 'tenantId']);
    assert.doesNotMatch(JSON.stringify(res.body), /Alex Wilber|Megan Bowen/);
  });

  it('answers 404 to anyone but a service admin', async () => {
    for (const who of ['trainee', 'supervisor', 'lineManager'] as const) {
      const token = await devSignIn(app.baseUrl, idOf(who));
      assert.equal((await getJson(`${app.baseUrl}/api/audit`, token)).status, 404, who);
      assert.equal((await fetch(`${app.baseUrl}/api/audit/export`, { headers: { Authorization: `Bearer ${token}` } })).status, 404, who);
    }
  });

  it('pages newest first with a cursor that reaches older entries', async () => {
    for (let i = 0; i < 5; i++) await getJson(`${app.baseUrl}/api/me`);
    const admin = await devSignIn(app.baseUrl, idOf('admin'));
    const first = await getJson<AuditPage>(`${app.baseUrl}/api/audit?limit=2`, admin);
    assert.equal(first.body.entries.length, 2);
    assert.ok(first.body.next);
    const second = await getJson<AuditPage>(`${app.baseUrl}/api/audit?limit=2&cursor=${encodeURIComponent(first.body.next)}`, admin);
    assert.equal(second.body.entries.length, 2);
    assert.ok(second.body.entries[0]!.at <= first.body.entries[1]!.at);
    assert.notDeepEqual(second.body.entries, first.body.entries);
  });

  it('rejects a malformed cursor or limit with 400', async () => {
    const admin = await devSignIn(app.baseUrl, idOf('admin'));
    assert.equal((await getJson(`${app.baseUrl}/api/audit?cursor=${encodeURIComponent("' or 1 eq 1")}`, admin)).status, 400);
    assert.equal((await getJson(`${app.baseUrl}/api/audit?limit=9999`, admin)).status, 400);
  });

  it('exports CSV with the documented columns, and records the export', async () => {
    const admin = await devSignIn(app.baseUrl, idOf('admin'));
    const res = await fetch(`${app.baseUrl}/api/audit/export`, { headers: { Authorization: `Bearer ${admin}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    assert.equal(lines[0], 'at,actor_tenant,actor_object,action,object_kind,object_id,outcome,purpose,subject');
    assert.ok(lines.length > 1);
    const after = await getJson<AuditPage>(`${app.baseUrl}/api/audit?limit=5`, admin);
    assert.ok(after.body.entries.some((e) => e.action === 'export_audit'));
  });

  it('shows a trainee who viewed their clips, by name', async () => {
    const supervisor = demoPeople.supervisor;
    await app.app.audit.append({ at: new Date().toISOString(), actor: { tenantId: demoTenantId, objectId: supervisor.objectId }, action: 'view_clip', object: { kind: 'clip', id: 'clip-1' }, outcome: 'allowed', purpose: 'supervision review', subject: idOf('trainee') });
    const trainee = await devSignIn(app.baseUrl, idOf('trainee'));
    const res = await getJson<{ views: { viewer: string; clipId: string; purpose: string }[] }>(`${app.baseUrl}/api/me/clip-views`, trainee);
    assert.deepEqual(res.body.views.map((v) => [v.viewer, v.clipId, v.purpose]), [['Adele Vance', 'clip-1', 'supervision review']]);
    const other = await devSignIn(app.baseUrl, idOf('secondTrainee'));
    assert.deepEqual((await getJson<{ views: unknown[] }>(`${app.baseUrl}/api/me/clip-views`, other)).body.views, []);
  });
});

describe('rate limits', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_ADDRESS: '40', RATE_LIMIT_PER_PERSON: '5' } });
  });
  after(async () => app.stop());

  it('answers a person over their limit with 429 and Retry-After, never a 5xx', async () => {
    const token = await devSignIn(app.baseUrl, idOf('trainee'));
    await awayFromMinuteBoundary();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${app.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.arrayBuffer();
    }
    assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
    assert.ok(statuses.slice(5).every((s) => s === 429), statuses.join(','));
    assert.match(retryAfter ?? '', /^\d+$/);
  });

  it('answers one address over its limit with 429, and keeps /healthz answering', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, () => fetch(`${app.baseUrl}/api/config`).then(async (r) => (await r.arrayBuffer(), r.status))));
    assert.ok(results.includes(429));
    assert.ok(results.every((s) => s === 200 || s === 429), results.join(','));
    assert.equal((await fetch(`${app.baseUrl}/healthz`)).status, 200);
  });
});
