import { ConfidentialClientApplication, LogLevel, ServerError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { AttuneError } from '../../domain/errors';
import type { Logger } from '../../ports/logger';

/** How Attune's app registration proves itself to Entra ID. A client secret is for development only (config refuses it in production). */
export type AppCredential =
  | { readonly kind: 'certificate'; readonly thumbprintSha256: string; readonly privateKeyPem: string; readonly x5c?: string }
  | { readonly kind: 'secret'; readonly secret: string };

export interface MsalTokenSourceOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: AppCredential;
  /** The Entra authority host, e.g. `https://login.microsoftonline.com` (sovereign clouds and tests differ). */
  readonly authorityHost: string;
  /** Default `https://graph.microsoft.com/.default`: every application permission consented for Graph. */
  readonly scope?: string;
  readonly logger: Logger;
  /** How msal reaches the token endpoint (default: the global fetch). Only the authority's origin is ever asked. */
  readonly fetch?: typeof fetch;
}

/** Access tokens for Graph: the app's own (client credentials), or one person's (on-behalf-of). */
export interface AccessTokenSource {
  accessToken(): Promise<string>;
}

/**
 * App-only tokens from msal-node's `ConfidentialClientApplication` ({@link confidentialClient}). msal keeps
 * them in its in-memory cache and asks again only near expiry. Tokens and secrets are never logged.
 */
export class MsalTokenSource implements AccessTokenSource {
  private readonly app: ConfidentialClientApplication;
  private readonly scope: string;
  private readonly logger: Logger;
  private pending: Promise<string> | null = null;

  constructor(options: MsalTokenSourceOptions) {
    this.scope = options.scope ?? 'https://graph.microsoft.com/.default';
    this.logger = options.logger;
    this.app = confidentialClient(options);
  }

  accessToken(): Promise<string> {
    // Calls made together share one request: msal's cache only helps once the first token is in it.
    this.pending ??= this.acquire().finally(() => (this.pending = null));
    return this.pending;
  }

  private async acquire(): Promise<string> {
    try {
      const result = await this.app.acquireTokenByClientCredential({ scopes: [this.scope] });
      if (!result?.accessToken) throw new AttuneError('unavailable', 'Microsoft sign-in gave Attune no token; nothing was changed in Outlook. Please try again.', { retryAfterSeconds: 30 });
      return result.accessToken;
    } catch (e) {
      throw tokenError(e, this.logger);
    }
  }
}

/**
 * Attune's app registration as msal-node's `ConfidentialClientApplication`. msal is told the authority's
 * metadata up front (`knownAuthorities`, `authorityMetadata`, `cloudDiscoveryMetadata`), so it makes no
 * discovery call: the only request it makes is to the tenant's token endpoint, and its network client refuses
 * any other origin. msal's own log lines are passed on only as their level, never their words.
 */
export function confidentialClient(options: Omit<MsalTokenSourceOptions, 'scope'>): ConfidentialClientApplication {
  const host = options.authorityHost.replace(/\/+$/, '');
  const origin = new URL(host).origin;
  const authority = `${origin}/${options.tenantId}`;
  const hostAndPort = new URL(origin).host;
  const credential = options.credential;
  return new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      authority,
      ...(credential.kind === 'certificate'
        ? { clientCertificate: { thumbprintSha256: credential.thumbprintSha256, privateKey: credential.privateKeyPem, ...(credential.x5c ? { x5c: credential.x5c } : {}) } }
        : { clientSecret: credential.secret }),
      knownAuthorities: [hostAndPort],
      cloudDiscoveryMetadata: JSON.stringify({
        tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: hostAndPort, preferred_cache: hostAndPort, aliases: [hostAndPort] }],
      }),
      authorityMetadata: JSON.stringify({
        token_endpoint: `${authority}/oauth2/v2.0/token`,
        authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
        issuer: `${authority}/v2.0`,
        jwks_uri: `${authority}/discovery/v2.0/keys`,
      }),
    },
    system: {
      networkClient: new AuthorityOnlyNetwork({ origin, fetch: options.fetch ?? globalThis.fetch }),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, _message, containsPii) => {
          // msal's messages can carry request details; say only that it complained, and how loudly.
          if (!containsPii) options.logger.warn('msal reported a problem', { level: LogLevel[level] });
        },
      },
    },
  });
}

/** A refusal (or silence) from the token endpoint for the app's own token, in Attune's words. */
export function tokenError(e: unknown, logger: Logger): AttuneError {
  if (e instanceof AttuneError) return e;
  const errorCode = (e as { errorCode?: unknown } | null)?.errorCode;
  const code = typeof errorCode === 'string' ? errorCode : 'unknown';
  logger.warn('graph token refused', { errorCode: code, server: e instanceof ServerError });
  if (e instanceof ServerError && ['invalid_client', 'unauthorized_client', 'invalid_scope', 'invalid_request'].includes(code)) {
    return new AttuneError('forbidden', "Microsoft sign-in refused Attune's app registration; nothing was changed in Outlook. IT: check GRAPH_CLIENT_ID and GRAPH_TENANT_ID, that the certificate (its thumbprint) is uploaded to the app registration, and that admin consent was given.", [`Entra: ${code}`]);
  }
  return new AttuneError('unavailable', 'Microsoft sign-in could not be reached; nothing was changed in Outlook. Please try again in a few minutes.', { details: [`Entra: ${code}`], retryAfterSeconds: 30 });
}

/** msal's network client: fetch, to one origin only. */
class AuthorityOnlyNetwork implements INetworkModule {
  constructor(private readonly options: { readonly origin: string; readonly fetch: typeof fetch }) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, { method: 'GET', options });
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, { method: 'POST', options });
  }

  private async send<T>(url: string, request: { method: 'GET' | 'POST'; options: NetworkRequestOptions | undefined }): Promise<NetworkResponse<T>> {
    const target = new URL(url);
    if (target.origin !== this.options.origin) throw new Error(`Attune's token client asks only ${this.options.origin}, not ${target.origin}.`);
    const response = await this.options.fetch(target, {
      method: request.method,
      headers: request.options?.headers ?? {},
      ...(request.method === 'POST' ? { body: request.options?.body ?? '' } : {}),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {};
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    return { headers, body: body as T, status: response.status };
  }
}
