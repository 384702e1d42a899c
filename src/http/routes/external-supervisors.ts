import type { Request } from 'restify';
import type { ClipDeps } from '../../app/clips/deps';
import { myExternalStages } from '../../app/external-supervisors/external-view';
import { inviteExternalSupervisor, listExternalSupervisors, revokeExternalSupervisor } from '../../app/external-supervisors/invite';
import { shareClipsForMeeting } from '../../app/external-supervisors/share-clips';
import { signOffAsExternalSupervisor } from '../../app/external-supervisors/sign-off';
import type { Caller } from '../../app/people';
import { routes } from '../../contract/http/routes';
import { encodeExternalStage, encodeInvitation, encodeSignedOff } from '../encode/external-supervisors';
import type { Mount } from '../mount';

/**
 * The external supervisor (issue 11): invitations (the supervisor and admins), the trainee's shared clips, and
 * the external supervisor's own view and sign-off. `guest` also accepts an invitation waiting for the token's
 * email, so the tab's first call after sign-in makes the invitation theirs. Thin: decode, one use case, encode.
 */
export function mountExternalSupervisorRoutes(mount: Mount, o: { clips: ClipDeps; caller: (req: Request) => Promise<Caller>; guest: (req: Request) => Promise<Caller> }): void {
  const app = o.clips;
  mount.json(routes.externalSupervisors, { auth: o.caller, handle: async ({ caller: actor, params }) => ({ body: { invitations: (await listExternalSupervisors(app, { actor, enrolmentId: params.enrolmentId })).map(encodeInvitation) } }) });
  mount.json(routes.inviteExternalSupervisor, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body }) => ({ body: { invitation: encodeInvitation(await inviteExternalSupervisor(app, { actor, enrolmentId: params.enrolmentId, stage: body.stage, email: body.email, until: body.until ?? null })) } }),
  });
  mount.json(routes.revokeExternalSupervisor, { auth: o.caller, handle: async ({ caller: actor, params }) => ({ body: { invitation: encodeInvitation(await revokeExternalSupervisor(app, { actor, enrolmentId: params.enrolmentId, stage: params.stage })) } }) });
  mount.json(routes.shareClipsForMeeting, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body }) => ({ body: { invitation: encodeInvitation(await shareClipsForMeeting(app, { actor, enrolmentId: params.enrolmentId, stage: params.stage, clipIds: body.clipIds })) } }),
  });
  mount.json(routes.myExternalStages, { auth: o.guest, handle: async ({ caller: actor }) => ({ body: { stages: (await myExternalStages(app, { actor })).map(encodeExternalStage) } }) });
  mount.json(routes.externalSignOff, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body }) => {
      const { submissionId, ...meeting } = body;
      const outcome = await signOffAsExternalSupervisor(app, { actor, enrolmentId: params.enrolmentId, submissionId, meeting });
      return { status: outcome.kind === 'changed' ? 201 : 200, body: encodeSignedOff(outcome) };
    },
  });
}
