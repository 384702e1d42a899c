/**
 * Review pairs over real HTTP against the app with embedded Azurite: a trainee pairs their shared-review clip
 * with the interaction clip of the same cycle and names the moments shown; the pair is stored on the shared
 * review's record; the supervisor reads both clips together, each side's comments and tags told apart by
 * whose attunement they describe; every refusal is checked against the person asking.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { TableClient } from '@azure/data-tables';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import type { Clip } from '../../src/domain/clips/clip';
import type { Enrolment } from '../../src/domain/practice';
import { devSignIn, startTestApp, type TestApp } from '../support/app';
import { ClipClient } from '../fixtures/clip-client';
import { makeTinyMp4 } from '../fixtures/tiny-mp4';

type Who = keyof typeof demoPeople;
const idOf = (who: Who): string => `${demoTenantId}:${demoPeople[who].objectId}`;

interface PairBody {
  sharedReview: { clip: { id: string; kind: string }; focus: string; comments: { text: string }[] };
  interaction: { clip: { id: string }; focus: string; comments: { text: string }[]; moments: { id: string }[] } | null;
  shownMoments: { id: string; startMs: number }[];
  error?: { code: string; details: string[] };
}

describe('review pairs: a shared review beside its interaction clip (real server, embedded Azurite)', () => {
  let app: TestApp;
  const clients = new Map<Who, ClipClient>();
  const as = (who: Who): ClipClient => clients.get(who)!;
  let alex: Enrolment;
  let megan: Enrolment;
  const video = makeTinyMp4({ seconds: 4 });
  const ids = { review: '', interaction: '', otherCycleClip: '', noCycleReview: '', meganClip: '', m1: '', m2: '', otherMoment: '' };
  const clipPath = (clipId: string, rest = ''): string => `/api/enrolments/${alex.id}/clips/${clipId}${rest}`;
  const link = (body: unknown, who: Who = 'trainee', clipId = ids.review) => as(who).put(clipPath(clipId, '/reviewed-clip'), body) as Promise<{ status: number; body: { clip?: { reviewOf: unknown }; error?: { code: string; details: string[] } } }>;
  const pair = async (who: Who, clipId = ids.review): Promise<{ status: number; body: PairBody }> => { const r = await as(who).get(clipPath(clipId, "/review-pair")); return { status: r.status, body: r.body as unknown as PairBody }; };

  /** The shared review's record as Azurite holds it (one entity, its JSON in `data`). */
  const storedReview = async (): Promise<Clip> => {
    const table = TableClient.fromConnectionString(app.storage.connectionString!, 'attuneclips', { allowInsecureConnection: true });
    return JSON.parse((await table.getEntity<{ data: string }>(alex.id, ids.review)).data) as Clip;
  };

  before(async () => {
    app = await startTestApp();
    for (const who of Object.keys(demoPeople) as Who[]) clients.set(who, new ClipClient(app.baseUrl, await devSignIn(app.baseUrl, idOf(who))));
    const enrolments = (await app.app.store.enrolments.list()).map((e) => e.value);
    alex = enrolments.find((e) => e.traineeId === idOf('trainee'))!;
    megan = enrolments.find((e) => e.traineeId === idOf('secondTrainee'))!;
    const consented = (await app.app.store.cases.list(alex.id)).map((c) => c.value).find((c) => c.code === 'FAM-0142')!;
    const [cycleA, cycleB] = (await app.app.store.cycles.list(alex.id)).map((c) => c.value).filter((c) => c.caseId === consented.id);
    const up = (o: { cycleId?: string; kind?: 'shared_review' | 'client_interaction'; title: string }) => as('trainee').upload(alex.id, { caseId: consented.id, data: video, ...o });
    ids.interaction = await up({ cycleId: cycleA!.id, title: 'Bath time' });
    ids.review = await up({ cycleId: cycleA!.id, kind: 'shared_review', title: 'Review with mum' });
    ids.otherCycleClip = await up({ cycleId: cycleB!.id, title: 'Park' });
    ids.noCycleReview = await up({ kind: 'shared_review', title: 'Loose review' });
    const meganCase = (await app.app.store.cases.list(megan.id)).map((c) => c.value)[0]!;
    ids.meganClip = await as('secondTrainee').upload(megan.id, { caseId: meganCase.id, data: video, title: 'Megan’s' });
    const mark = async (clipId: string, startMs: number): Promise<string> => ((await as('trainee').post(clipPath(clipId, '/moments'), { startMs, endMs: startMs + 1000, tags: ['being_attentive'] })).body as { moment: { id: string } }).moment.id;
    ids.m1 = await mark(ids.interaction, 500);
    ids.m2 = await mark(ids.interaction, 2500);
    ids.otherMoment = await mark(ids.otherCycleClip, 500);
  });
  after(async () => app.stop());

  it('pairs the shared review with its cycle’s interaction clip, stores the link on the shared review’s record and shows it on the clip', async () => {
    const res = await link({ interactionClipId: ids.interaction, momentIds: [ids.m2, ids.m1] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.clip?.reviewOf, { clipId: ids.interaction, momentIds: [ids.m2, ids.m1] });
    const stored = await storedReview();
    assert.equal(stored.reviewOf?.clipId, ids.interaction);
    assert.equal(stored.reviewOf?.linkedBy, idOf('trainee'));
    const detail = (await as('supervisor').get(clipPath(ids.review))).body as { clip: { reviewOf: unknown } };
    assert.deepEqual(detail.clip.reviewOf, { clipId: ids.interaction, momentIds: [ids.m2, ids.m1] });
  });

  it('gives the supervisor both clips, the moments shown in the order shown, and each side’s comments told apart', async () => {
    assert.equal((await as('supervisor').post(clipPath(ids.review, '/comments'), { atMs: 1000, text: 'You waited for mum here', tags: ['receiving_initiatives'] })).status, 201);
    assert.equal((await as('supervisor').post(clipPath(ids.interaction, '/comments'), { atMs: 600, text: 'Mum follows his look', tags: ['being_attentive'] })).status, 201);
    const res = await pair('supervisor');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.sharedReview.focus, 'guider_to_adult');
    assert.equal(res.body.interaction?.focus, 'adult_to_child');
    assert.deepEqual(res.body.shownMoments.map((m) => m.id), [ids.m2, ids.m1]);
    assert.deepEqual(res.body.sharedReview.comments.map((c) => c.text), ['You waited for mum here']);
    assert.deepEqual(res.body.interaction?.comments.map((c) => c.text), ['Mum follows his look']);
  });

  it('refuses an interaction clip of another cycle, a shared review outside a cycle and a pair the wrong way round', async () => {
    const otherCycle = await link({ interactionClipId: ids.otherCycleClip, momentIds: [ids.otherMoment] });
    assert.equal(otherCycle.status, 400);
    assert.ok(otherCycle.body.error?.details.includes('interactionClipId'));
    assert.equal((await link({ interactionClipId: ids.interaction, momentIds: [ids.m1] }, 'trainee', ids.noCycleReview)).status, 400);
    assert.equal((await link({ interactionClipId: ids.review, momentIds: [ids.m1] }, 'trainee', ids.interaction)).status, 400);
    assert.equal((await pair('trainee', ids.interaction)).status, 400);
  });

  it('refuses moments that are not the interaction clip’s', async () => {
    for (const momentIds of [['no-such-moment'], [ids.otherMoment], [ids.m1, ids.m1], []]) {
      const res = await link({ interactionClipId: ids.interaction, momentIds });
      assert.equal(res.status, 400, JSON.stringify(momentIds));
    }
  });

  it('answers 404 for a clip of another enrolment, exactly like a missing one, and audits the refusal', async () => {
    assert.equal((await link({ interactionClipId: ids.meganClip, momentIds: [ids.m1] })).status, 404);
    assert.equal((await link({ interactionClipId: 'no-such-clip', momentIds: [ids.m1] })).status, 404);
    const refused = (await app.app.audit.page({ limit: 200 })).entries.filter((e) => e.outcome === 'refused' && e.object.id === ids.meganClip);
    assert.ok(refused.length >= 1);
  });

  it('checks access against the person asking: only the trainee pairs; the trainee and supervisor read; others get 404', async () => {
    for (const who of ['supervisor', 'secondTrainee', 'lineManager', 'admin'] as const) {
      assert.equal((await link({ interactionClipId: ids.interaction, momentIds: [ids.m1] }, who)).status, 404, who);
    }
    for (const who of ['secondTrainee', 'lineManager', 'admin'] as const) assert.equal((await pair(who)).status, 404, who);
    assert.equal((await pair('trainee')).status, 200);
    assert.deepEqual((await storedReview()).reviewOf?.momentIds, [ids.m2, ids.m1], 'refused attempts changed nothing');
  });

  it('still plays the shared review alone once its interaction clip is deleted, and leaves out removed moments', async () => {
    assert.equal((await as('trainee').del(clipPath(ids.interaction, `/moments/${ids.m1}`))).status, 200);
    assert.deepEqual((await pair('supervisor')).body.shownMoments.map((m) => m.id), [ids.m2]);
    assert.equal((await as('trainee').del(clipPath(ids.interaction))).status, 200);
    const res = await pair('supervisor');
    assert.equal(res.status, 200);
    assert.equal(res.body.interaction, null);
    assert.equal(res.body.sharedReview.clip.id, ids.review);
  });
});
