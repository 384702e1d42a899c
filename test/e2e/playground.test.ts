import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'mocha';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../support/app';

const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

interface StreamEvent {
  action?: string;
  message?: { messageId?: string; from?: { id?: string }; text?: string; attachments?: { content?: unknown }[] };
}

/** The Microsoft 365 Agents Playground (offline, loopback only) talking to the real bot endpoint. */
describe('Agents Playground smoke', () => {
  let app: TestApp;
  let playground: ChildProcess;
  let base: string;
  let events: StreamEvent[] = [];
  let socket: WebSocket;

  before(async () => {
    app = await startTestApp();
    const port = await freePort();
    playground = spawn(process.execPath, ['scripts/playground.mjs'], { env: { ...process.env, PORT: String(app.port), PLAYGROUND_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const actual = await new Promise<number>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('the Playground did not start')), 60_000);
      playground.stdout?.setEncoding('utf8').on('data', (t: string) => {
        const m = /127\.0\.0\.1:(\d+)/.exec(t);
        if (m) {
          clearTimeout(timer);
          ok(Number(m[1]));
        }
      });
    });
    base = `http://127.0.0.1:${actual}`;
    socket = new WebSocket(`ws://127.0.0.1:${actual}/_ws_conversation/v1/conversations/stream`);
    socket.on('message', (data: Buffer) => {
      try {
        events.push(JSON.parse(data.toString('utf8')) as StreamEvent);
      } catch {
        // not an event
      }
    });
    await new Promise((ok, fail) => {
      socket.once('open', ok);
      socket.once('error', fail);
    });
  });
  after(async () => {
    socket?.close();
    playground?.kill('SIGTERM');
    await app?.stop();
  });

  const personalChat = async (): Promise<string> => {
    const res = await fetch(`${base}/_internal/v1/config`);
    const body = (await res.json()) as { config?: { personalChat?: { id?: string } } };
    const id = body.config?.personalChat?.id;
    assert.ok(id, 'the Playground reports its personal chat');
    return id;
  };
  const botMessage = async (match: RegExp, timeoutMs = 20_000): Promise<NonNullable<StreamEvent['message']>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = events.find((e) => e.action === 'createMessage' && e.message?.from?.id !== 'user-id-0' && match.test(JSON.stringify(e.message)));
      if (hit?.message) return hit.message;
      if (Date.now() > deadline) throw new Error(`no bot reply matching ${match}; saw ${events.length} events`);
      await new Promise((ok) => setTimeout(ok, 200));
    }
  };
  const botReply = async (match: RegExp): Promise<string> => JSON.stringify(await botMessage(match));
  const say = async (text: string): Promise<void> => {
    const conversation = await personalChat();
    const res = await fetch(`${base}/_conversation/v1/conversations/${encodeURIComponent(conversation)}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: { id: 'user-id-0' }, text, textFormat: 'plain' }),
    });
    assert.equal(res.status, 200);
  };

  it('answers "progress" from the Playground user (Alex Wilber) with the demo trainee\'s progress card', async () => {
    events = [];
    const conversation = await personalChat();
    const res = await fetch(`${base}/_conversation/v1/conversations/${encodeURIComponent(conversation)}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: { id: 'user-id-0' }, text: 'progress', textFormat: 'plain' }),
    });
    assert.equal(res.status, 200);
    const reply = await botReply(/Your progress/);
    assert.match(reply, /Stage 1: complete/);
    assert.match(reply, /Stage 2 \(current\)/);
  });

  it('answers "help" with the command card', async () => {
    events = [];
    const conversation = await personalChat();
    await fetch(`${base}/_conversation/v1/conversations/${encodeURIComponent(conversation)}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: { id: 'user-id-0' }, text: 'help', textFormat: 'plain' }),
    });
    assert.match(await botReply(/What I can do/), /progress/);
  });

  it('books supervision as Alex: "book supervision" gives the times card, and its Book button (an adaptiveCard/action invoke) books', async () => {
    events = [];
    await say('book supervision');
    const card = await botMessage(/Book supervision/);
    const text = JSON.stringify(card);
    assert.match(text, /"version":"1.5"/);
    const slot = /"value":"(\d{4}-[^"]+Z\/[^"]+Z)"/.exec(text)?.[1];
    assert.ok(slot, 'a time to choose');
    const book = /"verb":"schedule.book","style":"positive","data":(\{[^}]*\})/.exec(text)?.[1];
    assert.ok(book, 'a Book button');
    const res = await fetch(`${base}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'adaptiveCard/action',
        conversation: { id: await personalChat() },
        from: { id: 'user-id-0' },
        replyToId: card.messageId,
        value: { action: { type: 'Action.Execute', verb: 'schedule.book', data: { ...(JSON.parse(book) as object), slot, series: 'false', count: '3' } }, trigger: 'manual' },
      }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(JSON.stringify(await res.json()), /Supervision booked/);
  });
});
