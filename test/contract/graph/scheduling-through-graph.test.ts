import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { createGraphClient } from '../../../src/adapters/graph/graph-client';
import { GraphCalendar } from '../../../src/adapters/graph/graph-calendar';
import { MsalTokenSource } from '../../../src/adapters/graph/msal-token-source';
import { LocalDirectory } from '../../../src/adapters/calendar/local-directory';
import { openTableAuditLog, openTableDataStore } from '../../../src/adapters/storage/table-data-store';
import type { AppDeps } from '../../../src/app/deps';
import { identify, type Actor } from '../../../src/app/people';
import { bookSupervision } from '../../../src/app/scheduling/book';
import { cancelSupervision, rescheduleSupervision } from '../../../src/app/scheduling/change';
import { findSupervisionTimes } from '../../../src/app/scheduling/find-times';
import { followCalendar } from '../../../src/app/scheduling/follow';
import { viewSchedule } from '../../../src/app/scheduling/planned-view';
import { demoExternalSupervisor, demoPeople, demoTenantId, seedDemo } from '../../../src/app/seed-demo';
import { AttuneError } from '../../../src/domain/errors';
import type { Logger } from '../../../src/ports/logger';
import type { TimeWindow } from '../../../src/ports/calendar';
import { startTestAzurite, uniquePrefix, type TestAzurite } from '../../support/azurite';
import { startLoopbackGraph, type LoopbackGraph } from '../../support/loopback-graph';

const mail = (key: keyof typeof demoPeople): string => `${key.toLowerCase()}@service.example`;

/**
 * The scheduling use cases end to end through the Graph adapter: the real msal-node and Graph client against
 * the loopback Graph and token endpoint, with records on Azurite. What the use cases rely on Outlook for —
 * free/busy, one event per booking even when an answer is lost, moves and cancellations either way — is
 * proved here as the production composition would run it.
 */
