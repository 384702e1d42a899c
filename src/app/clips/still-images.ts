import { relationshipsTo } from '../../domain/permissions';
import { viewPurpose } from '../../domain/clips/playback';
import { stillMaxBytes, stillPicture, type StillImage } from '../../domain/clips/still-image';
import { AttuneError } from '../../domain/errors';
import type { Still } from '../../domain/moment';
import type { Versioned } from '../../ports/data-store';
import type { VaultStill } from '../../ports/clip-vault';
import { audit } from '../authorise';
import type { Caller } from '../people';
import { authoriseClip } from './authorise-clip';
import type { ClipDeps } from './deps';

const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

/** The vault's view of a still's picture. */
export const vaultStill = (still: Pick<Still, 'clipId' | 'id'>, image: StillImage): VaultStill => ({ clipId: still.clipId, stillId: still.id, size: image.size, storageName: image.storageName });

/**
 * The trainee sends the picture of one of their stills: the JPEG frame the tab drew from the decrypted video.
 * Checked from its bytes (a whole JPEG, at most 2 MiB, a sane frame size), sealed under the clip's key and
 * stored; the still's record then points at it. Sending again replaces the picture (the old blob is removed),
 * so a retry after a dropped connection is harmless.
 */
export async function putStillImage(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; stillId: string; contentLength: number | null; body: AsyncIterable<Uint8Array> }): Promise<Still> {
  const { clip } = await authoriseClip(deps, { ...input, action: 'upload_clip' });
  const found = idPattern.test(input.stillId) ? await deps.clips.stills.get({ partition: clip.value.id, id: input.stillId }) : null;
  if (!found) throw new AttuneError('not_found', 'Not found.');
  if (input.contentLength === null) throw new AttuneError('invalid_input', 'Send the picture with its Content-Length.', ['Content-Length']);
  if (input.contentLength > stillMaxBytes) throw new AttuneError('invalid_input', `A still may be at most ${stillMaxBytes / 1024 / 1024} MiB.`, ['Content-Length']);
  const bytes = await readAll(input.body, input.contentLength);
  const { width, height } = stillPicture(bytes);
  const image: StillImage = { formatVersion: 1, size: bytes.length, width, height, storageName: deps.ids.next().toLowerCase().replace(/[^a-z0-9]/g, ''), addedAt: deps.clock.now().toISOString() };
  await deps.vault.putStill({ still: vaultStill(found.value, image), bytes });
  let saved: Versioned<Still>;
  try {
    saved = await deps.clips.stills.replace({ ...found.value, image }, found.etag);
  } catch (e) {
    // Someone changed or removed the still meanwhile: keep nothing of this picture.
    await deps.vault.deleteStill(vaultStill(found.value, image));
    throw e;
  }
  if (found.value.image) await deps.vault.deleteStill(vaultStill(found.value, found.value.image));
  return saved.value;
}

/**
 * A still's picture for anyone who may view the clip (the trainee, a supervisor with the family's consent, an
 * external supervisor the clip was shared with), checked against the records on every request and written
 * to the audit log like a viewing.
 */
export async function readStillImage(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; stillId: string }): Promise<{ bytes: Uint8Array; mediaType: 'image/jpeg' }> {
  const { enrolment, clip, invites } = await authoriseClip(deps, { ...input, action: 'view_clip' });
  const found = idPattern.test(input.stillId) ? await deps.clips.stills.get({ partition: clip.value.id, id: input.stillId }) : null;
  const image = found?.value.image;
  if (!found || !image) throw new AttuneError('not_found', 'Not found.');
  const bytes = await deps.vault.readStill(vaultStill(found.value, image));
  const purpose = viewPurpose(null, relationshipsTo({ enrolment, person: input.actor.person.id, now: deps.clock.now(), invites }));
  await audit(deps, { actor: input.actor, action: 'view_still', object: { kind: 'still', id: found.value.id }, subject: enrolment.traineeId, purpose });
  return { bytes, mediaType: 'image/jpeg' };
}

/** Reads exactly `length` bytes (the declared Content-Length); more or fewer is `invalid_input`. */
async function readAll(body: AsyncIterable<Uint8Array>, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let at = 0;
  for await (const chunk of body) {
    if (at + chunk.length > length) throw new AttuneError('invalid_input', `The picture is longer than its Content-Length of ${length}.`, ['body']);
    out.set(chunk, at);
    at += chunk.length;
  }
  if (at !== length) throw new AttuneError('invalid_input', `The picture is shorter than its Content-Length of ${length}.`, ['body']);
  return out;
}
