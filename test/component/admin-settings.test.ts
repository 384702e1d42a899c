import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { avigukPreset } from '../../src/domain/pathway';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import type { ServiceView } from '../../src/app/service-settings';
import type { ProgressPoint } from '../../src/domain/progress';
import type { AuditPage } from '../../src/ports/audit';
import { devSignIn, getJson, startTestApp, type TestApp } from '../support/app';

const idOf = (key: keyof typeof demoPeople): string => `${demoTenantId}:${demoPeople[key].objectId}`;

describe('service settings (service admin)', () => {
  let app: TestApp;
  let admin: string;
  before(async () => {
    app = await startTestApp();
    admin = await devSignIn(app.baseUrl, idOf('admin'));
  });
  after(async () => app.stop());

  const send = async (request: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> => {
    const [method, path] = request.split(' ') as [string, string];
    const res = await fetch(`${app.baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('shows the service, every pathway version and the principle vocabulary', async () => {
    const res = await getJson<ServiceView>(`${app.baseUrl}/api/admin/service`, admin);
    assert.equal(res.status, 200);
    assert.equal(res.body.service.retentionMonthsAfterEnd, 2);
    assert.deepEqual(res.body.pathways.map((p) => `${p.id}@${p.version}`).sort(), ['aviguk-legacy@1', 'aviguk@1', 'vig-orkney@1']);
    assert.equal(res.body.vocabulary.principles.length, 6);
  });

  it('changes retention and lawful basis with the current ETag, and refuses a stale one', async () => {
    const view = (await getJson<ServiceView>(`${app.baseUrl}/api/admin/service`, admin)).body;
    const change = { lawfulBasis: 'consent', retentionMonthsAfterEnd: 6, pathway: view.service.pathway };
    const ok = await send('PUT /api/admin/service', change, { 'If-Match': view.etag });
    assert.equal(ok.status, 200);
    assert.equal((ok.body.service as { retentionMonthsAfterEnd: number }).retentionMonthsAfterEnd, 6);
    const stale = await send('PUT /api/admin/service', { ...change, retentionMonthsAfterEnd: 9 }, { 'If-Match': view.etag });
    assert.equal(stale.status, 409);
    assert.equal((await getJson<ServiceView>(`${app.baseUrl}/api/admin/service`, admin)).body.service.retentionMonthsAfterEnd, 6);
  });

  it('explains every problem with a bad settings change', async () => {
    const view = (await getJson<ServiceView>(`${app.baseUrl}/api/admin/service`, admin)).body;
    const bad = await send('PUT /api/admin/service', { lawfulBasis: 'vibes', retentionMonthsAfterEnd: -1, pathway: { id: 'nope', version: 1 } }, { 'If-Match': view.etag });
    assert.equal(bad.status, 400);
    const details = (bad.body.error as { details: string[] }).details;
    assert.equal(details.length, 2);
    const missing = await send('PUT /api/admin/service', { lawfulBasis: 'consent', retentionMonthsAfterEnd: 2, pathway: { id: 'nope', version: 1 } }, { 'If-Match': view.etag });
    assert.equal(missing.status, 400);
  });

  it('saves an edited preset as the next version, and a copy under a new id as version 1', async () => {
    const edited = await send('POST /api/admin/pathways', { ...avigukPreset, version: undefined, stages: avigukPreset.stages.map((s) => ({ ...s, supervisionMinutesRequired: 540 })) });
    assert.equal(edited.status, 201);
    assert.equal((edited.body.pathway as { version: number }).version, 2);
    const copied = await send('POST /api/admin/pathways', { ...avigukPreset, id: 'our-service', name: 'Our service pathway' });
    assert.equal((copied.body.pathway as { id: string; version: number }).version, 1);
    const view = (await getJson<ServiceView>(`${app.baseUrl}/api/admin/service`, admin)).body;
    assert.ok(view.pathways.some((p) => p.id === 'aviguk' && p.version === 2 && p.stages[0]?.supervisionMinutesRequired === 540));
    assert.ok(view.pathways.some((p) => p.id === 'aviguk' && p.version === 1 && p.stages[0]?.supervisionMinutesRequired === 420), 'the old version stays');
  });

  it('refuses a broken pathway with the reasons', async () => {
    const res = await send('POST /api/admin/pathways', { ...avigukPreset, stages: [{ ...avigukPreset.stages[0], stage: 2, cyclesRequired: -3, meeting: { kind: 'transition', minutes: 60 } }] });
    assert.equal(res.status, 400);
    const details = (res.body.error as { details: string[] }).details.join(' ');
    assert.match(details, /numbered 1, 2, 3/);
    assert.match(details, /cycles must be a whole number/);
    assert.match(details, /accreditation meeting/);
  });

  it('filters the audit log by action and outcome', async () => {
    await getJson(`${app.baseUrl}/api/me`, 'not-a-token');
    const res = await getJson<AuditPage>(`${app.baseUrl}/api/audit?action=sign_in&outcome=refused&limit=5`, admin);
    assert.equal(res.status, 200);
    assert.ok(res.body.entries.length >= 1);
    assert.ok(res.body.entries.every((e) => e.action === 'sign_in' && e.outcome === 'refused'));
    const changes = await getJson<AuditPage>(`${app.baseUrl}/api/audit?action=save_pathway_version`, admin);
    assert.equal(changes.body.entries.length, 2);
    assert.equal((await getJson(`${app.baseUrl}/api/audit?outcome=maybe`, admin)).status, 400);
  });

  it("gives a trainee their month-by-month progress ending today", async () => {
    const token = await devSignIn(app.baseUrl, idOf('trainee'));
    const res = await getJson<{ points: ProgressPoint[] }>(`${app.baseUrl}/api/me/progress/history`, token);
    assert.ok(res.body.points.length >= 8);
    const fractions = res.body.points.map((p) => p.fractionComplete);
    assert.deepEqual([...fractions].sort((a, b) => a - b), fractions, 'progress never goes down over time');
  });
});
