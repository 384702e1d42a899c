import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * A loopback stand-in for the Bot Framework channel's token issuer: an OpenID metadata document and a JWKS
 * (keys endorsed for msteams, as the real ones are), and a signer for channel tokens.
 */
export interface BotIssuer {
  readonly metadataUrl: string;
  readonly issuer: string;
  sign(claims: { audience: string; serviceUrl: string; issuer?: string; expiresIn?: number; notBefore?: number; kid?: string; alg?: 'RS256' }): Promise<string>;
  /** A token signed by a key the issuer never published. */
  signWithForeignKey(claims: { audience: string; serviceUrl: string }): Promise<string>;
  stop(): Promise<void>;
}

export async function startBotIssuer(): Promise<BotIssuer> {
  const issuer = 'https://api.botframework.com';
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const kid = 'attune-test-key';
  const jwk: JWK & { endorsements: string[] } = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/v1/keys') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const now = (): number => Math.floor(Date.now() / 1000);
  const sign = async (key: CryptoKey, c: { audience: string; serviceUrl: string; issuer?: string; expiresIn?: number; notBefore?: number; kid?: string }): Promise<string> =>
    new SignJWT({ serviceurl: c.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: c.kid ?? kid, typ: 'JWT' })
      .setIssuer(c.issuer ?? issuer)
      .setAudience(c.audience)
      .setIssuedAt(now() - 10)
      .setNotBefore(c.notBefore ?? now() - 10)
      .setExpirationTime(now() + (c.expiresIn ?? 600))
      .sign(key);
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    issuer,
    sign: (c) => sign(privateKey, c),
    signWithForeignKey: (c) => sign(foreign.privateKey, c),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
