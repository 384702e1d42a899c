import * as z from 'zod';
import { Instant, IsoDate, PathId, PersonId } from './common';
import { PrincipleKey } from './service';

/**
 * The clip vault's wire: uploads, clips, their moments, stills and comments, and playback. The contract checks
 * shape and size; the use cases check the rest (the case's consent, times inside the clip, the vocabulary).
 */
export const ClipKind = z.enum(['client_interaction', 'shared_review'], { error: 'Say which kind of clip this is: client_interaction or shared_review.' });
export type ClipKind = z.infer<typeof ClipKind>;
export const ClipMediaType = z.enum(['video/mp4', 'video/quicktime', 'video/webm']);

export const ClipParams = z.object({ enrolmentId: PathId('enrolment') });
export const OneClipParams = ClipParams.extend({ clipId: PathId('clip') });
export const UploadParams = ClipParams.extend({ uploadId: PathId('upload') });
export const BlockParams = UploadParams.extend({
  index: z.string({ error: 'Blocks are numbered 0, 1, 2…' }).regex(/^\d{1,6}$/, { error: 'Blocks are numbered 0, 1, 2…' }).describe('0, 1, 2…'),
});
export const MomentParams = OneClipParams.extend({ momentId: PathId('moment') });
export const StillParams = OneClipParams.extend({ stillId: PathId('still') });
export const CommentParams = OneClipParams.extend({ commentId: PathId('comment') });

export const ClipSummary = z.object({
  id: z.string(),
  caseId: z.string(),
  cycleId: z.string().nullable(),
  kind: ClipKind,
  title: z.string(),
  fileName: z.string().nullable(),
  mediaType: ClipMediaType,
  size: z.number().describe('Bytes.'),
  uploadedAt: Instant,
  legalHold: z.boolean(),
  deleteAfter: IsoDate.nullable().describe('When retention deletes it; null while the case is open or the clip is on hold.'),
  reviewOf: z
    .object({ clipId: z.string(), momentIds: z.array(z.string()) })
    .nullable()
    .describe('For a shared review paired with its interaction clip: that clip and the moments shown, in order; otherwise null.'),
});
export type ClipSummary = z.infer<typeof ClipSummary>;

export const PrincipleTag = z.object({ vocabularyId: z.string(), vocabularyVersion: z.number(), key: PrincipleKey, element: z.string().nullable() });
export type PrincipleTag = z.infer<typeof PrincipleTag>;

export const Moment = z.object({
  id: z.string(),
  clipId: z.string(),
  enrolmentId: z.string(),
  cycleId: z.string().nullable(),
  startMs: z.number(),
  endMs: z.number(),
  tags: z.array(PrincipleTag),
  note: z.string().nullable(),
  createdBy: PersonId,
  createdAt: Instant,
});
export type Moment = z.infer<typeof Moment>;

/** A still's picture, when the tab has sent it: fetched from `…/stills/{stillId}/image` with the bearer token. */
export const StillPicture = z.object({ width: z.number().describe('Pixels.'), height: z.number().describe('Pixels.'), size: z.number().describe('Bytes of JPEG.') });
export const Still = z.object({ id: z.string(), clipId: z.string(), enrolmentId: z.string(), atMs: z.number(), caption: z.string().nullable(), createdBy: PersonId, createdAt: Instant, picture: StillPicture.nullable() });
export type Still = z.infer<typeof Still>;

export const ClipComment = z.object({
  id: z.string(),
  clipId: z.string(),
  enrolmentId: z.string(),
  atMs: z.number(),
  endMs: z.number().nullable(),
  text: z.string(),
  tags: z.array(PrincipleTag),
  authorId: PersonId,
  createdAt: Instant,
});
export type ClipComment = z.infer<typeof ClipComment>;

export const MomentWarning = z.object({ code: z.enum(['longer_than_suggested', 'more_than_suggested_in_cycle']), message: z.string() });
export type MomentWarning = z.infer<typeof MomentWarning>;

export const ClipDetail = z.object({ clip: ClipSummary, moments: z.array(Moment), stills: z.array(Still), comments: z.array(ClipComment) });
export type ClipDetail = z.infer<typeof ClipDetail>;
export const ClipList = z.object({ clips: z.array(ClipSummary) });
export const ClipListQuery = z.object({ cycleId: z.string({ error: 'cycleId must be a cycle id.' }).max(1000, { error: 'That cycle id is too long.' }).optional() });
export const OneClip = z.object({ clip: ClipSummary });

export const UploadView = z.object({
  id: z.string(),
  clipId: z.string(),
  state: z.enum(['open', 'committed']),
  size: z.number(),
  blockSize: z.number(),
  blockCount: z.number(),
  expiresAt: Instant,
  missing: z.array(z.number()).describe('Block numbers not yet received.'),
});
export type UploadView = z.infer<typeof UploadView>;
export const OneUpload = z.object({ upload: UploadView });

const longText = 10_000;
/** What the person's device says about the video; the bytes decide what it is. */
export const StartUpload = z.object({
  caseId: z.string({ error: 'Say which case the clip is of.' }).max(1000, { error: 'That case id is too long.' }),
  cycleId: z.string({ error: 'That cycle is not one of this case’s cycles.' }).max(1000, { error: 'That cycle is not one of this case’s cycles.' }).nullable().optional(),
  kind: ClipKind,
  title: z.string({ error: 'Give the clip a short title.' }).max(longText, { error: 'Give the clip a short title.' }),
  fileName: z.string({ error: 'The file name must be text.' }).max(longText, { error: 'The file name must be text.' }).nullable().optional(),
  size: z.number({ error: 'Say how many bytes the video is.' }).int({ error: 'Say how many bytes the video is.' }).min(0, { error: 'Say how many bytes the video is.' }).max(Number.MAX_SAFE_INTEGER, { error: 'Say how many bytes the video is.' }),
  mediaType: z.string({ error: 'Only videos can be uploaded (MP4, MOV or WebM).' }).max(200, { error: 'Only videos can be uploaded (MP4, MOV or WebM).' }).nullable().optional(),
});
export type StartUpload = z.infer<typeof StartUpload>;

