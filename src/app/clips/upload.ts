import { clipFileName, clipKind, clipTitle, summariseClip, type Clip, type ClipSummary, type UploadSession } from '../../domain/clips/clip';
import { blockCount, blockPlainLength, newLayout } from '../../domain/clips/format';
import { sniffMediaType, type ClipMediaType } from '../../domain/clips/media';
import { clipDeleteAfter } from '../../domain/clips/retention';
import { AttuneError } from '../../domain/errors';
import type { Case, Enrolment } from '../../domain/practice';
import type { Versioned } from '../../ports/data-store';
import { audit, authorise } from '../authorise';
import type { Caller } from '../people';
import { authoriseCase, authoriseCaseOf } from './authorise-clip';
import type { ClipDeps } from './deps';
import { retentionMonths } from './clips';

/**
 * Resumable uploads: start a session (declared size, kind, case and cycle, a display title) → send blocks in any
 * order → ask which are missing → finish. Everything acknowledged is in storage, so a dropped connection or a
 * restarted server loses nothing; the person resumes by asking what is missing.
 */
export interface UploadView {
  readonly id: string;
  readonly clipId: string;
  readonly state: UploadSession['state'];
  readonly size: number;
  readonly blockSize: number;
  readonly blockCount: number;
  readonly expiresAt: string;
  readonly missing: readonly number[];
}

const view = (s: UploadSession, missing: readonly number[]): UploadView => ({
  id: s.id,
  clipId: s.clipId,
  state: s.state,
  size: s.layout.size,
  blockSize: s.layout.blockSize,
  blockCount: blockCount(s.layout),
  expiresAt: s.expiresAt,
  missing,
});

/** As the HTTP contract read it (types and sizes): the kind, title, file name, size and case are checked here. */
export interface StartUploadInput {
  readonly caseId: string;
  readonly cycleId?: string | null;
  readonly kind: string;
  readonly title: string;
  readonly fileName?: string | null;
  readonly size: number;
  /** What the person's device says the file is: checked for plausibility only, the bytes decide. */
  readonly mediaType?: string | null;
}

export async function startUpload(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; upload: StartUploadInput }): Promise<UploadView> {
  const u = input.upload;
  const kind = clipKind(u.kind);
  const title = clipTitle(u.title);
  const fileName = clipFileName(u.fileName);
  const size = clipSize(u.size, deps.clipSettings.maxBytes);
  if (u.mediaType !== undefined && u.mediaType !== null && !(typeof u.mediaType === 'string' && /^video\//i.test(u.mediaType))) {
    throw new AttuneError('invalid_input', 'Only videos can be uploaded (MP4, MOV or WebM).', ['mediaType']);
  }
  const { enrolment, clientCase } = await authoriseCase(deps, { actor: input.actor, enrolmentId: input.enrolmentId, caseId: u.caseId, action: 'upload_clip' });
  let cycleId: string | null = null;
  if (u.cycleId !== undefined && u.cycleId !== null) {
    const cycle = typeof u.cycleId === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(u.cycleId) ? await deps.store.cycles.get({ partition: enrolment.id, id: u.cycleId }) : null;
    if (!cycle || cycle.value.caseId !== clientCase.id) throw new AttuneError('invalid_input', 'That cycle is not one of this case’s cycles.', ['cycleId']);
    cycleId = cycle.value.id;
  }
  const now = deps.clock.now();
  const clipId = deps.ids.next();
  const layout = newLayout({ size, storageName: storageName(deps.ids.next()), ...(deps.clipSettings.blockSize ? { blockSize: deps.clipSettings.blockSize } : {}), ...(deps.clipSettings.segmentSize ? { segmentSize: deps.clipSettings.segmentSize } : {}) });
  const session: UploadSession = {
    id: deps.ids.next(),
    enrolmentId: enrolment.id,
    caseId: clientCase.id,
    cycleId,
    kind,
    title,
    fileName,
    clipId,
    layout,
    uploadedBy: input.actor.person.id,
    startedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.clipSettings.uploadTtlMs).toISOString(),
    mediaType: null,
    state: 'open',
  };
  // The key first: a session never exists without the key its blocks will be sealed with.
  await deps.vault.createKey({ clipId, layout });
  await deps.clips.uploads.create(session);
  return view(session, Array.from({ length: blockCount(layout) }, (_, i) => i));
}

/**
 * One block of an upload, streamed: `body` is read once, encrypted as it arrives and staged. Block 0's first
 * bytes decide the media type (and refuse anything that is not a video) before anything is stored.
 */
