// Booking supervision through the real bot endpoint (POST /api/messages on the running app, the local
// calendar): as the Agents Playground does it in development (unsigned activities, replies at a loopback
// connector), and as Teams does it (activities signed by the channel). Either way, the card's buttons are
// `adaptiveCard/action` invokes answered in the HTTP response body with the next card.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { executeIn } from '../support/card-actions';
import { parseSlot } from '../../bot/cards/schedule-cards';
import { enrolmentsWhere } from '../../src/app/people';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { personId } from '../../src/domain/people';
import { startBotIssuer, type BotIssuer } from '../support/bot-issuer';
import { startLoopbackConnector } from '../support/loopback-connector';
import { startTestApp, type TestApp } from '../support/app';
import { teamsUser } from '../support/seeded-store';

type Card = Record<string, unknown> & { body: unknown[] };
interface InvokeAnswer {
  readonly status: number;
  readonly body: { statusCode: number; type: string; value: Card };
}

// Monday 15 June 2026, 11:00 in London: the demo service is seeded relative to it.
const now = new Date('2026-06-15T10:00:00Z');
const adele = { tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId };


/** The values of the times card's choices ("start/end"). */
function slotsIn(card: unknown): string[] {
  const text = JSON.stringify(card);
  return [...text.matchAll(/"value":"(\d{4}-[^"]+Z\/[^"]+Z)"/g)].map((m) => m[1]!);
}

const titleOf = (card: Card): string => String((card.body[0] as { text?: string }).text);

async function alexEnrolment(app: TestApp): Promise<string> {
  const alex = personId({ tenantId: demoTenantId, objectId: demoPeople.trainee.objectId });
  return (await enrolmentsWhere(app.app, (e) => e.traineeId === alex))[0]!.id;
}

describe('booking supervision over HTTP, as the Agents Playground does (unsigned, loopback connector)', () => {
  let app: TestApp;
  let connector: Awaited<ReturnType<typeof startLoopbackConnector>>;

  before(async () => {
    app = await startTestApp({ now: () => now });
    connector = await startLoopbackConnector();
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });

  const activity = (fields: Record<string, unknown>): Record<string, unknown> => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: 'a:http-booking', conversationType: 'personal', tenantId: demoTenantId },
    recipient: { id: '28:attune-bot', name: 'Attune' },
    ...teamsUser('trainee'),
    ...fields,
  });
  const post = (body: unknown): Promise<Response> => fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('"book supervision" answers with the times card; its Book invoke books, and answers with the confirmation', async () => {
    const start = connector.received.length;
    assert.equal((await post(activity({ type: 'message', text: 'book supervision' }))).status, 200);
    const [reply] = (await connector.waitFor(start + 1)).slice(start);
    const card = (reply!.body.attachments as { content: Card }[])[0]!.content;
    assert.equal(card.version, '1.5');
    assert.equal(titleOf(card), 'Book supervision');
    const slots = slotsIn(card);
    assert.equal(slots.length, 5);
    const res = await post(activity({ type: 'invoke', name: 'adaptiveCard/action', replyToId: reply!.body.id ?? 'card', value: { action: { type: 'Action.Execute', verb: 'schedule.book', data: { ...executeIn(card, 'schedule.book'), slot: slots[0], series: 'false', count: '3' } }, trigger: 'manual' } }));
    assert.equal(res.status, 200);
    const answer = (await res.json()) as InvokeAnswer['body'];
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal(titleOf(answer.value), 'Supervision booked');
    const booked = (await app.app.store.plannedSupervision.list(await alexEnrolment(app))).map((r) => r.value).find((p) => p.bookingId === executeIn(card, 'schedule.book').submissionId);
    assert.ok(booked?.state.status === 'booked');
    assert.deepEqual((await app.app.calendar.readMeeting({ organiser: adele, eventId: booked.state.eventId }))?.window, parseSlot(slots[0]!));
  });
});

describe('booking supervision over HTTP, as Teams does (activities signed by the channel)', () => {
  const botId = '6a1e3f0c-7d55-4c3e-9a0b-0c2f5d9e7b11';
  const serviceUrl = 'https://smba.trafficmanager.net/emea/';
  let issuer: BotIssuer;
  let app: TestApp;

  before(async () => {
    issuer = await startBotIssuer();
    app = await startTestApp({
      now: () => now,
      env: { BOT_ID: botId, BOT_TYPE: 'SingleTenant', BOT_PASSWORD: 'test-only-secret', BOT_TENANT_ID: demoTenantId, ALLOWED_TENANTS: demoTenantId, BOT_OPENID_METADATA_URL: issuer.metadataUrl },
    });
  });
  after(async () => {
    await app.stop();
    await issuer.stop();
  });

  /** An Action.Execute invoke from Alex, signed for our bot; the answer is in the response body. */
  async function invoke(verb: string, data: Record<string, unknown>, token?: string): Promise<InvokeAnswer> {
    const body = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: 'a:signed-booking', conversationType: 'personal', tenantId: demoTenantId },
      recipient: { id: `28:${botId}`, name: 'Attune' },
      replyToId: 'times-card',
      ...teamsUser('trainee'),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    };
    const res = await fetch(`${app.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? (await issuer.sign({ audience: botId, serviceUrl }))}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as InvokeAnswer['body']) : (undefined as never) };
  }

  it('asks for times and books one, each a signed invoke answered with the next card', async () => {
    const enrolmentId = await alexEnrolment(app);
    const times = await invoke('schedule.times', { enrolmentId });
    assert.equal(times.status, 200);
    assert.equal(titleOf(times.body.value), 'Book supervision');
    const [slot] = slotsIn(times.body.value);
    assert.ok(slot);
    const book = executeIn(times.body.value, 'schedule.book');
    const booked = await invoke('schedule.book', { ...book, slot, series: 'false', count: '3', minutes: '' });
    assert.equal(booked.status, 200);
    assert.equal(titleOf(booked.body.value), 'Supervision booked');
    const again = await invoke('schedule.book', { ...book, slot, series: 'false', count: '3', minutes: '' });
    assert.equal(titleOf(again.body.value), 'Already booked', 'a retried invoke books once');
    const mine = (await app.app.store.plannedSupervision.list(enrolmentId)).map((r) => r.value).filter((p) => p.bookingId === book.submissionId);
    assert.equal(mine.length, 1);
  });

  it('refuses an unsigned invoke with 401 and books nothing', async () => {
    const enrolmentId = await alexEnrolment(app);
    const before = (await app.app.store.plannedSupervision.list(enrolmentId)).length;
    const res = await fetch(`${app.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'invoke', name: 'adaptiveCard/action', channelId: 'msteams', serviceUrl, ...teamsUser('trainee'), value: { action: { type: 'Action.Execute', verb: 'schedule.times', data: { enrolmentId } } } }),
    });
    assert.equal(res.status, 401);
    assert.equal((await app.app.store.plannedSupervision.list(enrolmentId)).length, before);
  });
});
