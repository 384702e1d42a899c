/**
 * Every card action (Action.Execute verb) × every role, against Alex's own objects (his enrolment, his
 * supervision record waiting for co-signing, his active contract). A verb added without a row fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { verbs, type Verb } from '../../bot/card-actions';
import { identify } from '../../src/app/people';
import { bookSupervision } from '../../src/app/scheduling/book';
import { findSupervisionTimes } from '../../src/app/scheduling/find-times';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { outboxRowOf } from '../../src/domain/reminders/delivery';
import { idOf, startBotHarness, type BotHarness, type Who } from '../component/bot-harness';

type Outcome = 'ok' | 'refused';
const roles: readonly Who[] = ['trainee', 'secondTrainee', 'supervisor', 'lineManager', 'admin'];
const all = (o: Outcome): Record<Who, Outcome> => Object.fromEntries(roles.map((r) => [r, o])) as Record<Who, Outcome>;
const only = (...who: Who[]): Record<Who, Outcome> => Object.fromEntries(roles.map((r) => [r, who.includes(r) ? 'ok' : 'refused'])) as Record<Who, Outcome>;

/** Any trainee may open their own forms; acting on Alex's objects is for Alex and the parties named. */
const matrix: Readonly<Record<Verb, Record<Who, Outcome>>> = {
  'progress.show': all('ok'),
  'case.form': only('trainee', 'secondTrainee'),
  'case.submit': only('trainee', 'secondTrainee'),
  'cycle.form': only('trainee', 'secondTrainee'),
  'cycle.submit': only('trainee', 'secondTrainee'),
  'supervision.form': only('trainee', 'secondTrainee'),
  'supervision.submit': only('trainee', 'secondTrainee'),
  'record.form': only('trainee', 'secondTrainee'),
  'record.submit': only('trainee', 'secondTrainee'),
  'record.edit': only('trainee', 'supervisor'),
  'record.cosign': only('supervisor'),
  'record.return': only('supervisor'),
  'record.refresh': only('trainee', 'supervisor'),
  'stage.form': only('supervisor'),
  'stage.submit': only('supervisor'),
  'contract.form': only('trainee', 'secondTrainee', 'supervisor', 'lineManager'),
  'contract.create': only('trainee', 'secondTrainee'),
  'contract.sign': only('trainee', 'supervisor', 'lineManager'),
  'contract.decline': only('lineManager'),
  'contract.edit': only('trainee', 'supervisor', 'lineManager'),
  'contract.revise': only('trainee', 'supervisor', 'lineManager'),
  'contract.refresh': only('trainee', 'supervisor', 'lineManager'),
  'contract.version': only('trainee', 'supervisor', 'lineManager'),
  'schedule.times': only('trainee', 'supervisor'),
  'schedule.book': only('trainee', 'supervisor'),
  'schedule.move': only('trainee', 'supervisor'),
  'schedule.moveTo': only('trainee', 'supervisor'),
  'schedule.cancel': only('trainee', 'supervisor'),
  'schedule.show': only('trainee', 'supervisor', 'lineManager'),
  // A reminder is its person's alone: the key on someone else's card reads as no reminder at all.
  'reminder.snooze': only('trainee'),
  'reminder.mute': only('trainee'),
  'reminder.refresh': only('trainee'),
};

const refusalTitles = ['Not available', 'No one to sign off', 'This form is not one Attune sent', 'No contract'];

describe('card action matrix', () => {
  let h: BotHarness;
  let data: Record<string, unknown>;

  before(async () => {
    h = await startBotHarness();
    const alex = 'demo-0001';
    const record = (await h.app.store.supervisionRecords.list(alex))[0]!.value;
    const contract = (await h.app.store.contracts.list(alex))[0]!.value;
    // A supervision booked for Alex: moving and cancelling act on it (cancelling only asks: the data does not confirm).
    const me = (await identify(h.app, { tenantId: demoTenantId, objectId: demoPeople.trainee.objectId }))!;
    const offer = await findSupervisionTimes(h.app, { actor: me, enrolmentId: alex });
    const booked = offer.proposal.kind === 'slots' ? await bookSupervision(h.app, { actor: me, enrolmentId: alex, bookingId: '6d0c1e8a-4b7f-4f0e-9a51-3c2d8e7f6a10', slot: offer.proposal.slots[0]! }) : null;
    assert.ok(booked?.kind === 'booked', 'a supervision booked for Alex');
    const plannedId = booked.planned[0]!.id;
    const reminder = outboxRowOf(
      { key: 'record.write|matrix|0', ruleId: 'record.write', personId: idOf('trainee'), localDate: '2026-06-15', dueAt: '2026-06-15T09:00:00.000Z', itemKeys: ['record.write|matrix|0'], items: [{ key: 'record.write|matrix|0', subject: `record:${alex}:matrix-session`, about: { kind: 'record.write', enrolmentId: alex, heldOn: '2026-06-10', sessionId: 'matrix-session', plannedId: null } }] },
      { epoch: 1, at: '2026-06-15T09:00:00.000Z' },
    );
    await h.reminders.outbox.create(reminder);
    data = { key: reminder.key, until: 'tomorrow', enrolmentId: alex, recordId: record.id, revision: record.revision, contractId: contract.id, version: contract.version, sessionId: record.sessionId, submissionId: 'matrix-submission', plannedId };
  });
  after(async () => h.stop());

  it('has a row for every verb the bot answers', () => {
    assert.deepEqual(verbs.filter((v) => !(v in matrix)), []);
  });

  for (const verb of verbs) {
    it(`${verb}: ${roles.filter((r) => matrix[verb][r] === 'ok').join(', ') || 'nobody'}`, async () => {
      const order = [...roles].sort((a, b) => Number(matrix[verb][a] === 'ok') - Number(matrix[verb][b] === 'ok'));
      for (const who of order) {
        const { status, card } = await h.as(who).invoke(verb, data);
        assert.equal(status, 200, `${verb} as ${who}`);
        const first = card.body[0] as { text?: string } | undefined;
        const outcome: Outcome = refusalTitles.includes(first?.text ?? '') ? 'refused' : 'ok';
        assert.equal(outcome, matrix[verb][who], `${verb} as ${who}: "${first?.text ?? ''}"`);
      }
    });
  }

  it("ignores an enrolment id in the card data that is not the trainee's own", async () => {
    const alexCases = (await h.app.store.cases.list('demo-0001')).length;
    const megan = (await h.app.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId.endsWith(':00000000-0000-0000-0000-0000000000021'))!;
    const meganCases = (await h.app.store.cases.list(megan.id)).length;
    const res = await h.as('secondTrainee').invoke('case.submit', { ...data, submissionId: 'megan-case', code: 'FAM-0999', consentFilming: 'true', openedOn: '2026-06-01' });
    assert.doesNotMatch(JSON.stringify(res.card), /Not available/);
    assert.equal((await h.app.store.cases.list('demo-0001')).length, alexCases, "nothing lands in Alex's enrolment");
    assert.equal((await h.app.store.cases.list(megan.id)).length, meganCases + 1, "the case lands in Megan's own");
  });
});
