import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { handleMessage } from '../../../src/app/reminders/deliver';
import type { ReminderDeps } from '../../../src/app/reminders/deps';
import { planReminders } from '../../../src/app/reminders/plan';
import { sendForSignature } from '../../../src/domain/contract';
import type { ReminderRules } from '../../../src/domain/reminders/rules';
import { submitRecord } from '../../../src/domain/supervision-record';
import { reminderKeyOf } from '../../support/loopback-connector';
import { reminderFacts } from '../../fakes/reminders';
import { person, startReminderRig, type ReminderRig } from '../../support/reminder-rig';
import { startTestAzurite, type TestAzurite } from '../../support/azurite';

/** Receives and handles messages until the queue stays empty for a moment (or `timeoutMs`). */
async function drain(deps: ReminderDeps, o: { quietMs?: number; timeoutMs?: number } = {}): Promise<string[]> {
  const outcomes: string[] = [];
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  let quietSince = Date.now();
  while (Date.now() < deadline && Date.now() - quietSince < (o.quietMs ?? 1_500)) {
    const batch = await deps.queue.receive({ max: 32, visibilitySeconds: deps.reminderSettings.visibilitySeconds });
    if (batch.length) quietSince = Date.now();
    outcomes.push(...(await Promise.all(batch.map((m) => handleMessage(deps, m)))));
    if (!batch.length) await new Promise((ok) => setTimeout(ok, 100));
  }
  return outcomes;
}

