// Reminders across two real Attune server processes (the compiled bundle, as `npm start` runs it) sharing one
// Azurite (tables, queues, the planner's lease blob), one key file and one movable clock, sending to a
// loopback Bot Connector that throttles, drops connections and checks Teams' per-conversation limits.
import assert from 'node:assert/strict';
import { draftContract } from '../../../src/domain/contract';
import { defaultContractTerms } from '../../../src/domain/contract-terms';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { after, before, describe, it } from 'mocha';
import { reminderQueueNames, StorageReminderQueue } from '../../../src/adapters/queue/storage-reminder-queue';
import { openTableDataStore } from '../../../src/adapters/storage/table-data-store';
import { openTableReminderStore } from '../../../src/adapters/storage/table-reminder-store';
import type { ConversationRecord } from '../../../src/domain/conversation';
import type { Enrolment, SupervisionSession } from '../../../src/domain/practice';
import type { OutboxRow } from '../../../src/domain/reminders/delivery';
import { submitRecord } from '../../../src/domain/supervision-record';
import type { DataStore } from '../../../src/ports/data-store';
import { tenantOfPerson, type ReminderStore } from '../../../src/ports/reminders';
import { startTestAzurite, type TestAzurite } from '../../support/azurite';
import { reminderKeyOf, startLoopbackConnector, type LoopbackConnector, type ReceivedActivity } from '../../support/loopback-connector';
import { person } from '../../support/reminder-rig';
import { buildServer, fileClockControl, startServerProcess, type ServerProcess } from '../../support/server-process';

/** Wednesday before the sessions: nothing is due yet. */
const beforeDue = '2026-05-27T12:00:00.000Z';
/** The sessions were on Thursday 28 May; the record reminder (2 days on) falls on the weekend, so it waits for Monday's working hours. */
const heldOn = '2026-05-28';
/** Monday 1 June 2026, 10:00 in London. */
const monday = '2026-06-01T09:00:00.000Z';
/** The tenant ceiling both instances share. */
const ceiling = 10;

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/** Polls `test` until it holds, or throws `what` after `timeoutMs` (generous: the machine may be loaded). */
async function eventually(what: string, test: () => Promise<boolean> | boolean, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(250);
  }
}

interface World {
  readonly azurite: TestAzurite;
  readonly connector: LoopbackConnector;
  readonly store: DataStore;
  readonly reminders: ReminderStore;
  readonly queue: StorageReminderQueue;
  readonly clock: { set(iso: string): void };
  readonly dir: string;
  readonly servers: ServerProcess[];
  start(name: string): Promise<ServerProcess>;
  addTrainee(n: number): Promise<Enrolment>;
  stop(): Promise<void>;
}

