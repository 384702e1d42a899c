import { AttuneError } from '../../domain/errors';
import { momentWarnings, optionalText, principleTags, requiredText, timeMs, timeRange, type ClipComment, type Moment, type MomentWarning, type Still } from '../../domain/moment';
import { openOptional, openText, sealOptional, sealText } from '../case-keys/case-text';
import type { Caller } from '../people';
import { vocabularyForEnrolment } from '../vocabulary';
import { authoriseClip } from './authorise-clip';
import type { ClipDeps } from './deps';
import { vaultStill } from './still-images';

/**
 * Moments, stills and comments on a clip. Moments and stills are the trainee's own selection (they need the
 * right to upload to the enrolment); comments are for anyone who may comment (trainee, supervisor). Every one
 * needs the family's consent for the person's scope, like viewing.
 */
/** Principle tags as sent: a principle's key, or a key with one of its elements. The vocabulary in force decides. */
export type TagInput = string | { readonly key: string; readonly element?: string | null };

export async function addMoment(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; moment: { startMs: number; endMs: number; tags?: readonly TagInput[] | null; note?: string | null } }): Promise<{ moment: Moment; warnings: MomentWarning[] }> {
  const range = timeRange(input.moment);
  const tags = principleTags(input.moment.tags, await vocabularyForEnrolment(deps, input.enrolmentId));
  const note = optionalText(input.moment.note, { field: 'note', max: 2000 });
  const { clip } = await authoriseClip(deps, { ...input, action: 'upload_clip' });
  const cycleId = clip.value.cycleId;
  // Other moments of the same cycle (or, with no cycle, of the same clip).
  const siblings = cycleId ? (await deps.clips.clips.list(clip.value.enrolmentId)).map((c) => c.value).filter((c) => c.cycleId === cycleId && c.state === 'available') : [clip.value];
  const counts = await Promise.all(siblings.map(async (c) => (await deps.clips.moments.list(c.id)).length));
  const moment: Moment = { id: deps.ids.next(), clipId: clip.value.id, enrolmentId: clip.value.enrolmentId, cycleId, ...range, tags, note, createdBy: input.actor.person.id, createdAt: deps.clock.now().toISOString() };
  await deps.clips.moments.create({ ...moment, note: await sealOptional(deps.caseKeys, clip.value.caseId, note) });
  return { moment, warnings: momentWarnings({ moment, othersInCycle: counts.reduce((a, b) => a + b, 0) }) };
}

export async function removeMoment(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; momentId: string }): Promise<void> {
  const { clip } = await authoriseClip(deps, { ...input, action: 'upload_clip' });
  await removeMark(deps.clips.moments, { clipId: clip.value.id, id: input.momentId });
}

export async function addStill(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; still: { atMs: number; caption?: string | null } }): Promise<Still> {
  const atMs = timeMs(input.still.atMs, 'atMs');
  const caption = optionalText(input.still.caption, { field: 'caption', max: 200 });
  const { clip } = await authoriseClip(deps, { ...input, action: 'upload_clip' });
  const still: Still = { id: deps.ids.next(), clipId: clip.value.id, enrolmentId: clip.value.enrolmentId, atMs, caption, createdBy: input.actor.person.id, createdAt: deps.clock.now().toISOString() };
  await deps.clips.stills.create({ ...still, caption: await sealOptional(deps.caseKeys, clip.value.caseId, caption) });
  return still;
}

export async function removeStill(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; stillId: string }): Promise<void> {
  const { clip } = await authoriseClip(deps, { ...input, action: 'upload_clip' });
  const found = /^[A-Za-z0-9_-]{1,100}$/.test(input.stillId) ? await deps.clips.stills.get({ partition: clip.value.id, id: input.stillId }) : null;
  if (found?.value.image) await deps.vault.deleteStill(vaultStill(found.value, found.value.image));
  await removeMark(deps.clips.stills, { clipId: clip.value.id, id: input.stillId });
}

export async function addComment(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; comment: { atMs: number; endMs?: number | null; text: string; tags?: readonly TagInput[] | null } }): Promise<ClipComment> {
  const atMs = timeMs(input.comment.atMs, 'atMs');
  const endMs = input.comment.endMs === undefined || input.comment.endMs === null ? null : timeRange({ startMs: atMs, endMs: input.comment.endMs }).endMs;
  const text = requiredText(input.comment.text, { field: 'text', max: 4000 });
  const tags = principleTags(input.comment.tags, await vocabularyForEnrolment(deps, input.enrolmentId));
  const { clip } = await authoriseClip(deps, { ...input, action: 'comment_clip' });
  const comment: ClipComment = { id: deps.ids.next(), clipId: clip.value.id, enrolmentId: clip.value.enrolmentId, atMs, endMs, text, tags, authorId: input.actor.person.id, createdAt: deps.clock.now().toISOString() };
  await deps.clips.comments.create({ ...comment, text: await sealText(deps.caseKeys, clip.value.caseId, text) });
  return comment;
}

/** A person removes their own comment. */
export async function removeComment(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; commentId: string }): Promise<void> {
  const { clip } = await authoriseClip(deps, { ...input, action: 'comment_clip' });
  const comment = /^[A-Za-z0-9_-]{1,100}$/.test(input.commentId) ? await deps.clips.comments.get({ partition: clip.value.id, id: input.commentId }) : null;
  if (!comment || comment.value.authorId !== input.actor.person.id) throw new AttuneError('not_found', 'Not found.');
  await deps.clips.comments.remove({ partition: clip.value.id, id: comment.value.id });
}

async function removeMark(repo: ClipDeps['clips']['moments'] | ClipDeps['clips']['stills'], key: { clipId: string; id: string }): Promise<void> {
  const found = /^[A-Za-z0-9_-]{1,100}$/.test(key.id) ? await repo.get({ partition: key.clipId, id: key.id }) : null;
  if (!found) throw new AttuneError('not_found', 'Not found.');
  await repo.remove({ partition: key.clipId, id: key.id });
}

/** The marks of a clip as stored, with their free text opened under the clip's case key (for the clip's viewers only). */
export async function openMarks(deps: Pick<ClipDeps, 'caseKeys'>, input: { caseId: string; moments: readonly Moment[]; stills: readonly Still[]; comments: readonly ClipComment[] }): Promise<{ moments: Moment[]; stills: Still[]; comments: ClipComment[] }> {
  const k = deps.caseKeys;
  const [moments, stills, comments] = await Promise.all([
    Promise.all(input.moments.map(async (m) => ({ ...m, note: await openOptional(k, input.caseId, m.note) }))),
    Promise.all(input.stills.map(async (s) => ({ ...s, caption: await openOptional(k, input.caseId, s.caption) }))),
    Promise.all(input.comments.map(async (c) => ({ ...c, text: await openText(k, input.caseId, c.text) }))),
  ]);
  return { moments, stills, comments };
}
