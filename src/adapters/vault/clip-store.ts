import type { TableClient } from '@azure/data-tables';
import type { Clip, UploadSession } from '../../domain/clips/clip';
import type { ClipComment, Moment, Still } from '../../domain/moment';
import type { ClipStore } from '../../ports/clip-store';
import { RemovableTable } from '../storage/removable-table';
import { storageError } from '../storage/storage-errors';

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
