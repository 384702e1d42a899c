import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { AttuneError } from '../../domain/errors';
import { emailFromClaims } from '../../domain/external-supervision';
import type { BearerTokenVerifier, VerifiedIdentity } from '../../ports/identity';

export interface TokenVerifierOptions {
  /** e.g. https://login.microsoftonline.com — the JWKS is `{authorityHost}/{tid}/discovery/v2.0/keys`. */
  readonly authorityHost: string;
  /** Our app's client id: the token's audience. */
  readonly audience: string;
  readonly allowedTenants: readonly string[];
  readonly requiredScope?: string;
  readonly clockToleranceSeconds?: number;
  /** Minimum time between JWKS refetches for an unknown `kid`. */
  readonly jwksCooldownMs?: number;
  readonly jwksTimeoutMs?: number;
  /** True for the configured Entra authority: its tokens may be exchanged on the person's behalf (see BearerTokenVerifier). */
  readonly onBehalfOf?: boolean;
}

export interface VerifiedCaller extends VerifiedIdentity {
  readonly expiresAt: Date;
}

/**
 * Verifies an Entra ID v2 access token as SECURITY.md lists: RS256 only, the tenant's own JWKS, the exact
 * issuer of an allowed tenant, our audience, the `access_as_user` scope (app-only tokens have none),
 * expiry and not-before with at most 60 s of skew. The person is `tid` + `oid`. Fails closed.
 */
export class TokenVerifier implements BearerTokenVerifier {
  private readonly options: Required<TokenVerifierOptions>;
  private readonly jwks = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  readonly onBehalfOf: boolean;

  constructor(options: TokenVerifierOptions) {
    this.options = { requiredScope: 'access_as_user', clockToleranceSeconds: 60, jwksCooldownMs: 30_000, jwksTimeoutMs: 5_000, onBehalfOf: false, ...options };
    this.onBehalfOf = this.options.onBehalfOf;
  }

  async verify(token: string): Promise<VerifiedCaller> {
    const reject = (why: string): never => {
      throw new AttuneError('unauthenticated', 'Your sign-in is not valid. Please sign in again.', [why]);
    };
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) || token.length > 16_384) return reject('malformed token');
    let unverified: JWTPayload;
    try {
      if (decodeProtectedHeader(token).alg !== 'RS256') return reject('algorithm not allowed');
      unverified = decodeJwt(token);
    } catch {
      return reject('malformed token');
    }
    const tid = unverified.tid;
    if (typeof tid !== 'string' || !this.options.allowedTenants.includes(tid)) return reject('tenant not allowed');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keysFor(tid), {
        algorithms: ['RS256'],
        issuer: `${this.options.authorityHost}/${tid}/v2.0`,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds,
        requiredClaims: ['exp', 'iat', 'tid', 'oid'],
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWKSTimeout || (e instanceof Error && /fetch|ECONNREFUSED|network/i.test(e.message) && !(e instanceof joseErrors.JOSEError))) {
        throw new AttuneError('unavailable', 'Sign-in cannot be checked just now. Please try again in a moment.');
      }
      return reject(e instanceof joseErrors.JOSEError ? e.code : 'verification failed');
    }
    if (payload.tid !== tid) return reject('tenant mismatch');
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(this.options.requiredScope)) return reject('missing scope');
    if (payload.ver !== undefined && payload.ver !== '2.0') return reject('not a v2 access token');
    const oid = payload.oid;
    if (typeof oid !== 'string' || !/^[0-9a-zA-Z-]{1,64}$/.test(oid) || !/^[0-9a-zA-Z-]{1,64}$/.test(tid)) return reject('bad subject');
    // The email and name serve one purpose: matching an external supervisor's invitation on first sign-in.
    const email = emailFromClaims({ email: payload.email, preferred_username: payload.preferred_username, upn: payload.upn });
    const name = typeof payload.name === 'string' ? payload.name.trim().slice(0, 200) : '';
    return { tenantId: tid, objectId: oid, expiresAt: new Date((payload.exp ?? 0) * 1000), ...(email ? { email } : {}), ...(name ? { displayName: name } : {}) };
  }

  private keysFor(tid: string): ReturnType<typeof createRemoteJWKSet> {
    let set = this.jwks.get(tid);
    if (!set) {
      set = createRemoteJWKSet(new URL(`${this.options.authorityHost}/${tid}/discovery/v2.0/keys`), {
        cooldownDuration: this.options.jwksCooldownMs,
        timeoutDuration: this.options.jwksTimeoutMs,
        cacheMaxAge: 24 * 3600_000,
      });
      this.jwks.set(tid, set);
    }
    return set;
  }
}
