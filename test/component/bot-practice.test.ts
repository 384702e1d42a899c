import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { TestAdapter } from 'botbuilder';
import { AttuneBot } from '../../bot/attune-bot';
import { createJsonLogger } from '../../src/adapters/logging/json-logger';
import { getMyProgress } from '../../src/app/progress';
import { enrolmentsWhere } from '../../src/app/people';
import type { Case } from '../../src/domain/practice';
import { teamsUser } from '../support/seeded-store';
import { cardIn, cardText, execute, idOf, inputValues, startBotHarness, type BotHarness, type Who } from './bot-harness';

// The seeded store's clock: 2026-06-15. Alex started 2025-10-15 (stage 2), Megan 2026-04-15 (stage 1).
const today = '2026-06-15';

describe('AttuneBot practice logging (TestAdapter, seeded Azurite)', () => {
  let h: BotHarness;
  let alexEnrolment: string;
  let meganEnrolment: string;

  before(async () => {
    h = await startBotHarness();
    alexEnrolment = (await enrolmentsWhere(h.app, (e) => e.traineeId === idOf('trainee')))[0]!.id;
    meganEnrolment = (await enrolmentsWhere(h.app, (e) => e.traineeId === idOf('secondTrainee')))[0]!.id;
  });
  after(async () => h.stop());
  beforeEach(() => h.channel.clear());

  const casesOf = async (enrolmentId: string): Promise<Case[]> => (await h.app.store.cases.list(enrolmentId)).map((c) => c.value);
  const caseCalled = async (enrolmentId: string, code: string): Promise<Case | undefined> => (await casesOf(enrolmentId)).find((c) => c.code === code);

  describe('log case', () => {
    it('answers "log case" with a 1.5 form whose submit carries a submission id', async () => {
      const [reply] = await h.as('trainee').say('log case');
      const card = cardIn(reply);
      assert.equal(card.version, '1.5');
      assert.deepEqual(Object.keys(inputValues(card)).sort(), ['consentFilming', 'consentPeer', 'consentSupervisor', 'consentTraining', 'openedOn'].sort());
      assert.match(String(execute(card, 'case.submit').data.submissionId), /^[A-Za-z0-9-]{8,64}$/);
      assert.match(cardText(card), /public task/);
    });

    it('records a case from the form, upper-casing the code, with consent per scope and the service lawful basis', async () => {
      const [reply] = await h.as('trainee').say('log case');
      const { card } = await h.as('trainee').click(cardIn(reply), 'case.submit', { code: 'fam-0500', consentFilming: 'true', consentSupervisor: 'true', consentPeer: 'false', consentTraining: 'false' });
      assert.match(cardText(card), /Case recorded/);
      const stored = await caseCalled(alexEnrolment, 'FAM-0500');
      assert.ok(stored);
      assert.equal(stored.lawfulBasis, 'public_task');
      assert.deepEqual(
        Object.fromEntries(Object.entries(stored.consent).map(([k, v]) => [k, v.granted])),
        { filming: true, supervisor_viewing: true, peer_intervision: false, training_use: false },
      );
      assert.equal(stored.openedOn, today);
      const audit = await h.app.audit.page({ limit: 50 });
      assert.ok(audit.entries.some((e) => e.action === 'create_case' && e.object.id === stored.id && e.actor?.objectId === teamsUser('trainee').from.aadObjectId));
    });

    it('changes nothing when the same form is submitted twice (a double click)', async () => {
      const [reply] = await h.as('trainee').say('log case');
      const form = cardIn(reply);
      const first = await h.as('trainee').click(form, 'case.submit', { code: 'FAM-0501', consentFilming: 'true' });
      const second = await h.as('trainee').click(form, 'case.submit', { code: 'FAM-0501', consentFilming: 'true' });
      assert.match(cardText(first.card), /Case recorded/);
      assert.match(cardText(second.card), /Already recorded/);
      assert.equal((await casesOf(alexEnrolment)).filter((c) => c.code === 'FAM-0501').length, 1);
    });

    it('refuses a code that looks like a name, in the card, keeping what was typed', async () => {
      const [reply] = await h.as('trainee').say('log case');
      const { status, card } = await h.as('trainee').click(cardIn(reply), 'case.submit', { code: 'Smith', consentFilming: 'true', consentTraining: 'true' });
      assert.equal(status, 200);
      assert.match(cardText(card), /looks like a name/);
      const values = inputValues(card);
      assert.equal(values.code, 'Smith');
      assert.equal(values.consentFilming, 'true');
      assert.equal(values.consentTraining, 'true');
      assert.equal(values.consentPeer, 'false');
      assert.equal(await caseCalled(alexEnrolment, 'SMITH'), undefined);
    });

    it('refuses a code that looks like a date of birth', async () => {
      const [reply] = await h.as('trainee').say('log case 12-03-2019 consent all');
      assert.match(cardText(cardIn(reply)), /looks like a date/);
      assert.equal(await caseCalled(alexEnrolment, '12-03-2019'), undefined);
    });

    it('records a case typed in full, with only the scopes named', async () => {
      const [reply] = await h.as('trainee').say('log case FAM-0502 consent filming, supervisor');
      assert.match(cardText(cardIn(reply)), /Case recorded/);
      const stored = await caseCalled(alexEnrolment, 'FAM-0502');
      assert.deepEqual([stored!.consent.filming.granted, stored!.consent.supervisor_viewing.granted, stored!.consent.peer_intervision.granted, stored!.consent.training_use.granted], [true, true, false, false]);
    });

    it('answers a code with no consent with the form, the code filled in', async () => {
      const [reply] = await h.as('trainee').say('log case FAM-0503');
      assert.equal(inputValues(cardIn(reply)).code, 'FAM-0503');
      assert.equal(await caseCalled(alexEnrolment, 'FAM-0503'), undefined);
    });

    it('refuses a second case with a code the trainee already uses', async () => {
      const [reply] = await h.as('trainee').say('log case fam-0142 consent all');
      assert.match(cardText(cardIn(reply)), /already have a case FAM-0142/);
      assert.equal((await casesOf(alexEnrolment)).filter((c) => c.code === 'FAM-0142').length, 1);
    });

    it('tells a supervisor there is nothing for them to log', async () => {
      const [reply] = await h.as('supervisor').say('log case FAM-0504 consent all');
      assert.match(reply!.text ?? '', /not enrolled as a trainee/);
    });

    it('answers a line manager’s forged case submission with a refusal card, creating nothing', async () => {
      const { status, card } = await h.as('lineManager').invoke('case.submit', { submissionId: 'aaaaaaaa-1111-2222-3333-444444444444', code: 'FAM-0505', consentFilming: 'true' });
      assert.equal(status, 200);
      assert.match(cardText(card), /not enrolled as a trainee/);
      for (const e of [alexEnrolment, meganEnrolment]) assert.equal(await caseCalled(e, 'FAM-0505'), undefined);
    });
  });

  describe('log cycle', () => {
    it('logs a whole cycle typed in full, and progress counts it', async () => {
      const before = (await getMyProgress(h.app, idOf('trainee')))!.stages[1]!.cycles.done;
      const [reply] = await h.as('trainee').say('log cycle FAM-0142 filmed 2026-06-01 reviewed 2026-06-08');
      assert.match(cardText(cardIn(reply)), /Cycle logged/);
      assert.equal((await getMyProgress(h.app, idOf('trainee')))!.stages[1]!.cycles.done, before + 1);
    });

    it('logs filming first, then the shared review of that cycle', async () => {
      const [filmed] = await h.as('trainee').say('log cycle FAM-0157 filmed yesterday');
      assert.match(cardText(cardIn(filmed)), /Filming logged/);
      assert.match(cardText(cardIn(filmed)), /reviewed today/);
      const [reviewed] = await h.as('trainee').say('log cycle fam-0157 reviewed today');
      assert.match(cardText(cardIn(reviewed)), /Cycle logged/);
      const c157 = (await caseCalled(alexEnrolment, 'FAM-0157'))!;
      const cycles = (await h.app.store.cycles.list(alexEnrolment)).map((c) => c.value).filter((c) => c.caseId === c157.id && c.filmedOn === '2026-06-14');
      assert.deepEqual(cycles.map((c) => c.sharedReviewOn), [today]);
    });

    it('offers the trainee’s own cases in the form and logs from it', async () => {
      const [reply] = await h.as('trainee').say('log cycle');
      const form = cardIn(reply);
      const choices: string[] = JSON.stringify(form).match(/FAM-0\d+/g) ?? [];
      assert.ok(choices.includes('FAM-0163'));
      assert.ok(!choices.includes('FAM-0201'), 'Megan’s case is not offered to Alex');
      const c163 = (await caseCalled(alexEnrolment, 'FAM-0163'))!;
      const { card } = await h.as('trainee').click(form, 'cycle.submit', { caseId: c163.id, filmedOn: '2026-06-02', sharedReviewOn: '2026-06-09' });
      assert.match(cardText(card), /Cycle logged/);
    });

    it('keeps the values and explains when the shared review comes before the filming', async () => {
      const [reply] = await h.as('trainee').say('log cycle');
      const c163 = (await caseCalled(alexEnrolment, 'FAM-0163'))!;
      const { card } = await h.as('trainee').click(cardIn(reply), 'cycle.submit', { caseId: c163.id, filmedOn: '2026-06-10', sharedReviewOn: '2026-06-03' });
      assert.match(cardText(card), /cannot come before the filming/);
      assert.equal(inputValues(card).filmedOn, '2026-06-10');
      assert.equal(inputValues(card).sharedReviewOn, '2026-06-03');
    });

    it('refuses a cycle for a case without consent to filming', async () => {
      await h.as('trainee').say('log case FAM-0510 no consent');
      const [reply] = await h.as('trainee').say('log cycle FAM-0510 filmed today');
      assert.match(cardText(cardIn(reply)), /not consented to filming/);
    });

    it('treats another trainee’s case like a missing one', async () => {
      const [reply] = await h.as('secondTrainee').say('log cycle');
      const alexCase = (await caseCalled(alexEnrolment, 'FAM-0142'))!;
      const { card } = await h.as('secondTrainee').click(cardIn(reply), 'cycle.submit', { caseId: alexCase.id, filmedOn: '2026-06-01' });
      assert.match(cardText(card), /choose one of your cases/);
      assert.equal((await h.app.store.cycles.list(alexEnrolment)).filter((c) => c.value.filmedOn === '2026-06-01' && c.value.caseId === alexCase.id).length, 1);
    });

    it('refuses a date in the future', async () => {
      const [reply] = await h.as('trainee').say('log cycle FAM-0142 filmed 2026-07-01');
      assert.match(cardText(cardIn(reply)), /in the future/);
    });
  });

  describe('log supervision', () => {
    const sessionsOf = async (enrolmentId: string) => (await h.app.store.supervision.list(enrolmentId)).map((s) => s.value);

    it('logs "log supervision 60 min today" on Teams, and progress counts the minutes', async () => {
      const before = (await getMyProgress(h.app, idOf('secondTrainee')))!.stages[0]!.supervisionMinutes.done;
      const [reply] = await h.as('secondTrainee').say('log supervision 60 min today');
      const card = cardIn(reply);
      assert.match(cardText(card), /Supervision logged/);
      assert.equal(execute(card, 'record.form').verb, 'record.form');
      assert.ok((await sessionsOf(meganEnrolment)).some((s) => s.heldOn === today && s.minutes === 60 && s.mode === 'teams'));
      assert.equal((await getMyProgress(h.app, idOf('secondTrainee')))!.stages[0]!.supervisionMinutes.done, before + 60);
    });

    it('logs "log supervision 90 minutes 2026-06-10 in person" with a case discussed', async () => {
      const [reply] = await h.as('secondTrainee').say('log supervision 90 minutes 2026-06-10 in person case FAM-0201');
      assert.match(cardText(cardIn(reply)), /1 h 30 min/);
      const s = (await sessionsOf(meganEnrolment)).find((x) => x.heldOn === '2026-06-10');
      assert.equal(s?.minutes, 90);
      assert.equal(s?.mode, 'in_person');
      assert.equal(s?.caseIds.length, 1);
    });

    it('answers an unreadable length with the form and says what it could not read', async () => {
      const [reply] = await h.as('secondTrainee').say('log supervision sixty today');
      const card = cardIn(reply);
      assert.match(cardText(card), /did not understand “sixty”/);
      assert.equal(inputValues(card).heldOn, today);
    });

    it('refuses zero minutes from the form, keeping the date and place', async () => {
      const [reply] = await h.as('secondTrainee').say('log supervision');
      const { card } = await h.as('secondTrainee').click(cardIn(reply), 'supervision.submit', { heldOn: '2026-06-11', minutes: '0', mode: 'in_person' });
      assert.match(cardText(card), /whole minutes, from 1 to 480/);
      assert.equal(inputValues(card).heldOn, '2026-06-11');
      assert.equal(inputValues(card).mode, 'in_person');
    });

    it('refuses supervision from before the enrolment started', async () => {
      const [reply] = await h.as('secondTrainee').say('log supervision 60 min 2026-01-10');
      assert.match(cardText(cardIn(reply)), /before your enrolment started/);
    });

    it('logs once when the form is submitted twice', async () => {
      const [reply] = await h.as('secondTrainee').say('log supervision');
      const form = cardIn(reply);
      await h.as('secondTrainee').click(form, 'supervision.submit', { heldOn: '2026-06-12', minutes: 45, mode: 'teams' });
      const again = await h.as('secondTrainee').click(form, 'supervision.submit', { heldOn: '2026-06-12', minutes: 45, mode: 'teams' });
      assert.match(cardText(again.card), /Already logged/);
      assert.equal((await sessionsOf(meganEnrolment)).filter((s) => s.heldOn === '2026-06-12').length, 1);
    });
  });

  describe('upload', () => {
    it('says clearly when the upload page is not configured', async () => {
      const [reply] = await h.as('trainee').say('upload');
      assert.match(cardText(cardIn(reply)), /PUBLIC_URL/);
    });

    it('links into the tab’s upload page inside Teams when the app id is known', async () => {
      const bot = new AttuneBot({ app: h.app, log: createJsonLogger({ level: 'error', sink: () => undefined }), links: { publicUrl: 'https://attune.example.org', teamsAppId: '5c1f3a8e-2b7d-4e61-9a0c-7f3e2d1b4a96' } });
      const user = teamsUser('trainee');
      const adapter = new TestAdapter(async (context) => bot.run(context), { from: user.from, channelData: user.channelData, channelId: 'msteams' });
      await adapter
        .send('upload')
        .assertReply((a) => {
          const card = cardIn(a);
          const link = JSON.stringify(card).match(/"url":"([^"]+)"/)?.[1] ?? '';
          const url = new URL(link);
          assert.equal(url.origin + url.pathname, 'https://teams.microsoft.com/l/entity/5c1f3a8e-2b7d-4e61-9a0c-7f3e2d1b4a96/home');
          assert.deepEqual(JSON.parse(url.searchParams.get('context')!), { subEntityId: 'upload' });
          assert.equal(url.searchParams.get('webUrl'), 'https://attune.example.org/tab/index.html#/upload');
        })
        .startTest();
    });

    it('tells a line manager uploading is for trainees', async () => {
      const [reply] = await h.as('lineManager').say('upload');
      assert.match(reply!.text ?? '', /not enrolled as a trainee/);
    });
  });

  describe('buttons that open a form or a view', () => {
    const opens: [Who, string, RegExp][] = [
      ['trainee', 'case.form', /Record a case/],
      ['trainee', 'cycle.form', /Log a cycle/],
      ['trainee', 'supervision.form', /Log a supervision session/],
      ['trainee', 'record.form', /Write your supervision record/],
      ['trainee', 'progress.show', /Your progress/],
      ['trainee', 'contract.form', /VIG contract · version 1/],
      ['supervisor', 'stage.form', /Record a stage meeting/],
      ['supervisor', 'progress.show', /No pathway of your own/],
    ];
    for (const [who, verb, expected] of opens) {
      it(`answers ${verb} for the ${who} with the right card`, async () => {
        const { status, card } = await h.as(who).invoke(verb, {});
        assert.equal(status, 200);
        assert.equal(card.version, '1.5');
        assert.match(cardText(card), expected);
      });
    }
  });

  describe('bad input', () => {
    it('answers an invoke with no action with 400, without crashing the turn', async () => {
      const replies = await h.as('trainee').send({ type: 'invoke', name: 'adaptiveCard/action', value: { nonsense: true } });
      const response = replies.find((r) => r.type === 'invokeResponse')!.value as { status: number; body: { type: string } };
      assert.equal(response.status, 400);
      assert.equal(response.body.type, 'application/vnd.microsoft.error');
    });

    it('answers an unknown verb with 400', async () => {
      const { status } = await h.as('trainee').invoke('case.delete', {});
      assert.equal(status, 400);
    });

    it('answers wrongly typed card data with the form and messages', async () => {
      const { status, card } = await h.as('trainee').invoke('case.submit', { submissionId: { evil: 1 }, code: ['x'], openedOn: 42 });
      assert.equal(status, 200);
      assert.match(cardText(card), /not one Attune sent/);
    });

    it('answers a huge text with a clear message rather than an error', async () => {
      const [reply] = await h.as('trainee').say('log case');
      const { status, card } = await h.as('trainee').click(cardIn(reply), 'case.submit', { code: 'F'.repeat(100_000) });
      assert.equal(status, 200);
      assert.match(cardText(card), /3 to 20/);
    });
  });

  // Mocha runs a suite's own tests before its inner suites: checks over everything above sit in a suite of their own.
  describe('after all of the above', () => {
    it('never logs case codes or names', () => {
      assert.ok(h.logLines.length > 0);
      assert.ok(!h.logLines.some((l) => /FAM-0|Smith|Alex Wilber|Megan Bowen|12-03-2019/.test(l)), h.logLines.find((l) => /FAM-0|Smith|Alex|Megan/.test(l)));
    });
  });
});
