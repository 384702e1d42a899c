/**
 * The external supervisor in the Teams tab, in Debian's Chromium against the real app (embedded Azurite, demo
 * data, development sign-in): Alex ticks a clip to share for his stage 2 meeting; Lynne, the demo's external
 * supervisor, signs in, sees only Alex's stage summary and that clip, opens it on the clip page, and records the
 * meeting's outcome with the keyboard; Adele, the supervisor, revokes the invitation and Lynne's page empties.
 * Each page is checked with axe in the light and dark themes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoExternalSupervisor, demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { personId } from '../../src/domain/people';
import { ClipClient } from '../fixtures/clip-client';
import { makeTinyMp4 } from '../fixtures/tiny-mp4';
import { devSignIn, startTestApp, type TestApp } from '../support/app';
import { assertAccessible, ensureTabBuilt, launchBrowser, screenshot, watchPage } from '../support/browser';

const people = {
  trainee: { id: personId({ tenantId: demoTenantId, objectId: demoPeople.trainee.objectId }), name: demoPeople.trainee.displayName },
  supervisor: { id: personId({ tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId }), name: demoPeople.supervisor.displayName },
  lynne: { id: personId({ tenantId: demoTenantId, objectId: demoExternalSupervisor.objectId }), name: demoExternalSupervisor.displayName },
};
type Who = keyof typeof people;

describe('Teams tab: the external supervisor (Chromium, real app)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const clipTitles = { shared: 'Garden play, for the meeting', kept: 'Kitchen, not shared' };

  before(async () => {
    ensureTabBuilt();
    [app, browser] = await Promise.all([startTestApp({ now: () => new Date('2026-06-15T10:00:00Z') }), launchBrowser()]);
    const alex = new ClipClient(app.baseUrl, await devSignIn(app.baseUrl, people.trainee.id));
    const caseId = (await app.app.store.cases.list('demo-0001')).map((c) => c.value).find((c) => c.consent.supervisor_viewing.granted)!.id;
    const video = makeTinyMp4({ seconds: 2 });
    await alex.upload('demo-0001', { caseId, data: video, title: clipTitles.shared });
    await alex.upload('demo-0001', { caseId, data: video, title: clipTitles.kept });
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  async function signedIn(who: Who, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    contexts.push(context);
    const page = await context.newPage();
    const seen = watchPage(page, { origin: new URL(app.baseUrl).origin });
    page.on('close', () => problems.push(...seen.map((p) => `${who}: ${p}`)));
    await page.goto(`${app.baseUrl}/tab/`);
    await page.locator(`[data-testid="dev-person"][data-person-id="${people[who].id}"]`).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${people[who].name}` }).waitFor();
    return page;
  }

  it('lets the trainee tick the clips to share for the meeting', async () => {
    const page = await signedIn('trainee');
    await page.getByRole('navigation', { name: 'Attune' }).getByRole('link', { name: 'Cases and clips', exact: true }).click();
    const section = page.getByTestId('meeting-clips');
    await section.getByRole('heading', { name: 'Share clips for the meeting' }).waitFor();
    assert.match((await section.textContent()) ?? '', /Lynne Robinson/);
    await section.getByRole('checkbox', { name: clipTitles.shared }).check();
    await section.getByRole('button', { name: 'Save the shared clips' }).click();
    await section.getByText('Saved: 1 clip is shared for the meeting.').waitFor();
    await assertAccessible(page, 'the trainee’s share form');
    const invitation = (await app.app.store.externalSupervisors.get({ partition: 'demo-0001', id: 'stage-2' }))!.value;
    assert.equal(invitation.sharedClipIds.length, 1);
    await page.close();
  });

  it('shows the external supervisor only the trainee’s stage summary and the shared clip, which plays on the clip page', async () => {
    const page = await signedIn('lynne');
    const nav = page.getByRole('navigation', { name: 'Attune' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Home', 'Stage meetings']);
    const stage = page.getByTestId('external-stage').first();
    await stage.getByRole('heading', { name: /Alex Wilber — Stage 2 transition meeting/ }).waitFor();
    assert.match(await page.getByTestId('external-summary').textContent() ?? '', /Cycles.*of 9/);
    const links = stage.getByTestId('external-clips').getByRole('link');
    assert.deepEqual(await links.allTextContents(), [clipTitles.shared]);
    assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /FAM-0|Kitchen/);
    await assertAccessible(page, 'the external supervisor’s home');
    await screenshot(page, 'external-home');

    await links.first().click();
    await page.getByTestId('clip-title').waitFor();
    assert.equal(((await page.getByTestId('clip-title').textContent()) ?? '').trim(), clipTitles.shared);
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="clip-video"]')?.readyState ?? 0) >= 1);
    await assertAccessible(page, 'the shared clip, for the external supervisor');
    await page.goBack();
    await page.getByTestId('external-stage').first().waitFor();
    await page.close();
  });

  it('lets the external supervisor record the outcome with the keyboard alone', async () => {
    const page = await signedIn('lynne');
    await page.getByRole('navigation', { name: 'Attune' }).getByRole('link', { name: 'Stage meetings', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Stage meetings' }).waitFor();
    const form = page.getByTestId('external-sign-off').first();
    // Stage 2's requirements are not met, so "Not yet" is chosen already; keyboard from the date to the button.
    await form.getByLabel('Held on').focus();
    await page.keyboard.type('06142026');
    await page.keyboard.press('Tab');
    await form.getByLabel('Length in minutes').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('55');
    assert.equal(await form.getByRole('radio', { name: 'Not yet' }).isChecked(), true);
    await form.getByRole('button', { name: 'Record the outcome' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('external-my-outcome').waitFor();
    const meetings = (await app.app.store.meetings.list('demo-0001')).map((m) => m.value).filter((m) => m.externalSupervisorId === people.lynne.id);
    assert.deepEqual(meetings.map((m) => [m.outcome, m.minutes, m.heldOn]), [['not_yet', 55, '2026-06-14']]);
    await page.close();
  });

  it('passes axe in the dark theme too', async () => {
    const page = await signedIn('lynne', 'dark');
    await page.getByTestId('external-stage').first().waitFor();
    assert.equal(await page.locator('[data-theme]').first().getAttribute('data-theme'), 'dark');
    await assertAccessible(page, 'the external supervisor’s home, dark');
    await page.close();
  });

  it('lets the supervisor see the invitation and revoke it, and the external supervisor’s page empties at once', async () => {
    const page = await signedIn('supervisor');
    await page.goto(`${app.baseUrl}/tab/#/trainees/demo-0001`);
    const section = page.getByTestId('external-supervisor-section');
    await section.getByText(/Stage 2: Lynne Robinson \(AVIGuk\) \(lynne\.robinson@aviguk\.example\) — signed in/).waitFor();
    await assertAccessible(page, 'the supervisor’s external supervisor section');
    await section.getByRole('button', { name: 'Revoke the invitation to lynne.robinson@aviguk.example' }).click();
    await section.getByText('The invitation to lynne.robinson@aviguk.example is revoked.').waitFor();
    await section.getByTestId('external-invite').waitFor();

    const lynne = await signedIn('lynne');
    assert.deepEqual(await lynne.getByRole('navigation', { name: 'Attune' }).getByRole('link').allTextContents(), ['Home']);
    await lynne.getByTestId('nothing-yet').waitFor();
    await page.close();
    await lynne.close();
  });

  it('raised no console errors and asked no other origin for anything', () => {
    assert.deepEqual(problems, []);
  });
});