export async function putUploadBlock(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; uploadId: string; index: string; contentLength: number | null; body: AsyncIterable<Uint8Array> }): Promise<{ index: number }> {
  if (!/^\d{1,6}$/.test(input.index)) throw new AttuneError('invalid_input', 'Blocks are numbered 0, 1, 2…', ['index']);
  const index = Number(input.index);
  const { session } = await openSession(deps, input);
  const layout = session.value.layout;
  if (index >= blockCount(layout)) throw new AttuneError('invalid_input', `There is no block ${index} in this upload: blocks run from 0 to ${blockCount(layout) - 1}.`, ['index']);
  const expected = blockPlainLength(layout, index);
  if (input.contentLength === null) throw new AttuneError('invalid_input', `Send block ${index} with a Content-Length of ${expected}.`, ['Content-Length']);
  if (input.contentLength !== expected) throw new AttuneError('invalid_input', `Block ${index} must be exactly ${expected} bytes (it said ${input.contentLength}).`, ['Content-Length']);
  let sniffed: ClipMediaType | null = null;
  const inspect = (head: Uint8Array): void => {
    const result = sniffMediaType(head);
    if (!result.ok) throw new AttuneError('invalid_input', result.reason, ['content']);
    sniffed = result.mediaType;
  };
  await deps.vault.putBlock({ clip: { clipId: session.value.clipId, layout }, index, body: input.body, ...(index === 0 ? { inspect } : {}) });
  if (sniffed) await recordMediaType(deps, session, sniffed);
  return { index };
}

export async function getUpload(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; uploadId: string }): Promise<UploadView> {
  const { session } = await openSession(deps, { ...input, allowCommitted: true });
  const s = session.value;
  if (s.state === 'committed') return view(s, []);
  const staged = new Set(await deps.vault.stagedBlocks({ clipId: s.clipId, layout: s.layout }));
  return view(s, Array.from({ length: blockCount(s.layout) }, (_, i) => i).filter((i) => !staged.has(i)));
}

/** Finishes an upload: every block must be there and block 0 must have shown a video. Finishing twice is harmless. */
export async function commitUpload(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; uploadId: string }): Promise<ClipSummary> {
  const { session, enrolment, clientCase } = await openSession(deps, { ...input, allowCommitted: true });
  const s = session.value;
  const months = await retentionMonths(deps, enrolment.serviceId);
  if (s.state === 'committed') {
    const clip = await deps.clips.clips.get({ partition: s.enrolmentId, id: s.clipId });
    if (!clip) throw new AttuneError('not_found', 'Not found.');
    return summariseClip(clip.value, clipDeleteAfter(clientCase, months));
  }
  if (!s.mediaType) throw new AttuneError('invalid_state', 'Send block 0 again: Attune has not yet seen the start of the video.', ['block 0']);
  const vaultClip = { clipId: s.clipId, layout: s.layout };
  await deps.vault.commit(vaultClip);
  const now = deps.clock.now().toISOString();
  const clip: Clip = {
    id: s.clipId,
    enrolmentId: s.enrolmentId,
    caseId: s.caseId,
    cycleId: s.cycleId,
    kind: s.kind,
    title: s.title,
    fileName: s.fileName,
    mediaType: s.mediaType,
    layout: s.layout,
    uploadedBy: s.uploadedBy,
    uploadedAt: now,
    legalHold: false,
    state: 'available',
  };
  try {
    await deps.clips.clips.create(clip);
  } catch (e) {
    // A commit that died after creating the clip, finished now.
    if (!(e instanceof AttuneError && e.code === 'conflict')) throw e;
  }
  await deps.clips.uploads.replace({ ...s, state: 'committed', committedAt: now }, session.etag);
  await audit(deps, { actor: input.actor, action: 'upload_clip', object: { kind: 'clip', id: clip.id }, subject: enrolment.traineeId, purpose: clip.kind });
  return summariseClip(clip, clipDeleteAfter(clientCase, months));
}

/** Gives up an unfinished upload: its key is destroyed first, then whatever was staged. */
export async function abandonUpload(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; uploadId: string }): Promise<void> {
  const { session } = await openSession(deps, input);
  await discardUpload(deps, session.value);
}

