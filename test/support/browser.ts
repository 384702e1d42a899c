import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

const repoRoot = resolve(import.meta.dirname, '../..');

/** Debian's Chromium: the browser tests download no browser (scripts/ensure-chromium.mjs installs it). */
export const chromiumPath = '/usr/bin/chromium';

/** Where screenshots go; test-results/ is ignored by git and ESLint. */
export const resultsDir = join(repoRoot, 'test-results');

/**
 * Headless Chromium for the browser tests. The flags keep it offline and quiet: no sandbox (containers),
 * no GPU, and none of the background traffic (updates, sync, QUIC probes) a fresh profile starts. Local-network
 * access checks are off so the stand-in Teams page (https://teams.microsoft.com, see openInFakeTeams) may frame
 * the tab on 127.0.0.1, as the real Teams frames it on its public address.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessForNavigations,LocalNetworkAccessChecks'],
  });
}

/** Builds the tab (dist/tab) with Vite when it has not been built; `npm run test:e2e` builds it first anyway. */
export function ensureTabBuilt(): void {
  if (existsSync(join(repoRoot, 'dist', 'tab', 'index.html'))) return;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`Building the tab failed (vite exited with ${result.status ?? result.signal}).`);
}

/** Saves a full-page screenshot as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Runs axe-core in the page and returns the violations of the given impacts (default: serious and critical).
 * axe is evaluated through the DevTools protocol rather than added as a <script>: the app's
 * Content-Security-Policy (script-src 'self') rightly refuses inline scripts, and the test keeps that policy on.
 */
export async function axeViolations(page: Page | Frame, impacts: readonly string[] = ['serious', 'critical']): Promise<Result[]> {
  await page.evaluate(readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const results = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run());
  return results.violations
    .map(withoutTabsterDummies)
    .filter((v) => v.nodes.length > 0 && v.impact != null && impacts.includes(v.impact));
}

/**
 * Fluent's focus manager (tabster) puts `<i data-tabster-dummy tabindex="0" aria-hidden="true">` around a
 * modal dialog (and at the body's edges) to keep focus inside it: focusable by design, hidden so a screen
 * reader never announces them. axe's aria-hidden-focus flags them; Fluent lists it as a known false positive
 * and Accessibility Insights suppresses it (microsoft/accessibility-insights-web#7605). Only those nodes are
 * dropped: any other aria-hidden focusable element still fails.
 */
function withoutTabsterDummies(v: Result): Result {
  if (v.id !== 'aria-hidden-focus') return v;
  return { ...v, nodes: v.nodes.filter((n) => !/^<i [^>]*data-tabster-dummy/.test(n.html)) };
}

