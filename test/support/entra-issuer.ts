import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

/**
 * A loopback stand-in for Entra ID: publishes a tenant's JWKS at `/{tenant}/discovery/v2.0/keys`, as the
 * real authority does, and mints v2 access tokens (or deliberately broken ones) for the security tests.
 */
export interface EntraIssuer {
  readonly authorityHost: string;
  /** Signs `claims` merged over a valid access token for `tenantId`/`objectId`. */
  token(input: { tenantId: string; objectId: string; claims?: JWTPayload; header?: Record<string, unknown>; foreignKey?: boolean }): Promise<string>;
  /** The public key as PEM/JWK, for algorithm-confusion attempts. */
  readonly publicJwk: Record<string, unknown>;
  jwksFetches(): number;
  stop(): Promise<void>;
}

export async function startEntraIssuer(options: { audience: string }): Promise<EntraIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256');
  const kid = 'entra-test-key';
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(req.url ?? '')) {
      fetches++;
      res.end(JSON.stringify({ keys: [publicJwk] }));
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const authorityHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authorityHost,
    publicJwk,
    jwksFetches: () => fetches,
    async token({ tenantId, objectId, claims = {}, header = {}, foreignKey = false }) {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = {
        aud: options.audience,
        iss: `${authorityHost}/${tenantId}/v2.0`,
        iat: now - 5,
        nbf: now - 5,
        exp: now + 3600,
        tid: tenantId,
        oid: objectId,
        sub: objectId,
        scp: 'access_as_user',
        ver: '2.0',
        ...claims,
      };
      for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT', ...header }).sign(foreignKey ? foreign.privateKey : privateKey);
    },
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
