import { consentAllows } from '../../domain/consent';
import type { ClipKind } from '../../domain/clips/clip';
import { accessOf, invitee, type ExternalSupervisorInvitation } from '../../domain/external-supervision';
import { progress, type StageProgress } from '../../domain/progress';
import type { StageMeeting } from '../../domain/practice';
import { authorise, findEnrolment } from '../authorise';
import type { ClipDeps } from '../clips/deps';
import { personById, type Caller } from '../people';
import { loadPathway, loadPracticeRecords } from '../progress';

export interface SharedClip {
  readonly id: string;
  readonly title: string;
  readonly kind: ClipKind;
  readonly uploadedAt: string;
}

/** One trainee's stage, as the external supervisor invited to its meeting sees it. */
export interface ExternalStageView {
  readonly enrolmentId: string;
  readonly traineeName: string;
  readonly stage: number;
  readonly meetingKind: ExternalSupervisorInvitation['meetingKind'];
  /** `accepted`: the window is open; `ended`: they signed the stage off. */
  readonly status: 'accepted' | 'ended';
  readonly open: boolean;
  readonly until: string;
  /** While open: the stage's requirements and where the trainee stands on them. */
  readonly summary: StageProgress | null;
  /** While open: the clips the trainee shared that the family's consent still lets a supervisor see. */
  readonly sharedClips: readonly SharedClip[];
  /** The supervisor's record of the meeting, if they made one (what they recommend, for the sign-off form). */
  readonly supervisorRecord: { readonly heldOn: string; readonly minutes: number; readonly recommended: 'signed_off' | 'not_yet' } | null;
  /** The external supervisor's own latest outcome for the stage. */
  readonly myOutcome: { readonly heldOn: string; readonly outcome: StageMeeting['outcome'] } | null;
}

/**
 * The stage meetings the asking external supervisor is invited to: for each open one, the trainee's name, the
 * stage summary and the shared clips — nothing else of the trainee's practice (no cases, cycles, records or
 * contracts). Ended ones are listed without their evidence. Each enrolment goes through `authorise` with the
 * invitation, so a revoked or lapsed invitation shows nothing at once.
 */
export async function myExternalStages(deps: ClipDeps, input: { actor: Caller }): Promise<ExternalStageView[]> {
  const me = input.actor.person.id;
  const now = deps.clock.now();
  const mine = (await deps.store.externalSupervisors.list()).map((s) => s.value).filter((i) => invitee(i) === me && (i.status.kind === 'accepted' || i.status.kind === 'ended'));
  const views = await Promise.all(
    mine.map(async (invitation): Promise<ExternalStageView | null> => {
      const access = accessOf(invitation, now);
      const trainee = async (traineeId: string): Promise<string> => (await personById(deps, traineeId))?.displayName ?? 'A trainee';
      const base = { enrolmentId: invitation.enrolmentId, stage: invitation.stage, meetingKind: invitation.meetingKind, until: invitation.until };
      if (!access) {
        if (invitation.status.kind !== 'ended') return null; // lapsed: nothing to show
        const enrolment = await findEnrolment(deps, invitation.enrolmentId);
        const meetings = enrolment ? (await deps.store.meetings.list(enrolment.id)).map((m) => m.value) : [];
        return { ...base, traineeName: enrolment ? await trainee(enrolment.traineeId) : 'A trainee', status: 'ended', open: false, summary: null, sharedClips: [], supervisorRecord: null, myOutcome: latestOwn(meetings, invitation.stage, me) };
      }
      const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: invitation.enrolmentId, action: 'view_stage_summary', invites: [access] });
      const [pathway, records, traineeName, sharedClips] = await Promise.all([loadPathway(deps, enrolment.pathway), loadPracticeRecords(deps, enrolment.id), trainee(enrolment.traineeId), sharedClipsOf(deps, invitation)]);
      const summary = progress({ enrolment, pathway }, records, now).stages.find((s) => s.stage === invitation.stage) ?? null;
      const supervisor = records.meetings.filter((m) => m.stage === invitation.stage && m.awaitingExternalSignOff).sort((a, b) => b.heldOn.localeCompare(a.heldOn))[0];
      return {
        ...base,
        traineeName,
        status: 'accepted',
        open: true,
        summary,
        sharedClips,
        supervisorRecord: supervisor?.awaitingExternalSignOff ? { heldOn: supervisor.heldOn, minutes: supervisor.minutes, recommended: supervisor.awaitingExternalSignOff.recommended } : null,
        myOutcome: latestOwn(records.meetings, invitation.stage, me),
      };
    }),
  );
  return views.filter((v): v is ExternalStageView => v !== null).sort((a, b) => Number(b.open) - Number(a.open) || a.traineeName.localeCompare(b.traineeName));
}

function latestOwn(meetings: readonly StageMeeting[], stage: number, me: string): ExternalStageView['myOutcome'] {
  const own = meetings.filter((m) => m.stage === stage && m.externalSupervisorId === me).sort((a, b) => b.heldOn.localeCompare(a.heldOn))[0];
  return own ? { heldOn: own.heldOn, outcome: own.outcome } : null;
}

/** The shared clips still available whose case's consent still lets a supervisor see them. */
async function sharedClipsOf(deps: ClipDeps, invitation: ExternalSupervisorInvitation): Promise<SharedClip[]> {
  if (invitation.sharedClipIds.length === 0) return [];
  const [clips, cases] = await Promise.all([Promise.all(invitation.sharedClipIds.map((id) => deps.clips.clips.get({ partition: invitation.enrolmentId, id }))), deps.store.cases.list(invitation.enrolmentId)]);
  const consented = new Set(cases.filter((c) => consentAllows(c.value, 'external_supervisor_viewing')).map((c) => c.value.id));
  return clips.flatMap((c) => (c && c.value.state === 'available' && consented.has(c.value.caseId) ? [{ id: c.value.id, title: c.value.title, kind: c.value.kind, uploadedAt: c.value.uploadedAt }] : []));
}
