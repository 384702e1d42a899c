import type { TableClient } from '@azure/data-tables';
import type { Clip, UploadSession } from '../../domain/clips/clip';
import type { ClipComment, Moment, Still } from '../../domain/moment';
import type { ClipStore, RemovableRepository } from '../../ports/clip-store';
import type { Versioned } from '../../ports/data-store';
import { statusOf, storageError } from '../storage/storage-errors';
import { TableRepository } from '../storage/table-repository';

/** A table repository that can also remove a row (the rest is the shared TableRepository). */
class RemovableTable<T> implements RemovableRepository<T> {
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

const tables = ['clips', 'clipuploads', 'clipmoments', 'clipstills', 'clipcomments'] as const;

/** Creates the clip tables if needed. Clips and uploads are partitioned by enrolment; marks by clip. */
export async function openTableClipStore(options: { clientFor: (table: string) => TableClient; prefix?: string }): Promise<ClipStore> {
  const prefix = options.prefix ?? 'attune';
  const client = (name: (typeof tables)[number]): TableClient => options.clientFor(`${prefix}${name}`);
  await Promise.all(tables.map((t) => client(t).createTable())).catch((e: unknown) => {
    throw storageError(e);
  });
  return {
    clips: new RemovableTable<Clip>(client('clips'), (c) => ({ partition: c.enrolmentId, id: c.id })),
    uploads: new RemovableTable<UploadSession>(client('clipuploads'), (u) => ({ partition: u.enrolmentId, id: u.id })),
    moments: new RemovableTable<Moment>(client('clipmoments'), (m) => ({ partition: m.clipId, id: m.id })),
    stills: new RemovableTable<Still>(client('clipstills'), (s) => ({ partition: s.clipId, id: s.id })),
    comments: new RemovableTable<ClipComment>(client('clipcomments'), (c) => ({ partition: c.clipId, id: c.id })),
  };
}
