import type { PersonRef } from '../domain/people';

/**
 * Who a bearer token says is calling: the person as tenant + object id, never a name or an email. Throws
 * `AttuneError('unauthenticated')` for a token it does not accept (the reason in `details`, for the log) and
 * `AttuneError('unavailable')` when it cannot tell (the issuer's keys could not be fetched).
 */
export interface BearerTokenVerifier {
  verify(token: string): Promise<PersonRef>;
  /**
   * True when the tokens it accepts are Entra ID SSO tokens for Attune's own app registration, which Microsoft
   * 365 calls may be made with on the person's behalf (OBO). False or absent for the development issuer.
   */
  readonly onBehalfOf?: boolean;
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
