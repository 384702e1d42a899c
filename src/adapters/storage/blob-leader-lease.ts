import type { BlobLeaseClient, BlockBlobClient } from '@azure/storage-blob';
import type { LeaderLease } from '../../ports/reminders';
import { statusOf, storageError } from './storage-errors';

export interface BlobLeaderLeaseOptions {
  /** The lock blob (created empty if missing); its metadata keeps the fencing counter. */
  readonly blob: BlockBlobClient;
  /** 15 to 60 seconds (Azure's bounds for a finite lease). */
  readonly durationSeconds: number;
}

/**
 * Leadership by an Azure blob lease. Azure grants a lease to one client at a time and frees it when it is
 * not renewed within its duration, so a dead leader's lease moves on by itself.
 *
 * A lease id is not a fencing token (it says nothing about order), so the new holder, while holding the
 * lease, increments an `epoch` counter in the blob's metadata (a write the service accepts only with the
 * current lease id) and uses that as its token: every later holder has a larger one.
 */
export class BlobLeaderLease implements LeaderLease {
  private readonly blob: BlockBlobClient;
  private readonly duration: number;
  private lease: BlobLeaseClient | null = null;

  constructor(options: BlobLeaderLeaseOptions) {
    this.blob = options.blob;
    this.duration = Math.min(60, Math.max(15, Math.round(options.durationSeconds)));
  }

  async acquire(): Promise<number | null> {
    await this.ensureBlob();
    const lease = this.blob.getBlobLeaseClient();
    try {
      await lease.acquireLease(this.duration);
    } catch (e) {
      if (statusOf(e) === 409) return null;
      throw storageError(e);
    }
    try {
      const props = await this.blob.getProperties({ conditions: { leaseId: lease.leaseId } });
      const epoch = Number(props.metadata?.epoch ?? '0') + 1;
      await this.blob.setMetadata({ epoch: String(epoch) }, { conditions: { leaseId: lease.leaseId } });
      this.lease = lease;
      return epoch;
    } catch (e) {
      await lease.releaseLease().catch(() => undefined);
      throw storageError(e);
    }
  }

  async renew(): Promise<boolean> {
    if (!this.lease) return false;
    try {
      await this.lease.renewLease();
      return true;
    } catch (e) {
      const status = statusOf(e);
      if (status === 409 || status === 412 || status === 404) {
        this.lease = null;
        return false;
      }
      throw storageError(e);
    }
  }

  async release(): Promise<void> {
    const lease = this.lease;
    this.lease = null;
    if (lease) await lease.releaseLease().catch(() => undefined);
  }

  private async ensureBlob(): Promise<void> {
    try {
      await this.blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (e) {
      const status = statusOf(e);
      // 409: it exists; 412: it exists (and may be leased).
      if (status !== 409 && status !== 412) throw storageError(e);
    }
  }
}
