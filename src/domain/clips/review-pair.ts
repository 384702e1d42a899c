import { AttuneError } from '../errors';
import type { Moment } from '../moment';
import type { PersonId } from '../people';
import type { Clip, ClipKind } from './clip';

/**
 * VIG supervision looks at two films of one cycle: the interaction between adult and child, and the trainee's
 * own shared review with the adult, in which the trainee showed the adult some moments of that interaction.
 * A shared-review clip names the interaction clip it reviewed and the moments it showed (`reviewOf`); the two
 * then play as a pair. The link lives on the shared-review clip's record: one shared review reviews one
 * interaction clip (an interaction clip may be reviewed by several shared reviews, e.g. a second session).
 */
export interface ReviewOf {
  /** The `client_interaction` clip of the same enrolment and cycle. */
  readonly clipId: string;
  /** The moments of that clip shown in the shared review, in the order they were shown. */
  readonly momentIds: readonly string[];
  readonly linkedBy: PersonId;
  readonly linkedAt: string;
}

/**
 * Whose attunement the principle tags and comments on a clip describe: on the shared review, the guider's to
 * the adult; on the interaction, the adult's to the child. Comments and tags are kept per clip, so the clip's
 * kind tells them apart without a second vocabulary.
 */
export type AttunementFocus = 'guider_to_adult' | 'adult_to_child';

export function attunementFocus(kind: ClipKind): AttunementFocus {
  switch (kind) {
    case 'shared_review':
      return 'guider_to_adult';
    case 'client_interaction':
      return 'adult_to_child';
  }
}

export const attunementFocusLabel: Readonly<Record<AttunementFocus, string>> = {
  guider_to_adult: 'The guider’s attunement to the adult',
  adult_to_child: 'The adult’s attunement to the child',
};

/** A shared review shows a handful of moments; twelve is far beyond any real one and keeps the record small. */
export const maxMomentsShown = 12;
const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Links a shared-review clip to the interaction clip it reviewed. Both must be available clips of the same
 * enrolment and the same cycle (a shared review belongs to a cycle); the interaction must be a
 * `client_interaction`; every moment named must be one of the interaction clip's moments, each at most once.
 * Returns the shared-review clip with its new `reviewOf` (replacing any earlier link).
 */
export function linkReview(input: { review: Clip; interaction: Clip | null; interactionMoments: readonly Moment[]; momentIds: unknown; by: PersonId; at: string }): Clip {
  const { review, interaction } = input;
  if (review.kind !== 'shared_review') throw new AttuneError('invalid_input', 'Only a shared-review clip can name the interaction clip it reviewed.', ['clipId']);
  if (review.state !== 'available') throw new AttuneError('not_found', 'Not found.');
  if (!interaction || interaction.state !== 'available' || interaction.enrolmentId !== review.enrolmentId) throw new AttuneError('not_found', 'Not found.');
  if (interaction.kind !== 'client_interaction') throw new AttuneError('invalid_input', 'A shared review reviews an interaction clip, not another shared review.', ['interactionClipId']);
  if (review.cycleId === null) throw new AttuneError('invalid_input', 'This shared review is not part of a cycle: only a shared review in a cycle can be paired with that cycle’s interaction clip.', ['clipId']);
  if (interaction.cycleId !== review.cycleId) throw new AttuneError('invalid_input', 'The interaction clip must be from the same cycle as the shared review.', ['interactionClipId']);
  const momentIds = shownMomentIds(input.momentIds);
  const known = new Set(input.interactionMoments.filter((m) => m.clipId === interaction.id).map((m) => m.id));
  const unknown = momentIds.filter((id) => !known.has(id));
  if (unknown.length) throw new AttuneError('invalid_input', 'Name moments of the interaction clip: some of those are not its moments.', ['momentIds']);
  return { ...review, reviewOf: { clipId: interaction.id, momentIds, linkedBy: input.by, linkedAt: input.at } };
}

/** Reads the moment ids as sent: one to twelve distinct ids. */
export function shownMomentIds(input: unknown): string[] {
  if (!Array.isArray(input) || input.length === 0 || input.length > maxMomentsShown) {
    throw new AttuneError('invalid_input', `Name the moments the shared review showed: one to ${maxMomentsShown}.`, ['momentIds']);
  }
  const ids: string[] = [];
  for (const id of input as unknown[]) {
    if (typeof id !== 'string' || !idPattern.test(id)) throw new AttuneError('invalid_input', 'Each moment is named by its id.', ['momentIds']);
    if (ids.includes(id)) throw new AttuneError('invalid_input', 'Name each moment once.', ['momentIds']);
    ids.push(id);
  }
  return ids;
}

/**
 * The moments a shared review showed, in the order it showed them. A moment removed since the link was made
 * is left out (the link is not rewritten: it says what was shown at the time; the list says what can be played).
 */
export function shownMoments(reviewOf: Pick<ReviewOf, 'momentIds'>, moments: readonly Moment[]): Moment[] {
  const byId = new Map(moments.map((m) => [m.id, m]));
  return reviewOf.momentIds.flatMap((id) => {
    const m = byId.get(id);
    return m ? [m] : [];
  });
}
