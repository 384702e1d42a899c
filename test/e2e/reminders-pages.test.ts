/**
 * The reminder pages in Chromium against the real app (embedded Azurite, demo data, a fixed clock): a trainee
 * sees what Attune will remind them of, changes their reminder times and unmutes a rule; the service admin
 * sees reminders by state with reasons, edits a rule (and is told when someone else changed the rules first),
 * and sees the rule's card drawn by `adaptivecards` in the tab's theme. Both pages are checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoPeople } from '../../src/app/seed-demo';
import type { ReminderRulesView } from '../../src/contract/http/reminders';
import type { ReminderStore } from '../../src/ports/reminders';
import { devSignIn, getJson, startTestApp, type TestApp } from '../support/app';
import { assertAccessible, ensureTabBuilt, launchBrowser, screenshot, watchPage } from '../support/browser';
import { idOf, seedReminderStates } from '../support/reminder-seed';

type Who = 'trainee' | 'admin';
// A Monday; the seeded session was held the day before.
const now = new Date('2026-06-15T10:00:00.000Z');

describe('Teams tab: reminder pages (Chromium, real app)', () => {
  let app: TestApp;
  let browser: Browser;
  let store: ReminderStore;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  before(async () => {
    ensureTabBuilt();
    [app, browser] = await Promise.all([startTestApp({ now: () => now }), launchBrowser()]);
    store = await seedReminderStates(app, now);
    await store.mutes.create({ personId: idOf('trainee'), ruleId: 'record.returned', mutedAt: now.toISOString() });
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
    assert.deepEqual(problems, []);
  });

  async function signedIn(who: Who, theme: { colorScheme?: 'light' | 'dark'; forcedColors?: 'active' } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...theme });
    contexts.push(context);
    const page = await context.newPage();
    const seen = watchPage(page, { origin: new URL(app.baseUrl).origin, ignore: [/Failed to load resource/] });
    page.on('close', () => problems.push(...seen.map((p) => `${who}: ${p}`)));
    await page.goto(`${app.baseUrl}/tab/`);
    await page.locator(`[data-testid="dev-person"][data-person-id="${idOf(who)}"]`).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${demoPeople[who].displayName}` }).waitFor();
    return page;
  }

  async function go(page: Page, nav: string, heading: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Attune' }).getByRole('link', { name: nav, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

  it('trainee: sees the upcoming reminder in their zone, changes their reminder times and unmutes a rule', async () => {
    const page = await signedIn('trainee');
    await go(page, 'My reminders', 'My reminders');
    const seeded = page.getByTestId('upcoming-reminder').filter({ hasText: 'The session on 2026-06-14' });
    await seeded.waitFor();
    assert.equal(await seeded.getAttribute('data-state'), 'scheduled');
    // Two days after Sunday's session, at 09:00 in London: Tuesday 16 June.
    assert.match((await seeded.textContent()) ?? '', /Next reminder Tue.*(16.*Jun|Jun.*16).*09:00/);
    assert.equal(await text(page, 'reminders-zone'), 'Europe/London');
    await page.getByTestId('mute-record.returned').waitFor();
    await assertAccessible(page, 'my reminders');
    await screenshot(page, 'reminders-trainee');

    await page.getByTestId('prefs-zone').selectOption('America/New_York');
    await page.getByTestId('prefs-start').fill('08:00');
    await page.getByTestId('prefs-weekends').check();
    await page.getByTestId('prefs-save').click();
    await page.getByTestId('my-reminders-status').getByText('Saved your reminder times.').waitFor();
    assert.equal(await text(page, 'reminders-zone'), 'America/New_York');
    // 08:00 in New York on Tuesday is 12:00 UTC.
    assert.match((await seeded.textContent()) ?? '', /Next reminder Tue.*(16.*Jun|Jun.*16).*08:00/);
    const mine = await getJson<{ preferences: unknown }>(`${app.baseUrl}/api/me/reminders`, await devSignIn(app.baseUrl, idOf('trainee')));
    assert.deepEqual(mine.body.preferences, { zone: 'America/New_York', startMinute: 480, endMinute: 1020, weekends: true });

    await page.getByRole('button', { name: 'Unmute Revise a returned record' }).click();
    await page.getByTestId('my-reminders-status').getByText(/Unmuted/).waitFor();
    assert.equal(await page.getByTestId('mute-record.returned').count(), 0);
    assert.equal(await store.mutes.get({ partition: idOf('trainee'), id: 'record.returned' }), null);
    await assertAccessible(page, 'my reminders after changes');
    await page.close();
  });

  it('admin: sees reminders by state with reasons, edits a rule, is told of a stale version, and previews the card as Teams draws it', async () => {
    const page = await signedIn('admin');
    await go(page, 'Reminders', 'Reminders');
    await page.getByTestId('state-sent').waitFor();
    assert.match(await text(page, 'state-sent'), /\(1\)/);
    assert.match(await text(page, 'state-waiting'), /\(1\)/);
    assert.match(await text(page, 'state-dead'), /\(1\)/);
    assert.match(await text(page, 'state-undeliverable'), /\(1\)/);
    assert.equal(await page.getByTestId('state-panel').getByText('Alex Wilber').count(), 1);
    await page.getByRole('tab', { name: /Failed/ }).click();
    await page.getByTestId('state-panel').getByText('Teams kept answering 502 after 8 attempts.').waitFor();
    await page.getByRole('tab', { name: /Undeliverable/ }).click();
    await page.getByTestId('state-panel').getByText(/403/).waitFor();
    assert.equal(await page.getByText('Oscar Other').count(), 0, 'nobody from another service');
    const perRule = page.getByTestId('per-rule-record.write');
    assert.match((await perRule.textContent()) ?? '', /Write the supervision record/);
    await assertAccessible(page, 'admin reminders');

    // Edit and save: the rule's new days come back from the server.
    await page.getByTestId('rule-days-record.write').fill('1, 3');
    await page.getByTestId('rule-every-record.write').fill('7');
    await page.getByTestId('rules-save').click();
    await page.getByTestId('rules-status').getByText(/^Saved\./).waitFor();
    const token = await devSignIn(app.baseUrl, idOf('admin'));
    const saved = (await getJson<ReminderRulesView>(`${app.baseUrl}/api/admin/reminders/rules`, token)).body;
    const write = saved.rules.find((r) => r.id === 'record.write')!;
    assert.deepEqual([write.afterDays, write.thenEveryDays], [[1, 3], 7]);

    // Someone else saves in between: this page's version is stale, and it says so rather than overwrite.
    const res = await fetch(`${app.baseUrl}/api/admin/reminders/rules`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': saved.etag }, body: JSON.stringify({ rules: { 'record.cosign': { enabled: true, afterDays: [3], thenEveryDays: 3 } } }) });
    assert.equal(res.status, 200);
    await page.getByTestId('rule-enabled-supervision.tomorrow').click();
    await page.getByTestId('rules-save').click();
    await page.getByText('Someone else changed the rules since you opened them').waitFor();
    assert.equal((await getJson<ReminderRulesView>(`${app.baseUrl}/api/admin/reminders/rules`, token)).body.rules.find((r) => r.id === 'supervision.tomorrow')!.enabled, true, 'nothing overwritten');

    // The card, drawn by adaptivecards in the page.
    await page.getByTestId('rule-preview-record.write').click();
    const card = page.getByTestId('rule-record.write').locator('.ac-adaptiveCard');
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /Time to write your supervision record/);
    assert.ok((await card.locator('.ac-pushButton').count()) >= 1, 'its buttons are drawn');
    await assertAccessible(page, 'admin reminders with a card preview');
    await screenshot(page, 'reminders-admin-preview');
    const lightBackground = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.close();

    // In a dark theme the card is drawn dark as well.
    const dark = await signedIn('admin', { colorScheme: 'dark' });
    await go(dark, 'Reminders', 'Reminders');
    await dark.getByTestId('rule-preview-record.cosign').click();
    const darkCard = dark.getByTestId('rule-record.cosign').locator('.ac-adaptiveCard');
    await darkCard.waitFor();
    assert.match((await darkCard.textContent()) ?? '', /co-sign/);
    const darkBackground = await darkCard.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(darkBackground, lightBackground);
    await assertAccessible(dark, 'admin reminders, dark theme');
    await dark.close();

    // And in high contrast (forced colours), the tab's contrast theme.
    const contrast = await signedIn('admin', { forcedColors: 'active' });
    await go(contrast, 'Reminders', 'Reminders');
    await contrast.getByTestId('rule-preview-contract.sign').click();
    const contrastCard = contrast.getByTestId('rule-contract.sign').locator('.ac-adaptiveCard');
    await contrastCard.waitFor();
    assert.match((await contrastCard.textContent()) ?? '', /waiting for your signature/);
    await assertAccessible(contrast, 'admin reminders, high contrast');
    await contrast.close();
  });
});
