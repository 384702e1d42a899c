import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { alexEnrolment, demoCase, killed, startAttuneProcess as startServer } from '../support/attune-process';
import { startTestAzurite } from '../support/azurite';
import { devSignIn } from '../support/app';
import { ClipClient, sha256 } from '../fixtures/clip-client';
import { makeTinyMp4 } from '../fixtures/tiny-mp4';

describe('resumable upload across a killed server', () => {
  let azurite: Awaited<ReturnType<typeof startTestAzurite>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'attune-resume-'));
  const children: ChildProcess[] = [];

  before(async () => {
    azurite = await startTestAzurite();
  });
  after(async () => {
    for (const c of children) await killed(c);
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged when the server is killed mid-block, and finishes with identical bytes', async () => {
    const env = { NODE_ENV: 'test', PORT: '0', DEV_SIGN_IN: 'true', SEED_DEMO: 'true', ATTUNE_DATA_DIR: dataDir, STORAGE_CONNECTION_STRING: azurite.connectionString, CLIP_RETENTION_SWEEP_MINUTES: '0', LOG_LEVEL: 'warn' };
    const trainee = `${demoTenantId}:${demoPeople.trainee.objectId}`;
    const data = randomBytes(9 * 1024 * 1024 + 999);
    makeTinyMp4({ seconds: 1 }).subarray(0, 32).copy(data);

    const first = await startServer(env);
    children.push(first.child);
    const client = new ClipClient(first.baseUrl, await devSignIn(first.baseUrl, trainee));
    const enrolmentId = await alexEnrolment(azurite);
    const caseId = await demoCase(azurite, enrolmentId);
    const u = (await client.start(enrolmentId, { caseId, kind: 'client_interaction', title: 'Garden play', size: data.length })).body.upload;
    assert.equal((await client.putBlock({ enrolmentId: enrolmentId, uploadId: u.id, index: 2 }, data.subarray(2 * u.blockSize))).status, 200);
    assert.equal((await client.putBlock({ enrolmentId: enrolmentId, uploadId: u.id, index: 0 }, data.subarray(0, u.blockSize))).status, 200);

    // Block 1 is half sent when the process dies.
    const token = await devSignIn(first.baseUrl, trainee);
    const inFlight = new Promise<string>((ok) => {
      const url = new URL(`${first.baseUrl}/api/enrolments/${enrolmentId}/clip-uploads/${u.id}/blocks/1`);
      const req = request(url, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Length': String(u.blockSize) } });
      req.on('error', (e) => ok(e.message));
      req.on('response', (res) => ok(`answered ${res.statusCode}`));
      req.write(data.subarray(u.blockSize, u.blockSize + u.blockSize / 2), () => {
        setTimeout(() => void killed(first.child), 200);
      });
    });
    assert.match(await inFlight, /socket hang up|ECONNRESET|EPIPE/);
    assert.equal(statSync(join(dataDir, 'keys', 'clip-kek.json')).mode & 0o777, 0o600);

    const second = await startServer(env);
    children.push(second.child);
    const again = new ClipClient(second.baseUrl, await devSignIn(second.baseUrl, trainee));
    assert.deepEqual((await again.status(enrolmentId, u.id)).body.upload.missing, [1]);
    assert.equal((await again.putBlock({ enrolmentId: enrolmentId, uploadId: u.id, index: 1 }, data.subarray(u.blockSize, 2 * u.blockSize))).status, 200);
    const done = await again.commit(enrolmentId, u.id);
    assert.equal(done.status, 201);
    const { path } = (await again.playback(enrolmentId, done.body.clip.id)).body.playback;
    const played = Buffer.from(await (await fetch(`${second.baseUrl}${path}`)).arrayBuffer());
    assert.equal(sha256(played), sha256(data));
  });
});
