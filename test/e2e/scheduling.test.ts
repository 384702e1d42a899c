/**
 * Booking supervision in the Teams tab, in Debian's Chromium against the real app (embedded Azurite, the local
 * calendar with its demo busy times, development sign-in): the trainee finds five times in working hours and
 * books one, with the keyboard only; a second, stale page offering the same time gets the clash and fresh
 * times; the meeting is moved, downloaded as .ics and cancelled through the confirm dialog; the supervisor
 * sees the next meeting on the trainee's card; the line manager sees dates only. The flows share one app and
 * run in order, as the story does. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'mocha';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { personId } from '../../src/domain/people';
import { devSignIn, getJson, startTestApp, type TestApp } from '../support/app';
import { assertAccessible, ensureTabBuilt, launchBrowser, openInFakeTeams, screenshot, watchPage } from '../support/browser';

type Who = 'trainee' | 'supervisor' | 'lineManager';
const idOf = (who: Who): string => personId({ tenantId: demoTenantId, objectId: demoPeople[who].objectId });
const nameOf = (who: Who): string => demoPeople[who].displayName;

interface Window {
  start: string;
  end: string;
}
interface Offer {
  sessionMinutes: number;
  slots: Window[];
}
interface PlannedFull {
  detail: 'full';
  id: string;
  window: Window;
  status: string;
  joinUrl: string | null;
}
interface Booked {
  result: 'booked';
  outcome: 'changed' | 'unchanged';
  planned: PlannedFull[];
  skipped: { window: Window; reason: string }[];
}

/** London clock time of an instant, worked out here rather than borrowed from the tab. */
function londonClock(iso: string): { weekday: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: get('weekday'), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

describe('Teams tab: booking supervision (Chromium, real app, local calendar)', () => {
  let app: TestApp;
  let browser: Browser;
  let enrolmentId = '';
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  before(async () => {
    ensureTabBuilt();
    // Monday 15 June 2026, 11:00 in London.
    [app, browser] = await Promise.all([startTestApp({ now: () => new Date('2026-06-15T10:00:00Z') }), launchBrowser()]);
    const progress = await getJson<{ progress: { enrolmentId: string } }>(`${app.baseUrl}/api/me/progress`, await devSignIn(app.baseUrl, idOf('trainee')));
    enrolmentId = progress.body.progress.enrolmentId;
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  /** A page signed in as a demo person through the development sign-in page, on London time in British English. */
  async function signedIn(who: Who, o: { ignore?: RegExp[] } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'en-GB', timezoneId: 'Europe/London' });
    contexts.push(context);
    const page = await context.newPage();
    const seen = watchPage(page, { origin: new URL(app.baseUrl).origin, ignore: o.ignore ?? [] });
    page.on('close', () => problems.push(...seen.map((p) => `${who}: ${p}`)));
    await page.goto(`${app.baseUrl}/tab/`);
    await page.locator(`[data-testid="dev-person"][data-person-id="${idOf(who)}"]`).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${nameOf(who)}` }).waitFor();
    return page;
  }

  const api = async <T>(who: Who, path: string): Promise<T> => (await getJson<T>(`${app.baseUrl}${path}`, await devSignIn(app.baseUrl, idOf(who)))).body;
  const slotsOn = (page: Page) => page.getByRole('radiogroup', { name: /Times you are both free/ }).getByRole('radio');
  const startsOn = (page: Page): Promise<string[]> => page.getByTestId('slot').evaluateAll((els) => els.map((e) => e.getAttribute('data-start') ?? ''));
  const isPost = (path: RegExp) => (r: Response) => r.request().method() === 'POST' && path.test(new URL(r.url()).pathname);
  const focused = (page: Page): Promise<{ role: string | null; type: string | null; testId: string | null; text: string }> =>
    page.evaluate(() => {
      const el = document.activeElement;
      return { role: el?.getAttribute('role') ?? null, type: el?.getAttribute('type') ?? null, testId: el?.getAttribute('data-testid') ?? null, text: (el?.textContent ?? '').trim() };
    });

  let alex: Page;
  let stale: Page;
  let booked: Booked;

  it('trainee: goes from the home page to the supervision page, finds five times in working hours and books a series with the keyboard only', async () => {
    alex = await signedIn('trainee');
    // Home: nothing booked yet, and "Book supervision".
    const next = alex.getByTestId('next-supervision');
    await next.getByTestId('next-supervision-text').waitFor();
    assert.match((await next.getByTestId('next-supervision-text').textContent()) ?? '', /No supervision is booked yet/);
    // A second page, opened now, goes stale when the first one books.
    stale = await signedIn('trainee');
    await stale.goto(`${app.baseUrl}/tab/#/supervision/${enrolmentId}`);
    await slotsOn(stale).first().waitFor();

    await next.getByRole('link', { name: 'Book supervision' }).click();
    await alex.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
    assert.ok(alex.url().endsWith(`#/supervision/${enrolmentId}`));
    await alex.getByTestId('upcoming-empty').waitFor();

    // Five times, the same as the API offers, each a weekday 09:00–17:00 in London, of the contract's length.
    await slotsOn(alex).first().waitFor();
    const offer = await api<Offer>('trainee', `/api/enrolments/${enrolmentId}/schedule/times`);
    assert.equal(await slotsOn(alex).count(), 5);
    assert.deepEqual(await startsOn(alex), offer.slots.map((s) => s.start));
    for (const s of offer.slots) {
      const from = londonClock(s.start);
      const to = londonClock(s.end);
      assert.ok(!['Sat', 'Sun'].includes(from.weekday), `${s.start} is on a weekday`);
      assert.ok(from.minutes >= 9 * 60 && to.minutes <= 17 * 60, `${s.start}–${s.end} is within 09:00–17:00 London time`);
      assert.equal((Date.parse(s.end) - Date.parse(s.start)) / 60_000, offer.sessionMinutes);
    }
    assert.equal(await alex.getByTestId('session-length').inputValue(), String(offer.sessionMinutes), 'the session length is the contract’s');
    assert.match((await alex.getByTestId('slots').textContent()) ?? '', /^Monday, 15 June 2026, 13:00–14:00 BST \(UK time\)/, 'each time says its date, clock and zone');
    await assertAccessible(alex, 'find a time');
    await screenshot(alex, 'scheduling-find-a-time');

    // Keyboard only: Tab from the session length into the radio group, Space picks the time under focus, the
    // arrow keys move the choice; Tab to the series checkbox (Space), the count, and Book (Enter).
    await alex.getByTestId('session-length').focus();
    await alex.keyboard.press('Tab');
    assert.equal((await focused(alex)).type, 'radio', 'Tab reaches the times');
    await alex.keyboard.press('ArrowDown');
    await alex.keyboard.press('ArrowUp');
    await alex.keyboard.press('Space');
    assert.equal(await slotsOn(alex).first().isChecked(), true, 'Space picks the first time');
    await alex.keyboard.press('Tab');
    assert.equal((await focused(alex)).testId, 'series');
    await alex.keyboard.press('Space');
    await alex.getByTestId('series-count').waitFor();
    assert.match((await alex.getByTestId('find-a-time').textContent()) ?? '', /every month, as the contract says/);
    await alex.keyboard.press('Tab');
    assert.equal((await focused(alex)).testId, 'series-count');
    await alex.keyboard.press('Control+A');
    await alex.keyboard.type('3');
    await alex.keyboard.press('Tab');
    assert.equal((await focused(alex)).testId, 'book');
    const answered = alex.waitForResponse(isPost(/\/schedule$/));
    const fresh = alex.waitForResponse((r) => r.request().method() === 'GET' && /\/schedule\/times$/.test(new URL(r.url()).pathname));
    await alex.keyboard.press('Enter');
    const res = await answered;
    assert.equal(res.status(), 201);
    booked = (await res.json()) as Booked;
    assert.equal(booked.result, 'booked');
    assert.equal(booked.planned[0]!.window.start, offer.slots[0]!.start);
    assert.equal(booked.planned.length + booked.skipped.length, 3, 'three sessions asked for: each booked or skipped');

    // The confirmation, in a polite live region, with the series and any dates it skipped.
    const confirmation = alex.locator('[role="status"][aria-live="polite"]').getByTestId('booked');
    await confirmation.waitFor();
    assert.match((await confirmation.textContent()) ?? '', booked.planned.length > 1 ? new RegExp(`Booked ${booked.planned.length} sessions`) : /Booked/);
    assert.equal(await confirmation.getByTestId('booked-series').locator('li').count(), booked.planned.length - 1);
    assert.equal(await confirmation.getByTestId('skipped').locator('li').count(), booked.skipped.length);
    // The times are read again for the next booking, and the keyboard user is still on Book.
    await fresh;
    await alex.waitForFunction(() => !document.querySelector('[data-testid="slot"]:checked'));
    assert.equal((await focused(alex)).testId, 'book', 'focus stays on Book');

    // It is in the upcoming list, booked, with its Teams join link.
    const row = alex.locator(`[data-testid="meeting"][data-planned-id="${booked.planned[0]!.id}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'booked');
    assert.equal(await row.getByTestId('meeting-status').textContent(), 'Booked');
    assert.equal(await row.getByRole('link', { name: /Join in Teams/ }).getAttribute('href'), booked.planned[0]!.joinUrl);
    assert.equal(await alex.getByTestId('upcoming').locator('tbody tr').count(), booked.planned.length);
    await assertAccessible(alex, 'booked');
    await screenshot(alex, 'scheduling-booked');
  });

  it('trainee: a stale page that books the time just taken is told so and shown fresh times; nothing is booked', async () => {
    const taken = booked.planned[0]!.window.start;
    await stale.locator(`[data-testid="slot"][data-start="${taken}"]`).check();
    const answered = stale.waitForResponse(isPost(/\/schedule$/));
    await stale.getByRole('button', { name: 'Book' }).click();
    const res = await answered;
    assert.equal(res.status(), 200);
    const body = (await res.json()) as { result: string; message: string; offer: Offer };
    assert.equal(body.result, 'clash');

    const clash = stale.locator('[role="status"][aria-live="polite"]').getByTestId('clash');
    await clash.waitFor();
    assert.ok(((await clash.textContent()) ?? '').includes(body.message), 'the server’s message is shown');
    assert.deepEqual(await startsOn(stale), body.offer.slots.map((s) => s.start), 'the list holds the fresh times');
    assert.ok(!(await startsOn(stale)).includes(taken));
    assert.equal(await stale.locator('[data-testid="slot"]:checked').count(), 0, 'no time is chosen for the person');
    const schedule = await api<{ upcoming: unknown[] }>('trainee', `/api/enrolments/${enrolmentId}/schedule`);
    assert.equal(schedule.upcoming.length, booked.planned.length, 'nothing more was booked');
    await assertAccessible(stale, 'clash');
    await screenshot(stale, 'scheduling-clash');
    await stale.close();
  });

  it('trainee: moves the meeting to another offered time', async () => {
    const first = booked.planned[0]!;
    const row = alex.locator(`[data-testid="meeting"][data-planned-id="${first.id}"]`);
    await row.getByRole('button', { name: /^Move/ }).click();
    const panel = alex.locator('[data-testid="find-a-time"][data-mode="move"]');
    await panel.waitFor();
    await alex.waitForFunction(() => document.activeElement?.id === 'find-a-time-heading');
    assert.match((await focused(alex)).text, /^Move the meeting on /, 'focus lands on the move panel’s heading');
    await slotsOn(alex).first().waitFor();
    const target = (await startsOn(alex))[0]!;
    assert.notEqual(target, first.window.start);
    await slotsOn(alex).first().check();
    const answered = alex.waitForResponse(isPost(/\/reschedule$/));
    await panel.getByRole('button', { name: 'Move to this time' }).click();
    const body = (await (await answered).json()) as { result: string; planned: PlannedFull };
    assert.equal(body.result, 'moved');
    assert.equal(body.planned.window.start, target);

    const notice = alex.locator('[role="status"][aria-live="polite"]').getByTestId('schedule-notice');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /^Moved the meeting on .* to /);
    await alex.locator(`[data-testid="meeting"][data-planned-id="${first.id}"][data-start="${target}"]`).waitFor();
    await alex.locator('[data-testid="find-a-time"][data-mode="book"]').waitFor();
    await assertAccessible(alex, 'moved');
  });

  it('trainee: downloads the meeting as an .ics file, fetched with the token rather than from a URL that carries it', async () => {
    const first = booked.planned[0]!;
    const row = alex.locator(`[data-testid="meeting"][data-planned-id="${first.id}"]`);
    const requested = alex.waitForRequest((r) => r.url().endsWith(`/schedule/${first.id}/calendar.ics`));
    const downloaded = alex.waitForEvent('download');
    await row.getByRole('button', { name: /Add to calendar \(\.ics\)/ }).click();
    const request = await requested;
    assert.match((await request.allHeaders()).authorization ?? '', /^Bearer /);
    assert.ok(!/token|bearer/i.test(request.url()), 'no token in the URL');
    const response = await request.response();
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()['content-type'] ?? '', /^text\/calendar/);
    const download = await downloaded;
    assert.match(download.suggestedFilename(), /^supervision-\d{4}-\d{2}-\d{2}\.ics$/);
    const ics = await readFile(await download.path(), 'utf8');
    assert.match(ics, /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT[\s\S]*END:VCALENDAR/);
  });

  it('trainee: cancels the meeting after confirming in a dialog (and can back out of it)', async () => {
    const first = booked.planned[0]!;
    const row = alex.locator(`[data-testid="meeting"][data-planned-id="${first.id}"]`);
    await row.getByRole('button', { name: /^Cancel/ }).click();
    const dialog = alex.getByRole('alertdialog', { name: 'Cancel this supervision?' });
    await dialog.waitFor();
    await assertAccessible(alex, 'cancel dialog');
    await screenshot(alex, 'scheduling-cancel-dialog');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await row.getAttribute('data-status'), 'booked', 'backing out changes nothing');

    // With the keyboard this time: focus the Cancel button and press Enter; the dialog takes focus.
    await row.getByRole('button', { name: /^Cancel/ }).focus();
    await alex.keyboard.press('Enter');
    await dialog.waitFor();
    const answered = alex.waitForResponse(isPost(/\/cancel$/));
    await dialog.getByRole('button', { name: 'Cancel the meeting' }).click();
    assert.equal((await answered).status(), 200);
    await dialog.waitFor({ state: 'hidden' });
    const notice = alex.getByTestId('schedule-notice');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /^Cancelled the meeting on /);
    await alex.locator(`[data-testid="meeting"][data-planned-id="${first.id}"][data-status="cancelled"]`).waitFor();
    assert.equal(await row.getByTestId('meeting-status').textContent(), 'Cancelled');
    assert.equal(await row.getByRole('button').count(), 0, 'a cancelled meeting has nothing to move or cancel');
    assert.equal(await row.getByTestId('meeting-join').count(), 0, 'and no join link');
    await assertAccessible(alex, 'cancelled');

    // Home says which supervision is next now.
    await alex.getByRole('navigation', { name: 'Attune' }).getByRole('link', { name: 'Home' }).click();
    const text = alex.getByTestId('next-supervision-text');
    await text.waitFor();
    const second = booked.planned[1];
    if (second) assert.equal(await text.locator('time').getAttribute('datetime'), second.window.start);
    else assert.match((await text.textContent()) ?? '', /No supervision is booked yet/);
    await alex.close();
  });

  it('supervisor: sees the next meeting on the trainee’s card, and may book and change from the supervision page', async () => {
    const page = await signedIn('supervisor');
    const card = page.locator(`[data-testid="trainee"][data-trainee-id="${idOf('trainee')}"]`);
    await card.waitFor();
    const trainees = await api<{ trainees: { id: string; relationship: string; nextMeeting: Window | null }[] }>('supervisor', '/api/me/trainees');
    const alexNext = trainees.trainees.find((t) => t.id === idOf('trainee') && t.relationship === 'supervisor')!.nextMeeting;
    const fact = card.getByTestId('trainee-next-meeting');
    assert.equal(await fact.getAttribute('data-start'), alexNext?.start ?? '');
    assert.match((await fact.textContent()) ?? '', alexNext ? /^Next meeting: \w{3} \d{1,2} \w{3}, \d{2}:\d{2} (BST|GMT)/ : /none booked/);
    await assertAccessible(page, 'supervisor home with next meetings');

    await card.getByRole('link', { name: /^Supervision/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
    await page.getByTestId('find-a-time').waitFor();
    if (alexNext) await page.locator(`[data-testid="meeting"][data-start="${alexNext.start}"]`).getByRole('button', { name: /^Move/ }).waitFor();

    // Alex's stage 2 transition meeting: Lynne, the invited external supervisor, is invited too.
    await page.getByTestId('meeting-kind').selectOption('transition');
    assert.equal(await page.getByTestId('series').count(), 0, 'a stage meeting is not a series');
    const slot = slotsOn(page).first();
    const start = await page.getByTestId('slot').first().getAttribute('data-start');
    await slot.check();
    await page.getByRole('button', { name: 'Book' }).click();
    await page.getByTestId('booked').waitFor();
    const schedule = await api<{ upcoming: { kind: string; guestCount: number; window: Window }[] }>('supervisor', `/api/enrolments/${enrolmentId}/schedule`);
    const transition = schedule.upcoming.find((m) => m.window.start === start && m.kind === 'transition');
    assert.equal(transition?.guestCount, 1, 'the external supervisor is invited');
    await assertAccessible(page, 'supervisor booked a transition meeting');
    await page.close();
  });

  it('line manager: sees the dates only — no join links, no buttons, no times to book', async () => {
    const page = await signedIn('lineManager');
    await page.getByRole('navigation', { name: 'Attune' }).getByRole('link', { name: 'Reports', exact: true }).click();
    const card = page.locator(`[data-testid="trainee"][data-trainee-id="${idOf('trainee')}"]`);
    await card.waitFor();
    await card.getByRole('link', { name: /^Supervision/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
    const upcoming = page.getByTestId('upcoming');
    await upcoming.waitFor();
    const schedule = await api<{ upcoming: { detail: string; window: Window }[] }>('lineManager', `/api/enrolments/${enrolmentId}/schedule`);
    assert.ok(schedule.upcoming.every((m) => m.detail === 'dates'));
    assert.deepEqual(await upcoming.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-start'))), schedule.upcoming.map((m) => m.window.start));
    assert.deepEqual(await upcoming.locator('thead th').allTextContents(), ['When', 'Status']);
    assert.equal(await page.getByRole('main').getByRole('button').count(), 0, 'no buttons');
    assert.equal(await page.getByTestId('meeting-join').count(), 0, 'no join links');
    assert.equal(await page.getByTestId('find-a-time').count(), 0, 'no times to book');
    await assertAccessible(page, 'line manager schedule');
    await screenshot(page, 'scheduling-line-manager');
    await page.close();
  });

  it('inside Teams: a deep link with subEntityId "supervision/{enrolmentId}" opens the supervision page', async () => {
    const teams = await openInFakeTeams(browser, {
      tabUrl: `${app.baseUrl}/tab/`,
      token: await devSignIn(app.baseUrl, idOf('trainee')),
      theme: 'dark',
      context: { tid: demoTenantId, userObjectId: demoPeople.trainee.objectId, locale: 'en-GB', subEntityId: `supervision/${enrolmentId}` },
    });
    try {
      const frame = teams.frame();
      await frame.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
      assert.ok(frame.url().endsWith(`#/supervision/${enrolmentId}`));
      await frame.getByTestId('find-a-time').waitFor();
      await frame.getByTestId('slot').first().waitFor();
      await assertAccessible(frame, 'supervision page in the Teams dark theme');
      await teams.setTheme('contrast');
      await frame.locator('[data-theme="contrast"]').waitFor();
      await assertAccessible(frame, 'supervision page in the Teams high-contrast theme');
    } finally {
      await teams.page.context().close();
    }
  });

  it('supervisor: every failure shows the server’s message and details — Outlook down, consent needed', async () => {
    const page = await signedIn('supervisor', { ignore: [/Failed to load resource/] });
    const fail = (status: number, error: { code: string; message: string; details: string[] }) => ({ status, contentType: 'application/json', body: JSON.stringify({ error }) });
    const outlookDown = 'Outlook did not answer, so the booking is not finished yet. Attune will finish it with Outlook shortly — it shows as “being booked” until then, and you can cancel it.';
    await page.route('**/schedule', (route) => (route.request().method() === 'POST' ? route.fulfill(fail(503, { code: 'unavailable', message: outlookDown, details: ['Retry after 60 seconds.'] })) : route.continue()));
    await page.goto(`${app.baseUrl}/tab/#/supervision/${enrolmentId}`);
    await slotsOn(page).first().check();
    await page.getByRole('button', { name: 'Book' }).click();
    const error = page.getByTestId('find-a-time').getByTestId('error');
    await error.waitFor();
    assert.equal(await error.getAttribute('data-code'), 'unavailable');
    assert.match((await error.textContent()) ?? '', /The supervision could not be booked[\s\S]*shows as “being booked”[\s\S]*Retry after 60 seconds\./);
    await assertAccessible(page, 'booking error');

    // Consent: the API client holds the request and the consent prompt asks; outside Teams it says where to go instead.
    await page.route('**/schedule/times*', (route) => route.fulfill(fail(403, { code: 'consent_required', message: 'Attune needs your consent to read your calendar.', details: ['Ask your administrator if you cannot grant it.'] })));
    await page.getByTestId('session-length').selectOption('45');
    const consent = page.getByTestId('consent-prompt');
    await consent.waitFor();
    assert.match((await consent.textContent()) ?? '', /Attune needs your consent to read your calendar\.[\s\S]*Open Attune from Teams/);
    await assertAccessible(page, 'consent prompt outside Teams');
    await page.close();
  });

  it('reported nothing unexpected on any page', () => {
    assert.deepEqual(problems, []);
  });
});
