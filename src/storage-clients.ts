import { TableClient, TableServiceClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { join, resolve } from 'node:path';
import type { Config } from './config/config';
import type { EmbeddedAzurite } from './adapters/storage/embedded-azurite';
import { KeyVaultKeyWrapper } from './adapters/keys/key-vault';
import { LocalKeyFile } from './adapters/keys/local-key-file';
import { clipContainerName } from './adapters/vault/open-clip-storage';
import type { KeyWrapper } from './ports/key-wrapping';

/**
 * Part of the composition root, shared by the server (src/main.ts) and the operator's commands (scripts/): the
 * storage clients and the key-encryption key that the configuration names.
 */

/** The clip keys' key-encryption key: Key Vault in production, a local key file (0600) under the data folder otherwise. */
export function keyWrapperFor(config: Config, o: { inMemory: boolean }): KeyWrapper & { rotate?: () => string } {
  return config.keys.kind === 'key-vault'
    ? new KeyVaultKeyWrapper({ keyId: config.keys.keyId, credential: new DefaultAzureCredential() })
    : LocalKeyFile.open({ file: o.inMemory ? null : localKeyFile(config) });
}

export const localKeyFile = (config: Config): string => join(resolve(config.dataDir), 'keys', 'clip-kek.json');

export function tableClientFactory(config: Config, azurite: EmbeddedAzurite | null): (table: string) => TableClient {
  const storage = config.storage;
  switch (storage.kind) {
    case 'embedded-azurite':
      return (table) => TableClient.fromConnectionString(azurite!.connectionString, table, { allowInsecureConnection: true });
    case 'connection-string':
      // Plain http is only for a local emulator, which production refuses (see loadConfig).
      return (table) => TableClient.fromConnectionString(storage.connectionString, table, { allowInsecureConnection: config.mode !== 'production' });
    case 'account': {
      const credential = new DefaultAzureCredential();
      return (table) => new TableClient(storage.tableEndpoint, table, credential);
    }
  }
}

/** The Blob service the configuration names. */
export function blobService(config: Config, azurite: EmbeddedAzurite | null): BlobServiceClient {
  const storage = config.storage;
  switch (storage.kind) {
    case 'embedded-azurite':
      return BlobServiceClient.fromConnectionString(azurite!.connectionString);
    case 'connection-string':
      return BlobServiceClient.fromConnectionString(storage.connectionString);
    case 'account':
      return new BlobServiceClient(storage.blobEndpoint, new DefaultAzureCredential());
  }
}

export const clipContainer = (config: Config, azurite: EmbeddedAzurite | null): ContainerClient => blobService(config, azurite).getContainerClient(clipContainerName);

/** The container of lock blobs (leader leases for the jobs that run on one instance at a time). */
export const lockContainer = (config: Config, azurite: EmbeddedAzurite | null): ContainerClient => blobService(config, azurite).getContainerClient('attune-locks');

/** The Table service the configuration names (listing tables: backups). */
export function tableService(config: Config, azurite: EmbeddedAzurite | null): TableServiceClient {
  const storage = config.storage;
  switch (storage.kind) {
    case 'embedded-azurite':
      return TableServiceClient.fromConnectionString(azurite!.connectionString, { allowInsecureConnection: true });
    case 'connection-string':
      return TableServiceClient.fromConnectionString(storage.connectionString, { allowInsecureConnection: config.mode !== 'production' });
    case 'account':
      return new TableServiceClient(storage.tableEndpoint, new DefaultAzureCredential());
  }
}