export async function discardUpload(deps: ClipDeps, s: UploadSession): Promise<void> {
  await deps.vault.shredKey(s.clipId);
  await deps.vault.deleteBlobs({ clipId: s.clipId, layout: s.layout });
  await deps.clips.uploads.remove({ partition: s.enrolmentId, id: s.id });
}

/**
 * The person's own open upload in an enrolment they may upload to, for a case whose filming consent stands.
 * Anyone else's session is `not_found`.
 */
async function openSession(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; uploadId: string; allowCommitted?: boolean }): Promise<{ session: Versioned<UploadSession>; enrolment: Enrolment; clientCase: Case }> {
  // The session, the enrolment and (once this process has seen the session) its case are read at once: a block
  // waits for one round trip to storage, not three. Every read is fresh; only the case id is remembered, and it
  // is used only if the session still names it.
  const ids = /^[A-Za-z0-9_-]{1,100}$/.test(input.uploadId) && /^[A-Za-z0-9_-]{1,100}$/.test(input.enrolmentId);
  const hints = caseHints(deps);
  const hintKey = `${input.enrolmentId}/${input.uploadId}`;
  const hint = ids ? hints.get(hintKey) : undefined;
  const [sessionRead, enrolmentRead, caseRead] = await Promise.allSettled([
    ids ? deps.clips.uploads.get({ partition: input.enrolmentId, id: input.uploadId }) : Promise.resolve(null),
    authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'upload_clip' }),
    hint ? deps.store.cases.get({ partition: input.enrolmentId, id: hint }) : Promise.resolve(null),
  ]);
  if (sessionRead.status === 'rejected') throw sessionRead.reason;
  if (enrolmentRead.status === 'rejected') throw enrolmentRead.reason;
  if (caseRead.status === 'rejected') throw caseRead.reason;
  const session = sessionRead.value;
  const enrolment = enrolmentRead.value;
  const clientCase = await authoriseCaseOf(deps, { actor: input.actor, enrolment, caseId: session?.value.caseId, action: 'upload_clip', read: caseRead.value });
  if (!session || session.value.uploadedBy !== input.actor.person.id) throw new AttuneError('not_found', 'Not found.');
  if (hints.size >= 1000) hints.clear();
  hints.set(hintKey, session.value.caseId);
  const s = session.value;
  if (s.state === 'committed' && !input.allowCommitted) throw new AttuneError('invalid_state', 'This upload is already finished.');
  if (s.state === 'open' && s.expiresAt <= deps.clock.now().toISOString()) throw new AttuneError('invalid_state', 'This upload has expired. Start it again.');
  return { session, enrolment, clientCase };
}

/** Which case an upload session is for, per clip store: a hint that lets the case be read alongside the session. */
const caseHintsByStore = new WeakMap<object, Map<string, string>>();
function caseHints(deps: ClipDeps): Map<string, string> {
  let hints = caseHintsByStore.get(deps.clips);
  if (!hints) caseHintsByStore.set(deps.clips, (hints = new Map<string, string>()));
  return hints;
}

async function recordMediaType(deps: ClipDeps, session: Versioned<UploadSession>, mediaType: ClipMediaType): Promise<void> {
  let current = session;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (current.value.mediaType === mediaType || current.value.state !== 'open') return;
    try {
      await deps.clips.uploads.replace({ ...current.value, mediaType }, current.etag);
      return;
    } catch (e) {
      if (!(e instanceof AttuneError && e.code === 'conflict')) throw e;
      const again = await deps.clips.uploads.get({ partition: current.value.enrolmentId, id: current.value.id });
      if (!again) return;
      current = again;
    }
  }
}

function clipSize(input: unknown, maxBytes: number): number {
  if (typeof input !== 'number' || !Number.isSafeInteger(input) || input < 0) throw new AttuneError('invalid_input', 'Say how many bytes the video is.', ['size']);
  if (input === 0) throw new AttuneError('invalid_input', 'That file is empty.', ['size']);
  if (input > maxBytes) throw new AttuneError('invalid_input', `That video is larger than the ${formatBytes(maxBytes)} limit. Trim it on your device and try again.`, ['size']);
  return input;
}

const formatBytes = (n: number): string => (n >= 1024 ** 3 ? `${+(n / 1024 ** 3).toFixed(1)} GB` : n >= 1024 ** 2 ? `${+(n / 1024 ** 2).toFixed(1)} MB` : `${n} bytes`);

/** Blob names come from a fresh random id, never from anything a person typed. */
const storageName = (id: string): string => id.toLowerCase().replace(/[^a-z0-9]/g, '');
