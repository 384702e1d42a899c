import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { randomUUID } from 'node:crypto';
import { startLoopbackConnector } from '../support/loopback-connector';
import { startTestApp, type TestApp } from '../support/app';
import { teamsUser } from '../support/seeded-store';

describe('POST /api/messages (real HTTP, loopback connector)', () => {
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
  beforeEach(() => {
    connector.received.length = 0;
  });

  const activity = (text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'message',
    id: randomUUID(),
    text,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: 'a:conversation-1', conversationType: 'personal' },
    recipient: { id: '28:attune-bot', name: 'Attune' },
    ...teamsUser('trainee'),
    ...overrides,
  });
  const post = (body: unknown): Promise<Response> =>
    fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('replies to help through the connector with the command card', async () => {
    const res = await post(activity('help'));
    assert.equal(res.status, 200);
    const [reply] = await connector.waitFor(1);
    assert.match(reply!.path, /^\/v3\/conversations\/a%3Aconversation-1\/activities\//);
    const card = (reply!.body.attachments as { content: { version: string } }[])[0]!;
    assert.equal(card.content.version, '1.5');
    assert.match(JSON.stringify(card), /What I can do/);
  });

  it("replies to progress with the trainee's progress card", async () => {
    await post(activity('progress'));
    const [reply] = await connector.waitFor(1);
    assert.match(JSON.stringify(reply!.body), /Your progress/);
    assert.match(JSON.stringify(reply!.body), /Stage 2 \(current\)/);
  });

  it('refuses a serviceUrl host that is not on the allow-list and sends nothing there', async () => {
    const res = await post(activity('help', { serviceUrl: 'https://attacker.example/' }));
    assert.equal(res.status, 403);
    await new Promise((ok) => setTimeout(ok, 300));
    assert.equal(connector.received.length, 0);
  });

  it('refuses an activity with no serviceUrl', async () => {
    const res = await post(activity('help', { serviceUrl: undefined }));
    assert.equal(res.status, 403);
  });

  it('processes a replayed activity id once', async () => {
    const once = activity('help');
    assert.equal((await post(once)).status, 200);
    assert.equal((await post(once)).status, 200);
    await connector.waitFor(1);
    await new Promise((ok) => setTimeout(ok, 500));
    assert.equal(connector.received.length, 1);
  });

  it('refuses an activity from a tenant that is not allowed', async () => {
    const res = await post(activity('help', { channelData: { tenant: { id: 'ffffffff-0000-0000-0000-000000000000' } } }));
    assert.equal(res.status, 403);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await post('{"type": "message",');
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid_request');
  });

  it('answers a body that is not an activity with 400', async () => {
    const res = await post({ hello: 'world' });
    assert.equal(res.status, 400);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await post(activity('x'.repeat(300 * 1024)));
    assert.equal(res.status, 413);
  });
});
