/**
 * `npm run backup -- --out <folder>` and `npm run restore -- --from <folder>`: every Attune table and clip
 * blob of the configured storage account to files, and back into an empty account (see the README's restore
 * drill). Clip bytes stay encrypted and their data keys wrapped: a restored account is readable only with
 * the same key-encryption key (Key Vault, or the development key file under the data folder).
 * Development: stop `npm start` first (the embedded Azurite's data folder belongs to one process at a time).
 */
import { join, resolve } from 'node:path';
import { loadConfig, ConfigError } from '../src/config/config';
import { AttuneError } from '../src/domain/errors';
import { exportStorage, importStorage } from '../src/adapters/storage/backup';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../src/adapters/storage/embedded-azurite';
import { clipContainer, tableClientFactory, tableService } from '../src/storage-clients';

const usage = 'Usage: npm run backup -- --out <new folder>   |   npm run restore -- --from <backup folder>';

async function main(): Promise<number> {
  const [mode, flag, folder, ...rest] = process.argv.slice(2);
  const expected = mode === 'backup' ? '--out' : mode === 'restore' ? '--from' : null;
  if (!expected || flag !== expected || !folder || rest.length) {
    console.error(`${mode ?? 'backup'}: ${usage}`);
    return 64;
  }
  const config = loadConfig(process.env);
  let azurite: EmbeddedAzurite | null = null;
  if (config.storage.kind === 'embedded-azurite') azurite = await startEmbeddedAzurite({ location: join(resolve(config.dataDir), 'azurite') });
  try {
    const handles = { tables: tableService(config, azurite), clientFor: tableClientFactory(config, azurite), container: clipContainer(config, azurite), onProgress: (what: string) => console.log(`${mode}: ${what}`) };
    const manifest = mode === 'backup' ? await exportStorage(handles, resolve(folder)) : await importStorage(handles, resolve(folder));
    const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
    console.log(`${mode}: done: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.blobs} blobs (${manifest.bytes} bytes), taken ${manifest.takenAt}`);
    return 0;
  } catch (e) {
    if (e instanceof AttuneError) {
      console.error(`${mode}: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    await azurite?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`backup: ${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : 'failed'}`);
    process.exit(1);
  },
);
