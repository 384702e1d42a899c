import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { TestAdapter, type Activity } from 'botbuilder';
import { enrolmentsWhere } from '../../src/app/people';
import { demoTenantId } from '../../src/app/seed-demo';
import type { Contract } from '../../src/domain/contract';
import { personId } from '../../src/domain/people';
import { buttons, cardIn, cardText, conversationOf, dataFor, idOf, inputValues, serviceUrl, startBotHarness, type BotHarness, type Card, type OtherPerson, type Who } from './bot-harness';

const nestor: OtherPerson = { key: 'nestor', objectId: '00000000-0000-0000-0000-0000000000030', displayName: 'Nestor Wilke' };

describe('AttuneBot VIG contract and conversations (TestAdapter, seeded Azurite)', () => {
  let h: BotHarness;
  let megan: string;
  let alex: string;

  before(async () => {
    h = await startBotHarness();
    megan = (await enrolmentsWhere(h.app, (e) => e.traineeId === idOf('secondTrainee')))[0]!.id;
    alex = (await enrolmentsWhere(h.app, (e) => e.traineeId === idOf('trainee')))[0]!.id;
    // A third trainee with no contract yet.
    await h.app.store.people.create({ id: personId({ tenantId: demoTenantId, objectId: nestor.objectId }), tenantId: demoTenantId, objectId: nestor.objectId, displayName: nestor.displayName });
    await h.app.store.enrolments.create({ id: 'enrolment-nestor', serviceId: 'demo-service', traineeId: idOf(nestor), supervisorId: idOf('supervisor'), lineManagerId: idOf('lineManager'), pathway: { id: 'aviguk', version: 1 }, startedOn: '2026-06-01' });
    for (const who of ['secondTrainee', 'supervisor', 'lineManager'] as const) await h.as(who).install();
    await h.as(nestor).install();
  });
  after(async () => h.stop());
  beforeEach(() => h.channel.clear());

  const contractsOf = async (enrolmentId: string): Promise<Contract[]> => (await h.app.store.contracts.list(enrolmentId)).map((c) => c.value).sort((a, b) => a.version - b.version);
  const latest = async (enrolmentId: string): Promise<Contract> => (await contractsOf(enrolmentId)).at(-1)!;
  /** The person's card for Megan's contract, from typing "contract", with the id of the message that holds it. */
  async function meganContractCard(who: Who): Promise<{ card: Card; id: string }> {
    const replies = await h.as(who).say('contract');
    const reply = replies.find((r) => r.attachments && /Trainee: "?,?.*Megan Bowen/.test(cardText(cardIn(r))));
    assert.ok(reply, `${who} sees Megan's contract`);
    return { card: cardIn(reply), id: reply.id! };
  }
  const updatesTo = (who: Who | OtherPerson) => h.channel.updated.filter((u) => u.to.conversationId === conversationOf(who));
  const sentTo = (who: Who | OtherPerson) => h.channel.sent.filter((s) => s.to.conversationId === conversationOf(who));

  describe('signing (every copy updates)', () => {
    it('shows each party their own view: Sign for those who have not signed, Decline for the line manager', async () => {
      const adele = (await meganContractCard('supervisor')).card;
      const isaiah = (await meganContractCard('lineManager')).card;
      const meganView = (await meganContractCard('secondTrainee')).card;
      assert.deepEqual(buttons(adele).sort(), ['contract.edit', 'contract.sign']);
      assert.deepEqual(buttons(isaiah).sort(), ['contract.decline', 'contract.edit', 'contract.sign']);
      assert.deepEqual(buttons(meganView), ['contract.edit']);
      assert.match(cardText(meganView), /You signed on/);
      assert.match(cardText(adele), /Waiting for signatures: 1 of 3 signed/);
      assert.equal(adele.version, '1.5');
      assert.equal(adele.refresh!.action.verb, 'contract.refresh');
      assert.deepEqual([...adele.refresh!.userIds].sort(), [`29:${'00000000-0000-0000-0000-0000000000021'}`, '29:00000000-0000-0000-0000-0000000000022', '29:00000000-0000-0000-0000-0000000000023'].sort());
    });

    it('signs, answering with the signer’s card and updating the other parties’ copies for each of them', async () => {
      const copies = { megan: await meganContractCard('secondTrainee'), isaiah: await meganContractCard('lineManager') };
      const adele = await meganContractCard('supervisor');
      h.channel.clear();
      const { card } = await h.as('supervisor').invoke('contract.sign', dataFor(adele.card, 'contract.sign'), { replyToId: adele.id });
      assert.match(cardText(card), /Signed\. The others’ copies show your signature/);
      assert.deepEqual(buttons(card), ['contract.edit']);
      const state = (await latest(megan)).state;
      assert.equal(state.status, 'awaiting_signatures');
      assert.ok(state.status === 'awaiting_signatures' && state.signatures.supervisor);
      const toIsaiah = updatesTo('lineManager').find((u) => u.activityId === copies.isaiah.id);
      const toMegan = updatesTo('secondTrainee').find((u) => u.activityId === copies.megan.id);
      assert.ok(toIsaiah && toMegan, 'both other copies were updated');
      assert.ok(buttons(cardIn(toIsaiah.activity)).includes('contract.sign'), 'the line manager still sees their Sign button');
      assert.ok(!buttons(cardIn(toMegan.activity)).includes('contract.sign'));
      assert.match(cardText(cardIn(toMegan.activity)), /Adele Vance.*signed/);
      assert.ok(!h.channel.updated.some((u) => u.activityId === adele.id), 'the clicked card is answered by the invoke, not updated');
    });

    it('changes nothing when the signer clicks again', async () => {
      const adele = await meganContractCard('supervisor');
      const auditBefore = (await h.app.audit.page({ limit: 500 })).entries.filter((e) => e.action === 'sign_contract').length;
      const { card } = await h.as('supervisor').invoke('contract.sign', { enrolmentId: megan, version: 1 }, { replyToId: adele.id });
      assert.match(cardText(card), /Already done: nothing changed/);
      assert.equal((await h.app.audit.page({ limit: 500 })).entries.filter((e) => e.action === 'sign_contract').length, auditBefore);
    });

    it('becomes active when the third party signs, and every copy says so', async () => {
      const isaiah = await meganContractCard('lineManager');
      h.channel.clear();
      const { card } = await h.as('lineManager').invoke('contract.sign', dataFor(isaiah.card, 'contract.sign'), { replyToId: isaiah.id });
      assert.match(cardText(card), /the contract is active/);
      assert.equal((await latest(megan)).state.status, 'active');
      assert.ok(h.channel.updated.length >= 2);
      for (const u of h.channel.updated) assert.match(cardText(cardIn(u.activity)), /Active since/);
    });
  });

  describe('revising (a new version needs signing again)', () => {
    it('answers "Propose changes" with the form filled in, and explains bad terms keeping the values', async () => {
      const mine = await meganContractCard('secondTrainee');
      const { card: form } = await h.as('secondTrainee').click(mine.card, 'contract.edit');
      assert.equal(inputValues(form).protectedMinutesPerWeek, 240);
      const { card } = await h.as('secondTrainee').click(form, 'contract.revise', { protectedMinutesPerWeek: '300', caseAccess: 'Two new families a term.' });
      assert.match(cardText(card), /half a day \(240 minutes\)/);
      assert.equal(inputValues(card).caseAccess, 'Two new families a term.');
      assert.equal(inputValues(card).protectedMinutesPerWeek, 300);
      assert.equal((await latest(megan)).version, 1);
    });

    it('creates version 2 for all three to sign; version 1 is superseded and its copies show version 2', async () => {
      const mine = await meganContractCard('secondTrainee');
      const { card: form } = await h.as('secondTrainee').click(mine.card, 'contract.edit');
      h.channel.clear();
      const { card } = await h.as('secondTrainee').click(form, 'contract.revise', { caseAccess: 'Two new families a term.' });
      assert.match(cardText(card), /Version 2 was sent to the other two parties to sign/);
      const [v1, v2] = await contractsOf(megan);
      assert.equal(v1!.state.status, 'ended');
      assert.equal(v2!.state.status, 'awaiting_signatures');
      assert.equal(v2!.terms.caseAccess, 'Two new families a term.');
      for (const who of ['supervisor', 'lineManager'] as const) {
        const [sent] = sentTo(who);
        assert.ok(sent, `${who} got version 2`);
        assert.match(cardText(cardIn(sent.activity)), /version 2/);
        assert.ok(buttons(cardIn(sent.activity)).includes('contract.sign'));
      }
      assert.ok(h.channel.updated.length > 0 && h.channel.updated.every((u) => /version 2/.test(cardText(cardIn(u.activity)))));
    });

    it('refreshes a stale card instead of signing an old version', async () => {
      const { card } = await h.as('supervisor').invoke('contract.sign', { enrolmentId: megan, version: 1 });
      assert.match(cardText(card), /changed since this card was sent/);
      assert.match(cardText(card), /version 2/);
      const v2 = await latest(megan);
      assert.ok(v2.state.status === 'awaiting_signatures' && !v2.state.signatures.supervisor);
    });

    it('keeps old versions readable, without buttons to sign them', async () => {
      const { card } = await h.as('lineManager').invoke('contract.version', { enrolmentId: megan, version: 1 });
      assert.match(cardText(card), /version 1/);
      assert.match(cardText(card), /Superseded by version 2/);
      assert.deepEqual(buttons(card).filter((v) => v !== 'contract.version'), ['contract.refresh']);
      assert.equal(card.refresh, undefined, 'an old version does not refresh itself into the new one');
    });

    it('counts two parties signing at the same moment', async () => {
      await Promise.all([h.as('supervisor').invoke('contract.sign', { enrolmentId: megan, version: 2 }), h.as('lineManager').invoke('contract.sign', { enrolmentId: megan, version: 2 })]);
      const v2 = await latest(megan);
      assert.ok(v2.state.status === 'awaiting_signatures' && v2.state.signatures.supervisor && v2.state.signatures.line_manager);
    });
  });

  describe('declining (line manager)', () => {
    it('needs a reason', async () => {
      const { card } = await h.as('lineManager').invoke('contract.decline', { enrolmentId: megan, version: 2, declineReason: '  ' });
      assert.match(cardText(card), /give a reason/);
      assert.equal((await latest(megan)).state.status, 'awaiting_signatures');
    });

    it('declines with a reason that every copy shows; the trainee and supervisor are told', async () => {
      const isaiah = await meganContractCard('lineManager');
      h.channel.clear();
      const reason = 'Protected time must be agreed with the team rota first.';
      const { card } = await h.as('lineManager').invoke('contract.decline', dataFor(isaiah.card, 'contract.decline', { declineReason: reason }), { replyToId: isaiah.id });
      assert.match(cardText(card), /Declined by the line manager/);
      assert.ok(cardText(card).includes(reason));
      assert.equal((await latest(megan)).state.status, 'declined');
      assert.ok(updatesTo('secondTrainee').some((u) => cardText(cardIn(u.activity)).includes(reason)));
      for (const who of ['secondTrainee', 'supervisor'] as const) assert.match(sentTo(who)[0]?.activity.text ?? '', /declined version 2/);
    });

    it('refuses anyone but a party’s own actions, like a missing contract', async () => {
      const forged = [
        { who: 'secondTrainee' as const, verb: 'contract.decline', data: { enrolmentId: megan, version: 2, declineReason: 'x' } },
        { who: 'trainee' as const, verb: 'contract.sign', data: { enrolmentId: megan, version: 2 } },
        { who: 'admin' as const, verb: 'contract.edit', data: { enrolmentId: megan, version: 2 } },
      ];
      for (const f of forged) {
        const { card } = await h.as(f.who).invoke(f.verb, f.data);
        assert.match(cardText(card), /not there, or not yours to see/, `${f.who} ${f.verb}`);
      }
      const auto = await h.as('trainee').invoke('contract.refresh', { enrolmentId: megan }, { trigger: 'automatic' });
      assert.equal(auto.status, 404);
      assert.equal((await latest(megan)).state.status, 'declined');
    });
  });

  describe('drafting the first version (trainee)', () => {
    it('offers a trainee with no contract the draft form, and sends version 1 to the other two', async () => {
      const [reply] = await h.as(nestor).say('contract');
      const form = cardIn(reply);
      assert.match(cardText(form), /Draft your VIG contract/);
      const data = dataFor(form, 'contract.create');
      const { card } = await h.as(nestor).invoke('contract.create', data);
      assert.match(cardText(card), /Version 1 was sent to the other two parties to sign/);
      assert.equal((await latest('enrolment-nestor')).state.status, 'awaiting_signatures');
      assert.equal(sentTo('supervisor').length, 1);
      assert.equal(sentTo('lineManager').length, 1);
      const again = await h.as(nestor).invoke('contract.create', data);
      assert.match(cardText(again.card), /nothing changed/);
      assert.equal((await contractsOf('enrolment-nestor')).length, 1);
    });

    it('shows an active contract without a Sign button', async () => {
      const replies = await h.as('trainee').say('contract');
      const card = cardIn(replies[0]);
      assert.match(cardText(card), /Active since/);
      assert.deepEqual(buttons(card), ['contract.edit']);
      assert.equal((await latest(alex)).state.status, 'active');
    });
  });

  describe('conversation references and the welcome', () => {
    const stored = async (objectId: string) => (await h.app.store.conversations.get({ partition: demoTenantId, id: objectId }))?.value;

    it('remembers the personal chat on install and welcomes the person for their role', async () => {
      const replies = await h.as('secondTrainee').install();
      assert.match(cardText(cardIn(replies[0])), /log supervision 60 min today/);
      const c = await stored('00000000-0000-0000-0000-0000000000021');
      assert.equal(c?.serviceUrl, serviceUrl);
      assert.equal(c?.conversationId, conversationOf('secondTrainee'));
      assert.equal(c?.userId, '29:00000000-0000-0000-0000-0000000000021');
      assert.equal(c?.botId, '28:attune-bot');
    });

    it('remembers the chat when Teams adds the bot to it (conversationUpdate), without a second welcome', async () => {
      const objectId = '00000000-0000-0000-0000-0000000000046';
      await h.app.store.people.create({ id: personId({ tenantId: demoTenantId, objectId }), tenantId: demoTenantId, objectId, displayName: 'Known Person' });
      const who: OtherPerson = { key: 'known-46', objectId, displayName: 'Known Person' };
      const replies = await h.as(who).send({ type: 'conversationUpdate', membersAdded: [{ id: '28:attune-bot', name: 'Attune' }] });
      assert.equal(replies.length, 0);
      assert.equal((await stored(objectId))?.conversationId, conversationOf(who));
    });

    it('welcomes a supervisor with what they do', async () => {
      const replies = await h.as('supervisor').install();
      assert.match(cardText(cardIn(replies[0])), /co-sign supervision records/);
    });

    /** Installs as a person Attune knows (no role yet) from a chat described by `template`. */
    async function installFrom(objectId: string, template: Partial<Activity>): Promise<void> {
      await h.app.store.people.create({ id: personId({ tenantId: demoTenantId, objectId }), tenantId: demoTenantId, objectId, displayName: 'Known Person' });
      const from = { id: `29:${objectId}`, aadObjectId: objectId, name: 'Known Person' };
      const adapter = new TestAdapter(async (context) => h.bot.run(context), {
        channelId: 'msteams',
        from,
        recipient: { id: '28:attune-bot', name: 'Attune' },
        channelData: { tenant: { id: demoTenantId } },
        conversation: { id: `a:personal-${objectId}`, conversationType: 'personal', isGroup: false, name: '' },
        ...template,
      });
      await adapter.processActivity({ type: 'installationUpdate', action: 'add', from, channelData: { tenant: { id: demoTenantId } } });
    }

    it('does not remember a conversation whose serviceUrl is off the allow-list, or one with none', async () => {
      await installFrom('00000000-0000-0000-0000-0000000000041', { serviceUrl: 'https://attacker.example/' });
      await installFrom('00000000-0000-0000-0000-0000000000042', {});
      await installFrom('00000000-0000-0000-0000-0000000000043', { serviceUrl: 'http://smba.trafficmanager.net/emea/' });
      for (const id of ['41', '42', '43']) assert.equal(await stored(`00000000-0000-0000-0000-00000000000${id}`), undefined, id);
      await installFrom('00000000-0000-0000-0000-0000000000044', { serviceUrl });
      assert.equal((await stored('00000000-0000-0000-0000-0000000000044'))?.serviceUrl, serviceUrl, 'the same install from Teams is remembered');
    });

    it('does not remember a team channel as a person’s chat', async () => {
      await installFrom('00000000-0000-0000-0000-0000000000045', { serviceUrl, conversation: { id: '19:team-channel', conversationType: 'channel', isGroup: true, name: '' } });
      assert.equal(await stored('00000000-0000-0000-0000-0000000000045'), undefined);
    });

    it('does not remember someone Attune does not know', async () => {
      const stranger: OtherPerson = { key: 'stranger', objectId: '00000000-0000-0000-0000-0000000000099', displayName: 'Stranger' };
      const replies = await h.as(stranger).install();
      assert.match(cardText(cardIn(replies[0])), /has not added you to a service yet/);
      assert.equal(await stored(stranger.objectId), undefined);
    });

    it('sends nothing to a stored conversation whose serviceUrl is no longer allowed', async () => {
      const key = { partition: demoTenantId, id: '00000000-0000-0000-0000-0000000000020' };
      const alexChat = await h.app.store.conversations.get(key);
      assert.ok(alexChat);
      await h.app.store.conversations.replace({ ...alexChat.value, serviceUrl: 'https://attacker.example/' }, alexChat.etag);
      const replies = await h.as('supervisor').say('record');
      const seeded = replies.map((r) => (r.attachments ? cardIn(r) : null)).find((c) => c && /Alex Wilber/.test(cardText(c)));
      assert.ok(seeded);
      await h.as('supervisor').click(seeded, 'record.cosign');
      assert.ok(!h.channel.sent.some((s) => s.to.serviceUrl.includes('attacker')));
      assert.ok(!h.channel.updated.some((u) => u.to.serviceUrl.includes('attacker')));
    });
  });

  // Mocha runs a suite's own tests before its inner suites: checks over everything above sit in a suite of their own.
  describe('after all of the above', () => {
    it('never logs names, reasons or contract terms', () => {
      assert.ok(!h.logLines.some((l) => /Megan|Adele|Isaiah|Nestor|rota|families a term/.test(l)));
    });
  });
});
