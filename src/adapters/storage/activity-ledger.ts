import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { statusOf, storageError } from './storage-errors';

/**
 * Remembers which Bot Framework activities were processed, so a replayed activity id is processed once.
 * Insert-only: the first insert of (conversation, activity) wins; a second one is a replay.
 */
export function createActivityLedger(client: TableClient): (activity: { conversationId: string; activityId: string }) => Promise<boolean> {
  const key = (s: string): string => createHash('sha256').update(s).digest('hex');
  return async ({ conversationId, activityId }) => {
    try {
      await client.createEntity({ partitionKey: key(conversationId), rowKey: key(activityId), at: new Date().toISOString() });
      return true;
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw storageError(e);
    }
  };
}

export async function openActivityLedger(options: { clientFor: (table: string) => TableClient; prefix?: string }): Promise<ReturnType<typeof createActivityLedger>> {
  const client = options.clientFor(`${options.prefix ?? 'attune'}activities`);
  await client.createTable();
  return createActivityLedger(client);
}
