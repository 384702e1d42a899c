import type { TableClient } from '@azure/data-tables';
import type { RemovableRepository, Versioned } from '../../ports/data-store';
import { statusOf, storageError } from './storage-errors';
import { TableRepository } from './table-repository';

/** A table repository that can also remove a row (the rest is the shared TableRepository). */
export class RemovableTable<T> implements RemovableRepository<T> {
  private readonly rows: TableRepository<T>;

  constructor(
    private readonly client: TableClient,
    keyOf: (value: T) => { partition: string; id: string },
  ) {
    this.rows = new TableRepository({ client, keyOf });
  }

  get(key: { partition: string; id: string }): Promise<Versioned<T> | null> {
    return this.rows.get(key);
  }

  list(partition?: string): Promise<Versioned<T>[]> {
    return this.rows.list(partition);
  }

  create(value: T): Promise<Versioned<T>> {
    return this.rows.create(value);
  }

  replace(value: T, etag: string): Promise<Versioned<T>> {
    return this.rows.replace(value, etag);
  }

  async remove(key: { partition: string; id: string }): Promise<void> {
    // Validates the keys exactly as reads do.
    await this.rows.get(key);
    try {
      await this.client.deleteEntity(key.partition, key.id);
    } catch (e) {
      if (statusOf(e) !== 404) throw storageError(e);
    }
  }
}
