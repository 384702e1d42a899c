import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { AttuneBot } from '../../bot/attune-bot';
import { createJsonLogger } from '../../src/adapters/logging/json-logger';
import { startSeededStore, teamsUser } from '../support/seeded-store';

type Card = { contentType: string; content: { version: string; body: unknown[] } };
const cardOf = (a: Partial<Activity>): Card => {
  const card = a.attachments?.[0] as Card | undefined;
  assert.ok(card, 'expected an Adaptive Card attachment');
  assert.equal(card.contentType, 'application/vnd.microsoft.card.adaptive');
  return card;
};
const textOf = (card: Card): string => JSON.stringify(card.content);

describe('AttuneBot (TestAdapter)', () => {
  let stop: () => Promise<void>;
  let bot: AttuneBot;
  const logLines: string[] = [];

  before(async () => {
    const seeded = await startSeededStore();
    stop = () => seeded.stop();
    bot = new AttuneBot({ app: seeded.app, log: createJsonLogger({ level: 'debug', sink: (l) => logLines.push(l) }) });
  });
  after(async () => stop());

  const adapterFor = (who: Parameters<typeof teamsUser>[0]): TestAdapter => {
    const user = teamsUser(who);
    return new TestAdapter(async (context) => bot.run(context), { from: user.from, channelData: user.channelData, channelId: 'msteams' });
  };

  describe('help', () => {
    it('answers with a card listing the commands', async () => {
      await adapterFor('trainee')
        .send('help')
        .assertReply((a) => {
          const card = cardOf(a);
          assert.equal(card.content.version, '1.5');
          for (const c of ['help', 'progress', 'next']) assert.match(textOf(card), new RegExp(`\\*\\*${c}\\*\\*`));
        })
        .startTest();
    });

    it('ignores case, spacing and a trailing question mark', async () => {
      await adapterFor('trainee').send('  HELP? ').assertReply((a) => assert.match(textOf(cardOf(a)), /What I can do/)).startTest();
    });
  });

  describe('progress', () => {
    it("answers a trainee with their own progress card showing the current stage's numbers", async () => {
      await adapterFor('trainee')
        .send('progress')
        .assertReply((a) => {
          const text = textOf(cardOf(a));
          assert.match(text, /Your progress/);
          assert.match(text, /Stage 1: complete, signed off/);
          assert.match(text, /Stage 2 \(current\)/);
          assert.match(text, /"title":"Cycles","value":"\d+ of 9"/);
          assert.match(text, /Projected completion/);
        })
        .startTest();
    });

    it('answers a supervisor with one card per trainee', async () => {
      const cards: string[] = [];
      await adapterFor('supervisor')
        .send('progress')
        .assertReply((a) => void cards.push(textOf(cardOf(a))))
        .assertReply((a) => void cards.push(textOf(cardOf(a))))
        .startTest();
      assert.ok(cards.some((c) => c.includes('Progress: Alex Wilber')));
      assert.ok(cards.some((c) => c.includes('Progress: Megan Bowen')));
    });

    it('tells someone Attune does not know to ask their service lead', async () => {
      const adapter = new TestAdapter(async (context) => bot.run(context), { from: { id: '29:x', name: 'Someone', aadObjectId: 'unknown-object' }, channelData: { tenant: { id: 'some-tenant' } } });
      await adapter.send('progress').assertReply((a) => assert.match(a.text ?? '', /service lead/)).startTest();
    });
  });

  describe('next', () => {
    it('lists what the trainee still has to do in the current stage', async () => {
      await adapterFor('trainee')
        .send('next')
        .assertReply((a) => assert.match(a.text ?? '', /more cycles?.*Stage 2/s))
        .startTest();
    });
  });

  describe('anything else', () => {
    it('gets a helpful reply pointing at help', async () => {
      await adapterFor('trainee')
        .send('what is the weather')
        .assertReply((a) => assert.match(a.text ?? '', /type \*\*help\*\*/))
        .startTest();
    });
  });

  describe('installation', () => {
    it('welcomes the installer with a card for their role', async () => {
      const user = teamsUser('lineManager');
      await adapterFor('lineManager')
        .send({ type: ActivityTypes.InstallationUpdate, action: 'add', ...user })
        .assertReply((a) => {
          const text = textOf(cardOf(a));
          assert.match(text, /Welcome to Attune/);
          assert.match(text, /Approve VIG contracts/);
          assert.doesNotMatch(text, /Review your trainees/);
        })
        .startTest();
    });
  });

  // Mocha runs a suite's own tests before its inner suites: checks over everything above sit in a suite of their own.
  describe('after all of the above', () => {
    it('never logs names from the records', () => {
      assert.ok(!logLines.some((l) => /Alex Wilber|Megan Bowen|FAM-0/.test(l)));
    });
  });
});