describe('Component › reminders on Azurite (outbox, queue, lease, loopback connector)', () => {
  let azurite: TestAzurite;
  let rig: ReminderRig;
  before(async () => {
    azurite = await startTestAzurite();
  });
  after(async () => azurite.stop());
  beforeEach(async () => {
    await rig?.stop();
    rig = await startReminderRig({ azurite });
  });
  after(async () => rig?.stop());

  it('claims each due reminder once when two planners run at the same time', async () => {
    for (let n = 1; n <= 6; n++) await rig.addTrainee(n, { sessions: [{ id: `s${n}`, heldOn: '2026-05-28' }] });
    const [a, b] = await Promise.all([planReminders(rig.instance('a'), { epoch: 1 }), planReminders(rig.instance('b'), { epoch: 2 })]);
    assert.equal(a.claimed + b.claimed, 6);
    assert.equal((await rig.reminders.outbox.list()).length, 6);
    const outcomes = await drain(rig.instance('sender'));
    assert.deepEqual(outcomes.filter((x) => x === 'delivered').length, 6);
    assert.equal(rig.connector.received.length, 6);
  });

  it('sends once when two senders take the same row (a duplicated message)', async () => {
    const e = await rig.addTrainee(1, { sessions: [{ id: 's1', heldOn: '2026-05-28' }] });
    await planReminders(rig.instance('planner'), { epoch: 1 });
    const [row] = (await rig.reminders.outbox.list()).map((r) => r.value);
    // A second message for the same row, as a planner that re-queued it would leave.
    await rig.queue.enqueue({ kind: 'deliver', key: row!.key, tenantId: row!.personId.split(':')[0]! });
    const messages = await rig.queue.receive({ max: 32, visibilitySeconds: 5 });
    assert.equal(messages.length, 2);
    const [x, y] = [rig.instance('x'), rig.instance('y')];
    const outcomes = await Promise.all([handleMessage(x, messages[0]!), handleMessage(y, messages[1]!)]);
    assert.deepEqual([...outcomes].sort(), ['delivered', 'held_elsewhere']);
    assert.equal(rig.connector.received.length, 1);
    const stored = (await rig.reminders.outbox.list())[0]!.value;
    assert.equal(stored.state.status, 'delivered');
    assert.equal(stored.state.status === 'delivered' && stored.state.activityId, rig.connector.received[0]!.id, 'the activity id is recorded');
    assert.equal(reminderKeyOf(rig.connector.received[0]!), row!.key);
    assert.equal(e.traineeId, row!.personId);
  });

  it('sends again after a sender dies between sending and recording: one duplicate for the crash, no more', async () => {
    await rig.addTrainee(1, { sessions: [{ id: 's1', heldOn: '2026-05-28' }] });
    await planReminders(rig.instance('planner'), { epoch: 1 });
    const dying = rig.instance('dying', { visibilitySeconds: 5 });
    const crash = new Error('process killed');
    const crashing: ReminderDeps = { ...dying, channel: { send: async (to, card) => (await dying.channel.send(to, card), Promise.reject(crash)), update: (to, id, card) => dying.channel.update(to, id, card) } };
    const [message] = await rig.queue.receive({ max: 1, visibilitySeconds: 5 });
    await assert.rejects(handleMessage(crashing, message!), /process killed/);
    assert.equal(rig.connector.received.length, 1);
    // The message shows again after its visibility timeout; the row's hold ran out with it.
    const outcomes = await drain(rig.instance('survivor'), { quietMs: 7_000 });
    assert.deepEqual(outcomes, ['delivered']);
    assert.equal(rig.connector.received.length, 2, 'the one duplicate the crash allows');
    const stored = (await rig.reminders.outbox.list())[0]!.value;
    assert.equal(stored.sends, 2);
    assert.equal(stored.state.status, 'delivered');
    assert.deepEqual(await drain(rig.instance('later')), [], 'and nothing more');
  });

  it('moves a message to the poison queue with the reason after too many dequeues', async () => {
    rig.connector.faults.unavailableRate = 1;
    await rig.addTrainee(1, { sessions: [{ id: 's1', heldOn: '2026-05-28' }] });
    await planReminders(rig.instance('planner'), { epoch: 1 });
    const sender = { ...rig.instance('sender', { maxAttempts: 1, maxDequeue: 2, visibilitySeconds: 5 }), pacer: { ...rig.instance('p').pacer, random: () => 0 } };
    const outcomes = await drain(sender, { quietMs: 9_000, timeoutMs: 60_000 });
    assert.deepEqual(outcomes, ['retry_later', 'retry_later', 'dead_lettered']);
    const poisoned = await rig.poison.receiveMessages({ numberOfMessages: 5 });
    assert.equal(poisoned.receivedMessageItems.length, 1);
    const body = JSON.parse(Buffer.from(poisoned.receivedMessageItems[0]!.messageText, 'base64').toString('utf8')) as { reason: string; dequeueCount: number };
    assert.match(body.reason, /handed out 2 times/);
    const stored = (await rig.reminders.outbox.list())[0]!.value;
    assert.equal(stored.state.status, 'dead');
  });

  it('dead-letters a message that is not a reminder at once', async () => {
    await rig.queue.enqueue({ kind: 'deliver', key: 'x', tenantId: 't' });
    await rig.workQueue.sendMessage(Buffer.from('not json').toString('base64'));
    const outcomes = await drain(rig.instance('sender'));
    assert.deepEqual([...outcomes].sort(), ['dead_lettered', 'nothing_to_do']);
  });

  it('honours Retry-After exactly through a 429 storm, and keeps every per-conversation limit', async () => {
    for (let n = 1; n <= 3; n++) await rig.addTrainee(n, { sessions: [1, 2, 3, 4, 5].map((i) => ({ id: `s${n}-${i}`, heldOn: '2026-05-20' })) });
    await planReminders(rig.instance('planner'), { epoch: 1 });
    // Five cards for each trainee at once, through a two-second storm.
    const rows = (await rig.reminders.outbox.list()).map((r) => r.value);
    for (const r of rows) {
      for (let i = 0; i < 4; i++) {
        const copy = { ...r, key: `${r.key}~${i}`, state: { status: 'queued' as const, enqueuedAt: r.createdAt } };
        await rig.reminders.outbox.create(copy);
        await rig.queue.enqueue({ kind: 'deliver', key: copy.key, tenantId: r.personId.split(':')[0]! });
      }
    }
    rig.connector.faults.storm = { until: Date.now() + 2_000, retryAfterSeconds: 1 };
    const [a, b] = [rig.instance('a', { tenantPerSecond: 20 }), rig.instance('b', { tenantPerSecond: 20 })];
    const outcomes = (await Promise.all([drain(a), drain(b)])).flat();
    assert.equal(outcomes.filter((x) => x === 'delivered').length, 15);
    assert.ok(rig.connector.answered.throttled > 0, 'the storm was met');
    assert.deepEqual(rig.connector.retryAfterViolations, []);
    assert.deepEqual(rig.connector.violations, []);
    assert.equal(new Set(rig.connector.received.map(reminderKeyOf)).size, 15, 'none twice');
  });

  it('marks a person Teams refuses (403) undeliverable and stops trying', async () => {
    await rig.addTrainee(1, { sessions: [{ id: 's1', heldOn: '2026-05-28' }] });
    rig.connector.faults.gone = new Set(['a:chat-1']);
    await planReminders(rig.instance('planner'), { epoch: 1 });
    assert.deepEqual(await drain(rig.instance('sender')), ['undeliverable']);
    assert.equal((await rig.reminders.undeliverable.list())[0]?.value.httpStatus, 403);
    rig.setNow('2026-06-05T09:00:00.000Z');
    const again = await planReminders(rig.instance('planner'), { epoch: 1 });
    assert.equal(again.claimed, 0);
    assert.equal(again.unreachable, 1, 'the next reminder waits, visible, until they talk to the bot again');
  });

  it('updates the card in place to done when the record is written, and sends nothing more about it', async () => {
    const e = await rig.addTrainee(1, { sessions: [{ id: 's1', heldOn: '2026-05-28' }] });
    await planReminders(rig.instance('planner'), { epoch: 1 });
    await drain(rig.instance('sender'));
    const sent = rig.connector.received[0]!;
    assert.equal(sent.method, 'POST');
    const record = submitRecord({ id: 's1', enrolmentId: e.id, sessionId: 's1', content: { learningQuestion: 'q', whatWasWorking: 'w', principles: ['being_attentive'], learningPoints: 'l', nextSteps: 'n', consentConfirmed: true }, vocabulary: { id: 'v', version: 1 } as Parameters<typeof submitRecord>[0]['vocabulary'], at: '2026-06-01T10:00:00.000Z' });
    await rig.store.supervisionRecords.create(record);
    rig.setNow('2026-06-01T10:30:00.000Z');
    const plan = await planReminders(rig.instance('planner'), { epoch: 1 });
    assert.equal(plan.closing, 1, JSON.stringify({ plan, rows: (await rig.reminders.outbox.list()).map((r) => r.value.state) }));
    await drain(rig.instance('sender'));
    const update = rig.connector.received[1]!;
    assert.equal(update.method, 'PUT');
    assert.equal(update.id, sent.id, 'the same activity, updated in place');
    assert.match(JSON.stringify(update.body), /Done: Supervision record written/);
    rig.setNow('2026-06-08T10:00:00.000Z');
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).claimed, 0);
    assert.equal((await rig.reminders.outbox.list())[0]!.value.state.status, 'closed');
    assert.equal(person(1), e.traineeId);
  });

  it('updates a digest in place as its things are done one by one, then closes it, then removes the spent row', async () => {
    const e = await rig.addTrainee(1, { sessions: [{ id: 's1', heldOn: '2026-05-28' }, { id: 's2', heldOn: '2026-05-28' }] });
    await planReminders(rig.instance('planner'), { epoch: 1 });
    assert.deepEqual(await drain(rig.instance('sender')), ['delivered']);
    const sent = rig.connector.received[0]!;
    assert.match(JSON.stringify(sent.body), /Write the record/);
    const write = (sessionId: string, at: string) =>
      rig.store.supervisionRecords.create(submitRecord({ id: sessionId, enrolmentId: e.id, sessionId, content: { learningQuestion: 'q', whatWasWorking: 'w', principles: ['being_attentive'], learningPoints: 'l', nextSteps: 'n', consentConfirmed: true }, vocabulary: { id: 'v', version: 1 } as Parameters<typeof submitRecord>[0]['vocabulary'], at }));
    await write('s1', '2026-06-01T10:00:00.000Z');
    rig.setNow('2026-06-01T10:30:00.000Z');
    const first = await planReminders(rig.instance('planner'), { epoch: 1 });
    assert.equal(first.updating, 1, JSON.stringify(first));
    assert.deepEqual(await drain(rig.instance('sender')), ['updated']);
    const partial = rig.connector.received[1]!;
    assert.equal(partial.method, 'PUT');
    assert.equal(partial.id, sent.id, 'the same activity, updated in place');
    assert.match(JSON.stringify(partial.body), /1 of 2 done/);
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).updating, 0, 'shown once');
    await write('s2', '2026-06-01T11:00:00.000Z');
    rig.setNow('2026-06-01T11:30:00.000Z');
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).closing, 1);
    assert.deepEqual(await drain(rig.instance('sender')), ['closed']);
    assert.match(JSON.stringify(rig.connector.received[2]!.body), /Done: Supervision record written/);
    assert.equal(rig.connector.received.length, 3);
    // Kept for the admin's list for keepDays, then removed.
    rig.setNow('2026-06-20T09:00:00.000Z');
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).pruned, 0);
    assert.equal((await rig.reminders.outbox.list()).length, 1);
    rig.setNow('2026-07-02T09:00:00.000Z');
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).pruned, 1);
    assert.deepEqual(await rig.reminders.outbox.list(), []);
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).claimed, 0, 'and nothing comes back');
  });

  it('reminds a trainee of a draft contract a week after it was first seen, and closes the card once it is sent', async () => {
    const e = await rig.addTrainee(1, { contract: 'draft' });
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).claimed, 0, 'first seen now');
    assert.deepEqual((await rig.reminders.firstSeen.list()).map((f) => f.value), [{ subject: `contract:${e.id}:1:draft`, at: '2026-06-01T09:00:00.000Z' }]);
    rig.setNow('2026-06-05T09:00:00.000Z');
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).claimed, 0, 'not before a week');
    rig.setNow('2026-06-08T09:00:00.000Z');
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).claimed, 1);
    assert.deepEqual(await drain(rig.instance('sender')), ['delivered']);
    const sent = rig.connector.received[0]!;
    assert.match(JSON.stringify(sent.body), /still a draft/);
    assert.match(JSON.stringify(sent.body), /contract\.edit/);
    const stored = (await rig.store.contracts.list(e.id))[0]!;
    await rig.store.contracts.replace(sendForSignature(stored.value), stored.etag);
    rig.setNow('2026-06-08T10:00:00.000Z');
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).closing, 1);
    assert.deepEqual(await drain(rig.instance('sender')), ['closed']);
    assert.equal(rig.connector.received[1]!.id, sent.id, 'updated in place');
    assert.match(JSON.stringify(rig.connector.received[1]!.body), /Done: Contract sent for signatures/);
  });

  it('sends the service admin a digest of people Teams refused, and closes it when they can be reached again', async () => {
    const admin = person(900);
    await rig.store.services.create({ id: 'service-1', name: 'A VIG service', lawfulBasis: 'consent', retentionMonthsAfterEnd: 2, pathway: { id: 'aviguk', version: 1 }, admins: [admin] });
    await rig.addConversation(admin, 900);
    const e = await rig.addTrainee(1, { sessions: [{ id: 's1', heldOn: '2026-05-28' }] });
    rig.connector.faults.gone = new Set(['a:chat-1']);
    await planReminders(rig.instance('planner'), { epoch: 1 });
    assert.deepEqual(await drain(rig.instance('sender')), ['undeliverable']);
    rig.setNow('2026-06-01T09:30:00.000Z');
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).claimed, 1);
    assert.deepEqual(await drain(rig.instance('sender')), ['delivered']);
    const digest = rig.connector.received.at(-1)!;
    assert.ok(decodeURIComponent(digest.path).includes('/a:chat-900/'), digest.path);
    assert.match(JSON.stringify(digest.body), /People Attune cannot reach/);
    assert.match(JSON.stringify(digest.body), /Someone Teams refused on 2026-06-01/);
    const row = (await rig.reminders.outbox.list()).map((r) => r.value).find((r) => r.ruleId === 'admin.undeliverable')!;
    assert.equal(row.key, `admin.undeliverable|digest|${admin}|2026-06-01`);
    // The trainee installs the app again: a newer conversation makes them reachable.
    const [tenantId, objectId] = e.traineeId.split(':') as [string, string];
    const chat = (await rig.store.conversations.get({ partition: tenantId, id: objectId }))!;
    await rig.store.conversations.replace({ ...chat.value, storedAt: '2026-06-01T10:00:00.000Z' }, chat.etag);
    rig.setNow('2026-06-01T10:30:00.000Z');
    assert.equal((await planReminders(rig.instance('planner'), { epoch: 1 })).closing, 1);
    assert.deepEqual(await drain(rig.instance('sender')), ['closed']);
    const closed = rig.connector.received.at(-1)!;
    assert.equal(closed.method, 'PUT');
    assert.equal(closed.id, digest.id, 'updated in place');
    assert.match(JSON.stringify(closed.body), /Done: Everyone reachable/);
  });

  it('reminds the supervisor of a clip they have not opened, and closes the card once the audit shows they played it', async () => {
    const e = await rig.addTrainee(1);
    await rig.addConversation(e.supervisorId, 500);
    const granted = { granted: true, recordedAt: '2026-05-01T09:00:00.000Z' };
    await rig.store.cases.create({ id: 'case-1', enrolmentId: e.id, code: 'FAM-1', lawfulBasis: 'consent', consent: { filming: granted, supervisor_viewing: granted, peer_intervision: granted, training_use: granted }, openedOn: '2026-05-01' });
    const clip = { ...reminderFacts.clip({ id: 'clip1', caseId: 'case-1', uploadedAt: '2026-05-27T14:00:00.000Z', enrolmentId: e.id }), uploadedBy: e.traineeId };
    await rig.clips.clips.create(clip);
    // Rules the service stored before clip.unopened existed: it gets that rule's default.
    const stale = { 'supervision.overdue': { enabled: false, afterDays: [1], thenEveryDays: 7 } } as unknown as ReminderRules;
    await rig.reminders.rules.create({ serviceId: 'service-1', rules: stale });
    const deps = rig.instance('planner');
    // Someone else's viewing does not count.
    const [tenantId, objectId] = e.traineeId.split(':') as [string, string];
    await deps.audit.append({ at: '2026-05-28T09:00:00.000Z', actor: { tenantId, objectId }, action: 'view_clip', object: { kind: 'clip', id: 'clip1' }, outcome: 'allowed', subject: e.traineeId });
    rig.setNow('2026-05-29T09:00:00.000Z');
    assert.equal((await planReminders(deps, { epoch: 1 })).claimed, 1);
    assert.deepEqual(await drain(rig.instance('sender')), ['delivered']);
    const sent = rig.connector.received.at(-1)!;
    assert.match(JSON.stringify(sent.body), /A clip is waiting for your review/);
    assert.match(JSON.stringify(sent.body), /https:\/\/attune\.example\/tab\/index\.html#\/clips\/enrolment-1\/clip1/);
    const [sTenant, sObject] = e.supervisorId.split(':') as [string, string];
    await deps.audit.append({ at: '2026-05-29T10:00:00.000Z', actor: { tenantId: sTenant, objectId: sObject }, action: 'view_clip', object: { kind: 'clip', id: 'clip1' }, outcome: 'allowed', subject: e.traineeId });
    rig.setNow('2026-05-29T10:30:00.000Z');
    assert.equal((await planReminders(deps, { epoch: 1 })).closing, 1);
    assert.deepEqual(await drain(rig.instance('sender')), ['closed']);
    assert.match(JSON.stringify(rig.connector.received.at(-1)!.body), /Done: Clip opened/);
  });

  it('moves the planner lease to another instance when its holder dies, with a larger fencing token', async function () {
    const a = rig.lease('a');
    const b = rig.lease('b');
    const first = await a.acquire();
    assert.ok(first !== null);
    assert.equal(await b.acquire(), null, 'held');
    assert.equal(await a.renew(), true);
    // a dies: it stops renewing. Azure frees the lease after its duration (15 s, the shortest allowed).
    let second: number | null = null;
    const deadline = Date.now() + 40_000;
    while (second === null && Date.now() < deadline) {
      await new Promise((ok) => setTimeout(ok, 1_000));
      second = await b.acquire();
    }
    assert.ok(second !== null && second > first, `fencing token ${second} after ${first}`);
    assert.equal(await a.renew(), false, 'the dead holder cannot renew');
    await b.release();
    this.timeout(120_000);
  });
});
