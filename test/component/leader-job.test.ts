import assert from 'node:assert/strict';
import { BlobServiceClient } from '@azure/storage-blob';
import { after, before, describe, it } from 'mocha';
import { BlobLeaderLease } from '../../src/adapters/storage/blob-leader-lease';
import { startLeaderJob, type LeaderJob } from '../../src/app/leader-job';
import type { Logger } from '../../src/ports/logger';
import { startTestAzurite, uniquePrefix, type TestAzurite } from '../support/azurite';
import { until } from '../support/until';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };


describe('a job on one instance at a time (clip retention), on a real blob lease', () => {
  let azurite: TestAzurite;
  before(async () => {
    azurite = await startTestAzurite();
  });
  after(async () => azurite.stop());

  it('runs on one of two instances only; when that one dies (stops renewing) the other takes over within a lease period with a larger fencing token', async () => {
    const locks = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(`locks${uniquePrefix()}`);
    await locks.createIfNotExists();
    const runs: { instance: string; epoch: number }[] = [];
    const active = new Set<string>();
    let overlap = false;
    const leases: BlobLeaderLease[] = [];
    const instance = (name: string): LeaderJob => {
      const lease = new BlobLeaderLease({ blob: locks.getBlockBlobClient('retention'), durationSeconds: 15 });
      leases.push(lease);
      return startLeaderJob({
        name,
        lease,
        intervalMs: 300,
        checkMs: 200,
        log: quiet,
        run: async (epoch) => {
          if (active.size) overlap = true;
          active.add(name);
          runs.push({ instance: name, epoch });
          await new Promise((r) => setTimeout(r, 50));
          active.delete(name);
        },
      });
    };
    const a = instance('a');
    const b = instance('b');
    try {
      await until(() => runs.length, (n) => n >= 5, 'the leader ran the job');
      const leader = runs[0]!.instance;
      assert.ok(runs.every((r) => r.instance === leader && r.epoch === runs[0]!.epoch), 'one instance, one token');
      assert.equal(overlap, false);

      // The leader dies: it stops renewing and never releases (as a killed process would).
      const [dead, survivor] = leader === 'a' ? [a, b] : [b, a];
      const deadLease = leases[leader === 'a' ? 0 : 1]!;
      deadLease.release = async () => undefined;
      await dead.stop();
      const before = runs.length;
      await until(() => runs.slice(before).some((r) => r.instance !== leader), Boolean, 'the other instance took over after the lease expired');
      const taken = runs.slice(before).find((r) => r.instance !== leader)!;
      assert.ok(taken.epoch > runs[0]!.epoch, 'a larger fencing token');
      assert.equal(overlap, false);
      assert.notEqual(survivor.epoch(), null);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('hands the lease over at once when the leader stops cleanly (shutdown releases it)', async () => {
    const locks = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(`locks${uniquePrefix()}`);
    await locks.createIfNotExists();
    const blob = locks.getBlockBlobClient('retention');
    const job = startLeaderJob({ name: 'x', lease: new BlobLeaderLease({ blob, durationSeconds: 60 }), intervalMs: 60_000, checkMs: 100, log: quiet, run: async () => undefined });
    await until(() => job.epoch(), (e) => e !== null, 'took the lease');
    assert.equal((await blob.getProperties()).leaseState, 'leased');
    await job.stop();
    assert.equal((await blob.getProperties()).leaseState, 'available');
  });
});
