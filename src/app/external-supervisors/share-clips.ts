import { consentAllows } from '../../domain/consent';
import type { Clip } from '../../domain/clips/clip';
import { AttuneError } from '../../domain/errors';
import { invitationId, share } from '../../domain/external-supervision';
import type { Case } from '../../domain/practice';
import type { Versioned } from '../../ports/data-store';
import { audit, authorise } from '../authorise';
import type { ClipDeps } from '../clips/deps';
import type { Caller } from '../people';
import { invitationObject, updateInvitation, viewInvitation, type InvitationView } from './invitations';

/**
 * The trainee chooses the clips the external supervisor sees for the stage meeting (the whole set, replacing the
 * last). Only their own available clips whose family consented to viewing by a supervisor can be shared; the
 * clip gate checks that consent again on every view, so a later withdrawal still stops access at once.
 */
export async function shareClipsForMeeting(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; stage: number; clipIds: readonly string[] }): Promise<InvitationView> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'share_clips_for_meeting' });
  const key = { enrolmentId: enrolment.id, id: invitationId(input.stage) };
  if (!Number.isInteger(input.stage) || !(await deps.store.externalSupervisors.get({ partition: key.enrolmentId, id: key.id }))) throw new AttuneError('not_found', 'There is no invitation for that stage.');
  const ids = [...new Set(input.clipIds)];
  const [clips, cases] = await Promise.all([Promise.all(ids.map(async (id) => (/^[A-Za-z0-9_-]{1,100}$/.test(id) ? deps.clips.clips.get({ partition: enrolment.id, id }) : null))), deps.store.cases.list(enrolment.id)]);
  const problems = ids.flatMap((id, i) => shareProblem(id, clips[i] ?? null, cases));
  if (problems.length) throw new AttuneError('invalid_input', problems.length === 1 ? problems[0]! : 'Some of those clips cannot be shared.', problems);
  const stored = await updateInvitation(deps, key, (current) => share(current, { clipIds: ids, now: deps.clock.now() }));
  await audit(deps, { actor: input.actor, action: 'share_clips_for_meeting', object: invitationObject(stored.value), subject: enrolment.traineeId, purpose: `${ids.length} clips` });
  return viewInvitation(deps, stored.value);
}

function shareProblem(id: string, clip: Versioned<Clip> | null, cases: readonly Versioned<Case>[]): string[] {
  if (!clip || clip.value.state !== 'available') return [`Clip ${id.slice(0, 40)}: there is no such clip of yours.`];
  const theCase = cases.find((c) => c.value.id === clip.value.caseId)?.value;
  if (!theCase || !consentAllows(theCase, 'external_supervisor_viewing')) return [`“${clip.value.title}”: the family has not consented to viewing by a supervisor, so it cannot be shared.`];
  return [];
}
