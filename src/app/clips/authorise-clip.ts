import type { Action, ExternalSupervisorInvite } from '../../domain/permissions';
import { mayActOnClips } from '../../domain/clips/permissions';
import type { Clip } from '../../domain/clips/clip';
import { AttuneError } from '../../domain/errors';
import type { Case, Enrolment } from '../../domain/practice';
import type { Versioned } from '../../ports/data-store';
import { authorise, authoriseRead, findEnrolment } from '../authorise';
import { externalAccessOf } from '../external-supervisors/invitations';
import type { Caller } from '../people';
import type { ClipDeps } from './deps';

const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The gate for every clip operation: the enrolment gate (`authorise`), then the case's consent for the
 * person's relationship (`mayActOnClips`). Anything refused — someone else's enrolment, a missing or
 * foreign clip, withdrawn consent — is `not_found`, exactly like a missing object, and written to the audit log.
 */
export async function authoriseCase(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; caseId: unknown; action: Action }): Promise<{ enrolment: Enrolment; clientCase: Case }> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: input.action });
  return { enrolment, clientCase: await authoriseCaseOf(deps, { ...input, enrolment, read: null }) };
}

/**
 * The second half of `authoriseCase`, for a caller that has already passed the enrolment gate and may have read
 * the case alongside it (`read`, used only if it is the case asked for).
 */
export async function authoriseCaseOf(deps: ClipDeps, input: { actor: Caller; enrolment: Enrolment; caseId: unknown; action: Action; read: Versioned<Case> | null }): Promise<Case> {
  const { enrolment, caseId } = input;
  const valid = typeof caseId === 'string' && idPattern.test(caseId);
  const stored = !valid ? null : input.read?.value.id === caseId ? input.read : await deps.store.cases.get({ partition: enrolment.id, id: caseId });
  if (!stored || !mayActOnClips({ enrolment, person: input.actor.person.id, action: input.action, clientCase: stored.value, now: deps.clock.now() })) {
    await refuse(deps, { actor: input.actor, action: input.action, object: { kind: 'case', id: typeof caseId === 'string' ? caseId.slice(0, 100) : '' } });
  }
  return stored!.value;
}

/**
 * An external supervisor reaches a clip only through their open invitation to the enrolment, and only a clip the
 * trainee shared for the meeting (with the family's supervisor-viewing consent, checked below like anyone's).
 * Their invitation is read alongside the other records, so it costs no extra round trip.
 *
 * `caseHint` (a playback grant knows its case) lets the case be read alongside the enrolment and the clip,
 * so a range request waits for one round trip to storage instead of three; the hint must match the clip.
 */
export async function authoriseClip(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; action: Action; allowDeleting?: boolean; caseHint?: string }): Promise<{ enrolment: Enrolment; clientCase: Case; clip: Versioned<Clip>; invites: readonly ExternalSupervisorInvite[] }> {
  const ids = idPattern.test(input.clipId) && idPattern.test(input.enrolmentId);
  const hinted = ids && input.caseHint !== undefined && idPattern.test(input.caseHint);
  const person = input.actor.person.id;
  const [enrolmentRead, accessRead, clipRead, caseRead] = await Promise.allSettled([
    findEnrolment(deps, input.enrolmentId),
    ids ? externalAccessOf(deps, { enrolmentId: input.enrolmentId, person }) : Promise.resolve(null),
    ids ? deps.clips.clips.get({ partition: input.enrolmentId, id: input.clipId }) : Promise.resolve(null),
    hinted ? deps.store.cases.get({ partition: input.enrolmentId, id: input.caseHint! }) : Promise.resolve(null),
  ]);
  if (enrolmentRead.status === 'rejected') throw enrolmentRead.reason;
  if (accessRead.status === 'rejected') throw accessRead.reason;
  if (clipRead.status === 'rejected') throw clipRead.reason;
  if (caseRead.status === 'rejected') throw caseRead.reason;
  const clip = clipRead.value;
  // The invitation counts only for a clip shared for the meeting; for any other clip it gives nothing.
  const access = accessRead.value;
  const invites = access && clip && access.invitation.value.sharedClipIds.includes(clip.value.id) ? access.invites : [];
  const enrolment = await authoriseRead(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: input.action, invites, enrolment: enrolmentRead.value });
  const usable = clip && (clip.value.state === 'available' || input.allowDeleting);
  const stored = !usable ? null : hinted && caseRead.value?.value.id === clip.value.caseId ? caseRead.value : await deps.store.cases.get({ partition: enrolment.id, id: clip.value.caseId });
  if (!clip || !usable || !stored || !mayActOnClips({ enrolment, person, action: input.action, clientCase: stored.value, now: deps.clock.now(), invites })) {
    await refuse(deps, { actor: input.actor, action: input.action, object: { kind: 'clip', id: input.clipId.slice(0, 100) } });
  }
  return { enrolment, clientCase: stored!.value, clip: clip!, invites };
}

async function refuse(deps: ClipDeps, input: { actor: Caller; action: Action; object: { kind: string; id: string } }): Promise<never> {
  await deps.audit.append({ at: deps.clock.now().toISOString(), actor: { tenantId: input.actor.person.tenantId, objectId: input.actor.person.objectId }, action: input.action, object: input.object, outcome: 'refused' });
  throw new AttuneError('not_found', 'Not found.');
}
