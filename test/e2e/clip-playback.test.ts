import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { Browser } from 'playwright-core';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { devSignIn, startTestApp, type TestApp } from '../support/app';
import { launchBrowser } from '../support/browser';
import { ClipClient } from '../fixtures/clip-client';
import { makeTinyMp4, nearestColour } from '../fixtures/tiny-mp4';

/** Runs in the page: a muted <video> on the media path, played, then seeked; returns the centre pixel after each seek. */
const playAndSeek = `async (src, points) => {
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  document.body.append(video);
  const event = (name) => new Promise((ok, fail) => {
    video.addEventListener(name, () => ok(), { once: true });
    video.addEventListener('error', () => fail(new Error('video error ' + (video.error && video.error.code) + ': ' + (video.error && video.error.message))), { once: true });
  });
  video.src = src;
  await event('loadedmetadata');
  await video.play();
  await new Promise((ok) => setTimeout(ok, 300));
  const frames = [];
  for (const at of points) {
    const seeked = event('seeked');
    video.currentTime = at;
    await seeked;
    // The seeked frame is decoded; give the compositor a frame to present it before reading pixels.
    await new Promise((ok) => (video.requestVideoFrameCallback ? (video.requestVideoFrameCallback(() => ok()), setTimeout(ok, 500)) : setTimeout(ok, 100)));
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const g = canvas.getContext('2d');
    g.drawImage(video, 0, 0);
    frames.push({ at, rgb: Array.from(g.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data.slice(0, 3)) });
  }
  return { duration: video.duration, width: video.videoWidth, frames };
}`;

describe('clip playback in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await app.stop();
  });

  it('plays a real MP4 through the decrypting range endpoint and seeks to three points', async () => {
    const trainee = `${demoTenantId}:${demoPeople.trainee.objectId}`;
    const client = new ClipClient(app.baseUrl, await devSignIn(app.baseUrl, trainee));
    const enrolment = (await app.app.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId === trainee)!;
    const clientCase = (await app.app.store.cases.list(enrolment.id)).map((c) => c.value).find((c) => c.code === 'FAM-0142')!;
    const mp4 = makeTinyMp4({ seconds: 10 });
    const clipId = await client.upload(enrolment.id, { caseId: clientCase.id, data: mp4, title: 'Snack time' });
    const { path } = (await client.playback(enrolment.id, clipId, 'own_practice')).body.playback;

    const page = await browser.newPage();
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/media/')) statuses.push(r.status());
    });
    // Any page of the app's origin: its Content-Security-Policy (media-src 'self') stays in force.
    await page.goto(`${app.baseUrl}/api/config`);
    // Written as a string: the test runner's transform would add helpers to a function that the page lacks.
    const seen = await page.evaluate<{ duration: number; width: number; frames: { at: number; rgb: number[] }[] }>(`(${playAndSeek})(${JSON.stringify(path)}, [7.5, 2.5, 5.5])`);

    assert.equal(Math.round(seen.duration), 10);
    assert.equal(seen.width, 64);
    // Each second of the clip has its own colour: the frame after a seek shows that second's.
    assert.deepEqual(seen.frames.map((f) => nearestColour(f.rgb)), [7, 2, 5], JSON.stringify(seen.frames));
    assert.ok(statuses.length > 0 && statuses.every((s) => s === 206 || s === 200), JSON.stringify(statuses));
    const views = (await app.app.audit.page({ subject: trainee, limit: 50 })).entries.filter((e) => e.action === 'view_clip' && e.object.id === clipId);
    assert.equal(views.length, 1, 'one viewing session, one audit entry, however many range requests');
    await page.close();
  });
});