/** One Azurite, one connector, one data folder (the key file) and one clock, for server processes to share. */
async function startWorld(): Promise<World> {
  const azurite = await startTestAzurite();
  const connector = await startLoopbackConnector();
  const dir = mkdtempSync(join(tmpdir(), 'attune-two-'));
  const clockFile = join(dir, 'clock.json');
  const clock = fileClockControl(clockFile);
  clock.set(beforeDue);
  // The server's own names (no prefix): the test process reads and writes the same tables and queues.
  const clientFor = (t: string) => azurite.tableClient(t);
  const store = await openTableDataStore({ clientFor });
  const reminders = await openTableReminderStore({ clientFor });
  const queues = QueueServiceClient.fromConnectionString(azurite.connectionString);
  const names = reminderQueueNames();
  const queue = await StorageReminderQueue.open({ queue: queues.getQueueClient(names.queue), poison: queues.getQueueClient(names.poison) });
  const servers: ServerProcess[] = [];
  const env = {
    NODE_ENV: 'development',
    ATTUNE_DATA_DIR: join(dir, 'data'),
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    SEED_DEMO: 'false',
    DEV_SIGN_IN: 'false',
    DEV_CLOCK_FILE: clockFile,
    REMINDERS: 'true',
    REMINDERS_INTERVAL_SECONDS: '1',
    REMINDERS_TENANT_PER_SECOND: String(ceiling),
    REMINDERS_LEASE_SECONDS: '15',
    REMINDERS_VISIBILITY_SECONDS: '5',
    CLIP_RETENTION_SWEEP_MINUTES: '0',
    SCHEDULING_FOLLOW_MINUTES: '0',
    LOG_LEVEL: 'info',
  };
  return {
    azurite,
    connector,
    store,
    reminders,
    queue,
    clock,
    dir,
    servers,
    async start(name) {
      const server = await startServerProcess(name, env);
      servers.push(server);
      return server;
    },
    async addTrainee(n) {
      const trainee = person(n);
      const e: Enrolment = { id: `enrolment-${n}`, serviceId: 'service-1', traineeId: trainee, supervisorId: person(n + 100_000), lineManagerId: person(n + 200_000), pathway: { id: 'aviguk', version: 1 }, startedOn: '2026-01-05' };
      await store.enrolments.create(e);
      const session: SupervisionSession = { id: `s${n}`, enrolmentId: e.id, heldOn, minutes: 60, mode: 'teams', caseIds: [], clipIds: [] };
      await store.supervision.create(session);
      // A signed contract, so the record is the only thing open (no draft-contract reminder).
      const at = '2026-01-05T09:00:00.000Z';
      const contract = draftContract({ id: 'contract-v1', enrolmentId: e.id, parties: { trainee: e.traineeId, supervisor: e.supervisorId, line_manager: e.lineManagerId }, terms: defaultContractTerms('2026-01-05') });
      await store.contracts.create({ ...contract, state: { status: 'active', signatures: { trainee: at, supervisor: at, line_manager: at }, activatedAt: at } });
      const [tenantId, objectId] = trainee.split(':') as [string, string];
      // The bot's personal chat with the trainee, on the loopback connector (development allows a loopback serviceUrl).
      const conversation: ConversationRecord = { tenantId, objectId, channelId: 'msteams', serviceUrl: connector.serviceUrl, conversationId: `a:chat-${n}`, userId: `29:${n}`, botId: '28:attune', storedAt: '2026-01-05T09:00:00.000Z' };
      await store.conversations.create(conversation);
      return e;
    },
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      await connector.stop();
      await azurite.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const posts = (c: LoopbackConnector): ReceivedActivity[] => c.received.filter((a) => a.method === 'POST');
/** How many cards the connector accepted for each reminder key. */
function sendsPerKey(c: LoopbackConnector): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of posts(c)) {
    const key = reminderKeyOf(a);
    if (key) m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}
const rowsOf = async (w: World): Promise<OutboxRow[]> => (await w.reminders.outbox.list()).map((r) => r.value);
const isLeaseTaken = (l: Record<string, unknown>): boolean => l.message === 'reminder planner lease taken';

describe('Component › reminders across two server processes (one Azurite, a movable clock, kill -9)', function () {
  this.timeout(600_000);
  before(() => buildServer());

  describe('two instances, calm', () => {
    let w: World;
    before(async () => {
      w = await startWorld();
    });
    after(async () => w?.stop());

    it('delivers every due reminder once when the clock reaches working hours, within every per-conversation limit', async () => {
      const trainees = 12;
      for (let n = 1; n <= trainees; n++) await w.addTrainee(n);
      // One after the other, so they do not race to create the shared key file; the first takes the lease.
      const a = await w.start('a');
      await a.waitForLog(isLeaseTaken);
      await w.start('b');
      // Nothing is due before the sessions' reminder day.
      await sleep(3_000);
      assert.equal(w.connector.received.length, 0, 'nothing sent before it is due');
      assert.equal((await rowsOf(w)).length, 0);

      w.clock.set(monday);
      await eventually(`all ${trainees} reminders are delivered`, async () => {
        const rows = await rowsOf(w);
        return rows.length === trainees && rows.every((r) => r.state.status === 'delivered');
      });
      // A moment more for anything that would be sent twice to arrive (not a timing assertion: nothing should).
      await sleep(3_000);
      const perKey = sendsPerKey(w.connector);
      const rows = await rowsOf(w);
      assert.deepEqual(new Set(perKey.keys()), new Set(rows.map((r) => r.key)), 'every due reminder reached the connector');
      assert.deepEqual([...perKey.values()].filter((n) => n > 1), [], 'none twice');
      assert.deepEqual(new Set(rows.map((r) => r.personId)), new Set(Array.from({ length: trainees }, (_, i) => person(i + 1))), 'one for each trainee');
      // A row may be taken more than once without a second card (a sender that failed before sending lets the
      // message show again): say why, for whoever reads the run.
      if (rows.some((r) => r.sends > 1)) console.log(`      (taken again: ${JSON.stringify(w.servers.flatMap((s) => s.logs.filter((l) => l.level !== 'info')))})`);
      for (const r of rows) {
        assert.ok(r.state.status === 'delivered' && r.state.activityId, 'the activity id is recorded');
        assert.ok(r.sends >= 1);
      }
      assert.deepEqual(w.connector.violations, []);
      assert.deepEqual(w.connector.retryAfterViolations, []);
    });
  });

  describe('kill -9 of the planner mid-send, under a 429 storm with dropped connections', () => {
    let w: World;
    before(async () => {
      w = await startWorld();
    });
    after(async () => w?.stop());

    it('the other instance takes over the lease and finishes: every reminder delivered, a duplicate only for what the dead one had sent unrecorded, no limit exceeded; then a card is updated in place to done', async () => {
      const trainees = 24;
      const busy = [1, 2];
      const extraPerBusy = 10;
      for (let n = 1; n <= trainees; n++) await w.addTrainee(n);
      const victim = await w.start('a');
      await victim.waitForLog(isLeaseTaken);
      const survivor = await w.start('b');
      w.connector.faults.dropRate = 0.03;

      // The kill: once a dozen cards have been accepted, the next one the victim sent is recorded by Teams but
      // its answer held back while the victim is killed, so it dies between sending and recording.
      let heldAtCrash: Set<string> | null = null;
      let sentAtCrash = 0;
      let crashKey: string | null = null;
      let checking = false;
      w.connector.faults.beforeAnswer = async (activity) => {
        if (heldAtCrash || checking || activity.method !== 'POST' || posts(w.connector).length < 12) return;
        const key = reminderKeyOf(activity);
        if (!key) return;
        checking = true;
        try {
          const row = await w.reminders.outbox.get({ partition: tenantOfPerson(person(1)), id: key });
          if (row?.value.state.status !== 'sending' || row.value.state.by !== victim.instanceId) return;
          await victim.kill();
          crashKey = key;
          // What the victim held when it died: the only reminders a crash may send twice.
          heldAtCrash = new Set((await rowsOf(w)).filter((r) => r.state.status === 'sending' && r.state.by === victim.instanceId).map((r) => r.key));
          const accepted = new Set(posts(w.connector).map(reminderKeyOf));
          sentAtCrash = [...heldAtCrash].filter((k) => accepted.has(k)).length;
          // The survivor carries on through another storm.
          w.connector.faults.storm = { until: Date.now() + 3_000, retryAfterSeconds: 1 };
        } finally {
          checking = false;
        }
      };

      w.clock.set(monday);
      w.connector.faults.storm = { until: Date.now() + 4_000, retryAfterSeconds: 1 };
      // Busy conversations: ten more cards each to two trainees at once (as several rules would), so the
      // per-conversation limits bind, not only the tenant ceiling.
      await eventually('the busy trainees’ reminders are planned', async () => (await rowsOf(w)).filter((r) => busy.some((n) => r.personId === person(n))).length === busy.length, 60_000);
      for (const base of (await rowsOf(w)).filter((r) => busy.some((n) => r.personId === person(n)))) {
        for (let i = 0; i < extraPerBusy; i++) {
          const copy: OutboxRow = { ...base, key: `${base.key}~${i}`, sends: 0, state: { status: 'queued', enqueuedAt: base.createdAt } };
          await w.reminders.outbox.create(copy);
          await w.queue.enqueue({ kind: 'deliver', key: copy.key, tenantId: tenantOfPerson(copy.personId) });
        }
      }
      const expected = trainees + busy.length * extraPerBusy;

      await eventually('the victim is killed mid-send', () => heldAtCrash !== null);
      assert.equal((await victim.exited).signal, 'SIGKILL');
      await survivor.waitForLog(isLeaseTaken, 120_000);
      await eventually(`all ${expected} reminders are delivered by the survivor`, async () => {
        const rows = await rowsOf(w);
        return rows.length === expected && rows.every((r) => r.state.status === 'delivered');
      });
      await sleep(3_000);

      const perKey = sendsPerKey(w.connector);
      const rows = await rowsOf(w);
      assert.deepEqual(new Set(perKey.keys()), new Set(rows.map((r) => r.key)), 'every reminder reached the connector');
      const twice = [...perKey].filter(([, n]) => n > 1).map(([k]) => k);
      const crashes = 1;
      assert.ok([...perKey.values()].every((n) => n <= 1 + crashes), 'no reminder is sent more than once more per crash');
      assert.ok(twice.every((k) => heldAtCrash!.has(k)), 'only a reminder the dead instance held is sent again');
      assert.ok(twice.includes(crashKey!), 'the one it sent but never recorded is sent again, not lost');
      // How many: what the dead instance had sent and not yet recorded (its answers in flight, or received and
      // not yet written down), which on a loaded machine can be several; each of those is sent once more.
      console.log(`      (${twice.length} duplicate(s) after ${crashes} crash: the victim held ${heldAtCrash!.size} reminder(s), ${sentAtCrash} of them sent but unrecorded; ${w.connector.answered.throttled} answered 429, ${w.connector.answered.dropped} dropped)`);
      assert.ok(w.connector.answered.throttled > 0, 'the storm was met');
      assert.deepEqual(w.connector.violations, [], 'no per-conversation limit exceeded');
      assert.deepEqual(w.connector.retryAfterViolations, [], 'every Retry-After honoured');

      // Done elsewhere: trainee 3 writes the record. The survivor, now the planner, updates the card in place.
      const row = rows.find((r) => r.personId === person(3))!;
      assert.ok(row.state.status === 'delivered' && row.state.activityId);
      const activityId = row.state.activityId;
      const record = submitRecord({ id: 's3', enrolmentId: 'enrolment-3', sessionId: 's3', content: { learningQuestion: 'q', whatWasWorking: 'w', principles: ['being_attentive'], learningPoints: 'l', nextSteps: 'n', consentConfirmed: true }, vocabulary: { id: 'v', version: 1 } as Parameters<typeof submitRecord>[0]['vocabulary'], at: '2026-06-01T10:00:00.000Z' });
      await w.store.supervisionRecords.create(record);
      await w.connector.until((r) => r.some((a) => a.method === 'PUT' && a.id === activityId), 120_000);
      const update = w.connector.received.find((a) => a.method === 'PUT' && a.id === activityId)!;
      assert.match(JSON.stringify(update.body), /Done: Supervision record written/);
      assert.equal(reminderKeyOf(update), row.key);
      await eventually('the row is closed', async () => (await w.reminders.outbox.get({ partition: tenantOfPerson(row.personId), id: row.key }))?.value.state.status === 'closed', 60_000);
      assert.equal(posts(w.connector).filter((a) => reminderKeyOf(a) === row.key).length, perKey.get(row.key), 'nothing new sent about it');
      assert.deepEqual(w.connector.violations, []);
    });
  });
});
