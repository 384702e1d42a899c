import type { TokenCredential } from '@azure/identity';
import { AttuneError } from '../../domain/errors';
import type { Logger } from '../../ports/logger';
import type { AccessTokenSource } from './msal-token-source';

export interface CredentialTokenSourceOptions {
  /** An Azure credential, in production a `ManagedIdentityCredential` (system- or user-assigned). */
  readonly credential: Pick<TokenCredential, 'getToken'>;
  /** Default `https://graph.microsoft.com/.default`. */
  readonly scope?: string;
  readonly logger: Logger;
}

/** Refreshed this long before it expires, so a call never starts with a token about to lapse. */
const refreshMarginMs = 5 * 60_000;

/**
 * Graph tokens from an Azure credential — the managed-identity way of signing in, where there is no
 * certificate or secret to hold at all. Tokens are kept in memory until shortly before they expire, and
 * calls made together share one request. Tokens are never logged.
 */
export class CredentialTokenSource implements AccessTokenSource {
  private readonly scope: string;
  private cached: { token: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(private readonly options: CredentialTokenSourceOptions) {
    this.scope = options.scope ?? 'https://graph.microsoft.com/.default';
  }

  accessToken(): Promise<string> {
    if (this.cached && this.cached.expiresAt - refreshMarginMs > Date.now()) return Promise.resolve(this.cached.token);
    this.pending ??= this.acquire().finally(() => (this.pending = null));
    return this.pending;
  }

  private async acquire(): Promise<string> {
    let result: Awaited<ReturnType<TokenCredential['getToken']>>;
    try {
      result = await this.options.credential.getToken(this.scope);
    } catch (e) {
      const name = e instanceof Error ? e.name : 'unknown';
      this.options.logger.warn('graph token refused', { errorName: name, source: 'credential' });
      if (name === 'AuthenticationError' || name === 'CredentialUnavailableError') {
        throw new AttuneError('forbidden', "Attune's managed identity could not sign in to Microsoft Graph; nothing was changed in Outlook. IT: check that the identity is assigned to the app (and GRAPH_MANAGED_IDENTITY_CLIENT_ID names it) and that it was granted the Graph application permissions.", [`Azure: ${name}`]);
      }
      throw new AttuneError('unavailable', 'Microsoft sign-in could not be reached; nothing was changed in Outlook. Please try again in a few minutes.', { details: [`Azure: ${name}`], retryAfterSeconds: 30 });
    }
    if (!result) throw new AttuneError('unavailable', 'Microsoft sign-in gave Attune no token; nothing was changed in Outlook. Please try again.', { retryAfterSeconds: 30 });
    this.cached = { token: result.token, expiresAt: result.expiresOnTimestamp };
    return result.token;
  }
}