/** Violations as readable lines for an assertion message. */
export function describeViolations(violations: readonly Result[]): string {
  return violations.map((v) => `${v.impact ?? '?'} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
}

/**
 * Waits until the page's finite CSS transitions and animations have ended. A button re-enabled after saving
 * fades from its disabled grey to its brand colour over ~100 ms; axe sampling colours mid-fade reports
 * contrast the page never rests at. Endless animations (a spinner) are not waited for.
 */
async function settled(page: Page | Frame): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

/** Throws with readable lines when a page has serious or critical accessibility violations. */
export async function assertAccessible(page: Page | Frame, where: string): Promise<void> {
  // The pointer rests where the last click was; a hover colour is not what the page looks like.
  await ('mouse' in page ? page : page.page()).mouse.move(0, 0);
  await settled(page);
  const violations = await axeViolations(page);
  if (violations.length) throw new Error(`${where} has accessibility violations:\n${describeViolations(violations)}`);
}

/**
 * Collects what should never happen on a page: a request to another origin (nothing comes from a CDN) and any
 * error the page reports. `ignore` drops console errors a test causes on purpose (a refused request, say).
 */
export function watchPage(page: Page, o: { origin: string; ignore?: readonly RegExp[] }): string[] {
  const problems: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(o.origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`request to another origin: ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !(o.ignore ?? []).some((re) => re.test(m.text()))) problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** The origin a fake Teams host page is served from (offline: Playwright answers it; nothing leaves the machine). */
export const fakeTeamsOrigin = 'https://teams.microsoft.com';

export interface FakeTeams {
  readonly page: Page;
  /** The tab's frame inside the host page. */
  readonly frame: () => Frame;
  /** Tells the tab the person switched Teams theme, as Teams does. */
  setTheme(theme: 'default' | 'dark' | 'contrast'): Promise<void>;
  /** How many SSO tokens the tab asked Teams for. */
  tokenRequests(): Promise<number>;
  /**
   * The URLs the tab asked Teams to open in its authentication window (teams-js `authentication.authenticate`).
   * The stand-in opens nothing: it answers as if the page there had called `notifySuccess`.
   */
  authenticateRequests(): Promise<string[]>;
}

/**
 * Opens the tab inside a stand-in for the Teams web client: a page on https://teams.microsoft.com (served by
 * Playwright, offline) with the tab in an iframe, answering teams-js's postMessage protocol the way the host
 * does — initialize, getContext, authentication.getAuthToken (with the given token), authentication.authenticate (recorded, answered as succeeded) — and sending themeChange.
 * teams-js's fetch of its valid-origins list from Microsoft's CDN is refused, so it falls back to its built-in
 * list, as it would offline.
 */
export async function openInFakeTeams(
  browser: Browser,
  o: { tabUrl: string; token: string; theme: 'default' | 'dark' | 'contrast'; context: { tid: string; userObjectId: string; locale: string; subEntityId?: string; loginHint?: string }; beforeOpen?: (page: Page) => Promise<void> },
): Promise<FakeTeams> {
  // A context of its own (close it with page.context().close()): a fresh cache and storage, like a new Teams session.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await o.beforeOpen?.(page);
  await page.route(/^https:\/\/res\.cdn\.office\.net\//, (route) => route.abort('blockedbyclient'));
  const hostScript = `
    const state = { theme: ${JSON.stringify(o.theme)}, tokens: 0, authenticate: [] };
    window.__teams = state;
    window.addEventListener('message', (e) => {
      const frame = document.querySelector('iframe');
      if (!frame || e.source !== frame.contentWindow || typeof e.data !== 'object' || e.data === null || typeof e.data.func !== 'string') return;
      const { id, uuidAsString, func } = e.data;
      const reply = (args) => e.source.postMessage({ id, uuidAsString, args }, '*');
      if (func === 'initialize') reply(['content', 'web', '2.0.0', '2.0.0']);
      else if (func === 'getContext') reply([Object.assign({ theme: state.theme, frameContext: 'content', hostName: 'Teams', hostClientType: 'web' }, ${JSON.stringify(o.context)})]);
      else if (func === 'authentication.getAuthToken') { state.tokens++; reply([true, ${JSON.stringify(o.token)}]); }
      else if (func === 'authentication.authenticate') { state.authenticate.push(e.data.args[0]); reply([true, '']); }
    });
    window.setTeamsTheme = (theme) => {
      state.theme = theme;
      document.querySelector('iframe').contentWindow.postMessage({ func: 'themeChange', args: [theme] }, '*');
    };`;
  await page.route(`${fakeTeamsOrigin}/attune-host`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Teams</title><script>${hostScript}</script></head><body style="margin:0"><iframe title="Attune" src="${o.tabUrl}" style="border:0;width:100%;height:100vh"></iframe></body></html>`,
    }),
  );
  await page.goto(`${fakeTeamsOrigin}/attune-host`);
  const frame = (): Frame => {
    const f = page.frames().find((x) => x.url().startsWith(o.tabUrl.split('#')[0]!));
    if (!f) throw new Error('the tab frame is not there');
    return f;
  };
  return {
    page,
    frame,
    setTheme: async (theme) => page.evaluate((t) => (window as unknown as { setTeamsTheme: (t: string) => void }).setTeamsTheme(t), theme),
    tokenRequests: async () => page.evaluate(() => (window as unknown as { __teams: { tokens: number } }).__teams.tokens),
    authenticateRequests: async () => page.evaluate(() => (window as unknown as { __teams: { authenticate: string[] } }).__teams.authenticate),
  };
}
