import type { TableClient } from '@azure/data-tables';
import type { ContainerClient } from '@azure/storage-blob';
import type { ClipStore, PlaybackGrants } from '../../ports/clip-store';
import type { ClipVault } from '../../ports/clip-vault';
import type { KeyWrapper } from '../../ports/key-wrapping';
import { BlobClipVault } from './blob-clip-vault';
import { openTableClipStore } from './clip-store';
import { TableGrants } from './playback-grants';

export const clipContainerName = 'attune-clips';

/**
 * Everything clips need from storage, created if missing: the vault (blob container, wrapped keys, block
 * claims), the clip records and the playback grants. A prefix keeps test runs apart on one Azurite.
 */
export async function openClipStorage(options: { clientFor: (table: string) => TableClient; container: ContainerClient; wrapper: KeyWrapper; prefix?: string }): Promise<{ clips: ClipStore; vault: ClipVault; grants: PlaybackGrants }> {
  const prefix = options.prefix ?? 'attune';
  const [vault, clips, grants] = await Promise.all([
    BlobClipVault.open({ container: options.container, keys: options.clientFor(`${prefix}clipkeys`), blocks: options.clientFor(`${prefix}clipblocks`), wrapper: options.wrapper }),
    openTableClipStore({ clientFor: options.clientFor, prefix }),
    TableGrants.open(options.clientFor(`${prefix}clipgrants`)),
  ]);
  return { vault, clips, grants };
}
