import { AuthenticationHandler, Client, GraphClientError, RetryHandler, RetryHandlerOptions, type Context, type Middleware, type ShouldRetry } from '@microsoft/microsoft-graph-client';
import type { AccessTokenSource } from './msal-token-source';
import { retryAfterSeconds } from './graph-errors';

export interface GraphClientOptions {
  /** Graph's versioned root, e.g. `https://graph.microsoft.com/v1.0` (sovereign clouds and tests differ). */
  readonly baseUrl: string;
  readonly tokens: AccessTokenSource;
  /** Default: the global fetch. Tests pass one bound to a loopback server. */
  readonly fetch?: typeof fetch;
  /**
   * Throttling and outages (429, 503, 504) are retried honouring `Retry-After`, at most `maxRetries` times
   * (default 3), and only while Graph asks to wait no more than `maxWaitSeconds` (default 30); a longer
   * wait is handed back to the caller as `retryAfterSeconds` instead of holding a request open.
   */
  readonly retry?: { readonly maxRetries?: number; readonly maxWaitSeconds?: number; readonly delaySeconds?: number };
}

/**
 * The real `@microsoft/microsoft-graph-client`, with its own authentication and retry middleware and a
 * last link that sends with the fetch given here (the SDK's own last link always uses the global one).
 * The SDK attaches the bearer token only to https URLs on Graph's hosts or on `customHosts`; the host of
 * `baseUrl` is the one custom host, so a token never travels anywhere else.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const base = new URL(options.baseUrl);
  const version = base.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
  const maxWaitSeconds = options.retry?.maxWaitSeconds ?? 30;
  const shouldRetry: ShouldRetry = (...args: Parameters<ShouldRetry>) => (retryAfterSeconds(args[4].headers) ?? 0) <= maxWaitSeconds;
  const middleware: Middleware[] = [
    new AuthenticationHandler({
      getAccessToken: async () => {
        try {
          return await options.tokens.accessToken();
        } catch (e) {
          // The SDK rewraps every other error as a status-less GraphError; this one it passes through intact.
          const carried = new GraphClientError('No access token for Microsoft Graph.');
          (carried as GraphClientError & { customError?: unknown }).customError = e;
          throw carried;
        }
      },
    }),
    new RetryHandler(new RetryHandlerOptions(options.retry?.delaySeconds ?? 2, options.retry?.maxRetries ?? 3, shouldRetry)),
    new FetchHandler(options.fetch ?? globalThis.fetch),
  ];
  return Client.initWithMiddleware({ middleware, baseUrl: base.origin, defaultVersion: version, customHosts: new Set([base.hostname]) });
}

class FetchHandler implements Middleware {
  constructor(private readonly send: typeof fetch) {}

  async execute(context: Context): Promise<void> {
    context.response = await this.send(context.request, context.options);
  }
}
