import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
  /** When it arrived (ms), and the id it was given (a POST) or updated (a PUT). */
  readonly at: number;
  readonly id: string;
}

/** How the connector misbehaves, changeable while it runs. */
export interface ConnectorFaults {
  /** Answer every request with 429 and this Retry-After (seconds) until `until` (ms). */
  storm?: { until: number; retryAfterSeconds: number } | null;
  /** Each request is answered 429 with this chance (a steady drizzle), with `retryAfterSeconds`. */
  throttleRate?: number;
  retryAfterSeconds?: number;
  /** Each request's connection is destroyed, before anything is recorded, with this chance. */
  dropRate?: number;
  /** Each request is answered 503 with this chance. */
  unavailableRate?: number;
  /** Conversations whose bot was uninstalled: 403. */
  gone?: ReadonlySet<string>;
  /**
   * Called for each accepted activity once it is recorded (Teams has it), and its answer waits until the
   * returned promise settles: a test can kill the sender in between, the crash between sending and recording.
   */
  beforeAnswer?: ((activity: ReceivedActivity) => Promise<void> | void) | null;
}

/** Teams' limits per bot per conversation, which the connector checks for every request it receives. */
const conversationLimits = [
  { count: 7, windowMs: 1_000 },
  { count: 8, windowMs: 2_000 },
  { count: 60, windowMs: 30_000 },
  { count: 1800, windowMs: 3_600_000 },
];

export interface LoopbackConnector {
  readonly serviceUrl: string;
  readonly received: ReceivedActivity[];
  readonly faults: ConnectorFaults;
  /** Requests that broke a per-conversation limit (each counted once, with the limit it broke). */
  readonly violations: { conversationId: string; limit: string; at: number }[];
  /** Requests to a conversation sooner than the Retry-After it was last given. */
  readonly retryAfterViolations: { conversationId: string; earlyByMs: number }[];
  /** Counts by what the connector answered. */
  readonly answered: { ok: number; throttled: number; dropped: number; unavailable: number; gone: number };
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedActivity[]>;
  /** Waits until `test` holds for what was received (polling), or throws after `timeoutMs`. */
  until(test: (received: readonly ReceivedActivity[]) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A loopback stand-in for the Bot Framework connector service: it accepts what the bot sends to
 * `{serviceUrl}/v3/conversations/...` and answers like the connector ({ id }). It can answer 429 storms with
 * Retry-After, drop connections, answer 503 or 403, and it checks every request against Teams'
 * per-conversation limits and any Retry-After it gave, counting violations.
 */
export async function startLoopbackConnector(faults: ConnectorFaults = {}): Promise<LoopbackConnector> {
  const received: ReceivedActivity[] = [];
  const waiters: (() => void)[] = [];
  const history = new Map<string, number[]>();
  const retryNotBefore = new Map<string, number>();
  const violations: LoopbackConnector['violations'] = [];
  const retryAfterViolations: LoopbackConnector['retryAfterViolations'] = [];
  const answered = { ok: 0, throttled: 0, dropped: 0, unavailable: 0, gone: 0 };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const at = Date.now();
      const path = req.url ?? '';
      const conversationId = decodeURIComponent(/\/v3\/conversations\/([^/]+)/.exec(path)?.[1] ?? '');
      if (Math.random() < (faults.dropRate ?? 0)) {
        answered.dropped++;
        req.socket.destroy();
        return;
      }
      // Every request that reaches Teams counts against its limits, whatever it is answered.
      if (conversationId) {
        const sends = [...(history.get(conversationId) ?? []).filter((t) => t > at - 3_600_000), at];
        history.set(conversationId, sends);
        for (const l of conversationLimits) {
          if (sends.filter((t) => t > at - l.windowMs).length > l.count) violations.push({ conversationId, limit: `${l.count}/${l.windowMs}ms`, at });
        }
        const notBefore = retryNotBefore.get(conversationId);
        if (notBefore !== undefined && at < notBefore) retryAfterViolations.push({ conversationId, earlyByMs: notBefore - at });
      }
      const storm = faults.storm && at < faults.storm.until ? faults.storm : null;
      if (storm || Math.random() < (faults.throttleRate ?? 0)) {
        const seconds = storm?.retryAfterSeconds ?? faults.retryAfterSeconds ?? 1;
        answered.throttled++;
        if (conversationId) retryNotBefore.set(conversationId, at + seconds * 1000);
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(seconds) });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests' } }));
        return;
      }
      if (Math.random() < (faults.unavailableRate ?? 0)) {
        answered.unavailable++;
        res.writeHead(503, { 'Content-Type': 'application/json' });
        res.end('{}');
        return;
      }
      if (faults.gone?.has(conversationId)) {
        answered.gone++;
        res.writeHead(403, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }));
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = { unparsable: text };
      }
      // Answered ids are `reply-<n>` as the connector has always answered; an update's is the activity it replaced.
      const reply = `reply-${received.length + 1}`;
      const id = req.method === 'PUT' ? decodeURIComponent(path.split('/').pop() ?? '') : reply;
      const activity: ReceivedActivity = { method: req.method ?? '', path, authorization: req.headers.authorization, body, at, id };
      received.push(activity);
      answered.ok++;
      waiters.splice(0).forEach((w) => w());
      const answer = (): void => {
        if (res.destroyed || req.socket.destroyed) return;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: reply }));
      };
      const gate = faults.beforeAnswer?.(activity);
      if (gate) void Promise.resolve(gate).then(answer, answer);
      else answer();
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  const until = async (test: (r: readonly ReceivedActivity[]) => boolean, timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!test(received)) {
      if (Date.now() > deadline) throw new Error(`the connector did not see what was expected (it has ${received.length} activities)`);
      await new Promise<void>((ok) => {
        waiters.push(ok);
        setTimeout(ok, 200);
      });
    }
  };
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    faults,
    violations,
    retryAfterViolations,
    answered,
    async waitFor(n, timeoutMs = 10_000) {
      await until((r) => r.length >= n, timeoutMs).catch(() => {
        throw new Error(`expected ${n} activities at the connector, got ${received.length}`);
      });
      return received.slice(0, n);
    },
    until,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** The reminder key a card carries (its refresh data), or null when it is not a reminder card. */
export function reminderKeyOf(a: ReceivedActivity): string | null {
  const card = (a.body.attachments as { content?: { refresh?: { action?: { verb?: string; data?: { key?: unknown } } } } }[] | undefined)?.[0]?.content;
  const action = card?.refresh?.action;
  return action?.verb === 'reminder.refresh' && typeof action.data?.key === 'string' ? action.data.key : null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
