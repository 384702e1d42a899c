import type { Encoded } from '../../contract/http/common';
import type { ClipComment, ClipDetail, ClipSummary, Moment, MomentWarning, Playback, Still, UploadView } from '../../contract/http/clips';
import type { ClipDetail as ClipDetailModel } from '../../app/clips/clips';
import type { ReviewPairView as ReviewPairModel } from '../../app/clips/review-pair';
import type { ReviewPair } from '../../contract/http/clips';
import type { UploadView as UploadViewModel } from '../../app/clips/upload';
import type { ClipSummary as ClipSummaryModel } from '../../domain/clips/clip';
import type { ClipComment as ClipCommentModel, Moment as MomentModel, MomentWarning as MomentWarningModel, Still as StillModel } from '../../domain/moment';

/** Clips, their marks, uploads and playback on the wire: the domain's shapes, checked against the contract's. */
export const encodeClipSummary = (c: ClipSummaryModel): Encoded<typeof ClipSummary> => c;
export const encodeMoment = (m: MomentModel): Encoded<typeof Moment> => m;
export const encodeMomentWarning = (w: MomentWarningModel): Encoded<typeof MomentWarning> => w;
/** A still's picture goes out as its size alone: where it is stored stays on the server. */
export const encodeStill = (s: StillModel): Encoded<typeof Still> => ({
  id: s.id,
  clipId: s.clipId,
  enrolmentId: s.enrolmentId,
  atMs: s.atMs,
  caption: s.caption,
  createdBy: s.createdBy,
  createdAt: s.createdAt,
  picture: s.image ? { width: s.image.width, height: s.image.height, size: s.image.size } : null,
});
export const encodeComment = (c: ClipCommentModel): Encoded<typeof ClipComment> => c;
export const encodeUpload = (u: UploadViewModel): Encoded<typeof UploadView> => u;
export const encodePlayback = (p: Encoded<typeof Playback>): Encoded<typeof Playback> => p;
export const encodeClipDetail = (d: ClipDetailModel): Encoded<typeof ClipDetail> => ({
  clip: encodeClipSummary(d.clip),
  moments: d.moments.map(encodeMoment),
  stills: d.stills.map(encodeStill),
  comments: d.comments.map(encodeComment),
});

export const encodeReviewPair = (p: ReviewPairModel): Encoded<typeof ReviewPair> => ({
  sharedReview: { ...encodeClipDetail(p.sharedReview), focus: p.sharedReview.focus },
  interaction: p.interaction ? { ...encodeClipDetail(p.interaction), focus: p.interaction.focus } : null,
  shownMoments: p.shownMoments.map(encodeMoment),
});
