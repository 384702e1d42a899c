import { relationshipsTo } from '../../domain/access';
import { grantExtension, grantUsable, newGrant, viewPurpose } from '../../domain/clip-playback';
import { parseRange, type RangeRequest } from '../../domain/clip-range';
import type { ClipMediaType } from '../../domain/clip-media';
import { AttuneError } from '../../domain/errors';
import { audit } from '../access';
import type { Actor } from '../people';
import { authoriseClip } from './access';
import type { ClipDeps } from './deps';

/**
 * Starts a viewing session: authorised like any clip access, written to the audit log once (subject: the
 * trainee whose clip it is; purpose: why), and answered with a short-lived grant for the media path.
 * See `domain/clip-playback.ts` for why a grant and not a cookie or a token in the URL.
 */
export async function startPlayback(deps: ClipDeps, input: { actor: Actor; enrolmentId: string; clipId: string; purpose?: unknown }): Promise<{ path: string; expiresAt: string; mediaType: ClipMediaType; size: number }> {
  const { enrolment, clip } = await authoriseClip(deps, { ...input, action: 'view_clip' });
  const now = deps.clock.now();
  const purpose = viewPurpose(input.purpose, relationshipsTo({ enrolment, person: input.actor.person.id, now }));
  const person = input.actor.person;
  const grant = newGrant({ clipId: clip.value.id, enrolmentId: enrolment.id, caseId: clip.value.caseId, person: { tenantId: person.tenantId, objectId: person.objectId }, personId: person.id, purpose, now });
  const { secret } = await deps.grants.issue(grant);
  await audit(deps, { actor: input.actor, action: 'view_clip', object: { kind: 'clip', id: clip.value.id }, subject: enrolment.traineeId, purpose });
  return { path: `/api/media/${secret}`, expiresAt: grant.idleExpiresAt, mediaType: clip.value.mediaType, size: clip.value.layout.size };
}

export type MediaAnswer =
  | { readonly range: Exclude<RangeRequest, { kind: 'unsatisfiable' }>; readonly size: number; readonly mediaType: ClipMediaType; readonly body: AsyncIterable<Uint8Array> }
  | { readonly range: { kind: 'unsatisfiable' }; readonly size: number };

/**
 * Bytes of a clip for a `<video>` element holding a grant. Every request re-checks the grant's person against
 * the records as they are now (enrolment, clip, consent), so withdrawn consent or a deleted clip stops
 * playback at once; an unknown, expired or no-longer-allowed grant is `not_found`. Not audited again: the
 * viewing was audited when the grant was issued.
 */
export async function openMedia(deps: ClipDeps, input: { secret: string; range: string | undefined }): Promise<MediaAnswer> {
  const found = await deps.grants.find(input.secret);
  const now = deps.clock.now();
  if (!found || !grantUsable(found.value, now)) throw new AttuneError('not_found', 'This video link has expired. Open the clip again.');
  const g = found.value;
  const actor: Actor = { person: { id: g.personId, tenantId: g.person.tenantId, objectId: g.person.objectId, displayName: '' }, roles: [] };
  const { clip } = await authoriseClip(deps, { actor, enrolmentId: g.enrolmentId, clipId: g.clipId, action: 'view_clip', caseHint: g.caseId });
  const extendTo = grantExtension(g, now);
  if (extendTo) await deps.grants.extend(input.secret, found, extendTo);
  const size = clip.value.layout.size;
  const range = parseRange(input.range, size);
  if (range.kind === 'unsatisfiable') return { range, size };
  const vaultClip = { clipId: clip.value.id, layout: clip.value.layout };
  const body = deps.vault.read({ clip: vaultClip, range: range.kind === 'partial' ? { start: range.start, end: range.end } : null });
  return { range, size, mediaType: clip.value.mediaType, body };
}
