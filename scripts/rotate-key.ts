/**
 * `npm run rotate-key`: rewraps every clip's data key under the current version of the key-encryption key.
 *
 * - Production (Key Vault): first make a new version of the key (`az keyvault key rotate`, or let the key's
 *   rotation policy in infra/azure.bicep do it), then run this on one instance (App Service SSH console).
 *   KEY_VAULT_KEY_ID must be the versionless key id, so "current" follows Key Vault.
 * - Development (local key file): `npm run rotate-key -- --new-version` adds the new version itself. Stop
 *   `npm start` first: the embedded Azurite's data folder belongs to one process at a time.
 *
 * Resumable: keys already under the current version are only counted, so after a crash run it again. Video
 * is not touched; old key versions stay until every key is rewrapped (exit 0). Prints progress, never a key.
 */
import { join, resolve } from 'node:path';
import { loadConfig, ConfigError } from '../src/config/config';
import { rotateClipKeys, type RotationProgress } from '../src/app/clips/retention';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../src/adapters/storage/embedded-azurite';
import { openClipStorage } from '../src/adapters/vault/open-clip-storage';
import { clipContainer, keyWrapperFor, tableClientFactory } from '../src/storage-clients';

const usage = 'Usage: npm run rotate-key [-- --new-version] [--every-key]   (--new-version: development key file only; --every-key: a progress line per key, not per second)';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--new-version' && a !== '--every-key');
  if (unknown.length) {
    console.error(`rotate-key: unknown argument ${unknown.join(' ')}\n${usage}`);
    return 64;
  }
  const config = loadConfig(process.env);
  const wrapper = keyWrapperFor(config, { inMemory: false });
  if (args.includes('--new-version')) {
    if (!wrapper.rotate) {
      console.error('rotate-key: --new-version is for the development key file. For Key Vault, make the new version there (az keyvault key rotate --vault-name <vault> --name clip-kek), then run this without it.');
      return 64;
    }
    console.log(`rotate-key: new key version ${wrapper.rotate()}`);
  }
  if (config.keys.kind === 'key-vault' && /\/keys\/[^/]+\/[^/]+\/?$/.test(config.keys.keyId)) {
    console.error('rotate-key: KEY_VAULT_KEY_ID names one key version, so that version stays current. Set it to the versionless key id (…/keys/clip-kek) to rotate.');
    return 64;
  }
  let azurite: EmbeddedAzurite | null = null;
  if (config.storage.kind === 'embedded-azurite') azurite = await startEmbeddedAzurite({ location: join(resolve(config.dataDir), 'azurite') });
  try {
    const { vault } = await openClipStorage({ clientFor: tableClientFactory(config, azurite), container: clipContainer(config, azurite), wrapper });
    const current = await wrapper.currentKeyId();
    console.log(`rotate-key: rewrapping clip keys under ${current.replace(/^https:\/\/[^/]+/, '<vault>')}`);
    let last = 0;
    const show = (p: RotationProgress, force = false): void => {
      const now = Date.now();
      if (!force && now - last < 1000 && p.seen !== p.total) return;
      last = now;
      const width = 30;
      const filled = p.total ? Math.round((p.seen / p.total) * width) : width;
      console.log(`rotate-key: [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.seen}/${p.total}  rewrapped ${p.rewrapped}, already current ${p.current}, gone meanwhile ${p.missing}, failed ${p.failed}`);
    };
    const result = await rotateClipKeys({ vault }, { onProgress: (p) => show(p, args.includes('--every-key')) });
    console.log(`rotate-key: done: ${JSON.stringify(result)}`);
    if (result.failed) {
      console.error(`rotate-key: ${result.failed} key(s) could not be unwrapped (damaged, or their key version is gone) and were left as they are. Keep the old key versions until this is understood.`);
      return 2;
    }
    return 0;
  } finally {
    await azurite?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`rotate-key: ${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : 'failed'}`);
    process.exit(1);
  },
);
