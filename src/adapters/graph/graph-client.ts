import { AuthenticationHandler, AuthenticationHandlerOptions, Client, GraphClientError, type AuthenticationProvider, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { retryAfterSeconds } from './graph-errors';
import type { AccessTokenSource } from './msal-token-source';

export interface GraphRetryOptions {
  /** How many times one request is sent again (default 3). */
  readonly maxRetries?: number;
  /** The longest Graph may ask Attune to wait before it gives up and hands the wait back (default 30 s). */
  readonly maxWaitSeconds?: number;
  /** The first back-off when Graph gives no Retry-After; it doubles each time (default 2 s). */
  readonly delaySeconds?: number;
  /** How a wait is made (default a timer). Tests pass one that records the seconds asked for and returns at once. */
  readonly wait?: (seconds: number) => Promise<void>;
}

export interface GraphClientOptions {
  /** Graph's versioned root, e.g. `https://graph.microsoft.com/v1.0` (sovereign clouds and tests differ). */
  readonly baseUrl: string;
  /** The app's own tokens, used unless a request carries a person's ({@link asPerson}). */
  readonly tokens: AccessTokenSource;
  /** Default: the global fetch. Tests pass one bound to a loopback server. */
  readonly fetch?: typeof fetch;
  /**
   * Throttling and outages (429, 502, 503, 504) are retried honouring `Retry-After`, at most `maxRetries`
   * times, and only while Graph asks to wait no more than `maxWaitSeconds`; a longer wait is handed back
   * to the caller as `retryAfterSeconds` instead of holding a request open.
   */
  readonly retry?: GraphRetryOptions;
}

/** Statuses worth sending again: throttled, a bad or timed-out gateway, a service briefly down. */
const retriedStatuses = new Set([429, 502, 503, 504]);

/**
 * The real `@microsoft/microsoft-graph-client`, with its own authentication middleware, Attune's retry
 * middleware, and a last link that sends with the fetch given here (the SDK's own last link always uses the
 * global one). The SDK attaches the bearer token only to https URLs on Graph's hosts or on `customHosts`;
 * the host of `baseUrl` is the one custom host, so a token never travels anywhere else.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const base = new URL(options.baseUrl);
  const version = base.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
  const middleware: Middleware[] = [new AuthenticationHandler(carryingErrors(options.tokens)), new RetryMiddleware(options.retry ?? {}), new FetchHandler(options.fetch ?? globalThis.fetch)];
  return Client.initWithMiddleware({ middleware, baseUrl: base.origin, defaultVersion: version, customHosts: new Set([base.hostname]) });
}

/**
 * Per-request middleware options that send one request with a person's delegated token instead of the app's:
 * `client.api('/me/…').middlewareOptions(asPerson(tokens))`.
 */
export function asPerson(tokens: AccessTokenSource): [AuthenticationHandlerOptions] {
  return [new AuthenticationHandlerOptions(carryingErrors(tokens))];
}

/** A token source as the SDK's provider; a failure is carried intact (the SDK rewraps anything else as a status-less GraphError). */
function carryingErrors(tokens: AccessTokenSource): AuthenticationProvider {
  return {
    getAccessToken: async () => {
      try {
        return await tokens.accessToken();
      } catch (e) {
        const carried = new GraphClientError('No access token for Microsoft Graph.');
        (carried as GraphClientError & { customError?: unknown }).customError = e;
        throw carried;
      }
    },
  };
}

/**
 * Sends a request again after 429, 502, 503 or 504: after Graph's `Retry-After` when it gives one, else after
 * a doubling back-off. The SDK's own RetryHandler knows only 429, 503 and 504, and waits on a timer that
 * cannot be observed; this one takes its wait as an option. Stream bodies are never resent (Attune sends none).
 */
class RetryMiddleware implements Middleware {
  private next: Middleware | undefined;
  private readonly maxRetries: number;
  private readonly maxWaitSeconds: number;
  private readonly delaySeconds: number;
  private readonly wait: (seconds: number) => Promise<void>;

  constructor(options: GraphRetryOptions) {
    this.maxRetries = options.maxRetries ?? 3;
    this.maxWaitSeconds = options.maxWaitSeconds ?? 30;
    this.delaySeconds = options.delaySeconds ?? 2;
    this.wait = options.wait ?? ((seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)));
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('The retry middleware needs a next link.');
    for (let attempt = 0; ; attempt++) {
      await this.next.execute(context);
      const response = context.response;
      if (!response || !retriedStatuses.has(response.status) || attempt >= this.maxRetries || !resendable(context)) return;
      const asked = retryAfterSeconds(response.headers);
      const seconds = asked ?? Math.min(this.delaySeconds * 2 ** attempt, this.maxWaitSeconds);
      if (seconds > this.maxWaitSeconds) return; // a long wait is the caller's to make, as retryAfterSeconds
      await response.body?.cancel().catch(() => undefined);
      await this.wait(seconds);
      setHeader(context, 'Retry-Attempt', String(attempt + 1));
    }
  }
}

function resendable(context: Context): boolean {
  const body = context.options?.body;
  return body === undefined || body === null || typeof body === 'string' || body instanceof ArrayBuffer || ArrayBuffer.isView(body);
}

function setHeader(context: Context, name: string, value: string): void {
  const options = (context.options ??= {});
  if (options.headers instanceof Headers) options.headers.set(name, value);
  else options.headers = { ...(options.headers as Record<string, string> | undefined), [name]: value };
}

class FetchHandler implements Middleware {
  constructor(private readonly send: typeof fetch) {}

  async execute(context: Context): Promise<void> {
    context.response = await this.send(context.request, context.options);
  }
}
