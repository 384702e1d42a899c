import type { Encoded } from '../../contract/http/common';
import type { ExternalStage, Invitation, SignedOff } from '../../contract/http/external-supervisors';
import type { ExternalStageView } from '../../app/external-supervisors/external-view';
import type { InvitationView } from '../../app/external-supervisors/invitations';
import type { StageMeeting } from '../../domain/practice';
import type { Outcome } from '../../domain/submission';

export const encodeInvitation = (i: InvitationView): Encoded<typeof Invitation> => ({
  enrolmentId: i.enrolmentId,
  stage: i.stage,
  meetingKind: i.meetingKind,
  email: i.email,
  status: i.status,
  live: i.live,
  invitedAt: i.invitedAt,
  until: i.until,
  inviteeName: i.inviteeName,
  sharedClipIds: i.sharedClipIds,
});

export const encodeExternalStage = (s: ExternalStageView): Encoded<typeof ExternalStage> => s;

export function encodeSignedOff(outcome: Outcome<StageMeeting>): Encoded<typeof SignedOff> {
  const m = outcome.value;
  return {
    meeting: { id: m.id, enrolmentId: m.enrolmentId, stage: m.stage, kind: m.kind, heldOn: m.heldOn, minutes: m.minutes, outcome: m.outcome },
    outcome: outcome.kind,
    ...(outcome.kind === 'unchanged' ? { why: outcome.why } : {}),
  };
}
