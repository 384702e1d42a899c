/**
 * The consent prompt, in Debian's Chromium against the real app: a request answered 403 consent_required
 * (as the Graph adapter answers when Entra says AADSTS65001) shows the prompt; in Teams, Allow opens the consent
 * page through teams-js `authentication.authenticate` and the request is sent again; in a browser the prompt
 * says what to do instead. The 403 is the server's error shape, put on the progress routes by Playwright for
 * one answer each (no page of the tab calls Graph on the person's behalf yet). The consent pages then run
 * for real, with the Entra authorize endpoint answered by Playwright: nothing leaves the machine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { Browser, Page, Route } from 'playwright-core';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { personId } from '../../src/domain/people';
import { devSignIn, startTestApp, type TestApp } from '../support/app';
import { assertAccessible, ensureTabBuilt, launchBrowser, openInFakeTeams, screenshot } from '../support/browser';

const clientId = '6a1c9b2e-0f4d-4c3b-9a8e-7d6c5b4a3f21';
const authorityHost = 'https://login.attune-consent.test';
const tabOrigin = 'https://attune.consent.test';
const trainee = demoPeople.trainee;
const traineeId = personId({ tenantId: demoTenantId, objectId: trainee.objectId });
const consentRequired = {
  error: { code: 'consent_required', message: 'Attune needs your permission to read your calendar\'s free/busy. Choose "Allow" when asked.', details: ['Entra: AADSTS65001'] },
};

describe('Consent prompt and consent pages (Chromium, real app)', () => {
  let app: TestApp;
  /** With a tab SSO app and an Entra authority configured, for the consent pages (development sign-in there would ask that authority for keys). */
  let withSso: TestApp;
  let browser: Browser;

  before(async () => {
    ensureTabBuilt();
    [app, withSso, browser] = await Promise.all([startTestApp(), startTestApp({ env: { AAD_APP_CLIENT_ID: clientId, ALLOWED_TENANTS: demoTenantId, AUTHORITY_HOST: authorityHost } }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
    await withSso?.stop();
  });

  /** Answers the progress routes 403 consent_required once each, then lets them through to the server. */
  async function refuseProgressOnce(page: Page): Promise<{ refused: () => number; sent: () => number }> {
    let refused = 0;
    let sent = 0;
    const left = new Set(['/api/me/progress', '/api/me/progress/history']);
    await page.route(/\/api\/me\/progress(\/history)?$/, async (route: Route) => {
      const path = new URL(route.request().url()).pathname;
      if (left.delete(path)) {
        refused++;
        await route.fulfill({ status: 403, contentType: 'application/json; charset=utf-8', body: JSON.stringify(consentRequired) });
      } else {
        sent++;
        await route.fallback(); // to the server (through the https front end, when there is one)
      }
    });
    return { refused: () => refused, sent: () => sent };
  }

  it('inside Teams: shows the prompt, opens the consent page on Allow, and sends the request again', async () => {
    let counts: { refused: () => number; sent: () => number } | null = null;
    const teams = await openInFakeTeams(browser, {
      // teams-js opens only https pages in its authentication window: the tab is reached at an https origin that
      // Playwright carries to the app on loopback, as a TLS-terminating front end would.
      tabUrl: `${tabOrigin}/tab/`,
      token: await devSignIn(app.baseUrl, traineeId),
      theme: 'default',
      context: { tid: demoTenantId, userObjectId: trainee.objectId, locale: 'en-GB', loginHint: 'alex@service.example' },
      beforeOpen: async (page) => {
        await page.route(`${tabOrigin}/**`, async (route) => route.fulfill({ response: await route.fetch({ url: route.request().url().replace(tabOrigin, app.baseUrl) }) }));
        counts = await refuseProgressOnce(page);
      },
    });
    try {
      const frame = teams.frame();
      const prompt = frame.getByTestId('consent-prompt');
      await prompt.waitFor();
      assert.match((await prompt.textContent()) ?? '', /Attune needs your permission to read your calendar's free\/busy/);
      assert.equal(await frame.getByTestId('consent-prompt').count(), 1, 'two requests waiting share one prompt');
      assert.equal(await frame.getByTestId('consent-outside-teams').count(), 0);
      await assertAccessible(frame, 'the consent prompt in Teams');
      await screenshot(teams.page, 'consent-prompt-in-teams');
      await frame.getByRole('button', { name: 'Allow' }).click();
      await frame.getByTestId('progress').waitFor();
      assert.equal(await frame.getByTestId('consent-prompt').count(), 0, 'the prompt is gone once allowed');
      const [url, ...more] = await teams.authenticateRequests();
      assert.equal(more.length, 0);
      const opened = new URL(url!);
      assert.equal(`${opened.origin}${opened.pathname}`, `${tabOrigin}/tab/consent.html`);
      assert.equal(opened.searchParams.get('tenant'), demoTenantId);
      assert.equal(opened.searchParams.get('loginHint'), 'alex@service.example');
      assert.equal(counts!.refused(), 2);
      assert.equal(counts!.sent(), 2, 'each refused request was sent again, once');
    } finally {
      await teams.page.context().close();
    }
  });

  it('in a browser: says to open Attune in Teams instead, and Not now gives the page its error', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await refuseProgressOnce(page);
      await page.goto(`${app.baseUrl}/tab/`);
      await page.locator(`[data-testid="dev-person"][data-person-id="${traineeId}"]`).click();
      await page.getByTestId('consent-prompt').waitFor();
      assert.match((await page.getByTestId('consent-outside-teams').textContent()) ?? '', /only inside Microsoft Teams/);
      assert.equal(await page.getByRole('button', { name: 'Allow' }).count(), 0, 'no Allow where Attune cannot ask');
      await assertAccessible(page, 'the consent prompt in a browser');
      await page.getByRole('button', { name: 'Not now' }).click();
      const error = page.locator('[data-testid="error"][data-code="consent_required"]');
      await error.waitFor();
      assert.match((await error.textContent()) ?? '', /Choose "Allow" when asked/);
    } finally {
      await context.close();
    }
  });

  describe('the consent pages', () => {
    /** Opens consent.html and answers Microsoft's authorize endpoint with `answer`; returns the URL asked for. */
    async function throughConsent(page: Page, answer: (authorize: URL) => Record<string, string>): Promise<URL> {
      let asked: URL | null = null;
      await page.route(`${authorityHost}/**`, async (route) => {
        asked = new URL(route.request().url());
        const back = new URL(`${withSso.baseUrl}/tab/consent-end.html`);
        for (const [k, v] of Object.entries(answer(asked))) back.searchParams.set(k, v);
        await route.fulfill({ status: 302, headers: { Location: back.href } });
      });
      await page.goto(`${withSso.baseUrl}/tab/consent.html?tenant=${demoTenantId}&loginHint=alex%40service.example`);
      await page.waitForURL(/consent-end\.html/);
      assert.ok(asked, 'the consent page went to the authorize endpoint');
      return asked;
    }

    it('asks Microsoft for consent to Calendars.ReadBasic for the tab app, and says thank you when it was given', async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const asked = await throughConsent(page, (a) => ({ code: 'never-redeemed', state: a.searchParams.get('state') ?? '' }));
        assert.equal(`${asked.origin}${asked.pathname}`, `${authorityHost}/${demoTenantId}/oauth2/v2.0/authorize`);
        const q = asked.searchParams;
        assert.equal(q.get('client_id'), clientId);
        assert.equal(q.get('prompt'), 'consent');
        assert.equal(q.get('response_type'), 'code');
        assert.equal(q.get('redirect_uri'), `${withSso.baseUrl}/tab/consent-end.html`);
        assert.deepEqual(q.get('scope')?.split(' '), ['openid', 'profile', 'https://graph.microsoft.com/Calendars.ReadBasic']);
        assert.equal(q.get('code_challenge_method'), 'S256');
        assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
        assert.equal(q.get('login_hint'), 'alex@service.example');
        await page.getByText('Thank you: Attune has your permission. You can close this window').waitFor();
      } finally {
        await context.close();
      }
    });

    it('says permission was not given when the person declines, or the answer is not for this window', async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await throughConsent(page, (a) => ({ error: 'access_denied', error_description: 'AADSTS65004: User declined to consent.', state: a.searchParams.get('state') ?? '' }));
        await page.getByText('Permission was not given. You can close this window').waitFor();
        await page.unrouteAll();
        await throughConsent(page, () => ({ code: 'x', state: 'someone-elses' }));
        await page.getByText('Permission was not given. You can close this window').waitFor();
      } finally {
        await context.close();
      }
    });
  });
});
