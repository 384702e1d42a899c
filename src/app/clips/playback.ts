import { relationshipsTo } from '../../domain/permissions';
import { grantExtension, grantUsable, newGrant, viewPurpose } from '../../domain/clips/playback';
import { parseRange, type RangeRequest } from '../../domain/clips/range';
import type { ClipMediaType } from '../../domain/clips/media';
import type { ClipLayout } from '../../domain/clips/format';
import { AttuneError } from '../../domain/errors';
import { audit } from '../authorise';
import type { Caller } from '../people';
import { authoriseClip } from './authorise-clip';
import type { ClipDeps } from './deps';

/**
 * Starts a viewing session: authorised like any clip access, written to the audit log once (subject: the
 * trainee whose clip it is; purpose: why), and answered with a short-lived grant for the media path.
 * See `domain/clip-playback.ts` for why a grant and not a cookie or a token in the URL.
 */
export async function startPlayback(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; purpose?: string | null }): Promise<{ path: string; expiresAt: string; mediaType: ClipMediaType; size: number }> {
  const { enrolment, clip, invites } = await authoriseClip(deps, { ...input, action: 'view_clip' });
  remember(deps, clip.value.id, clip.value.layout);
  const now = deps.clock.now();
  const purpose = viewPurpose(input.purpose, relationshipsTo({ enrolment, person: input.actor.person.id, now, invites }));
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
 *
 * So that a seek waits for one round trip and not two, the clip's bytes are fetched alongside that check once
 * this process knows the clip's layout (a clip's layout never changes): they are decrypted and verified as
 * usual but not handed out until the check passes, and dropped if it fails. Otherwise (and always for `head`,
 * a HEAD request, which reads nothing) the body reads only when it is first asked for.
 */
export async function openMedia(deps: ClipDeps, input: { secret: string; range: string | undefined; head?: boolean }): Promise<MediaAnswer> {
  const found = await deps.grants.find(input.secret);
  const now = deps.clock.now();
  if (!found || !grantUsable(found.value, now)) throw new AttuneError('not_found', 'This video link has expired. Open the clip again.');
  const g = found.value;
  const actor: Caller = { person: { id: g.personId, tenantId: g.person.tenantId, objectId: g.person.objectId, displayName: '' } };
  const known = input.head ? undefined : knownLayouts(deps).get(g.clipId);
  const early = known ? startRead(deps, { clipId: g.clipId, layout: known }, parseRange(input.range, known.size)) : null;
  let clip;
  try {
    ({ clip } = await authoriseClip(deps, { actor, enrolmentId: g.enrolmentId, clipId: g.clipId, action: 'view_clip', caseHint: g.caseId }));
  } catch (e) {
    early?.drop();
    throw e;
  }
  const layout = clip.value.layout;
  remember(deps, clip.value.id, layout);
  const extendTo = grantExtension(g, now);
  if (extendTo) await deps.grants.extend(input.secret, found, extendTo);
  const size = layout.size;
  const range = parseRange(input.range, size);
  if (range.kind === 'unsatisfiable') {
    early?.drop();
    return { range, size };
  }
  // The records are what count: an early read is used only if it read this very clip, layout and range.
  const usable = early && sameLayout(known!, layout) && sameRange(early.range, range) ? early : null;
  if (early && !usable) early.drop();
  const body = usable ? usable.body : deps.vault.read({ clip: { clipId: clip.value.id, layout }, range: vaultRange(range) });
  return { range, size, mediaType: clip.value.mediaType, body };
}

type ReadableRange = Exclude<RangeRequest, { kind: 'unsatisfiable' }>;
const vaultRange = (range: ReadableRange): { start: number; end: number } | null => (range.kind === 'partial' ? { start: range.start, end: range.end } : null);

/**
 * Starts reading at once: the first verified bytes are asked for now, and handed out by the returned body.
 * `drop` abandons the read (closing the download) without anything being handed out.
 */
function startRead(deps: ClipDeps, clip: { clipId: string; layout: ClipLayout }, range: RangeRequest): { range: ReadableRange; body: AsyncIterable<Uint8Array>; drop: () => void } | null {
  if (range.kind === 'unsatisfiable') return null;
  const iterator = deps.vault.read({ clip, range: vaultRange(range) })[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<Uint8Array>> | null = iterator.next();
  // Whoever takes the body sees a failure; a dropped read must not become an unhandled rejection.
  first.catch(() => undefined);
  const close = (): void => {
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  };
  return {
    range,
    body: {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          const pending = first;
          first = null;
          return pending ?? iterator.next();
        },
        return: async (value?: unknown) => {
          first = null;
          return (await iterator.return?.(value)) ?? { done: true, value: undefined };
        },
      }),
    },
    drop: () => {
      const pending = first;
      first = null;
      // After the first step settles (an async generator runs one step at a time), close the read.
      if (pending) void pending.then(close, () => undefined);
      else close();
    },
  };
}

/** Clip layouts this process has seen, per clip store: they never change, so they let a read start early. */
const layoutsByStore = new WeakMap<object, Map<string, ClipLayout>>();
function knownLayouts(deps: ClipDeps): Map<string, ClipLayout> {
  let map = layoutsByStore.get(deps.clips);
  if (!map) layoutsByStore.set(deps.clips, (map = new Map<string, ClipLayout>()));
  return map;
}

function remember(deps: ClipDeps, clipId: string, layout: ClipLayout): void {
  const map = knownLayouts(deps);
  if (map.size >= 1000 && !map.has(clipId)) map.clear();
  map.set(clipId, layout);
}

const sameLayout = (a: ClipLayout, b: ClipLayout): boolean =>
  a.formatVersion === b.formatVersion && a.size === b.size && a.segmentSize === b.segmentSize && a.blockSize === b.blockSize && a.keyVersion === b.keyVersion && a.storageName === b.storageName;

const sameRange = (a: ReadableRange, b: ReadableRange): boolean => (a.kind === 'whole' ? b.kind === 'whole' : b.kind === 'partial' && a.start === b.start && a.end === b.end);
