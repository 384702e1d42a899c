/**
 * The tab's first view, per role, as Teams would load it: the built tab (dist/tab, rebuilt first) served by the
 * real app (embedded Azurite, demo data), opened in headless Debian Chromium inside a stand-in Teams host page
 * (so teams-js and the Teams SSO path are part of it), each run in a fresh browser context (cold cache).
 *
 * - `<role>_first_view_js_gzip_kb`: the gzip size (zlib default level, as a server or CDN would send it) of every
 *   JavaScript file the tab loaded before its first meaningful render. Target ≤ 300 KB; pages are code-split.
 * - `<role>_first_view_js_kb`: the same files before compression; `<role>_first_view_js_files`: how many.
 * - `<role>_first_render_ms`: median, over the runs, of the time from navigation start in the tab's frame to the
 *   first meaningful render (the element that shows the role's own content), measured in the page by a
 *   MutationObserver. Reported as measured; no test asserts it.
 *
 * Usage: npm run bench -- tab [--runs=5]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { devSignIn, startTestApp } from '../support/app';
import { launchBrowser, openInFakeTeams } from '../support/browser';

const repoRoot = resolve(import.meta.dirname, '../..');

type Who = 'trainee' | 'supervisor' | 'lineManager' | 'admin';

/** What each role's first view shows once it has rendered its own content. */
const firstViews: readonly { who: Who; role: string; selector: string }[] = [
  { who: 'trainee', role: 'trainee', selector: '[data-testid="progress-chart"]' },
  { who: 'supervisor', role: 'supervisor', selector: '[data-testid="trainee"]' },
  { who: 'lineManager', role: 'line_manager', selector: '[data-testid="contracts"] [data-testid="contract"], [data-testid="no-contracts"]' },
  { who: 'admin', role: 'service_admin', selector: '[data-testid="service-name"]' },
];

const print = (metric: string, value: number, unit: string): void => {
  console.log(JSON.stringify({ bench: 'tab', metric, value, unit }));
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function runTabBench(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const runs = Math.max(1, Number(argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 5) || 5);
  console.error('tab bench: building the tab…');
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) throw new Error('building the tab failed');

  const [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  try {
    const tabUrl = `${app.baseUrl}/tab/`;
    for (const view of firstViews) {
      const person = demoPeople[view.who];
      const token = await devSignIn(app.baseUrl, `${demoTenantId}:${person.objectId}`);
      const times: number[] = [];
      let scripts: string[] = [];
      for (let run = 0; run < runs; run++) {
        const loaded = new Set<string>();
        let rendered = false;
        const teams = await openInFakeTeams(browser, {
          tabUrl,
          token,
          theme: 'default',
          context: { tid: demoTenantId, userObjectId: person.objectId, locale: 'en-GB' },
          beforeOpen: async (page) => {
            // Records, in the tab's own frame, when the role's content first appears.
            // A string, not a function: tsx would name inner functions with a helper the page does not have.
            await page.addInitScript(`(() => {
              if (window.parent === window) return;
              const selector = ${JSON.stringify(view.selector)};
              new MutationObserver((records, observer) => {
                if (window.__firstRender === undefined && document.querySelector(selector)) window.__firstRender = performance.now();
                if (window.__firstRender !== undefined) observer.disconnect();
              }).observe(document, { childList: true, subtree: true, attributes: true });
            })();`);
            page.on('response', (r) => {
              const url = new URL(r.url());
              if (!rendered && url.origin === new URL(app.baseUrl).origin && url.pathname.endsWith('.js')) loaded.add(url.pathname);
            });
          },
        });
        try {
          const frame = teams.frame();
          await frame.waitForFunction(() => (window as unknown as { __firstRender?: number }).__firstRender !== undefined, undefined, { timeout: 30_000 });
          rendered = true;
          times.push(await frame.evaluate(() => (window as unknown as { __firstRender: number }).__firstRender));
          scripts = [...loaded].sort();
        } finally {
          await teams.page.context().close();
        }
      }
      const files = scripts.map((p) => readFileSync(join(repoRoot, 'dist', p)));
      const gzip = files.reduce((sum, f) => sum + gzipSync(f).length, 0);
      const raw = files.reduce((sum, f) => sum + f.length, 0);
      console.error(`tab bench: ${view.role} loaded ${scripts.map((s) => s.replace('/tab/assets/', '')).join(', ')}`);
      print(`${view.role}_first_view_js_gzip_kb`, Math.round(gzip / 102.4) / 10, 'KB');
      print(`${view.role}_first_view_js_kb`, Math.round(raw / 102.4) / 10, 'KB');
      print(`${view.role}_first_view_js_files`, scripts.length, 'files');
      print(`${view.role}_first_render_ms`, Math.round(median(times)), 'ms');
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

export const run = runTabBench;
