import * as z from 'zod';
import { ChangeKind, Instant, IsoDate, PathId, UnchangedWhy } from './common';
import { ClipKind } from './clips';
import { StageMeetingKind, StageProgress } from './progress';

/**
 * The external supervisor (issue 11): invited by email to a trainee's stage meeting, they see that stage's
 * summary and the clips the trainee shares for it, and their sign-off ends the stage. The email travels only in
 * request and response bodies — never in a path or query, so it stays out of access logs.
 */

export const StageParam = z
  .string({ error: 'Say which stage.' })
  .regex(/^[1-9]\d?$/, { error: 'The stage is a number from 1 to 99.' })
  .transform(Number)
  .describe('The stage number.');

export const InvitationStatus = z.enum(['invited', 'accepted', 'revoked', 'ended']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const Invitation = z.object({
  enrolmentId: z.string(),
  stage: z.number(),
  meetingKind: StageMeetingKind,
  email: z.string(),
  status: InvitationStatus,
  live: z.boolean().describe('Invited or accepted, and the window still open.'),
  invitedAt: Instant,
  until: Instant.describe('Access closes then at the latest (or at the sign-off, or when revoked).'),
  inviteeName: z.string().nullable().describe('Their name once they have signed in.'),
  sharedClipIds: z.array(z.string()),
});
export type Invitation = z.infer<typeof Invitation>;

export const Invitations = z.object({ invitations: z.array(Invitation) });
export type Invitations = z.infer<typeof Invitations>;
export const OneInvitation = z.object({ invitation: Invitation });

const emailMessage = 'Enter the external supervisor’s email address, like name@example.org.';
export const InviteExternalSupervisor = z.object({
  stage: z.number({ error: 'Say which stage’s meeting (a number).' }).int({ error: 'The stage is a whole number.' }).min(1, { error: 'The stage is a number from 1.' }).max(99, { error: 'The stage is a number up to 99.' }),
  email: z.string({ error: emailMessage }).min(3, { error: emailMessage }).max(254, { error: 'That email address is too long.' }),
  until: IsoDate.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Until: enter a date as year-month-day.' }).nullable().optional().describe('The last day of access (at most 90 days on); by default 90 days.'),
});
export type InviteExternalSupervisor = z.infer<typeof InviteExternalSupervisor>;

export const ShareClips = z.object({
  clipIds: z
    .array(z.string({ error: 'Each clip is named by its id.' }).max(100, { error: 'That clip id is too long.' }), { error: 'Send the list of clip ids to share (an empty list shares none).' })
    .max(30, { error: 'Share at most 30 clips for one meeting.' }),
});
export type ShareClips = z.infer<typeof ShareClips>;

export const SharedClip = z.object({ id: z.string(), title: z.string(), kind: ClipKind, uploadedAt: Instant });

export const ExternalStage = z.object({
  enrolmentId: z.string(),
  traineeName: z.string(),
  stage: z.number(),
  meetingKind: StageMeetingKind,
  status: z.enum(['accepted', 'ended']),
  open: z.boolean(),
  until: Instant,
  summary: StageProgress.nullable(),
  sharedClips: z.array(SharedClip),
  supervisorRecord: z.object({ heldOn: IsoDate, minutes: z.number(), recommended: z.enum(['signed_off', 'not_yet']) }).nullable(),
  myOutcome: z.object({ heldOn: IsoDate, outcome: z.enum(['signed_off', 'not_yet']) }).nullable(),
});
export type ExternalStage = z.infer<typeof ExternalStage>;

export const MyExternalStages = z.object({ stages: z.array(ExternalStage) });
export type MyExternalStages = z.infer<typeof MyExternalStages>;

export const ExternalSignOff = z.object({
  submissionId: z.string({ error: 'This form is not one Attune sent. Reload the page and try again.' }).max(64, { error: 'This form is not one Attune sent. Reload the page and try again.' }),
  heldOn: IsoDate.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Held on: enter a date as year-month-day.' }),
  minutes: z.number({ error: 'Length: enter the length in whole minutes.' }).int({ error: 'Length: enter the length in whole minutes.' }).min(1, { error: 'Length: from 1 minute.' }).max(480, { error: 'Length: at most 480 minutes.' }),
  outcome: z.enum(['signed_off', 'not_yet'], { error: 'Outcome: choose signed off or not yet.' }),
});
export type ExternalSignOff = z.infer<typeof ExternalSignOff>;

export const SignedOff = z.object({
  meeting: z.object({ id: z.string(), enrolmentId: z.string(), stage: z.number(), kind: StageMeetingKind, heldOn: IsoDate, minutes: z.number(), outcome: z.enum(['signed_off', 'not_yet']) }),
  outcome: ChangeKind,
  why: UnchangedWhy.optional(),
});
export type SignedOff = z.infer<typeof SignedOff>;

export const InvitationParams = z.object({ enrolmentId: PathId('enrolment'), stage: StageParam });
