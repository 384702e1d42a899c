import { summariseClip, type ClipSummary } from '../../domain/clips/clip';
import { attunementFocus, linkReview, shownMoments, type AttunementFocus } from '../../domain/clips/review-pair';
import { clipDeleteAfter } from '../../domain/clips/retention';
import { AttuneError, isAttuneError } from '../../domain/errors';
import type { Moment } from '../../domain/moment';
import type { Caller } from '../people';
import { authoriseClip } from './authorise-clip';
import { getClip, retentionMonths, type ClipDetail } from './clips';
import type { ClipDeps } from './deps';

const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The trainee pairs their shared-review clip with the interaction clip of the same cycle it reviewed, naming the
 * moments they showed the adult. Both clips go through the clip gate for the person asking (the shared review
 * as something they may upload to, the interaction clip as something they may view), so a clip of another
 * enrolment, or one whose family withdrew consent, is `not_found` like a missing one.
 */
export async function linkReviewedClip(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string; interactionClipId: string; momentIds: unknown }): Promise<ClipSummary> {
  const { enrolment, clip: review, clientCase } = await authoriseClip(deps, { actor: input.actor, enrolmentId: input.enrolmentId, clipId: input.clipId, action: 'upload_clip' });
  if (!idPattern.test(input.interactionClipId)) throw new AttuneError('not_found', 'Not found.');
  const { clip: interaction } = await authoriseClip(deps, { actor: input.actor, enrolmentId: enrolment.id, clipId: input.interactionClipId, action: 'view_clip' });
  const moments = (await deps.clips.moments.list(interaction.value.id)).map((m) => m.value);
  const linked = linkReview({ review: review.value, interaction: interaction.value, interactionMoments: moments, momentIds: input.momentIds, by: input.actor.person.id, at: deps.clock.now().toISOString() });
  const saved = await deps.clips.clips.replace(linked, review.etag);
  return summariseClip(saved.value, clipDeleteAfter(clientCase, await retentionMonths(deps, enrolment.serviceId)));
}

export interface PairSide extends ClipDetail {
  readonly focus: AttunementFocus;
}

export interface ReviewPairView {
  readonly sharedReview: PairSide;
  /** Null when nothing is linked yet, or the person may not see the interaction clip. */
  readonly interaction: PairSide | null;
  readonly shownMoments: readonly Moment[];
}

/**
 * A shared review beside the interaction clip it reviewed, for the supervisor (or the trainee). Each side is
 * read through the clip gate for the person asking; if they may see the shared review but not the
 * interaction (the family's consent, an external supervisor shared only one of them, a deleted clip), the
 * shared review still plays alone.
 */
export async function getReviewPair(deps: ClipDeps, input: { actor: Caller; enrolmentId: string; clipId: string }): Promise<ReviewPairView> {
  const review = await getClip(deps, input);
  if (review.clip.kind !== 'shared_review') throw new AttuneError('invalid_input', 'Only a shared-review clip is reviewed beside an interaction clip.', ['clipId']);
  const sharedReview: PairSide = { ...review, focus: attunementFocus(review.clip.kind) };
  const link = review.clip.reviewOf;
  if (!link) return { sharedReview, interaction: null, shownMoments: [] };
  const interaction = await getClip(deps, { actor: input.actor, enrolmentId: input.enrolmentId, clipId: link.clipId }).catch((e: unknown) => {
    if (isAttuneError(e) && e.code === 'not_found') return null;
    throw e;
  });
  if (!interaction) return { sharedReview, interaction: null, shownMoments: [] };
  return { sharedReview, interaction: { ...interaction, focus: attunementFocus(interaction.clip.kind) }, shownMoments: shownMoments(link, interaction.moments) };
}
