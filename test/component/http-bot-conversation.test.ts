// The bot over real HTTP: activities and adaptiveCard/action invokes POSTed to /api/messages on the running
// app; replies, proactive messages and card updates read at a loopback connector; invoke responses read from
// the HTTP response body.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { executeIn } from '../support/card-actions';
import { randomUUID } from 'node:crypto';
import { enrolmentsWhere } from '../../src/app/people';
import { demoTenantId } from '../../src/app/seed-demo';
import { startLoopbackConnector, type ReceivedActivity } from '../support/loopback-connector';
import { startTestApp, type TestApp } from '../support/app';
import { teamsUser } from '../support/seeded-store';

type Who = Parameters<typeof teamsUser>[0];
type Card = Record<string, unknown>;

const content = {
  learningQuestion: 'How do I keep the parent talking about the moment?',
  whatWasWorking: 'I waited and the parent named the turn-taking.',
  principles: 'being_attentive',
  learningPoints: 'Waiting works.',
  nextSteps: 'Choose receiving moments next time.',
  consentConfirmed: 'true',
};


describe('the bot over HTTP (loopback connector)', () => {
  let app: TestApp;
  let connector: Awaited<ReturnType<typeof startLoopbackConnector>>;

  before(async () => {
    app = await startTestApp();
    connector = await startLoopbackConnector();
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });

  const conversation = (who: Who): string => `a:http-${who}`;
  const activity = (who: Who, fields: Record<string, unknown>): Record<string, unknown> => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversation(who), conversationType: 'personal', tenantId: demoTenantId },
    recipient: { id: '28:attune-bot', name: 'Attune' },
    ...teamsUser(who),
    ...fields,
  });
  const post = (body: unknown): Promise<Response> => fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  /** Posts an activity and returns what reached the connector because of it. */
  async function exchange(body: Record<string, unknown>, expect = 1): Promise<ReceivedActivity[]> {
    const start = connector.received.length;
    const res = await post(body);
    assert.equal(res.status, 200, await res.text());
    await connector.waitFor(start + expect);
    return connector.received.slice(start);
  }
  const say = (who: Who, text: string, expect = 1) => exchange(activity(who, { type: 'message', text }), expect);
  async function invoke(who: Who, action: { verb: string; data: Record<string, unknown> }, replyToId: string = randomUUID()): Promise<{ status: number; body: { statusCode: number; type: string; value: Card } }> {
    const res = await post(activity(who, { type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', ...action }, trigger: 'manual' } }));
    return { status: res.status, body: (await res.json()) as { statusCode: number; type: string; value: Card } };
  }
  const cardOf = (r: ReceivedActivity | undefined): Card => {
    const attachment = (r?.body.attachments as { content: Card }[] | undefined)?.[0];
    assert.ok(attachment, `expected a card, got ${JSON.stringify(r?.body).slice(0, 300)}`);
    return attachment.content;
  };
  const text = (x: unknown): string => JSON.stringify(x);

  it('remembers each person’s chat when they install, and welcomes them through the connector', async () => {
    for (const who of ['secondTrainee', 'supervisor'] as const) {
      const [welcome] = await exchange(activity(who, { type: 'installationUpdate', action: 'add' }));
      assert.match(welcome!.path, new RegExp(`^/v3/conversations/${encodeURIComponent(conversation(who))}/activities`));
      assert.match(text(cardOf(welcome)), /Welcome to Attune/);
      const stored = await app.app.store.conversations.get({ partition: demoTenantId, id: teamsUser(who).from.aadObjectId });
      assert.equal(stored?.value.serviceUrl, connector.serviceUrl);
    }
  });

  it('runs a trainee’s week: case, cycle, session, record; the supervisor co-signs; progress reflects it', async () => {
    const beforeProgress = text(cardOf((await say('secondTrainee', 'progress'))[0]));
    assert.match(beforeProgress, /0 co-signed/);

    assert.match(text(cardOf((await say('secondTrainee', 'log case FAM-0300 consent filming, supervisor'))[0])), /Case recorded/);
    assert.match(text(cardOf((await say('secondTrainee', 'log cycle FAM-0300 filmed yesterday reviewed today'))[0])), /Cycle logged/);
    const logged = cardOf((await say('secondTrainee', 'log supervision 75 min today in person'))[0]);
    assert.match(text(logged), /Supervision logged/);

    const formResponse = await invoke('secondTrainee', { verb: 'record.form', data: executeIn(logged, 'record.form') });
    assert.equal(formResponse.status, 200);
    assert.equal(formResponse.body.type, 'application/vnd.microsoft.card.adaptive');
    const sessionId = String(executeIn(logged, 'record.form').sessionId);

    const start = connector.received.length;
    const sent = await invoke('secondTrainee', { verb: 'record.submit', data: { ...executeIn(formResponse.body.value, 'record.submit'), sessionId, ...content } }, 'megan-record-card');
    assert.equal(sent.status, 200);
    assert.match(text(sent.body.value), /Sent to your supervisor to co-sign/);
    const [toAdele] = await connector.waitFor(start + 1).then((all) => all.slice(start));
    assert.equal(toAdele!.method, 'POST');
    assert.ok(toAdele!.path.startsWith(`/v3/conversations/${encodeURIComponent(conversation('supervisor'))}/activities`), toAdele!.path);
    const cosignCard = cardOf(toAdele);
    assert.match(text(cosignCard), /Megan Bowen/);

    const before = connector.received.length;
    // Adele clicks the card she was sent: its id is the one the connector gave that message.
    const adeleCardId = `reply-${connector.received.indexOf(toAdele!) + 1}`;
    const cosigned = await invoke('supervisor', { verb: 'record.cosign', data: { ...executeIn(cosignCard, 'record.cosign'), cosignComment: 'Well observed.' } }, adeleCardId);
    assert.match(text(cosignCard), /record\.cosign/);
    assert.match(text(cosigned.body.value), /Co-signed by Adele Vance/);
    const after = (await connector.waitFor(before + 2)).slice(before);
    const updates = after.filter((r) => r.method === 'PUT');
    assert.deepEqual(updates.map((u) => u.path), [`/v3/conversations/${encodeURIComponent(conversation('secondTrainee'))}/activities/megan-record-card`], 'only the trainee’s copy is updated; Adele’s is answered by the invoke');
    const update = updates[0]!;
    assert.match(text(cardOf(update)), /Co-signed by Adele Vance/);
    assert.ok(after.some((r) => r.method === 'POST' && /co-signed your supervision record/.test(String(r.body.text))));

    const afterProgress = text(cardOf((await say('secondTrainee', 'progress'))[0]));
    assert.match(afterProgress, /1 co-signed/);
    const minutes = (card: string): string => card.match(/"title":"Supervision","value":"([^"]+)"/)?.[1] ?? '';
    assert.notEqual(minutes(afterProgress), minutes(beforeProgress));
    assert.match(afterProgress, /"title":"Cycles","value":"3 of 6"/);
  });

  it('updates every party’s copy of the contract when one signs', async () => {
    const meganCopy = (await say('secondTrainee', 'contract'))[0]!;
    const meganCopyId = `reply-${connector.received.indexOf(meganCopy) + 1}`;
    const before = connector.received.length;
    const signed = await invoke('supervisor', { verb: 'contract.sign', data: { enrolmentId: executeIn(cardOf(meganCopy), 'contract.edit').enrolmentId, version: 1 } });
    assert.equal(signed.status, 200);
    assert.match(text(signed.body.value), /Signed\./);
    const after = (await connector.waitFor(before + 1)).slice(before);
    const update = after.find((r) => r.method === 'PUT' && r.path === `/v3/conversations/${encodeURIComponent(conversation('secondTrainee'))}/activities/${meganCopyId}`);
    assert.ok(update, `Megan’s copy is updated: ${after.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    assert.match(text(cardOf(update)), /Waiting for signatures: 2 of 3 signed/);
    const refresh = cardOf(update).refresh as { userIds: string[] };
    assert.ok(refresh.userIds.length >= 2 && refresh.userIds.length <= 60);
  });

  it('answers an invoke it cannot read with 400 and an error body', async () => {
    const res = await post(activity('secondTrainee', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Submit' } } }));
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { type: string }).type, 'application/vnd.microsoft.error');
  });

  it('answers another trainee’s invoke on a record like a missing one, changing nothing', async () => {
    const megan = (await enrolmentsWhere(app.app, (e) => e.traineeId.endsWith(teamsUser('secondTrainee').from.aadObjectId)))[0]!;
    const [record] = (await app.app.store.supervisionRecords.list(megan.id)).map((r) => r.value);
    assert.ok(record, 'Megan’s record from the scripted conversation');
    const { status, body } = await invoke('trainee', { verb: 'record.return', data: { enrolmentId: megan.id, recordId: record.id, revision: record.revision, returnComment: 'x' } });
    assert.equal(status, 200);
    assert.match(text(body.value), /not there, or not yours to see/);
    assert.equal((await app.app.store.supervisionRecords.get({ partition: megan.id, id: record.id }))?.value.state.status, 'cosigned');
  });

  it('logs no names, case codes or record text', () => {
    assert.ok(!app.logLines.some((l) => /Megan|Adele|FAM-0300|parent/.test(l)), app.logLines.find((l) => /Megan|Adele|FAM-0300|parent/.test(l)));
  });
});
