import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import type { PersonRef } from '../../domain/people';
import type { DevelopmentTokenIssuer } from '../../ports/identity';

/**
 * Development sign-in: a local issuer that signs tokens shaped like Entra ID v2 access tokens. Its JWKS is
 * served by the app, and its tokens go through the very same TokenVerifier as real ones. Development only:
 * the composition root never creates it in production.
 */
export interface DevIssuer extends DevelopmentTokenIssuer {
  jwks(): { keys: (JWK & { kty: string })[] };
  issue(person: PersonRef, lifetimeSeconds?: number): Promise<{ token: string; expiresAt: Date }>;
}

/** `authorityHost` is read when a token is issued: the app's own address is known only once it listens. */
export async function createDevIssuer(options: { authorityHost: () => string; audience: string }): Promise<DevIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const exported = await exportJWK(publicKey);
  const publicJwk = { ...exported, kty: exported.kty ?? 'RSA', kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: () => ({ keys: [publicJwk] }),
    async issue(person, lifetimeSeconds = 3600) {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ tid: person.tenantId, oid: person.objectId, scp: 'access_as_user', ver: '2.0' })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(`${options.authorityHost()}/${person.tenantId}/v2.0`)
        .setAudience(options.audience)
        .setSubject(person.objectId)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + lifetimeSeconds)
        .sign(privateKey);
      return { token, expiresAt: new Date((now + lifetimeSeconds) * 1000) };
    },
  };
}