export const BlockReceived = z.object({ received: z.number().describe('The block number stored.') });

export const LegalHoldReason = z.enum(['litigation', 'safeguarding', 'complaint', 'regulator', 'subject_request', 'other'], { error: 'Say why the clip is held: litigation, safeguarding, complaint, regulator, subject_request or other.' });
/** A hold needs a reason (audited); its note stays on the clip and is never logged. */
export const LegalHold = z.discriminatedUnion(
  'on',
  [
    z.object({ on: z.literal(true), reason: LegalHoldReason, note: z.string({ error: 'The note must be text.' }).max(500, { error: 'Keep the note to 500 characters.' }).nullable().optional() }),
    z.object({ on: z.literal(false) }),
  ],
  { error: 'Say whether the legal hold is on (true, with a reason) or off (false).' },
);
export const AdminClip = z.object({
  enrolmentId: z.string(),
  traineeName: z.string(),
  clipId: z.string(),
  kind: ClipKind,
  uploadedAt: Instant,
  size: z.number(),
  state: z.enum(['available', 'deleting']),
  deleteAfter: IsoDate.nullable(),
  legalHold: z.object({ since: Instant.nullable(), reason: LegalHoldReason.nullable(), note: z.string().nullable() }).nullable(),
});
export const AdminClips = z.object({ clips: z.array(AdminClip).describe('No titles, file names or case codes: ids, dates and the hold.') });
export type LegalHold = z.infer<typeof LegalHold>;

export const StartPlayback = z.object({ purpose: z.string({ error: 'Say why you are viewing.' }).max(100, { error: 'Say why you are viewing.' }).nullable().optional() });
export const Playback = z.object({
  path: z.string().describe('The media path for a <video> element: short-lived, for this person only.'),
  expiresAt: Instant,
  mediaType: ClipMediaType,
  size: z.number(),
});
export type Playback = z.infer<typeof Playback>;
export const PlaybackStarted = z.object({ playback: Playback });

const time = (field: string) =>
  z
    .number({ error: `${field} must be a time in whole milliseconds from the start of the clip.` })
    .int({ error: `${field} must be a time in whole milliseconds from the start of the clip.` })
    .min(0, { error: `${field} must be a time in whole milliseconds from the start of the clip.` });
const tags = z
  .array(z.union([PrincipleKey, z.object({ key: PrincipleKey, element: z.string().max(200).nullable().optional() })], { error: 'Each tag names a principle of attuned interaction.' }), { error: 'Give at most 12 principle tags.' })
  .max(12, { error: 'Give at most 12 principle tags.' })
  .nullable()
  .optional();
const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text.` })
    .max(max * 2, { error: `${field} can be at most ${max} characters.` })
    .nullable()
    .optional();

export const AddMoment = z.object({ startMs: time('startMs'), endMs: time('endMs'), tags, note: optionalText('note', 2000) });
export type AddMoment = z.infer<typeof AddMoment>;
export const AddedMoment = z.object({ moment: Moment, warnings: z.array(MomentWarning) });

export const AddStill = z.object({ atMs: time('atMs'), caption: optionalText('caption', 200) });
export type AddStill = z.infer<typeof AddStill>;
export const AddedStill = z.object({ still: Still });

export const AddComment = z.object({ atMs: time('atMs'), endMs: time('endMs').nullable().optional(), text: z.string({ error: 'Write something in text.' }).max(8000, { error: 'text can be at most 4000 characters.' }), tags });
export type AddComment = z.infer<typeof AddComment>;
export const AddedComment = z.object({ comment: ClipComment });

export const Abandoned = z.object({ abandoned: z.literal(true) });
export const Deleted = z.object({ deleted: z.literal(true) });

/** A shared review names the interaction clip of its cycle it reviewed and the moments of it that it showed. */
export const LinkReviewedClip = z.object({
  interactionClipId: z.string({ error: 'Say which interaction clip the shared review reviewed.' }).max(1000, { error: 'That clip id is too long.' }),
  momentIds: z
    .array(z.string({ error: 'Each moment is named by its id.' }).max(1000, { error: 'Each moment is named by its id.' }), { error: 'Name the moments the shared review showed: one to 12.' })
    .max(12, { error: 'Name the moments the shared review showed: one to 12.' }),
});
export type LinkReviewedClip = z.infer<typeof LinkReviewedClip>;

export const AttunementFocus = z.enum(['guider_to_adult', 'adult_to_child']).describe('Whose attunement the clip’s tags and comments describe: the guider’s to the adult (shared review) or the adult’s to the child (interaction).');
export const PairSide = ClipDetail.extend({ focus: AttunementFocus });
export type PairSide = z.infer<typeof PairSide>;
export const ReviewPair = z.object({
  sharedReview: PairSide,
  interaction: PairSide.nullable().describe('Null when the shared review names no interaction clip, or the person may not see it (consent, deletion).'),
  shownMoments: z.array(Moment).describe('The interaction clip’s moments the shared review showed, in the order shown (those that still exist).'),
});
export type ReviewPair = z.infer<typeof ReviewPair>;
