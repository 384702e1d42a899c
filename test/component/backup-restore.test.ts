import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { alexEnrolment, demoCase, killed, startAttuneProcess } from '../support/attune-process';
import { startTestAzurite, type TestAzurite } from '../support/azurite';
import { devSignIn } from '../support/app';
import { ClipClient, sha256 } from '../fixtures/clip-client';
import { makeTinyMp4 } from '../fixtures/tiny-mp4';

const repoRoot = resolve(import.meta.dirname, '../..');

function script(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
  return new Promise((ok) => child.once('exit', (code) => ok({ code, out })));
}

const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));

describe('backup and restore drill (npm run backup / npm run restore)', () => {
  let live: TestAzurite;
  let restored: TestAzurite;
  const dataDir = mkdtempSync(join(tmpdir(), 'attune-backup-data-'));
  const backupDir = join(mkdtempSync(join(tmpdir(), 'attune-backup-')), 'copy');
  const children: ChildProcess[] = [];
  before(async () => {
    [live, restored] = await Promise.all([startTestAzurite(), startTestAzurite()]);
  });
  after(async () => {
    for (const c of children) await killed(c);
    await Promise.all([live.stop(), restored.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(resolve(backupDir, '..'), { recursive: true, force: true });
  });

  it('copies every table and the encrypted clips; restored into an empty account with the same key, the clip plays back byte for byte', async () => {
    const env = (azurite: TestAzurite, dir = dataDir) => ({ NODE_ENV: 'test', PORT: '0', DEV_SIGN_IN: 'true', SEED_DEMO: 'true', ATTUNE_DATA_DIR: dir, STORAGE_CONNECTION_STRING: azurite.connectionString, CLIP_RETENTION_SWEEP_MINUTES: '0', LOG_LEVEL: 'warn' });
    const trainee = `${demoTenantId}:${demoPeople.trainee.objectId}`;
    const data = randomBytes(3 * 1024 * 1024 + 77);
    makeTinyMp4({ seconds: 1 }).subarray(0, 32).copy(data);
    const marker = data.subarray(1024 * 1024, 1024 * 1024 + 48);

    // The live service: a clip uploaded and committed.
    const first = await startAttuneProcess(env(live));
    children.push(first.child);
    const client = new ClipClient(first.baseUrl, await devSignIn(first.baseUrl, trainee));
    const enrolmentId = await alexEnrolment(live);
    const caseId = await demoCase(live, enrolmentId);
    const u = (await client.start(enrolmentId, { caseId, kind: 'client_interaction', title: 'Snack time', size: data.length })).body.upload;
    for (let i = 0; i < u.blockCount; i++) assert.equal((await client.putBlock({ enrolmentId, uploadId: u.id, index: i }, data.subarray(i * u.blockSize, (i + 1) * u.blockSize))).status, 200);
    const clipId = (await client.commit(enrolmentId, u.id)).body.clip.id;
    await killed(first.child);

    const backup = await script(['backup', '--out', backupDir], env(live));
    assert.equal(backup.code, 0, backup.out);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as { tables: Record<string, number>; blobs: number };
    assert.ok(manifest.tables.attuneenrolments! >= 1 && manifest.tables.attuneclipkeys! >= 1, JSON.stringify(manifest.tables));
    assert.equal(manifest.blobs, 1);
    for (const file of filesUnder(backupDir)) assert.equal(readFileSync(file).indexOf(marker), -1, `${file} holds clip plaintext`);

    const restore = await script(['restore', '--from', backupDir], env(restored));
    assert.equal(restore.code, 0, restore.out);

    const second = await startAttuneProcess(env(restored));
    children.push(second.child);
    const again = new ClipClient(second.baseUrl, await devSignIn(second.baseUrl, trainee));
    const { path } = (await again.playback(enrolmentId, clipId)).body.playback;
    assert.equal(sha256(Buffer.from(await (await fetch(`${second.baseUrl}${path}`)).arrayBuffer())), sha256(data));
    await killed(second.child);

    // Restoring over data is refused, and changes nothing.
    const twice = await script(['restore', '--from', backupDir], env(restored));
    assert.equal(twice.code, 2);
    assert.match(twice.out, /already holds Attune data/);

    // Without the key-encryption key (another data folder, so another key file) the restored clip is unreadable.
    const otherKeys = mkdtempSync(join(tmpdir(), 'attune-other-keys-'));
    try {
      const third = await startAttuneProcess(env(restored, otherKeys));
      children.push(third.child);
      const stranger = new ClipClient(third.baseUrl, await devSignIn(third.baseUrl, trainee));
      const grant = await stranger.playback(enrolmentId, clipId);
      const res = grant.status === 200 ? await fetch(`${third.baseUrl}${grant.body.playback.path}`) : null;
      const bytes = res && res.status === 200 ? Buffer.from(await res.arrayBuffer()) : Buffer.alloc(0);
      assert.notEqual(sha256(bytes), sha256(data), 'readable without the key');
      assert.equal(bytes.indexOf(marker), -1);
      await killed(third.child);
    } finally {
      rmSync(otherKeys, { recursive: true, force: true });
    }
  });

  it('refuses a folder that is not a backup, and a backup folder that is already used', async () => {
    const env = { NODE_ENV: 'test', ATTUNE_DATA_DIR: dataDir, STORAGE_CONNECTION_STRING: restored.connectionString };
    const none = await script(['restore', '--from', tmpdir()], env);
    assert.equal(none.code, 2);
    assert.match(none.out, /holds no backup/);
    const used = await script(['backup', '--out', backupDir], env);
    assert.equal(used.code, 2);
    assert.match(used.out, /already holds a backup/);
    const bad = await script(['backup'], env);
    assert.equal(bad.code, 64);
    assert.match(bad.out, /Usage: npm run backup/);
  });
});
