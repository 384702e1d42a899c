import { mayActOnClips } from '../../domain/clips/permissions';
import { summariseClip, type ClipSummary } from '../../domain/clips/clip';
import { clipDeleteAfter } from '../../domain/clips/retention';
import { AttuneError } from '../../domain/errors';
import type { ClipComment, Moment, Still } from '../../domain/moment';
import { authorise } from '../authorise';
import type { Caller } from '../people';
import { openMarks } from './annotations';
import { authoriseClip } from './authorise-clip';
import type { ClipDeps } from './deps';

/** The service's retention months after a case's end of involvement (2 when the service does not say). */
export async function retentionMonths(deps: ClipDeps, serviceId: string): Promise<number> {
  const service = await deps.store.services.get({ partition: 'service', id: serviceId });
  const months = service?.value.retentionMonthsAfterEnd;
  return typeof months === 'number' && Number.isInteger(months) && months >= 0 ? months : 2;
}

/** The clips of an enrolment (optionally one cycle's) that this person may view now; withdrawn consent hides them. */
export async function listClips(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; cycleId?: string | null }): Promise<ClipSummary[]> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'view_clip' });
  const [clips, cases, months] = await Promise.all([deps.clips.clips.list(enrolment.id), deps.store.cases.list(enrolment.id), retentionMonths(deps, enrolment.serviceId)]);
  const byId = new Map(cases.map((c) => [c.value.id, c.value]));
  const now = deps.clock.now();
  return clips
    .map((c) => c.value)
    .filter((c) => c.state === 'available' && (input.cycleId ? c.cycleId === input.cycleId : true))
    .flatMap((c) => {
      const clientCase = byId.get(c.caseId);
      if (!clientCase || !mayActOnClips({ enrolment, person: input.actor.person.id, action: 'view_clip', clientCase, now })) return [];
      return [summariseClip(c, clipDeleteAfter(clientCase, months))];
    })
    .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
}

export interface ClipDetail {
  readonly clip: ClipSummary;
  readonly moments: readonly Moment[];
  readonly stills: readonly Still[];
  readonly comments: readonly ClipComment[];
}

export async function getClip(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string }): Promise<ClipDetail> {
  const { enrolment, clip, clientCase } = await authoriseClip(deps, { ...input, action: 'view_clip' });
  const [moments, stills, comments, months] = await Promise.all([
    deps.clips.moments.list(clip.value.id),
    deps.clips.stills.list(clip.value.id),
    deps.clips.comments.list(clip.value.id),
    retentionMonths(deps, enrolment.serviceId),
  ]);
  const values = <T>(xs: { value: T }[]): T[] => xs.map((x) => x.value);
  const opened = await openMarks(deps, { caseId: clip.value.caseId, moments: values(moments), stills: values(stills), comments: values(comments) });
  return {
    clip: summariseClip(clip.value, clipDeleteAfter(clientCase, months)),
    moments: opened.moments.sort((a, b) => a.startMs - b.startMs),
    stills: opened.stills.sort((a, b) => a.atMs - b.atMs),
    comments: opened.comments.sort((a, b) => a.atMs - b.atMs || a.createdAt.localeCompare(b.createdAt)),
  };
}

/** Puts a clip on legal hold or takes it off: only a service admin of the enrolment's service may. */
export async function setLegalHold(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; on: boolean }): Promise<ClipSummary> {
  const enrolments = await deps.store.enrolments.list();
  const enrolment = enrolments.map((e) => e.value).find((e) => e.id === input.enrolmentId);
  const service = enrolment ? await deps.store.services.get({ partition: 'service', id: enrolment.serviceId }) : null;
  const clip = enrolment && /^[A-Za-z0-9_-]{1,100}$/.test(input.clipId) ? await deps.clips.clips.get({ partition: enrolment.id, id: input.clipId }) : null;
  const at = deps.clock.now().toISOString();
  const who = { tenantId: input.actor.person.tenantId, objectId: input.actor.person.objectId };
  if (!enrolment || !service?.value.admins.includes(input.actor.person.id) || !clip || clip.value.state !== 'available') {
    await deps.audit.append({ at, actor: who, action: 'set_legal_hold', object: { kind: 'clip', id: input.clipId.slice(0, 100) }, outcome: 'refused' });
    throw new AttuneError('not_found', 'Not found.');
  }
  const { legalHoldSince: since, ...rest } = clip.value;
  // The hold's start is kept while it stays on (putting it on twice does not make it younger).
  const held = input.on ? { ...rest, legalHold: true, legalHoldSince: clip.value.legalHold && since ? since : at } : { ...rest, legalHold: false };
  const next = await deps.clips.clips.replace(held, clip.etag);
  await deps.audit.append({ at, actor: who, action: input.on ? 'legal_hold_on' : 'legal_hold_off', object: { kind: 'clip', id: clip.value.id }, outcome: 'allowed', subject: enrolment.traineeId });
  const clientCase = await deps.store.cases.get({ partition: enrolment.id, id: clip.value.caseId });
  return summariseClip(next.value, clipDeleteAfter(clientCase?.value ?? null, await retentionMonths(deps, enrolment.serviceId)));
}
