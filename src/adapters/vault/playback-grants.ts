import { createHash, randomBytes } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { PlaybackGrant } from '../../domain/clips/playback';
import type { PlaybackGrants } from '../../ports/clip-store';
import type { Versioned } from '../../ports/data-store';
import { storageError } from '../storage/storage-errors';
import { TableRepository } from '../storage/table-repository';

interface StoredGrant extends PlaybackGrant {
  readonly digest: string;
}

/**
 * Playback grants in Table storage, keyed by the SHA-256 of their secret: the secret (32 random bytes,
 * base64url) is returned once and never stored, so reading the table opens no clip. Found grants are kept in
 * memory for a few seconds, since a playing video asks for many ranges; expiry and authorisation are still
 * checked by the use case on every request.
 */
export class TableGrants implements PlaybackGrants {
  private readonly rows: TableRepository<StoredGrant>;
  private readonly cache = new Map<string, { grant: Versioned<PlaybackGrant>; until: number }>();

  constructor(client: TableClient) {
    this.rows = new TableRepository<StoredGrant>({ client, keyOf: (g) => ({ partition: g.digest.slice(0, 2), id: g.digest }) });
  }

  static async open(client: TableClient): Promise<TableGrants> {
    await client.createTable().catch((e: unknown) => {
      throw storageError(e);
    });
    return new TableGrants(client);
  }

  async issue(grant: PlaybackGrant): Promise<{ secret: string }> {
    const secret = randomBytes(32).toString('base64url');
    await this.rows.create({ ...grant, digest: digestOf(secret) });
    return { secret };
  }

  async find(secret: string): Promise<Versioned<PlaybackGrant> | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
    const digest = digestOf(secret);
    const hit = this.cache.get(digest);
    if (hit && Date.now() < hit.until) return hit.grant;
    const row = await this.rows.get({ partition: digest.slice(0, 2), id: digest });
    if (!row) return null;
    const { digest: _digest, ...grant } = row.value;
    const found = { value: grant, etag: row.etag };
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(digest, { grant: found, until: Date.now() + 5_000 });
    return found;
  }

  async extend(secret: string, grant: Versioned<PlaybackGrant>, idleExpiresAt: string): Promise<void> {
    const digest = digestOf(secret);
    try {
      const next = await this.rows.replace({ ...grant.value, idleExpiresAt, digest }, grant.etag);
      this.cache.set(digest, { grant: { value: { ...grant.value, idleExpiresAt }, etag: next.etag }, until: Date.now() + 5_000 });
    } catch {
      // Another request extended it first, or it is gone: either way nothing to do.
      this.cache.delete(digest);
    }
  }
}

const digestOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');