describe('scheduling through Microsoft Graph (use cases → GraphCalendar → loopback Graph)', () => {
  let azurite: TestAzurite;
  let graph: LoopbackGraph;
  let app: AppDeps;
  let alex: Actor;
  let adele: Actor;
  const lines: string[] = [];
  // Monday 7 December 2026, 08:00 UTC.
  const clock = { value: new Date('2026-12-07T08:00:00Z') };
  const enrolmentId = 'demo-0001';

  before(async () => {
    azurite = await startTestAzurite();
    graph = await startLoopbackGraph({ tenantId: demoTenantId });
    for (const key of Object.keys(demoPeople) as (keyof typeof demoPeople)[]) graph.addUser({ id: demoPeople[key].objectId, mail: mail(key) });
    const clientId = randomUUID();
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const thumbprintSha256 = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
    graph.registerCertificate({ clientId, thumbprintSha256, publicKey });
    const line = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, message, ...fields }));
    const logger: Logger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
    const tokens = new MsalTokenSource({ tenantId: demoTenantId, clientId, credential: { kind: 'certificate', thumbprintSha256, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }, authorityHost: graph.origin, logger, fetch: graph.fetch });
    const calendar = new GraphCalendar({ client: createGraphClient({ baseUrl: graph.graphBaseUrl, tokens, fetch: graph.fetch, retry: { maxRetries: 3, maxWaitSeconds: 5, delaySeconds: 0 } }), tenantId: demoTenantId, logger });
    const prefix = uniquePrefix();
    const clientFor = (t: string) => azurite.tableClient(t);
    app = {
      store: await openTableDataStore({ clientFor, prefix }),
      audit: await openTableAuditLog({ clientFor, prefix }),
      clock: { now: () => clock.value },
      ids: { next: () => randomUUID() },
      calendar,
      directory: new LocalDirectory(),
      scheduling: { zone: 'Europe/London', enrolmentLink: (id) => `https://attune.example/tab/index.html#/supervision/${id}` },
    };
    await seedDemo(app);
    alex = (await identify(app, { tenantId: demoTenantId, objectId: demoPeople.trainee.objectId }))!;
    adele = (await identify(app, { tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId }))!;
    // Alex is out on visits Tuesday morning; Adele is away Wednesday.
    graph.addBusy(demoPeople.trainee.objectId, { start: '2026-12-08T09:00:00Z', end: '2026-12-08T12:00:00Z', status: 'busy' });
    graph.addBusy(demoPeople.supervisor.objectId, { start: '2026-12-09T00:00:00Z', end: '2026-12-10T00:00:00Z', status: 'oof' });
  });
  after(async () => {
    await graph.stop();
    await azurite.stop();
  });

  let offered: readonly TimeWindow[] = [];

  it('offers times from both people’s getSchedule, avoiding what Outlook says they are busy with', async () => {
    const offer = await findSupervisionTimes(app, { actor: alex, enrolmentId });
    if (offer.proposal.kind !== 'slots') assert.fail(offer.proposal.message);
    offered = offer.proposal.slots;
    assert.equal(offered.length, 5);
    for (const s of offered) {
      assert.ok(!(s.start < '2026-12-08T12:00:00Z' && s.end > '2026-12-08T09:00:00Z'), `${s.start}: Alex is out`);
      assert.ok(!s.start.startsWith('2026-12-09'), `${s.start}: Adele is away`);
    }
    const asked = graph.graphRequests(/getSchedule/);
    assert.ok(asked.length >= 1);
    const body = JSON.parse(asked.at(-1)!.body) as { schedules: string[]; availabilityViewInterval: number };
    assert.deepEqual(body.schedules, [mail('trainee'), mail('supervisor')]);
    assert.equal(body.availabilityViewInterval, 30);
  });

  let plannedId = '';
  let eventId = '';

  it('books one event with a Teams meeting in the supervisor’s calendar, the trainee invited, neutral words, a transaction id — and a lost answer makes no second event', async () => {
    graph.fault({ method: 'POST', path: /\/events$/, status: 'drop' });
    const result = await bookSupervision(app, { actor: alex, enrolmentId, bookingId: randomUUID(), slot: offered[0]! });
    if (result.kind !== 'booked') assert.fail(result.message);
    const p = result.planned[0]!;
    assert.equal(p.state.status, 'booked');
    if (p.state.status !== 'booked') return;
    plannedId = p.id;
    eventId = p.state.eventId;
    const events = [...graph.events.values()];
    assert.equal(events.length, 1, 'the dropped answer was retried with the same transaction id');
    const e = events[0]!;
    assert.equal(e.organiserId, demoPeople.supervisor.objectId);
    assert.deepEqual(e.attendees.map((a) => a.emailAddress.address), [mail('trainee')]);
    assert.equal(e.isOnlineMeeting, true);
    assert.equal(e.onlineMeetingProvider, 'teamsForBusiness');
    assert.equal(e.subject, 'VIG supervision');
    assert.match(e.body.content, /#\/supervision\/demo-0001/);
    assert.doesNotMatch(JSON.stringify(e), /FAM-|Alex|Adele|Wilber|Vance/, 'no case code or name in the event');
    assert.ok(e.transactionId && e.transactionId.length > 10);
    assert.equal(graph.graphRequests(/\/events$/).length, 2, 'sent twice, made once');
  });

  it('a time Outlook now shows as taken is not booked: fresh times instead', async () => {
    const taken = offered[1]!;
    graph.addBusy(demoPeople.supervisor.objectId, { start: taken.start, end: taken.end, status: 'busy' });
    const before = graph.events.size;
    const result = await bookSupervision(app, { actor: alex, enrolmentId, bookingId: randomUUID(), slot: taken });
    assert.equal(result.kind, 'clash');
    assert.equal(graph.events.size, before);
  });

  it('moving it patches the Outlook event; a move in Outlook and a cancellation there are followed', async () => {
    const to = offered[2]!;
    const moved = await rescheduleSupervision(app, { actor: adele, enrolmentId, plannedId, slot: to });
    assert.equal(moved.kind, 'moved');
    assert.equal(Date.parse(graph.events.get(eventId)!.start.dateTime + 'Z'), Date.parse(to.start));

    const later = { start: '2026-12-21T14:00:00Z', end: '2026-12-21T15:00:00Z' };
    graph.editInOutlook(eventId, later);
    assert.equal((await followCalendar(app, { force: true })).moved, 1);
    const shown = (await viewSchedule(app, { actor: alex, enrolmentId })).upcoming.find((p) => p.id === plannedId);
    assert.equal(shown?.window.start, new Date(later.start).toISOString());

    graph.editInOutlook(eventId, { cancelled: true });
    assert.equal((await followCalendar(app, { force: true })).cancelled, 1);
    const gone = (await viewSchedule(app, { actor: alex, enrolmentId })).upcoming.find((p) => p.id === plannedId);
    assert.equal(gone?.status, 'cancelled');
  });

  it('cancelling from Attune cancels the Outlook event with a neutral comment', async () => {
    const result = await bookSupervision(app, { actor: adele, enrolmentId, bookingId: randomUUID(), slot: offered[3]! });
    if (result.kind !== 'booked') assert.fail(result.message);
    const p = result.planned[0]!;
    await cancelSupervision(app, { actor: alex, enrolmentId, plannedId: p.id });
    const id = p.state.status === 'booked' ? p.state.eventId : '';
    assert.equal(graph.events.get(id)?.isCancelled, true);
    assert.equal(graph.events.get(id)?.cancelComment, 'This VIG supervision was cancelled in Attune.');
  });

  it('Outlook refusing (403) books nothing and says so; throttling (429 with Retry-After) is waited out', async () => {
    graph.fault({ method: 'POST', path: /\/events$/, status: 403 });
    const before = graph.events.size;
    await assert.rejects(bookSupervision(app, { actor: alex, enrolmentId, bookingId: randomUUID(), slot: offered[4]! }), (e: unknown) => e instanceof AttuneError && e.code === 'forbidden');
    assert.equal(graph.events.size, before);
    assert.ok(!(await app.store.plannedSupervision.list(enrolmentId)).some((r) => r.value.state.status === 'booking'), 'nothing left half-booked');

    graph.fault({ method: 'POST', path: /\/events$/, status: 429, retryAfterSeconds: 0 });
    const result = await bookSupervision(app, { actor: alex, enrolmentId, bookingId: randomUUID(), slot: offered[4]! });
    assert.equal(result.kind, 'booked');
    assert.equal(graph.events.size, before + 1);
  });

  it('a transition meeting also invites the external supervisor, by the email of their invitation, as a guest', async () => {
    const offer = await findSupervisionTimes(app, { actor: adele, enrolmentId });
    if (offer.proposal.kind !== 'slots') assert.fail(offer.proposal.message);
    const slot = offer.proposal.slots.at(-1)!;
    const result = await bookSupervision(app, { actor: adele, enrolmentId, bookingId: randomUUID(), slot, kind: 'transition' });
    if (result.kind !== 'booked') assert.fail(result.message);
    const p = result.planned[0]!;
    assert.equal(p.kind, 'transition');
    assert.equal(p.guestCount, 1);
    const event = graph.events.get(p.state.status === 'booked' ? p.state.eventId : '')!;
    assert.equal(event.subject, 'VIG transition meeting');
    assert.deepEqual(event.attendees.map((a) => [a.emailAddress.address, a.type]), [[mail('trainee'), 'required'], [demoExternalSupervisor.email, 'required']]);
    await cancelSupervision(app, { actor: adele, enrolmentId, plannedId: p.id });
  });

  it('never logs a token, an address or a name', () => {
    const text = lines.join('\n');
    for (const token of graph.issuedTokens) assert.ok(!text.includes(token));
    assert.doesNotMatch(text, /@service\.example|@aviguk\.example|Alex|Adele|Lynne|Bearer /);
  });
});
