import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { summariseClip, type Clip } from '../../../src/domain/clips/clip';
import { newLayout } from '../../../src/domain/clips/format';
import { attunementFocus, attunementFocusLabel, linkReview, shownMoments, shownMomentIds } from '../../../src/domain/clips/review-pair';
import { AttuneError } from '../../../src/domain/errors';
import type { Moment } from '../../../src/domain/moment';
import { traineeId } from '../../fakes/domain-builders';

const at = '2026-06-15T10:00:00Z';
const clip = (id: string, o: Partial<Clip> = {}): Clip =>
  ({
    id,
    enrolmentId: 'enrolment-1',
    caseId: 'case-1',
    cycleId: 'cycle-1',
    kind: 'client_interaction',
    title: 't',
    fileName: null,
    mediaType: 'video/mp4',
    layout: newLayout({ size: 10, storageName: 'a'.repeat(32) }),
    uploadedBy: traineeId,
    uploadedAt: '2026-01-01T00:00:00Z',
    legalHold: false,
    state: 'available',
    ...o,
  }) as Clip;
const moment = (id: string, clipId = 'interaction', startMs = 0): Moment => ({ id, clipId, enrolmentId: 'enrolment-1', cycleId: 'cycle-1', startMs, endMs: startMs + 2000, tags: [], note: null, createdBy: traineeId, createdAt: at });

const review = clip('review', { kind: 'shared_review' });
const interaction = clip('interaction');
const moments = [moment('m1', 'interaction', 1000), moment('m2', 'interaction', 5000), moment('m3', 'interaction', 8000)];
const link = (o: { review?: Clip; interaction?: Clip | null; moments?: Moment[]; momentIds?: unknown } = {}): Clip =>
  linkReview({ review: o.review ?? review, interaction: o.interaction === undefined ? interaction : o.interaction, interactionMoments: o.moments ?? moments, momentIds: o.momentIds ?? ['m2', 'm1'], by: traineeId, at });
const refusal = (code: string, field?: string) => (e: unknown) => e instanceof AttuneError && e.code === code && (field === undefined || e.details.includes(field));

describe('review pairs (a shared review and the interaction clip it reviewed)', () => {
  describe('linkReview', () => {
    it('records the interaction clip and the moments shown, in the order shown, with who linked it and when', () => {
      const linked = link();
      assert.deepEqual(linked.reviewOf, { clipId: 'interaction', momentIds: ['m2', 'm1'], linkedBy: traineeId, linkedAt: at });
      assert.deepEqual(summariseClip(linked, null).reviewOf, { clipId: 'interaction', momentIds: ['m2', 'm1'] });
    });

    it('replaces an earlier link', () => {
      const again = link({ review: link(), momentIds: ['m3'] });
      assert.deepEqual(again.reviewOf?.momentIds, ['m3']);
    });

    it('refuses an interaction clip of another enrolment as not found, like a missing one', () => {
      assert.throws(() => link({ interaction: clip('interaction', { enrolmentId: 'enrolment-2' }) }), refusal('not_found'));
      assert.throws(() => link({ interaction: null }), refusal('not_found'));
    });

    it('refuses an interaction clip of another cycle, or a shared review outside any cycle', () => {
      assert.throws(() => link({ interaction: clip('interaction', { cycleId: 'cycle-2' }) }), refusal('invalid_input', 'interactionClipId'));
      assert.throws(() => link({ interaction: clip('interaction', { cycleId: null }) }), refusal('invalid_input', 'interactionClipId'));
      assert.throws(() => link({ review: clip('review', { kind: 'shared_review', cycleId: null }), interaction: clip('interaction', { cycleId: null }) }), refusal('invalid_input', 'clipId'));
    });

    it('pairs only a shared review with an interaction clip', () => {
      assert.throws(() => link({ review: clip('review') }), refusal('invalid_input', 'clipId'));
      assert.throws(() => link({ interaction: clip('interaction', { kind: 'shared_review' }) }), refusal('invalid_input', 'interactionClipId'));
    });

    it('refuses a clip being deleted on either side', () => {
      const deleting = { state: 'deleting', deletionStartedAt: at, deletionReason: 'requested' } as const;
      assert.throws(() => link({ interaction: clip('interaction', deleting) }), refusal('not_found'));
      assert.throws(() => link({ review: clip('review', { kind: 'shared_review', ...deleting }) }), refusal('not_found'));
    });

    it('refuses moments that are not the interaction clip’s (unknown, or another clip’s)', () => {
      assert.throws(() => link({ momentIds: ['m1', 'nope'] }), refusal('invalid_input', 'momentIds'));
      assert.throws(() => link({ moments: [...moments, moment('other', 'another-clip')], momentIds: ['other'] }), refusal('invalid_input', 'momentIds'));
    });
  });

  describe('shownMomentIds', () => {
    it('takes one to twelve distinct ids', () => {
      assert.deepEqual(shownMomentIds(['a', 'b']), ['a', 'b']);
      for (const bad of [[], 'a', null, ['a', 'a'], [''], ['a/b'], [7], Array.from({ length: 13 }, (_, i) => `m${i}`)]) {
        assert.throws(() => shownMomentIds(bad), refusal('invalid_input', 'momentIds'), JSON.stringify(bad));
      }
    });
  });

  describe('shownMoments', () => {
    it('lists the moments in the order shown, leaving out any removed since', () => {
      assert.deepEqual(shownMoments({ momentIds: ['m3', 'gone', 'm1'] }, moments).map((m) => m.id), ['m3', 'm1']);
    });
  });

  describe('attunementFocus', () => {
    it('tells the guider’s attunement to the adult (shared review) from the adult’s to the child (interaction)', () => {
      assert.equal(attunementFocus('shared_review'), 'guider_to_adult');
      assert.equal(attunementFocus('client_interaction'), 'adult_to_child');
      assert.match(attunementFocusLabel.guider_to_adult, /guider/);
      assert.match(attunementFocusLabel.adult_to_child, /child/);
    });
  });
});
