import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { formatMinutes, type Progress } from '../../src/domain/progress';
import { devSignIn, getJson, startTestApp, type TestApp } from '../support/app';
import { assertAccessible, axeViolations, describeViolations, ensureTabBuilt, launchBrowser, openInFakeTeams, screenshot } from '../support/browser';
import { demoTenantId } from '../../src/app/seed-demo';

type Role = 'trainee' | 'supervisor' | 'line_manager' | 'service_admin';
interface DemoPerson {
  id: string;
  displayName: string;
  roles: Role[];
}
interface TraineeSummary {
  id: string;
  displayName: string;
  relationship: 'supervisor' | 'line_manager';
  progress: Progress | null;
}

// The words the tab uses for each state: written out here so the test does not borrow the tab's own tables.
const stageStatusText = { complete: 'Complete', current: 'Current', upcoming: 'Upcoming' } as const;
const projectionStatusText = { complete: 'Complete', on_track: 'On track', at_risk: 'At risk', overdue: 'Overdue' } as const;
const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

describe('Teams tab in Chromium (real app, embedded Azurite, demo data)', () => {
  let app: TestApp;
  let browser: Browser;
  let people: DemoPerson[];
  const personWith = (role: Role): DemoPerson => {
    const p = people.find((x) => x.roles.includes(role));
    assert.ok(p, `the demo data has a ${role}`);
    return p;
  };

  before(async () => {
    ensureTabBuilt();
    app = await startTestApp({ now: () => new Date('2026-06-15T10:00:00Z') });
    browser = await launchBrowser();
    people = (await getJson<{ people: DemoPerson[] }>(`${app.baseUrl}/api/dev/people`)).body.people;
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** A fresh page that records anything loaded from another origin and any error the page reports. */
  async function openPage(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const problems: string[] = [];
    const origin = new URL(app.baseUrl).origin;
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`request to another origin: ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    return { page, problems };
  }

  /** Opens the tab and signs in through the development sign-in page, as a person would. */
  async function signInAs(page: Page, person: DemoPerson): Promise<void> {
    await page.goto(`${app.baseUrl}/tab/`);
    await page.getByRole('heading', { level: 1, name: 'Development sign-in' }).waitFor();
    await page.locator(`[data-testid="dev-person"][data-person-id="${person.id}"]`).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${person.displayName}` }).waitFor();
  }

  const tokenOf = (page: Page): Promise<string> =>
    page.evaluate(() => {
      const raw = sessionStorage.getItem('attune.devSignIn');
      if (!raw) throw new Error('no development sign-in token in sessionStorage');
      return (JSON.parse(raw) as { token: string }).token;
    });

  const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).textContent()) ?? '').trim();
  const attr = async (page: Page, testId: string, name: string): Promise<string | null> => page.getByTestId(testId).getAttribute(name);

  it('shows a trainee the same stages, next steps and projection as the API', async () => {
    const { page, problems } = await openPage();
    await signInAs(page, personWith('trainee'));
    await page.getByTestId('progress').waitFor();

    const token = await tokenOf(page);
    assert.ok(!page.url().includes(token), 'the token never appears in the URL');
    const res = await getJson<{ progress: Progress | null }>(`${app.baseUrl}/api/me/progress`, token);
    assert.equal(res.status, 200);
    const progress = res.body.progress;
    assert.ok(progress, 'the demo trainee has progress');

    assert.equal(await text(page, 'pathway-name'), progress.pathway.name);
    for (const s of progress.stages) {
      const n = s.stage;
      assert.equal(await attr(page, `stage-${n}-status`, 'data-status'), s.status, `stage ${n} status`);
      assert.equal(await text(page, `stage-${n}-status`), stageStatusText[s.status], `stage ${n} status text`);
      assert.equal(await text(page, `stage-${n}-cycles`), `${s.cycles.done} of ${s.cycles.required}`, `stage ${n} cycles`);
      assert.equal(await text(page, `stage-${n}-clients`), `${s.newClients.done} of ${s.newClients.required}`, `stage ${n} new clients`);
      assert.equal(await text(page, `stage-${n}-supervision`), `${formatMinutes(s.supervisionMinutes.done)} of ${formatMinutes(s.supervisionMinutes.required)}`, `stage ${n} supervision`);
      assert.equal(await attr(page, `stage-${n}-meeting`, 'data-status'), s.meeting.status, `stage ${n} meeting`);
    }
    assert.equal(await page.locator('[data-testid^="stage-"][data-testid$="-cycles"]').count(), progress.stages.length, 'one card per stage');

    const steps = (await page.getByTestId('next-steps').locator('li').allTextContents()).map((t) => t.trim());
    assert.deepEqual(steps, progress.next.map((s) => s.text));

    const p = progress.projection;
    assert.equal(await attr(page, 'projection-date', 'datetime'), p.projectedCompletion);
    assert.deepEqual(await page.getByTestId('projection-window').locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime'))), [p.windowOpens, p.windowCloses]);
    assert.equal(await attr(page, 'projection-status', 'data-status'), p.status);
    assert.equal(await text(page, 'projection-status'), projectionStatusText[p.status]);
    assert.equal(await text(page, 'overall-progress'), `${percent(p.fractionComplete)} complete`);

    await screenshot(page, 'tab-trainee-light');
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('shows a supervisor their trainees, with the stage and share complete from the API', async () => {
    const supervisor = personWith('supervisor');
    const { page, problems } = await openPage();
    await signInAs(page, supervisor);
    await page.getByRole('heading', { level: 2, name: 'Your trainees' }).waitFor();
    await page.getByTestId('trainee').first().waitFor();

    const res = await getJson<{ trainees: TraineeSummary[] }>(`${app.baseUrl}/api/me/trainees`, await tokenOf(page));
    assert.equal(res.status, 200);
    assert.ok(res.body.trainees.length > 0, 'the demo supervisor has trainees');

    const cards = page.getByTestId('trainee');
    assert.deepEqual(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-trainee-id'))), res.body.trainees.map((t) => t.id));
    for (const [i, t] of res.body.trainees.entries()) {
      const card = cards.nth(i);
      assert.equal((await card.getByTestId('trainee-name').textContent())?.trim(), t.displayName);
      if (!t.progress) continue;
      assert.equal(await card.getByTestId('trainee-stage').getAttribute('data-stage'), String(t.progress.currentStage ?? ''));
      assert.equal((await card.getByTestId('trainee-fraction').textContent())?.trim(), `${percent(t.progress.projection.fractionComplete)} complete`);
      assert.equal(await card.getByTestId('trainee-projection').getAttribute('data-status'), t.progress.projection.status);
    }

    await screenshot(page, 'tab-supervisor-light');
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('lets a person switch to another demo person without reloading', async () => {
    const { page } = await openPage();
    await signInAs(page, personWith('trainee'));
    await page.getByRole('button', { name: 'Switch person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Development sign-in' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('attune.devSignIn')), null, 'switching forgets the token');
    await page.context().close();
  });

  it('shows the server\'s error message and loads again on "Try again"', async () => {
    const { page } = await openPage();
    let failures = 1;
    await page.route('**/api/me/progress', async (route) => {
      if (failures-- > 0) {
        await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'Storage is not answering.', details: ['retry later'] } }) });
      } else {
        await route.continue();
      }
    });
    await signInAs(page, personWith('trainee'));
    const error = page.getByTestId('error');
    await error.waitFor();
    assert.equal(await error.getAttribute('data-code'), 'unavailable');
    assert.match((await error.textContent()) ?? '', /Storage is not answering\.[\s\S]*retry later/);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('progress').waitFor();
    assert.equal(await error.count(), 0);
    await page.context().close();
  });

  it('sends a person back to sign-in, with a reason, when the server refuses their token', async () => {
    const { page } = await openPage();
    await page.addInitScript(() => {
      sessionStorage.setItem('attune.devSignIn', JSON.stringify({ token: 'not-a-token', expiresAt: new Date(Date.now() + 3_600_000).toISOString() }));
    });
    await page.goto(`${app.baseUrl}/tab/`);
    await page.getByRole('heading', { level: 1, name: 'Development sign-in' }).waitFor();
    await page.getByText('Your development sign-in has ended').waitFor();
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical accessibility violations (${colorScheme})`, async () => {
      const { page, problems } = await openPage({ colorScheme });
      await page.goto(`${app.baseUrl}/tab/`);
      await page.getByTestId('dev-person').first().waitFor();
      const onSignIn = await axeViolations(page);
      await screenshot(page, `tab-sign-in-${colorScheme}`);
      assert.deepEqual(onSignIn, [], `sign-in page:\n${describeViolations(onSignIn)}`);

      for (const role of ['trainee', 'supervisor'] as const) {
        await page.evaluate(() => sessionStorage.clear());
        await signInAs(page, personWith(role));
        await page.getByTestId(role === 'trainee' ? 'progress' : 'trainee').first().waitFor();
        const violations = await axeViolations(page);
        await screenshot(page, `tab-${role}-${colorScheme}`);
        assert.deepEqual(violations, [], `${role} page:\n${describeViolations(violations)}`);
      }
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }

  it('inside Teams: signs in with the Teams SSO token and follows Teams theme changes', async () => {
    const trainee = personWith('trainee');
    const teams = await openInFakeTeams(browser, {
      tabUrl: `${app.baseUrl}/tab/`,
      token: await devSignIn(app.baseUrl, trainee.id),
      theme: 'default',
      context: { tid: demoTenantId, userObjectId: trainee.id.split(':')[1]!, locale: 'en-GB' },
    });
    try {
      const frame = teams.frame();
      await frame.getByRole('heading', { level: 1, name: `Hello, ${trainee.displayName}` }).waitFor();
      await frame.getByTestId('progress').waitFor();
      assert.equal(await frame.getByRole('button', { name: 'Switch person' }).count(), 0, 'no development sign-in inside Teams');
      assert.ok((await teams.tokenRequests()) >= 1, 'the tab asked Teams for its SSO token');
      assert.equal(await frame.locator('[data-theme]').first().getAttribute('data-theme'), 'light');
      for (const [teamsTheme, ours] of [['dark', 'dark'], ['contrast', 'contrast'], ['default', 'light']] as const) {
        await teams.setTheme(teamsTheme);
        await frame.locator(`[data-theme="${ours}"]`).waitFor();
        await assertAccessible(frame, `the tab in the Teams ${teamsTheme} theme`);
        await screenshot(teams.page, `tab-in-teams-${teamsTheme}`);
      }
    } finally {
      await teams.page.context().close();
    }
  });

  it('fits a 360px-wide phone screen without sideways scrolling', async () => {
    const { page } = await openPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signInAs(page, personWith('trainee'));
    await page.getByTestId('progress').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await screenshot(page, 'tab-trainee-360px');
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await page.context().close();
  });
});

describe('Teams tab in Chromium with development sign-in off', () => {
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    ensureTabBuilt();
    app = await startTestApp({ env: { DEV_SIGN_IN: 'false' } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('asks a person outside Teams to open Attune from Microsoft Teams', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/tab/`);
    await page.getByRole('heading', { level: 1, name: 'Open Attune from Microsoft Teams' }).waitFor();
    assert.equal(await page.getByTestId('dev-person').count(), 0);
    await screenshot(page, 'tab-outside-teams');
    await page.close();
  });
});
