import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { after, before, describe, it } from 'mocha';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { alexEnrolment, demoCase, exited, killed, startAttuneProcess } from '../support/attune-process';
import { startTestAzurite, type TestAzurite } from '../support/azurite';
import { devSignIn } from '../support/app';
import { ClipClient, sha256 } from '../fixtures/clip-client';
import { makeTinyMp4 } from '../fixtures/tiny-mp4';
import { until } from '../support/until';


/** A block PUT whose body is sent in two halves, so it is running on the server when SIGTERM arrives. */
function halfSentBlock(url: URL, token: string, bytes: Buffer): { sent: Promise<void>; finish: () => void; answer: Promise<string> } {
  let req!: ClientRequest;
  const answer = new Promise<string>((ok) => {
    req = request(url, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) } });
    req.on('error', (e) => ok(`error ${e.message}`));
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => ok(`answered ${res.statusCode}`));
    });
  });
  const half = Math.floor(bytes.length / 2);
  const sent = new Promise<void>((ok) => req.write(bytes.subarray(0, half), () => ok()));
  return { sent, finish: () => req.end(bytes.subarray(half)), answer };
}

describe('graceful shutdown on SIGTERM (App Service stopping an instance)', () => {
  let azurite: TestAzurite;
  const dataDir = mkdtempSync(join(tmpdir(), 'attune-sigterm-'));
  const children: ChildProcess[] = [];

  before(async () => {
    azurite = await startTestAzurite();
  });
  after(async () => {
    for (const c of children) await killed(c);
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops accepting, finishes the blocks being uploaded, releases the reminder lease, exits 0; the upload then finishes elsewhere with identical bytes', async () => {
    const env = { NODE_ENV: 'test', PORT: '0', DEV_SIGN_IN: 'true', SEED_DEMO: 'true', ATTUNE_DATA_DIR: dataDir, STORAGE_CONNECTION_STRING: azurite.connectionString, CLIP_RETENTION_SWEEP_MINUTES: '0', LOG_LEVEL: 'warn', REMINDERS: 'true', REMINDERS_INTERVAL_SECONDS: '1' };
    const trainee = `${demoTenantId}:${demoPeople.trainee.objectId}`;
    const data = randomBytes(9 * 1024 * 1024 + 4321);
    makeTinyMp4({ seconds: 1 }).subarray(0, 32).copy(data);

    const first = await startAttuneProcess(env);
    children.push(first.child);
    const token = await devSignIn(first.baseUrl, trainee);
    const client = new ClipClient(first.baseUrl, token);
    const enrolmentId = await alexEnrolment(azurite);
    const caseId = await demoCase(azurite, enrolmentId);
    const u = (await client.start(enrolmentId, { caseId, kind: 'client_interaction', title: 'Bath time', size: data.length })).body.upload;
    assert.equal(u.blockCount, 3);
    assert.equal((await client.putBlock({ enrolmentId, uploadId: u.id, index: 0 }, data.subarray(0, u.blockSize))).status, 200);

    // This instance leads the reminder planner (it holds the blob lease).
    const lease = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('attune-locks').getBlobClient('reminder-planner');
    await until(async () => (await lease.getProperties().catch(() => null))?.leaseState, (s) => s === 'leased', 'the planner lease is taken');

    // Blocks 1 and 2 are half sent when SIGTERM arrives.
    const blockUrl = (i: number) => new URL(`${first.baseUrl}/api/enrolments/${enrolmentId}/clip-uploads/${u.id}/blocks/${i}`);
    const one = halfSentBlock(blockUrl(1), token, data.subarray(u.blockSize, 2 * u.blockSize));
    const two = halfSentBlock(blockUrl(2), token, data.subarray(2 * u.blockSize));
    await Promise.all([one.sent, two.sent]);
    const gone = exited(first.child);
    first.child.kill('SIGTERM');

    // No new connections: the listening socket closes at once.
    await until(
      async () => fetch(`${first.baseUrl}/healthz`, { headers: { Connection: 'close' } }).then((r) => `answered ${r.status}`, (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message),
      (s) => s === 'ECONNREFUSED',
      'new connections refused after SIGTERM',
    );
    assert.equal(first.child.exitCode, null, 'still running while its uploads finish');
    one.finish();
    two.finish();
    assert.deepEqual(await Promise.all([one.answer, two.answer]), ['answered 200', 'answered 200'], 'both running blocks were stored, not cut off');
    assert.deepEqual(await gone, { code: 0, signal: null });
    assert.equal((await lease.getProperties()).leaseState, 'available', 'released on the way out (not left to expire)');

    // Another instance (same storage) has every block: nothing was lost.
    const second = await startAttuneProcess(env);
    children.push(second.child);
    const again = new ClipClient(second.baseUrl, await devSignIn(second.baseUrl, trainee));
    assert.deepEqual((await again.status(enrolmentId, u.id)).body.upload.missing, []);
    const done = await again.commit(enrolmentId, u.id);
    assert.equal(done.status, 201);
    const { path } = (await again.playback(enrolmentId, done.body.clip.id)).body.playback;
    assert.equal(sha256(Buffer.from(await (await fetch(`${second.baseUrl}${path}`)).arrayBuffer())), sha256(data));
  });
});
