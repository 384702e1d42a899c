import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

const repoRoot = resolve(import.meta.dirname, '../..');

/** Debian's Chromium: the browser tests download no browser (scripts/ensure-chromium.mjs installs it). */
export const chromiumPath = '/usr/bin/chromium';

/** Where screenshots go; test-results/ is ignored by git and ESLint. */
export const resultsDir = join(repoRoot, 'test-results');

/**
 * Headless Chromium for the browser tests. The flags keep it offline and quiet: no sandbox (containers),
 * no GPU, and none of the background traffic (updates, sync, QUIC probes) a fresh profile starts.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
export async function axeViolations(page: Page, impacts: readonly string[] = ['serious', 'critical']): Promise<Result[]> {
  await page.evaluate(readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const results = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run());
  return results.violations.filter((v) => v.impact != null && impacts.includes(v.impact));
}

/** Violations as readable lines for an assertion message. */
export function describeViolations(violations: readonly Result[]): string {
  return violations.map((v) => `${v.impact ?? '?'} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
}
