import { openLocalCalendar } from '../../../src/adapters/calendar/local-calendar';
import { emptyDirectory } from '../../../src/adapters/calendar/switched-off';
import { defaultSchedulingSettings } from '../../../src/app/scheduling/settings';
import { randomUUID } from 'node:crypto';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { defaultClipSettings, type ClipDeps, type ClipSettings } from '../../../src/app/clips/deps';
import { seedDemo } from '../../../src/app/seed-demo';
import { LocalKeyFile } from '../../../src/adapters/keys/local-key-file';
import { openClipStorage } from '../../../src/adapters/vault/open-clip-storage';
import { openTableAuditLog, openTableDataStore } from '../../../src/adapters/storage/table-data-store';
import type { KeyWrapper } from '../../../src/ports/key-wrapping';
import { uniquePrefix, type startTestAzurite } from '../../support/azurite';

export type TestAzurite = Awaited<ReturnType<typeof startTestAzurite>>;

/** A fresh blob container on the test Azurite. */
export async function freshContainer(azurite: TestAzurite): Promise<ContainerClient> {
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(`c${uniquePrefix()}`);
  await container.createIfNotExists();
  return container;
}

/**
 * The clip use cases on a real Azurite: the demo service seeded, a fresh table prefix and container, a local
 * in-memory key-encryption key, and a clock the test moves.
 */
export async function clipDepsOn(azurite: TestAzurite, options: { now: { value: Date }; settings?: Partial<ClipSettings>; wrapper?: KeyWrapper; container?: ContainerClient }): Promise<ClipDeps & { wrapper: KeyWrapper; container: ContainerClient }> {
  const prefix = uniquePrefix();
  const clientFor = (t: string) => azurite.tableClient(t);
  const store = await openTableDataStore({ clientFor, prefix });
  const audit = await openTableAuditLog({ clientFor, prefix });
  const container = options.container ?? (await freshContainer(azurite));
  await container.createIfNotExists();
  const wrapper = options.wrapper ?? LocalKeyFile.open({ file: null });
  const storage = await openClipStorage({ clientFor, container, wrapper, prefix });
  const calendar = await openLocalCalendar({ clientFor, prefix, logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => options.now.value });
  const deps: ClipDeps = { store, audit, clock: { now: () => options.now.value }, ids: { next: () => randomUUID() }, calendar, directory: emptyDirectory, scheduling: defaultSchedulingSettings, ...storage, clipSettings: { ...defaultClipSettings, ...options.settings } };
  await seedDemo(deps);
  return { ...deps, wrapper, container };
}

/** Splits bytes into an async stream of uneven chunks, as a socket would deliver them. */
export async function* chunked(data: Uint8Array, sizes: readonly number[] = [1, 7000, 65_536, 100_003]): AsyncGenerator<Uint8Array> {
  let at = 0;
  let i = 0;
  while (at < data.length) {
    const n = sizes[i++ % sizes.length]!;
    yield data.subarray(at, at + n);
    at += n;
  }
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(Buffer.from(p));
  return Buffer.concat(parts);
}
