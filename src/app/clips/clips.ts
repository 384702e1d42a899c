import { mayActOnClips } from '../../domain/clips/permissions';
import { cleanDisplayText, summariseClip, type Clip, type ClipSummary, type LegalHoldReason } from '../../domain/clips/clip';
import { clipDeleteAfter } from '../../domain/clips/retention';
import { AttuneError } from '../../domain/errors';
import type { ClipComment, Moment, Still } from '../../domain/moment';
import { authorise } from '../authorise';
import { personById, type Caller } from '../people';
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

/** What a service admin sends to put a clip on legal hold (with a reason) or take it off. */
export type LegalHoldChange = { readonly on: true; readonly reason: LegalHoldReason; readonly note: string | null } | { readonly on: false };

/**
 * Puts a clip on legal hold or takes it off: only a service admin of the enrolment's service may. Putting a
 * hold on needs a reason from a closed list (the audit log records it as the purpose; the admin's note stays
 * on the clip and is never logged).
 */
export async function setLegalHold(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; change: LegalHoldChange }): Promise<ClipSummary> {
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
  const { legalHoldSince: since, legalHoldReason: _reason, legalHoldNote: _note, legalHoldBy: _by, ...rest } = clip.value;
  const change = input.change;
  // The hold's start is kept while it stays on (putting it on twice does not make it younger).
  const held = change.on
    ? { ...rest, legalHold: true, legalHoldSince: clip.value.legalHold && since ? since : at, legalHoldReason: change.reason, ...(change.note ? { legalHoldNote: cleanDisplayText(change.note, { max: 500 }) } : {}), legalHoldBy: input.actor.person.id }
    : { ...rest, legalHold: false };
  const next = await deps.clips.clips.replace(held, clip.etag);
  await deps.audit.append({ at, actor: who, action: change.on ? 'legal_hold_on' : 'legal_hold_off', object: { kind: 'clip', id: clip.value.id }, outcome: 'allowed', subject: enrolment.traineeId, ...(change.on ? { purpose: `legal hold: ${change.reason}` } : {}) });
  const clientCase = await deps.store.cases.get({ partition: enrolment.id, id: clip.value.caseId });
  return summariseClip(next.value, clipDeleteAfter(clientCase?.value ?? null, await retentionMonths(deps, enrolment.serviceId)));
}

/** A clip as the service admin's clip list shows it: no title, file name or case code, only ids and dates. */
export interface AdminClip {
  readonly enrolmentId: string;
  readonly traineeName: string;
  readonly clipId: string;
  readonly kind: Clip['kind'];
  readonly uploadedAt: string;
  readonly size: number;
  readonly state: Clip['state'];
  readonly deleteAfter: string | null;
  readonly legalHold: { readonly since: string | null; readonly reason: LegalHoldReason | null; readonly note: string | null } | null;
}

/** Every clip of the services this person administers, newest first, for the legal-hold page (service admins). */
export async function adminClips(deps: ClipDeps, input: { actor: Caller }): Promise<AdminClip[]> {
  const services = (await deps.store.services.list()).map((s) => s.value).filter((s) => s.admins.includes(input.actor.person.id));
  if (services.length === 0) {
    await deps.audit.append({ at: deps.clock.now().toISOString(), actor: { tenantId: input.actor.person.tenantId, objectId: input.actor.person.objectId }, action: 'list_service_clips', object: { kind: 'service', id: '' }, outcome: 'refused' });
    throw new AttuneError('not_found', 'Not found.');
  }
  const ids = new Set(services.map((s) => s.id));
  const enrolments = (await deps.store.enrolments.list()).map((e) => e.value).filter((e) => ids.has(e.serviceId));
  const rows = await Promise.all(
    enrolments.map(async (e) => {
      const [clips, cases, trainee, months] = await Promise.all([deps.clips.clips.list(e.id), deps.store.cases.list(e.id), personById(deps, e.traineeId), retentionMonths(deps, e.serviceId)]);
      const byId = new Map(cases.map((c) => [c.value.id, c.value]));
      return clips.map(({ value: c }): AdminClip => ({
        enrolmentId: e.id,
        traineeName: trainee?.displayName ?? 'A trainee',
        clipId: c.id,
        kind: c.kind,
        uploadedAt: c.uploadedAt,
        size: c.layout.size,
        state: c.state,
        deleteAfter: c.legalHold ? null : clipDeleteAfter(byId.get(c.caseId) ?? null, months),
        legalHold: c.legalHold ? { since: c.legalHoldSince ?? null, reason: c.legalHoldReason ?? null, note: c.legalHoldNote ?? null } : null,
      }));
    }),
  );
  await deps.audit.append({ at: deps.clock.now().toISOString(), actor: { tenantId: input.actor.person.tenantId, objectId: input.actor.person.objectId }, action: 'list_service_clips', object: { kind: 'service', id: services[0]!.id }, outcome: 'allowed' });
  return rows.flat().sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt) || a.clipId.localeCompare(b.clipId));
}
