import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { AttuneError } from '../../domain/errors';
import type { Repository, Versioned } from '../../ports/data-store';
import { recordWording, statusOf, storageError } from './storage-errors';

interface Row {
  partitionKey: string;
  rowKey: string;
  data: string;
}

export interface TableRepositoryOptions<T> {
  readonly client: TableClient;
  readonly keyOf: (value: T) => { partition: string; id: string };
}

/**
 * A repository on one Azure table. Each value is one entity holding its JSON; ETags give optimistic
 * concurrency (a stale replace is a 412 from the service, which becomes a `conflict`).
 */
export class TableRepository<T> implements Repository<T> {
  private readonly client: TableClient;
  private readonly keyOf: (value: T) => { partition: string; id: string };

  constructor(options: TableRepositoryOptions<T>) {
    this.client = options.client;
    this.keyOf = options.keyOf;
  }

  async get(key: { partition: string; id: string }): Promise<Versioned<T> | null> {
    checkKey(key.partition);
    checkKey(key.id);
    try {
      const row = await this.client.getEntity<Row>(key.partition, key.id);
      return decode(row);
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw storageError(e);
    }
  }

  async list(partition?: string): Promise<Versioned<T>[]> {
    if (partition !== undefined) checkKey(partition);
    const filter = partition === undefined ? undefined : `PartitionKey eq '${partition.replace(/'/g, "''")}'`;
    const out: Versioned<T>[] = [];
    try {
      for await (const row of this.client.listEntities<Row>(filter ? { queryOptions: { filter } } : {})) out.push(decode(row));
    } catch (e) {
      throw storageError(e);
    }
    return out;
  }

  async create(value: T): Promise<Versioned<T>> {
    const { partition, id } = this.keyOf(value);
    checkKey(partition);
    checkKey(id);
    try {
      const res = await this.client.createEntity<Row>({ partitionKey: partition, rowKey: id, data: JSON.stringify(value) });
      return { value, etag: res.etag ?? '' };
    } catch (e) {
      if (statusOf(e) === 409) throw new AttuneError('conflict', 'That record already exists.');
      throw storageError(e);
    }
  }

  async replace(value: T, etag: string): Promise<Versioned<T>> {
    const { partition, id } = this.keyOf(value);
    checkKey(partition);
    checkKey(id);
    if (!etag) throw new AttuneError('conflict', recordWording.conflict);
    try {
      const res = await this.client.updateEntity<Row>({ partitionKey: partition, rowKey: id, data: JSON.stringify(value) }, 'Replace', { etag });
      return { value, etag: res.etag ?? '' };
    } catch (e) {
      // A stale etag is a 412, which storageError makes a conflict.
      if (statusOf(e) === 404) throw new AttuneError('not_found', 'That record no longer exists.');
      throw storageError(e);
    }
  }
}

function decode<T>(row: TableEntityResult<Row>): Versioned<T> {
  return { value: JSON.parse(row.data) as T, etag: row.etag };
}

// Table keys may not hold / \ # ? or control characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const badKey = /[/\\#?\u0000-\u001f\u007f-\u009f]/;
function checkKey(key: string): void {
  if (!key || key.length > 512 || badKey.test(key)) throw new AttuneError('invalid_input', 'That identifier is not valid.');
}
