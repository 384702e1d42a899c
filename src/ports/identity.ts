import type { PersonRef } from '../domain/people';

/**
 * Who a bearer token says is calling: the person as tenant + object id, never a name or an email. Throws
 * `AttuneError('unauthenticated')` for a token it does not accept (the reason in `details`, for the log) and
 * `AttuneError('unavailable')` when it cannot tell (the issuer's keys could not be fetched).
 */
export interface BearerTokenVerifier {
  verify(token: string): Promise<VerifiedIdentity>;
  /**
   * True when the tokens it accepts are Entra ID SSO tokens for Attune's own app registration, which Microsoft
   * 365 calls may be made with on the person's behalf (OBO). False or absent for the development issuer.
   */
  readonly onBehalfOf?: boolean;
}

/**
 * The person a verified token names, and what it says about them that Attune uses only when an external
 * supervisor signs in for the first time: the email (to match an invitation; never logged, never stored on the
 * person) and the display name (for the person record it creates). Everything else keys on tenant + object id.
 */
export interface VerifiedIdentity extends PersonRef {
  /** `email`, else `preferred_username`, else `upn` — the first that is an email address, normalised. */
  readonly email?: string;
  /** The `name` claim. */
  readonly displayName?: string;
}

/** A JSON Web Key Set, as published at an issuer's keys endpoint. */
export interface KeySet {
  readonly keys: readonly { readonly kty: string; readonly kid?: string }[];
}

/**
 * Development sign-in only: issues tokens shaped like the real ones, so they go through the same verifier, and
 * publishes the keys that verify them. The composition root never creates one in production.
 */
export interface DevelopmentTokenIssuer {
  issue(person: PersonRef): Promise<{ token: string; expiresAt: Date }>;
  jwks(): KeySet;
}
