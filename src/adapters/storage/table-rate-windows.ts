import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { RateWindows } from '../../ports/rate-windows';
import { statusOf, storageError } from './storage-errors';

interface WindowRow {
  readonly windowStart: number;
  readonly count: number;
}

/**
 * The shared rate-limit counters in Table storage: one row per limiter and key (the key's SHA-256, so no
 * address or person id is stored), holding the current window's start and count. A claim reads the row and
 * writes it back with its ETag; when another instance wrote first (412, or 409 on the first insert) it reads
 * again, so increments are never lost. A row from an earlier window starts again from 0.
 */
export class TableRateWindows implements RateWindows {
  constructor(private readonly table: TableClient) {}

  static async open(options: { clientFor: (table: string) => TableClient; prefix?: string }): Promise<TableRateWindows> {
    const table = options.clientFor(`${options.prefix ?? 'attune'}ratelimits`);
    try {
      await table.createTable();
    } catch (e) {
      throw storageError(e);
    }
    return new TableRateWindows(table);
  }

  async claim(input: { limiter: string; key: string; windowStart: number; want: number; limit: number }): Promise<number> {
    const partitionKey = input.limiter;
    const rowKey = createHash('sha256').update(input.key).digest('hex');
    for (let attempt = 0; attempt < 20; attempt++) {
      let row: (WindowRow & { etag: string }) | null = null;
      try {
        const e = await this.table.getEntity<WindowRow>(partitionKey, rowKey);
        row = { windowStart: Number(e.windowStart), count: Number(e.count), etag: e.etag };
      } catch (e) {
        if (statusOf(e) !== 404) throw storageError(e);
      }
      const used = row && row.windowStart === input.windowStart ? row.count : 0;
      const grant = Math.max(0, Math.min(input.want, input.limit - used));
      if (grant === 0) return 0;
      const next = { partitionKey, rowKey, windowStart: input.windowStart, count: used + grant };
      try {
        if (row) await this.table.updateEntity(next, 'Replace', { etag: row.etag });
        else await this.table.createEntity(next);
        return grant;
      } catch (e) {
        const status = statusOf(e);
        if (status !== 412 && status !== 409) throw storageError(e);
        // Another instance counted first: read again.
      }
    }
    throw storageError(new Error('rate-limit counter kept changing'));
  }
}
