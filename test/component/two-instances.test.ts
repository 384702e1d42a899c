import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { alexEnrolment, demoCase, killed, startAttuneProcess } from '../support/attune-process';
import { startTestAzurite, type TestAzurite } from '../support/azurite';
import { startEntraIssuer, type EntraIssuer } from '../support/entra-issuer';
import { ClipClient, sha256 } from '../fixtures/clip-client';
import { makeTinyMp4 } from '../fixtures/tiny-mp4';

const clientId = '7d1e7a52-3c55-4f0e-9a38-2b1f6c0d9e11';

/**
 * Two Attune processes behind one (imaginary) load balancer, sharing one Azurite and one key-encryption key,
 * with Entra tokens (a loopback issuer) that either accepts: every step below goes to whichever instance is
 * next, as App Service spreads requests without sticky sessions.
 */
describe('two instances, one storage account: requests spread across both', () => {
  let azurite: TestAzurite;
  let entra: EntraIssuer;
  const dataDir = mkdtempSync(join(tmpdir(), 'attune-two-'));
  const children: ChildProcess[] = [];
  let urls: string[] = [];
  let env: Record<string, string>;

  before(async () => {
    azurite = await startTestAzurite();
    entra = await startEntraIssuer({ audience: clientId });
    env = { NODE_ENV: 'test', PORT: '0', SEED_DEMO: 'true', ATTUNE_DATA_DIR: dataDir, STORAGE_CONNECTION_STRING: azurite.connectionString, CLIP_RETENTION_SWEEP_MINUTES: '0', LOG_LEVEL: 'warn', AAD_APP_CLIENT_ID: clientId, AUTHORITY_HOST: entra.authorityHost, ALLOWED_TENANTS: demoTenantId };
    // One after the other: the first creates the tables and the development key file the second then reads.
    for (let i = 0; i < 2; i++) {
      const s = await startAttuneProcess(env);
      children.push(s.child);
      urls.push(s.baseUrl);
    }
  });
  after(async () => {
    for (const c of children) await killed(c);
    await azurite.stop();
    await entra.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const as = async (who: keyof typeof demoPeople, at: number): Promise<ClipClient> => new ClipClient(urls[at % urls.length]!, await entra.token({ tenantId: demoTenantId, objectId: demoPeople[who].objectId }));

  it('uploads with blocks alternating between instances, then plays it back with range requests alternating too', async () => {
    const data = randomBytes(4 * 1024 * 1024 + 4097);
    makeTinyMp4({ seconds: 1 }).subarray(0, 32).copy(data);
    const enrolmentId = await alexEnrolment(azurite);
    const caseId = await demoCase(azurite, enrolmentId);
    const u = (await (await as('trainee', 0)).start(enrolmentId, { caseId, kind: 'client_interaction', title: 'Blocks on two servers', size: data.length })).body.upload;
    assert.ok(u.blockCount >= 2);
    for (let i = 0; i < u.blockCount; i++) {
      const res = await (await as('trainee', i + 1)).putBlock({ enrolmentId, uploadId: u.id, index: i }, data.subarray(i * u.blockSize, (i + 1) * u.blockSize));
      assert.equal(res.status, 200, `block ${i} on instance ${(i + 1) % 2}`);
    }
    const done = await (await as('trainee', u.blockCount + 1)).commit(enrolmentId, u.id);
    assert.equal(done.status, 201);

    const grant = (await (await as('trainee', 0)).playback(enrolmentId, done.body.clip.id)).body.playback;
    const ranges = [
      [0, 99],
      [u.blockSize - 10, u.blockSize + 10],
      [1_000_000, 2_500_000],
      [data.length - 50, data.length - 1],
    ] as const;
    for (const [i, [start, end]] of ranges.entries()) {
      const res = await fetch(`${urls[(i + 1) % 2]}${grant.path}`, { headers: { Range: `bytes=${start}-${end}` } });
      assert.equal(res.status, 206, `range ${i} on instance ${(i + 1) % 2}`);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(data.subarray(start, end + 1)));
    }
    const whole = await fetch(`${urls[1]}${grant.path}`);
    assert.equal(sha256(Buffer.from(await whole.arrayBuffer())), sha256(data));
  });

  it('a contract signed on one instance is seen, and signed again, on the other', async () => {
    const megan = (await (await as('secondTrainee', 0)).get('/api/me/contracts')).body as { contracts: { enrolmentId: string; contract: { version: number; state: { status: string; signatures: Record<string, unknown> } } }[] };
    const c = megan.contracts[0]!;
    assert.equal(c.contract.state.status, 'awaiting_signatures');
    assert.equal((await (await as('supervisor', 0)).post(`/api/enrolments/${c.enrolmentId}/contract/sign`, { version: c.contract.version })).status, 200);
    const seen = (await (await as('lineManager', 1)).get('/api/me/contracts')).body as typeof megan;
    const forManager = seen.contracts.find((x) => x.enrolmentId === c.enrolmentId)!;
    assert.ok(forManager.contract.state.signatures.supervisor, 'the supervisor’s signature, made on instance 0, is on instance 1');
    assert.equal((await (await as('lineManager', 1)).post(`/api/enrolments/${c.enrolmentId}/contract/sign`, { version: c.contract.version })).status, 200);
    const after = (await (await as('secondTrainee', 0)).get('/api/me/contracts')).body as typeof megan;
    assert.equal(after.contracts.find((x) => x.enrolmentId === c.enrolmentId)!.contract.state.status, 'active');
  });

  it('loses nothing when one instance is killed -9 mid-block: the other has every acknowledged block and takes the rest', async () => {
    const data = randomBytes(9 * 1024 * 1024 + 31);
    makeTinyMp4({ seconds: 1 }).subarray(0, 32).copy(data);
    const enrolmentId = await alexEnrolment(azurite);
    const caseId = await demoCase(azurite, enrolmentId);
    const a = await as('trainee', 0);
    const u = (await a.start(enrolmentId, { caseId, kind: 'client_interaction', title: 'Half on a dying server', size: data.length })).body.upload;
    assert.equal((await a.putBlock({ enrolmentId, uploadId: u.id, index: 0 }, data.subarray(0, u.blockSize))).status, 200);
    // Block 1 is half sent to instance 0 when it dies.
    const token = await entra.token({ tenantId: demoTenantId, objectId: demoPeople.trainee.objectId });
    const cut = await new Promise<string>((ok) => {
      const req = request(new URL(`${urls[0]}/api/enrolments/${enrolmentId}/clip-uploads/${u.id}/blocks/1`), { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Length': String(u.blockSize) } });
      req.on('error', (e) => ok(e.message));
      req.on('response', (res) => ok(`answered ${res.statusCode}`));
      req.write(data.subarray(u.blockSize, u.blockSize + u.blockSize / 2), () => void killed(children[0]!));
    });
    assert.match(cut, /socket hang up|ECONNRESET|EPIPE/);
    urls = [urls[1]!];
    const b = await as('trainee', 0);
    assert.deepEqual((await b.status(enrolmentId, u.id)).body.upload.missing, [1, 2]);
    for (const i of [1, 2]) assert.equal((await b.putBlock({ enrolmentId, uploadId: u.id, index: i }, data.subarray(i * u.blockSize, (i + 1) * u.blockSize))).status, 200);
    const done = await b.commit(enrolmentId, u.id);
    assert.equal(done.status, 201);
    const { path } = (await b.playback(enrolmentId, done.body.clip.id)).body.playback;
    assert.equal(sha256(Buffer.from(await (await fetch(`${urls[0]}${path}`)).arrayBuffer())), sha256(data));
  });
});
