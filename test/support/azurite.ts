import { TableClient } from '@azure/data-tables';
import { randomBytes } from 'node:crypto';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/adapters/storage/embedded-azurite';

export type TestAzurite = Awaited<ReturnType<typeof startTestAzurite>>;

/** A disposable in-memory Azurite on free loopback ports, and table clients bound to it. */
export async function startTestAzurite(): Promise<EmbeddedAzurite & { tableClient(name: string): TableClient }> {
  const azurite = await startEmbeddedAzurite({ location: null });
  return { ...azurite, stop: () => azurite.stop(), tableClient: (name) => TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true }) };
}

/** A fresh table-name prefix, so tests sharing one Azurite never see each other's rows. */
export const uniquePrefix = (): string => `t${randomBytes(4).toString('hex')}`;
