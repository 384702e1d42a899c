import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

/**
 * A loopback stand-in for the Bot Framework connector service: it accepts what the bot sends to
 * `{serviceUrl}/v3/conversations/...` and answers like the connector ({ id }).
 */
export async function startLoopbackConnector(): Promise<{ serviceUrl: string; received: ReceivedActivity[]; waitFor(n: number, timeoutMs?: number): Promise<ReceivedActivity[]>; stop(): Promise<void> }> {
  const received: ReceivedActivity[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((text) => {
      let body: Record<string, unknown>;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = { unparsable: text };
      }
      received.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      waiters.splice(0).forEach((w) => w());
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${received.length}` }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    async waitFor(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} activities at the connector, got ${received.length}`);
        await new Promise<void>((ok) => {
          waiters.push(ok);
          setTimeout(ok, 200);
        });
      }
      return received.slice(0, n);
    },
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
