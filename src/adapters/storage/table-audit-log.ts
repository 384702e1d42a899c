import { randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { AttuneError } from '../../domain/errors';
import type { AuditEntry, AuditLog, AuditPage, AuditScan } from '../../ports/audit';
import { storageError } from './storage-errors';

interface AuditRow {
  partitionKey: string;
  rowKey: string;
  entry: string;
}

const maxTime = 9_999_999_999_999;

/**
 * The audit log on an insert-only table: this class has no update or delete path. Each entry is written to
 * the whole-service partition and, when it has a subject, to that person's partition, so a trainee can see
 * who viewed their clips. Row keys run newest first.
 */
export class TableAuditLog implements AuditLog {
  constructor(private readonly client: TableClient) {}

  async append(entry: AuditEntry): Promise<void> {
    const time = Date.parse(entry.at);
    if (Number.isNaN(time)) throw new AttuneError('invalid_input', 'An audit entry needs a time.');
    const rowKey = `${String(maxTime - time).padStart(13, '0')}-${randomBytes(6).toString('hex')}`;
    const partitions = ['log', ...(entry.subject ? [`subject-${safe(entry.subject)}`] : [])];
    // Only tenant and object id identify an actor here, whatever a caller passed in.
    entry = { ...entry, actor: entry.actor ? { tenantId: entry.actor.tenantId, objectId: entry.actor.objectId } : null };
    try {
      for (const partitionKey of partitions) await this.client.createEntity<AuditRow>({ partitionKey, rowKey, entry: JSON.stringify(entry) });
    } catch (e) {
      throw storageError(e);
    }
  }

  async page(query: { subject?: string; limit: number; cursor?: string | null }): Promise<AuditPage> {
    const scan = await this.read(query);
    return { entries: scan.entries.map((e) => e.entry), next: scan.next };
  }

  scan(query: { limit: number; cursor?: string | null }): Promise<AuditScan> {
    return this.read(query);
  }

  private async read(query: { subject?: string; limit: number; cursor?: string | null }): Promise<AuditScan> {
    const limit = Math.min(Math.max(1, Math.floor(query.limit)), 500);
    const partition = query.subject ? `subject-${safe(query.subject)}` : 'log';
    const cursor = query.cursor ?? '';
    if (cursor && !/^\d{13}-[0-9a-f]{12}$/.test(cursor)) throw new AttuneError('invalid_input', 'That page cursor is not valid.');
    const filter = cursor ? odata`PartitionKey eq ${partition} and RowKey gt ${cursor}` : odata`PartitionKey eq ${partition}`;
    const entries: { entry: AuditEntry; after: string }[] = [];
    let last = '';
    try {
      const pages = this.client.listEntities<AuditRow>({ queryOptions: { filter } }).byPage({ maxPageSize: limit + 1 });
      for await (const page of pages) {
        for (const row of page) {
          if (entries.length === limit) return { entries, next: last };
          entries.push({ entry: JSON.parse(row.entry) as AuditEntry, after: row.rowKey });
          last = row.rowKey;
        }
      }
    } catch (e) {
      throw storageError(e);
    }
    return { entries, next: null };
  }
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9:._-]/g, '_');
