import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { enrolmentsWhere } from '../../src/app/people';
import { getMyProgress } from '../../src/app/progress';
import { addDays } from '../../src/domain/dates';
import type { SupervisionRecord } from '../../src/domain/supervision-record';
import { buttons, cardIn, cardText, conversationOf, dataFor, execute, executes, idOf, inputValues, startBotHarness, type BotHarness, type Card, type Who } from './bot-harness';

const content = {
  learningQuestion: 'How do I leave more space after a clip?',
  whatWasWorking: 'Waiting before naming what I saw.',
  principles: 'being_attentive,guiding',
  learningPoints: 'Silence lets the parent lead.',
  nextSteps: 'Plan two open questions per clip.',
  consentConfirmed: 'true',
};

/** Every TextBlock text in a card (markdown is rendered there; people's text must never be). */
function textBlocks(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'TextBlock') out.push(String(o.text));
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('AttuneBot supervision records and stage meetings (TestAdapter, seeded Azurite)', () => {
  let h: BotHarness;
  let alex: string;
  let megan: string;

  before(async () => {
    h = await startBotHarness();
    alex = (await enrolmentsWhere(h.app, (e) => e.traineeId === idOf('trainee')))[0]!.id;
    megan = (await enrolmentsWhere(h.app, (e) => e.traineeId === idOf('secondTrainee')))[0]!.id;
    for (const who of ['trainee', 'secondTrainee', 'supervisor', 'lineManager'] as const) await h.as(who).install();
  });
  after(async () => h.stop());
  beforeEach(() => h.channel.clear());

  const storedRecord = async (enrolmentId: string, id: string): Promise<SupervisionRecord | undefined> => (await h.app.store.supervisionRecords.get({ partition: enrolmentId, id }))?.value;

  /** Logs a session on `date` and opens its record form, as the trainee would from the confirmation card. */
  async function recordFormFor(who: Who, date: string): Promise<{ form: Card; sessionId: string }> {
    const [reply] = await h.as(who).say(`log supervision 60 min ${date}`);
    const open = execute(cardIn(reply), 'record.form');
    const { card } = await h.as(who).invoke('record.form', open.data);
    return { form: card, sessionId: String(open.data.sessionId) };
  }

  /** Writes and sends a record for a new session; the trainee's card is the message `cardId`. */
  async function sendRecord(date: string, cardId: string, overrides: Record<string, unknown> = {}): Promise<{ card: Card; recordId: string }> {
    const { form, sessionId } = await recordFormFor('trainee', date);
    assert.equal(inputValues(form).sessionId, sessionId);
    const { card } = await h.as('trainee').invoke('record.submit', dataFor(form, 'record.submit', { ...content, ...overrides }), { replyToId: cardId });
    return { card, recordId: sessionId };
  }

  const sentTo = (who: Who) => h.channel.sent.filter((s) => s.to.conversationId === conversationOf(who));

  describe('writing a record (trainee)', () => {
    it('offers only sessions that have no record yet', async () => {
      const replies = await h.as('trainee').say('record');
      const form = cardIn(replies.at(-1));
      const seeded = (await h.app.store.supervisionRecords.list(alex)).map((r) => r.value.sessionId);
      const sessions = (await h.app.store.supervision.list(alex)).map((s) => s.value);
      const recordedDate = sessions.find((s) => s.id === seeded[0])!.heldOn;
      assert.doesNotMatch(cardText(form), new RegExp(`"title":"${recordedDate}`));
      assert.match(cardText(form), /"choices":\[\{"title":"\d{4}-\d{2}-\d{2} · 1 h/);
    });

    it('sends the record to the supervisor to co-sign, as a card with co-sign and return', async () => {
      const { card, recordId } = await sendRecord('2026-06-01', 'alex-card-1');
      assert.match(cardText(card), /Sent to your supervisor to co-sign/);
      assert.deepEqual(buttons(card), ['record.edit']);
      const stored = await storedRecord(alex, recordId);
      assert.equal(stored?.revision, 1);
      assert.equal(stored?.state.status, 'awaiting_cosign');
      const [toSupervisor] = sentTo('supervisor');
      assert.ok(toSupervisor, 'a card went to the supervisor');
      const supervisorCard = cardIn(toSupervisor.activity);
      assert.deepEqual(buttons(supervisorCard).sort(), ['record.cosign', 'record.return']);
      assert.equal(supervisorCard.refresh!.action.verb, 'record.refresh');
      assert.match(cardText(supervisorCard), /Alex Wilber/);
      assert.ok(supervisorCard.refresh!.userIds.every((id) => id.startsWith('29:')));
      assert.equal(supervisorCard.refresh!.userIds.length, 2);
    });

    it('keeps the values and lists every problem when the record is incomplete', async () => {
      const { form, sessionId } = await recordFormFor('trainee', '2026-06-02');
      const { card } = await h.as('trainee').invoke('record.submit', dataFor(form, 'record.submit', { ...content, principles: '', nextSteps: '   ', consentConfirmed: 'false' }));
      const text = cardText(card);
      assert.match(text, /Principles: tag/);
      assert.match(text, /Next steps: please fill this in/);
      assert.match(text, /Consent: confirm/);
      assert.equal(inputValues(card).learningQuestion, content.learningQuestion);
      assert.equal(inputValues(card).sessionId, sessionId);
      assert.equal(await storedRecord(alex, sessionId), undefined);
    });

    it('changes nothing when the same record is sent twice', async () => {
      const { form, sessionId } = await recordFormFor('trainee', '2026-06-03');
      const data = dataFor(form, 'record.submit', content);
      await h.as('trainee').invoke('record.submit', data);
      const again = await h.as('trainee').invoke('record.submit', data);
      assert.match(cardText(again.card), /Already sent: nothing changed/);
      assert.equal((await storedRecord(alex, sessionId))?.revision, 1);
      assert.equal(sentTo('supervisor').length, 1);
    });

    it('renders the trainee’s words as plain text, never as markdown or template', async () => {
      const evil = '**bold** [link](https://evil.example) <script>alert(1)</script> ${learningQuestion}';
      await sendRecord('2026-06-04', 'alex-card-evil', { learningQuestion: evil });
      const card = cardIn(sentTo('supervisor')[0]!.activity);
      assert.ok(cardText(card).includes(JSON.stringify(evil).slice(1, -1)), 'the text is shown as it was typed');
      for (const t of textBlocks(card)) assert.ok(!t.includes('evil.example') && !t.includes('<script>'), t);
    });
  });

  describe('co-signing and returning (supervisor)', () => {
    it('co-signs: the trainee’s copy updates and the trainee is told', async () => {
      const { recordId } = await sendRecord('2026-06-05', 'alex-card-2');
      const supervisorCard = cardIn(sentTo('supervisor')[0]!.activity);
      h.channel.clear();
      const { card } = await h.as('supervisor').invoke('record.cosign', dataFor(supervisorCard, 'record.cosign', { cosignComment: 'Good use of waiting.' }), { replyToId: 'adele-card-2' });
      assert.match(cardText(card), /Co-signed by Adele Vance/);
      assert.deepEqual(buttons(card), []);
      const stored = await storedRecord(alex, recordId);
      assert.equal(stored?.state.status, 'cosigned');
      assert.equal(stored?.revision, 2);
      const update = h.channel.updated.find((u) => u.activityId === 'alex-card-2');
      assert.ok(update, 'the trainee’s card was updated');
      assert.equal(update.to.conversationId, conversationOf('trainee'));
      assert.match(cardText(cardIn(update.activity)), /Co-signed by Adele Vance.*Good use of waiting/);
      assert.match(sentTo('trainee')[0]?.activity.text ?? '', /co-signed your supervision record for the session on 2026-06-05/);
    });

    it('changes nothing on a second click, and audits the co-signature once', async () => {
      const { recordId } = await sendRecord('2026-06-06', 'alex-card-3');
      const supervisorCard = cardIn(sentTo('supervisor')[0]!.activity);
      await h.as('supervisor').click(supervisorCard, 'record.cosign');
      const again = await h.as('supervisor').click(supervisorCard, 'record.cosign');
      assert.match(cardText(again.card), /Already co-signed: nothing changed/);
      assert.equal((await storedRecord(alex, recordId))?.revision, 2);
      const audit = await h.app.audit.page({ limit: 500 });
      assert.equal(audit.entries.filter((e) => e.action === 'cosign_record' && e.object.id === recordId).length, 1);
    });

    it('returns with a comment; the trainee edits and resends; the old card is stale', async () => {
      const { recordId } = await sendRecord('2026-06-07', 'alex-card-4');
      const firstSupervisorCard = cardIn(sentTo('supervisor')[0]!.activity);
      h.channel.clear();
      const returned = await h.as('supervisor').click(firstSupervisorCard, 'record.return', { returnComment: 'Say which moment you mean.' });
      assert.match(cardText(returned.card), /Returned to the trainee/);
      const traineeCopy = cardIn(h.channel.updated.find((u) => u.activityId === 'alex-card-4')!.activity);
      assert.match(cardText(traineeCopy), /Say which moment you mean/);

      const editForm = (await h.as('trainee').click(traineeCopy, 'record.edit')).card;
      assert.match(cardText(editForm), /returned it with this comment/);
      assert.equal(inputValues(editForm).learningQuestion, content.learningQuestion);
      h.channel.clear();
      const resent = await h.as('trainee').click(editForm, 'record.submit', { whatWasWorking: 'At 0:42, waiting before naming what I saw.' });
      assert.match(cardText(resent.card), /Sent to your supervisor/);
      const stored = await storedRecord(alex, recordId);
      assert.equal(stored?.revision, 3);
      assert.equal(stored?.state.status, 'awaiting_cosign');
      assert.equal(stored?.content.whatWasWorking, 'At 0:42, waiting before naming what I saw.');
      assert.equal(sentTo('supervisor').length, 1, 'the supervisor gets the new revision');

      const stale = await h.as('supervisor').click(firstSupervisorCard, 'record.cosign');
      assert.match(cardText(stale.card), /changed since this card was sent/);
      assert.equal((await storedRecord(alex, recordId))?.state.status, 'awaiting_cosign');

      const staleEdit = await h.as('trainee').click(editForm, 'record.submit', { whatWasWorking: 'Something else entirely.' });
      assert.match(cardText(staleEdit.card), /changed since that form was sent/);
      assert.equal((await storedRecord(alex, recordId))?.content.whatWasWorking, 'At 0:42, waiting before naming what I saw.');
      assert.equal((await storedRecord(alex, recordId))?.revision, 3);
    });

    it('shows the trainee’s returned records when they type record', async () => {
      await sendRecord('2026-06-08', 'alex-card-5');
      await h.as('supervisor').click(cardIn(sentTo('supervisor')[0]!.activity), 'record.return', { returnComment: 'Please add next steps for the family.' });
      const replies = await h.as('trainee').say('record');
      assert.ok(replies.some((r) => r.attachments && /Please add next steps for the family/.test(cardText(cardIn(r)))));
    });

    it('will not return a record without a comment', async () => {
      const { recordId } = await sendRecord('2026-06-09', 'alex-card-6');
      const { card } = await h.as('supervisor').click(cardIn(sentTo('supervisor')[0]!.activity), 'record.return', { returnComment: ' ' });
      assert.match(cardText(card), /a comment is needed/);
      assert.equal((await storedRecord(alex, recordId))?.state.status, 'awaiting_cosign');
    });

    it('lists what waits for the supervisor when they type record', async () => {
      const replies = await h.as('supervisor').say('record');
      const cards = replies.filter((r) => r.attachments).map((r) => cardIn(r));
      assert.ok(cards.length >= 1);
      for (const c of cards) assert.ok(executes(c).some((a) => a.verb === 'record.cosign'));
    });

    it('treats everyone else’s attempts like a missing record and changes nothing', async () => {
      const { recordId } = await sendRecord('2026-06-10', 'alex-card-7');
      const data = dataFor(cardIn(sentTo('supervisor')[0]!.activity), 'record.cosign');
      for (const who of ['secondTrainee', 'lineManager', 'trainee', 'admin'] as const) {
        const { status, card } = await h.as(who).invoke('record.cosign', data);
        assert.equal(status, 200);
        assert.match(cardText(card), /not there, or not yours to see/, who);
      }
      const view = await h.as('lineManager').invoke('record.refresh', { enrolmentId: alex, recordId }, { trigger: 'automatic' });
      assert.equal(view.status, 404);
      assert.equal((await storedRecord(alex, recordId))?.state.status, 'awaiting_cosign');
    });
  });

  describe('progress and next reflect the records', () => {
    it('shows co-signed and waiting records on the trainee’s progress card', async () => {
      const [reply] = await h.as('trainee').say('progress');
      assert.match(cardText(cardIn(reply)), /Supervision records.*\d+ co-signed · \d+ waiting for co-signing/);
    });

    it('reminds the trainee of records still to write', async () => {
      const [reply] = await h.as('trainee').say('next');
      assert.match(reply!.text ?? '', /Write the record of \d+ supervision sessions/);
    });
  });

  describe('stage meetings (supervisor)', () => {
    before(async () => {
      // Megan meets stage 1: a second family, six reviewed cycles in all, 7 hours of supervision.
      const r = h.app.store;
      const granted = { granted: true, recordedAt: '2026-05-01T09:00:00Z' };
      await r.cases.create({ id: 'megan-case-2', enrolmentId: megan, code: 'FAM-0299', lawfulBasis: 'public_task', consent: { filming: granted, supervisor_viewing: granted, peer_intervision: granted, training_use: granted }, openedOn: '2026-05-01' });
      for (let i = 0; i < 4; i++) await r.cycles.create({ id: `megan-cycle-${i}`, enrolmentId: megan, caseId: 'megan-case-2', filmedOn: addDays('2026-05-02', i * 7), sharedReviewOn: addDays('2026-05-05', i * 7) });
      for (let i = 0; i < 3; i++) await r.supervision.create({ id: `megan-session-${i}`, enrolmentId: megan, heldOn: addDays('2026-05-03', i * 7), minutes: 90, mode: 'teams', caseIds: [], clipIds: [] });
    });

    const form = async (): Promise<Card> => cardIn((await h.as('supervisor').say('stage meeting'))[0]);

    it('offers each trainee’s current stage and whether it is ready', async () => {
      const text = cardText(await form());
      assert.match(text, /Alex Wilber — Stage 2, transition meeting \(requirements not met yet\)/);
      assert.match(text, /Megan Bowen — Stage 1, transition meeting \(requirements met\)/);
    });

    it('will not sign off a stage whose requirements are not met, and says what is missing', async () => {
      const { card } = await h.as('supervisor').click(await form(), 'stage.submit', { enrolmentId: alex, outcome: 'signed_off', externalSupervisorTookPart: 'true' });
      assert.match(cardText(card), /Stage 2 is not ready to sign off yet/);
      assert.match(cardText(card), /more cycles/);
      assert.equal((await getMyProgress(h.app, idOf('trainee')))!.currentStage, 2);
    });

    it('records a meeting that does not sign the stage off', async () => {
      const { card } = await h.as('supervisor').click(await form(), 'stage.submit', { enrolmentId: alex, outcome: 'not_yet', heldOn: '2026-06-12', minutes: 60 });
      assert.match(cardText(card), /Meeting recorded/);
      assert.ok((await h.app.store.meetings.list(alex)).some((m) => m.value.outcome === 'not_yet' && m.value.heldOn === '2026-06-12'));
    });

    it('needs the external supervisor to have taken part to sign off', async () => {
      const { card } = await h.as('supervisor').click(await form(), 'stage.submit', { enrolmentId: megan, outcome: 'signed_off', externalSupervisorTookPart: 'false' });
      assert.match(cardText(card), /external supervisor took part/);
      assert.equal((await getMyProgress(h.app, idOf('secondTrainee')))!.currentStage, 1);
    });

    it('signs the stage off: progress moves on, the trainee is told, and a second click changes nothing', async () => {
      const f = await form();
      const data = dataFor(f, 'stage.submit', { enrolmentId: megan, outcome: 'signed_off', externalSupervisorTookPart: 'true', heldOn: '2026-06-14', minutes: 60 });
      const { card } = await h.as('supervisor').invoke('stage.submit', data);
      assert.match(cardText(card), /Stage 1 signed off/);
      assert.match(cardText(card), /Stage 2 is now the current stage/);
      const p = (await getMyProgress(h.app, idOf('secondTrainee')))!;
      assert.equal(p.stages[0]!.status, 'complete');
      assert.equal(p.stages[0]!.completedOn, '2026-06-14');
      assert.equal(p.currentStage, 2);
      const told = sentTo('secondTrainee');
      assert.match(told[0]?.activity.text ?? '', /Stage 1 is signed off/);
      assert.match(cardText(cardIn(told[1]!.activity)), /Stage 1: complete, signed off 2026-06-14/);
      const again = await h.as('supervisor').invoke('stage.submit', data);
      assert.match(cardText(again.card), /Already recorded/);
      assert.equal((await h.app.store.meetings.list(megan)).filter((m) => m.value.outcome === 'signed_off').length, 1);
    });

    it('refuses a trainee signing off their own stage', async () => {
      const { card } = await h.as('trainee').invoke('stage.submit', { submissionId: 'bbbbbbbb-1111-2222-3333-444444444444', enrolmentId: alex, outcome: 'signed_off', externalSupervisorTookPart: 'true', heldOn: '2026-06-14', minutes: 60 });
      assert.match(cardText(card), /not there, or not yours to see/);
    });

    it('tells a line manager stage meetings are for supervisors', async () => {
      const [reply] = await h.as('lineManager').say('stage meeting');
      assert.match(reply!.text ?? '', /recorded by a trainee’s supervisor/);
    });
  });
});
