/**
 * One whole flow per role in the Teams tab, in Debian's Chromium against the real app (embedded Azurite, demo
 * data, development sign-in): the trainee sends the contract, uploads a real MP4 through a dropped connection
 * and marks a moment; the supervisor finds it, jumps to the moment, comments and runs a review session into the
 * supervision record; the line manager signs the contract; the admin changes settings, saves a pathway version
 * and reads all of it in the audit log and its CSV export. Every page is checked with axe; screenshots go to
 * test-results/. The flows share one app and one browser and run in order, as the story does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { personId } from '../../src/domain/people';
import { submitSupervisionRecord } from '../../src/app/supervision-records/write-record';
import { identify } from '../../src/app/people';
import { reviseContract } from '../../src/app/contracts/revise-contract';
import { makeTinyMp4, nearestColour } from '../fixtures/tiny-mp4';
import { devSignIn, startTestApp, type TestApp } from '../support/app';
import { assertAccessible, ensureTabBuilt, launchBrowser, screenshot, watchPage } from '../support/browser';

type Who = 'trainee' | 'supervisor' | 'lineManager' | 'admin';
const idOf = (who: Who): string => personId({ tenantId: demoTenantId, objectId: demoPeople[who].objectId });
const nameOf = (who: Who): string => demoPeople[who].displayName;

// 10 s of 640×480 video, one colour a second: about 4.6 MB, so two 4 MiB blocks.
const video = makeTinyMp4({ seconds: 10, width: 640, height: 480 });
const clipTitle = 'Snack time, week 3';

describe('Teams tab: one flow per role (Chromium, real app)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  before(async () => {
    ensureTabBuilt();
    [app, browser] = await Promise.all([startTestApp({ now: () => new Date('2026-06-15T10:00:00Z') }), launchBrowser()]);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  /** A page signed in as a demo person through the development sign-in page, as a person would. */
  async function signedIn(who: Who, options: { viewport?: { width: number; height: number }; ignore?: RegExp[] } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    const seen = watchPage(page, { origin: new URL(app.baseUrl).origin, ignore: options.ignore ?? [] });
    page.on('close', () => problems.push(...seen.map((p) => `${who}: ${p}`)));
    await page.goto(`${app.baseUrl}/tab/`);
    await page.locator(`[data-testid="dev-person"][data-person-id="${idOf(who)}"]`).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${nameOf(who)}` }).waitFor();
    return page;
  }

  async function go(page: Page, nav: string, heading: RegExp | string): Promise<void> {
    await page.getByRole('navigation', { name: 'Attune' }).getByRole('link', { name: nav, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

  /** Waits until the video shows the frame at `seconds` and returns the palette index of its centre pixel. */
  async function frameColourAt(page: Page, seconds: number): Promise<number> {
    await page.waitForFunction((s) => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="clip-video"]');
      return !!v && Math.abs(v.currentTime - s) < 0.05 && !v.seeking && v.readyState >= 2;
    }, seconds);
    const rgb = await page.evaluate(async () => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="clip-video"]')!;
      await new Promise<void>((ok) => (v.requestVideoFrameCallback ? (v.requestVideoFrameCallback(() => ok()), setTimeout(ok, 300)) : setTimeout(ok, 100)));
      const c = document.createElement('canvas');
      c.width = v.videoWidth;
      c.height = v.videoHeight;
      const g = c.getContext('2d')!;
      g.drawImage(v, 0, 0);
      return Array.from(g.getImageData(c.width / 2, c.height / 2, 1, 1).data.slice(0, 3));
    });
    return nearestColour(rgb);
  }

  let clipUrl = '';

  it('trainee: sees progress over time, reads the contract, uploads an MP4 through a dropped connection, and marks a moment', async () => {
    const page = await signedIn('trainee', { ignore: [/Failed to load resource/] });

    // Home: progress per stage and the chart against the completion window, with its table alternative.
    await page.getByTestId('progress-chart').waitFor();
    const history = (await (await fetch(`${app.baseUrl}/api/me/progress/history`, { headers: { Authorization: `Bearer ${await devSignIn(app.baseUrl, idOf('trainee'))}` } })).json()) as { points: { date: string; fractionComplete: number }[] };
    const rows = page.getByTestId('progress-table').locator('tbody tr');
    assert.equal(await rows.count(), history.points.length, 'one table row per month of history');
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-date'))), history.points.map((p) => p.date));
    assert.match(await text(page, 'progress-chart-description'), /complete on .*completion window runs from/);
    await assertAccessible(page, 'trainee home');
    await screenshot(page, 'roles-trainee-home');

    // The contract: read, with all three signatures (the demo's is active).
    await go(page, 'Contract', 'Your VIG contract');
    await page.getByTestId('contract').first().waitFor();
    await assertAccessible(page, 'trainee contract');

    // Cases and clips → case FAM-0142 → its third cycle → upload.
    await go(page, 'Cases and clips', 'Cases and clips');
    const theCase = page.locator('[data-testid="case"][data-code="FAM-0142"]');
    await theCase.waitFor();
    await assertAccessible(page, 'trainee cases');
    const caseId = await theCase.getAttribute('data-case-id');
    await theCase.getByTestId('upload-to-cycle').last().click();
    await page.getByRole('heading', { level: 1, name: 'Upload a clip' }).waitFor();
    assert.equal(await page.getByTestId('upload-case').inputValue(), caseId);
    await assertAccessible(page, 'upload form');

    // A dropped connection: block 1 is held until the trainee pauses, then refused while "offline".
    let mode: 'hold' | 'offline' | 'pass' = 'hold';
    let release: () => void = () => undefined;
    const held = new Promise<void>((ok) => (release = ok));
    let block1Arrived: () => void = () => undefined;
    const arrived = new Promise<void>((ok) => (block1Arrived = ok));
    const blockPuts: string[] = [];
    page.on('requestfinished', (r) => {
      const m = /\/blocks\/(\d+)$/.exec(r.url());
      if (m && r.method() === 'PUT') blockPuts.push(m[1]!);
    });
    await page.route('**/clip-uploads/*/blocks/1', async (route) => {
      if (mode === 'hold') {
        block1Arrived();
        await held;
        await route.abort('connectionreset').catch(() => undefined);
      } else if (mode === 'offline') {
        await route.abort('internetdisconnected');
      } else {
        await route.continue();
      }
    });

    await page.getByTestId('upload-title').fill(clipTitle);
    await page.getByTestId('upload-file').setInputFiles({ name: 'IMG_0142.mp4', mimeType: 'video/mp4', buffer: video });
    await page.getByTestId('upload-start').click();
    const progress = page.getByTestId('upload-progress');
    await arrived;
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="upload-percent"]')?.getAttribute('data-fraction')) > 0.8);
    await screenshot(page, 'roles-upload-sending');
    await page.getByTestId('upload-pause').click();
    await page.locator('[data-testid="upload-progress"][data-state="paused"]').waitFor();
    mode = 'offline';
    release();
    await page.getByTestId('upload-resume').click();
    await page.locator('[data-testid="upload-progress"][data-state="interrupted"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('upload-interrupted').waitFor();
    await assertAccessible(page, 'interrupted upload');
    await screenshot(page, 'roles-upload-interrupted');
    mode = 'pass';
    await page.getByTestId('upload-resume').click();
    await page.getByTestId('upload-done').waitFor({ timeout: 30_000 });
    assert.equal(await progress.getAttribute('data-state'), 'done');
    assert.deepEqual(blockPuts.filter((b) => b === '0').length, 1, 'block 0 was sent once: resuming sent only what was missing');
    await assertAccessible(page, 'finished upload');
    await screenshot(page, 'roles-upload-done');

    // The clip page: seek to 3 s, mark a 3–8 s moment tagged "Receiving initiatives", and a still.
    await page.getByTestId('upload-open-clip').click();
    await page.getByRole('heading', { level: 1, name: clipTitle }).waitFor();
    clipUrl = page.url();
    await page.getByTestId('clip-video').waitFor();
    await page.evaluate(() => {
      document.querySelector<HTMLVideoElement>('[data-testid="clip-video"]')!.currentTime = 3;
    });
    await page.locator('[data-testid="current-time"][data-ms="3000"]').waitFor();
    assert.equal(await frameColourAt(page, 3), 3, 'the frame at 3 s arrived through the decrypting range endpoint');
    await page.getByTestId('mark-moment').click();
    const form = page.getByTestId('moment-form');
    await form.waitFor();
    assert.equal(await form.getByTestId('moment-start').inputValue(), '3');
    assert.equal(await form.getByTestId('moment-end').inputValue(), '8');
    await form.getByRole('checkbox', { name: 'Receiving initiatives' }).check();
    await assertAccessible(page, 'moment form');
    await form.getByTestId('moment-save').click();
    const moment = page.getByTestId('moment');
    await moment.waitFor();
    assert.equal(await moment.getAttribute('data-start-ms'), '3000');
    assert.equal(await moment.getAttribute('data-end-ms'), '8000');
    assert.match((await moment.textContent()) ?? '', /Receiving initiatives/);
    assert.equal(await page.getByTestId('timeline-moment').count(), 1);
    await page.getByTestId('still-caption').fill('Turning towards the child');
    await page.getByTestId('still-add').click();
    await page.getByTestId('still').waitFor();
    await assertAccessible(page, 'trainee clip page');
    await screenshot(page, 'roles-trainee-clip');
    await page.close();
  });

  it('trainee: cancels an upload, and nothing is kept', async () => {
    const page = await signedIn('trainee', { ignore: [/Failed to load resource/] });
    let release: () => void = () => undefined;
    const held = new Promise<void>((ok) => (release = ok));
    await page.route('**/clip-uploads/*/blocks/1', async (route) => {
      await held;
      await route.abort('connectionreset').catch(() => undefined);
    });
    let uploadPath = '';
    page.on('request', (r) => {
      if (r.method() === 'DELETE' && r.url().includes('/clip-uploads/')) uploadPath = new URL(r.url()).pathname;
    });
    await go(page, 'Upload', 'Upload a clip');
    await page.getByTestId('upload-title').fill('To be cancelled');
    await page.getByTestId('upload-file').setInputFiles({ name: 'cancel.mp4', mimeType: 'video/mp4', buffer: video });
    await page.getByTestId('upload-start').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="upload-percent"]')?.getAttribute('data-fraction')) > 0.8);
    await page.getByTestId('upload-cancel').click();
    await page.locator('[data-testid="upload-progress"][data-state="cancelled"]').waitFor();
    release();
    assert.ok(uploadPath, 'the tab asked the vault to discard the upload');
    const res = await fetch(`${app.baseUrl}${uploadPath}`, { headers: { Authorization: `Bearer ${await devSignIn(app.baseUrl, idOf('trainee'))}` } });
    assert.equal(res.status, 404, 'the cancelled upload session is gone');
    await page.close();
  });

  it('supervisor: finds the clip from the trainee list, jumps to the moment, comments with the keyboard, and summarises a review into the supervision record', async () => {
    // A supervision record waiting for co-signing, written by the trainee (with the bot, in real life) unless the demo has one.
    const enrolmentId = clipUrl.split('#/clips/')[1]!.split('/')[0]!;
    const records = (await app.app.store.supervisionRecords.list(enrolmentId)).map((r) => r.value);
    if (!records.some((r) => r.state.status === 'awaiting_cosign')) {
      const trainee = await identify(app.app, { tenantId: demoTenantId, objectId: demoPeople.trainee.objectId });
      const session = (await app.app.store.supervision.list(enrolmentId)).map((s) => s.value).find((s) => !records.some((r) => r.sessionId === s.id));
      await submitSupervisionRecord(app.app, {
        actor: trainee!,
        sessionId: session!.id,
        revision: null,
        content: { learningQuestion: 'How do I wait for initiatives?', whatWasWorking: 'Waiting at snack time.', principles: ['receiving_initiatives'], learningPoints: 'Pausing helps.', nextSteps: 'Film again.', consentConfirmed: true },
      });
    }

    const page = await signedIn('supervisor');
    const card = page.locator(`[data-testid="trainee"][data-trainee-id="${idOf('trainee')}"]`);
    await card.waitFor();
    assert.match(await card.getByTestId('glance-cycles').textContent() ?? '', /\d+ of \d+/);
    await card.getByTestId('trainee-records').waitFor();
    await assertAccessible(page, 'supervisor home');
    await screenshot(page, 'roles-supervisor-home');

    await card.getByTestId('trainee-link').click();
    await page.getByRole('heading', { level: 1, name: nameOf('trainee') }).waitFor();
    await page.getByRole('link', { name: clipTitle }).waitFor();
    assert.equal(await page.locator('[data-testid="case"][data-code="FAM-0171"]').getByTestId('clip').count(), 0, 'no clips from a case without supervisor-viewing consent');
    await assertAccessible(page, 'supervisor trainee page');
    await screenshot(page, 'roles-supervisor-trainee');

    await page.getByRole('link', { name: clipTitle }).click();
    await page.getByRole('heading', { level: 1, name: clipTitle }).waitFor();
    await page.getByTestId('clip-video').waitFor();
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="clip-video"]')?.readyState ?? 0) >= 1);
    // The review session starts with an intention.
    await page.getByTestId('review-intention').fill('How Alex receives the child’s initiatives');
    await page.getByTestId('review-start').click();

    // Jump to the moment the trainee marked: the video seeks there and shows that second's frame.
    await page.getByTestId('next-moment').click();
    await page.locator('[data-testid="current-time"][data-ms="3000"]').waitFor();
    assert.equal(await frameColourAt(page, 3), 3);
    assert.match(await text(page, 'review-notice'), /Moment 1 of 1/);

    // C comments at the current time; Ctrl+Enter adds it. 2 tags the current time "Encouraging initiatives".
    await page.locator('body').press('c');
    assert.equal(await page.getByTestId('comment-text').evaluate((el) => el === document.activeElement), true, 'C moves focus to the comment box');
    assert.equal(await page.getByTestId('comment-at').getAttribute('data-ms'), '3000');
    await page.keyboard.type('Lovely wait here: the child leads.');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="comment"][data-at-ms="3000"]').first().waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('2');
    await page.getByText('Tagged: Encouraging initiatives').waitFor();
    assert.equal(await page.getByTestId('comment').count(), 2);
    assert.equal(await page.getByTestId('timeline-comment').count(), 2);
    await page.getByTestId('review-count').getByText('2 comments').waitFor();
    // Single-key shortcuts can be switched off (WCAG 2.1.4): then a key press is only a key press.
    await page.getByText('Keyboard shortcuts').click();
    await page.getByTestId('shortcuts-switch').click();
    await page.keyboard.press('Escape');
    await page.locator('main h1').focus();
    await page.keyboard.press('3');
    await page.waitForTimeout(300);
    assert.equal(await page.getByTestId('comment').count(), 2, 'no tag while shortcuts are off');
    await page.getByTestId('shortcuts-switch').click();
    await assertAccessible(page, 'supervisor clip review');
    await screenshot(page, 'roles-supervisor-review');

    // The summary feeds the co-signature of the waiting supervision record.
    await page.getByTestId('review-finish').click();
    const summary = await page.getByTestId('review-summary').inputValue();
    assert.match(summary, /Intention: How Alex receives/);
    assert.match(summary, /0:03 .*Lovely wait here/);
    assert.match(summary, /Principles seen: Encouraging initiatives \(1\)/);
    const record = page.getByTestId('record').first();
    await record.waitFor();
    assert.equal(await record.getByTestId('record-comment').inputValue(), summary, 'the summary is the co-signing comment');
    await assertAccessible(page, 'review summary');
    await record.getByTestId('record-cosign').click();
    await record.getByTestId('record-done').waitFor();
    const stored = (await app.app.store.supervisionRecords.list(enrolmentId)).map((r) => r.value).find((r) => r.state.status === 'cosigned');
    assert.ok(stored && stored.state.status === 'cosigned' && stored.state.comment?.includes('Lovely wait here'), 'the record is co-signed with the summary');
    await screenshot(page, 'roles-supervisor-summary');

    // The supervisor signs the contract waiting for them (Megan's, in the demo).
    await go(page, 'Contracts', 'VIG contracts');
    const waiting = page.locator('[data-testid="contract"][data-status="awaiting_signatures"]').first();
    await waiting.getByTestId('contract-sign').click();
    await waiting.getByTestId('contract-note').waitFor();
    assert.equal(await waiting.locator('[data-party="supervisor"]').getAttribute('data-signed'), 'true');
    await assertAccessible(page, 'supervisor contracts');
    await page.close();
  });

  it('trainee: sees who viewed the clip', async () => {
    const page = await signedIn('trainee');
    await go(page, 'Who viewed my clips', 'Who viewed my clips');
    const row = page.getByTestId('view-row').filter({ hasText: nameOf('supervisor') });
    await row.first().waitFor();
    assert.match((await row.first().textContent()) ?? '', /Supervision/);
    await assertAccessible(page, 'who viewed my clips');
    await page.goto(clipUrl);
    await page.getByTestId('clip-viewer').filter({ hasText: nameOf('supervisor') }).first().waitFor();
    await page.close();
  });

  it('line manager: signs the contract waiting for them, declines a revision with a reason, and sees report summaries, never clips', async () => {
    const page = await signedIn('lineManager');
    const waiting = page.getByTestId('contracts').getByTestId('contract');
    await waiting.waitFor();
    assert.equal(await waiting.getAttribute('data-status'), 'awaiting_signatures');
    await page.getByTestId('trainee').first().waitFor();
    assert.equal(await page.getByTestId('trainee-link').count(), 0, 'no way into a trainee’s cases or clips');
    await assertAccessible(page, 'line manager home');
    await screenshot(page, 'roles-line-manager-home');
    await waiting.getByTestId('contract-sign').click();
    await page.getByTestId('contract-note').waitFor();
    assert.equal(await waiting.getAttribute('data-status'), 'active', 'the third signature makes the contract active');
    await screenshot(page, 'roles-line-manager-signed');

    // A revised contract (proposed by the trainee) waits for the line manager again; this time they decline it.
    const enrolmentId = clipUrl.split('#/clips/')[1]!.split('/')[0]!;
    const alex = await identify(app.app, { tenantId: demoTenantId, objectId: demoPeople.trainee.objectId });
    const current = (await app.app.store.contracts.list(enrolmentId)).map((c) => c.value).sort((a, b) => b.version - a.version)[0]!;
    await reviseContract(app.app, { actor: alex!, enrolmentId, version: current.version, terms: { ...current.terms, protectedMinutesPerWeek: 120 } });
    await page.reload();
    const revised = page.locator(`[data-testid="contracts"] [data-testid="contract"][data-enrolment-id="${enrolmentId}"]`);
    await revised.getByTestId('contract-decline').click();
    await revised.getByTestId('contract-decline-confirm').click();
    await revised.getByText('Please give a reason').waitFor();
    await revised.getByTestId('contract-decline-reason').fill('Two hours a week is not enough for the caseload; let us talk.');
    await assertAccessible(page, 'declining a contract');
    await revised.getByTestId('contract-decline-confirm').click();
    await revised.getByTestId('contract-note').waitFor();
    assert.equal(await revised.getAttribute('data-status'), 'declined');
    await revised.getByText('Two hours a week is not enough').waitFor();

    await go(page, 'Reports', 'Your reports');
    await assertAccessible(page, 'line manager reports');
    await page.goto(clipUrl);
    await page.getByTestId('not-available').waitFor();
    const nav = await page.getByRole('navigation', { name: 'Attune' }).getByRole('link').allTextContents();
    assert.deepEqual(nav, ['Home', 'Contracts', 'Reports', 'My reminders']);
    await page.close();
  });

  it('admin: changes retention, saves a pathway version, and finds every step of the story in the audit log and its CSV export', async () => {
    const page = await signedIn('admin');
    await page.getByTestId('admin-service').waitFor();
    await page.getByTestId('service-name').waitFor();
    await assertAccessible(page, 'admin home');
    await screenshot(page, 'roles-admin-home');

    await go(page, 'Service settings', 'Service settings');
    await page.getByTestId('vocabulary-version').getByText('version 1').waitFor();
    await page.getByTestId('service-retention').fill('3');
    await page.getByTestId('service-save').click();
    await page.getByTestId('service-saved').waitFor();
    assert.equal((await app.app.store.services.list()).map((s) => s.value)[0]?.retentionMonthsAfterEnd, 3);
    await assertAccessible(page, 'service settings');

    await go(page, 'Pathways', 'Pathways');
    await page.getByTestId('pathway-details').waitFor();
    await assertAccessible(page, 'pathways');
    await page.getByTestId('pathway-copy').click();
    const editor = page.getByTestId('pathway-editor');
    await editor.getByTestId('pathway-id').fill('aviguk-local');
    await editor.getByTestId('pathway-name').fill('AVIGuk, local variant');
    await editor.getByTestId('stage-1-cycles').fill('5');
    await assertAccessible(page, 'pathway editor');
    await screenshot(page, 'roles-admin-pathway-editor');
    await editor.getByTestId('pathway-save').click();
    await page.getByTestId('pathway-saved').getByText('version 1').waitFor();
    await page.locator('[data-testid="pathway-details"][data-pathway="aviguk-local@1"]').waitFor();
    await page.getByTestId('pathway-edit').click();
    await page.getByTestId('pathway-editor').getByTestId('stage-1-cycles').fill('4');
    await page.getByTestId('pathway-save').click();
    await page.getByTestId('pathway-saved').getByText('version 2').waitFor();

    await go(page, 'Audit log', 'Audit log');
    await page.getByTestId('audit-row').first().waitFor();
    const actions = new Set(await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))));
    for (const a of ['view_clip', 'upload_clip', 'sign_contract', 'activate_contract', 'cosign_record', 'change_service_settings', 'save_pathway_version']) assert.ok(actions.has(a), `the log shows ${a}`);
    await page.getByTestId('audit-action').selectOption('view_clip');
    await page.locator('[data-testid="audit-table"][data-loaded-for="view_clip|"]').waitFor();
    assert.deepEqual(new Set(await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))), new Set(['view_clip']));
    assert.ok((await page.getByTestId('audit-row').count()) >= 2, 'the trainee’s and the supervisor’s viewings');
    await page.getByTestId('audit-action').selectOption('');
    await page.getByTestId('audit-outcome').selectOption('refused');
    // Refusals only (whatever this story caused: none need have happened).
    await page.locator('[data-loaded-for="|refused"]').waitFor();
    for (const outcome of await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')))) assert.equal(outcome, 'refused');
    await assertAccessible(page, 'audit log');
    await screenshot(page, 'roles-admin-audit');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const csv = await (await download.createReadStream()).toArray();
    const body = Buffer.concat(csv.map((c) => Buffer.from(c as Buffer))).toString('utf8');
    assert.match(body, /^at,actor_tenant,actor_object,action,object_kind,object_id,outcome,purpose,subject\r\n/);
    assert.match(body, /,view_clip,clip,/);
    assert.match(body, /,sign_contract,contract,/);
    await page.close();
  });

  it('keeps every role’s pages accessible in the dark and high-contrast themes and on a 360 px phone', async () => {
    const checks: { who: Who; name: string; url: string; ready: string }[] = [
      { who: 'trainee', name: 'trainee-home', url: '#/', ready: 'progress-chart' },
      { who: 'trainee', name: 'trainee-clip', url: clipUrl.slice(clipUrl.indexOf('#')), ready: 'timeline' },
      { who: 'supervisor', name: 'supervisor-home', url: '#/', ready: 'trainee' },
      { who: 'lineManager', name: 'line-manager-contracts', url: '#/contracts', ready: 'contract' },
      { who: 'admin', name: 'admin-audit', url: '#/admin/audit', ready: 'audit-row' },
      { who: 'trainee', name: 'trainee-upload', url: '#/upload', ready: 'upload-title' },
      { who: 'supervisor', name: 'supervisor-clip', url: clipUrl.slice(clipUrl.indexOf('#')), ready: 'review-session' },
      { who: 'admin', name: 'admin-pathways', url: '#/admin/pathways', ready: 'pathway-details' },
    ];
    for (const { who, name, url, ready } of checks) {
      const page = await signedIn(who, { viewport: { width: 360, height: 740 } });
      await page.goto(`${app.baseUrl}/tab/${url}`);
      await page.getByTestId(ready).first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than a 360px screen`);
      await screenshot(page, `roles-${name}-360px`);
      // High contrast is checked as Windows' dark high-contrast themes (what Teams' own high-contrast theme matches):
      // under a light forced-colours scheme axe reads the author's yellow instead of the forced link colour and
      // reports a contrast the browser never paints.
      for (const [scheme, forced] of [['dark', 'none'], ['dark', 'active']] as const) {
        await page.emulateMedia({ colorScheme: scheme, forcedColors: forced });
        const theme = forced === 'active' ? 'contrast' : scheme;
        await page.locator(`[data-theme="${theme}"]`).waitFor();
        await assertAccessible(page, `${name} (${theme})`);
        await screenshot(page, `roles-${name}-${theme}`);
      }
      await page.close();
    }
    assert.deepEqual(problems, []);
  });
});
