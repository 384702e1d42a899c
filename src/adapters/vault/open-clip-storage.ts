import type { TableClient } from '@azure/data-tables';
import type { ContainerClient } from '@azure/storage-blob';
import type { ClipStore, PlaybackGrants } from '../../ports/clip-store';
import type { CaseKeys } from '../../ports/case-keys';
import type { ClipVault } from '../../ports/clip-vault';
import type { KeyWrapper } from '../../ports/key-wrapping';
import { openCaseKeys } from '../keys/open-case-keys';
import { BlobClipVault } from './blob-clip-vault';
import { openTableClipStore } from './clip-store';
import { TableGrants } from './playback-grants';

export const clipContainerName = 'attune-clips';

/**
 * Everything clips need from storage, created if missing: the vault (blob container, wrapped keys, block
 * claims), the clip records, the playback grants and the per-case keys that seal free text (notes, captions, comments). A prefix keeps test runs apart on one Azurite.
 */
export async function openClipStorage(options: { clientFor: (table: string) => TableClient; container: ContainerClient; wrapper: KeyWrapper; prefix?: string }): Promise<{ clips: ClipStore; vault: ClipVault; grants: PlaybackGrants; caseKeys: CaseKeys }> {
  const prefix = options.prefix ?? 'attune';
  const [vault, clips, grants, caseKeys] = await Promise.all([
    BlobClipVault.open({ container: options.container, keys: options.clientFor(`${prefix}clipkeys`), blocks: options.clientFor(`${prefix}clipblocks`), wrapper: options.wrapper }),
    openTableClipStore({ clientFor: options.clientFor, prefix }),
    TableGrants.open(options.clientFor(`${prefix}clipgrants`)),
    openCaseKeys({ clientFor: options.clientFor, wrapper: options.wrapper, prefix }),
  ]);
  return { vault, clips, grants, caseKeys };
}
