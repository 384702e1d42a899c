import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, launchBrowser } from '../support/browser';

/**
 * The accessibility check itself: it must judge a page at rest, not a frame of a fade (a Fluent button
 * re-enabled after saving fades from disabled grey to its brand colour, and axe once sampled it mid-fade in
 * CI), and it must still catch contrast the page really rests at.
 */
describe('assertAccessible', () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  after(async () => browser.close());

  const fading = (restingBackground: string) => `<!doctype html><html lang="en"><head><title>fade</title><style>
      button { color: #fff; background: #c8c8c8; font-size: 14px; border: 0; padding: 8px; transition: background-color 1.5s linear; }
      button.ready { background: ${restingBackground}; }
    </style></head><body><main><h1>Fade</h1><button type="button" id="b">Save</button></main></body></html>`;

  it('waits for a transition to end before it samples colours', async () => {
    await page.setContent(fading('#5b5fc7'));
    const running = await page.evaluate(() => {
      document.getElementById('b')?.getBoundingClientRect();
      document.getElementById('b')?.classList.add('ready');
      return document.getAnimations().length;
    });
    assert.equal(running, 1, 'the fade is running when the check starts');
    await assertAccessible(page, 'a button fading to its brand colour');
    assert.equal(await page.evaluate(() => document.getAnimations().length), 0);
  });

  it('still fails a colour the page rests at', async () => {
    await page.setContent(fading('#c8c8c8'));
    await assert.rejects(assertAccessible(page, 'a pale button'), /color-contrast/);
  });
});
