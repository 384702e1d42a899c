import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for Azure Key Vault's keys API, answering the way the service does (Key Vault REST
 * reference, keys 7.x): an unauthenticated request gets 401 with a `WWW-Authenticate: Bearer authorization=…,
 * resource=…` challenge; `GET /keys/{name}[/{version}]` returns the key bundle (public part only);
 * `POST …/wrapkey` and `…/unwrapkey` do RSA-OAEP-256 with the key that never leaves this process; a
 * ciphertext that does not decrypt is `400 BadParameter`. `rotate()` adds a version, as a rotation policy would.
 */
export interface LoopbackKeyVault {
  readonly vaultUrl: string;
  readonly token: string;
  /** `${vaultUrl}/keys/${name}` — versionless: follows the newest version. */
  readonly keyId: string;
  readonly requests: { method: string; path: string; authorized: boolean }[];
  rotate(): string;
  stop(): Promise<void>;
}

export async function startLoopbackKeyVault(name = 'clip-kek'): Promise<LoopbackKeyVault> {
  const token = 'fixed-test-token';
  const versions: { id: string; publicKey: KeyObject; privateKey: KeyObject }[] = [];
  const requests: LoopbackKeyVault['requests'] = [];
  let base = '';
  const rotate = (): string => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const id = `v${versions.length + 1}${'0'.repeat(30)}`;
    versions.push({ id, publicKey, privateKey });
    return `${base}/keys/${name}/${id}`;
  };
  const bundle = (v: (typeof versions)[number]): unknown => {
    const jwk = v.publicKey.export({ format: 'jwk' });
    return { key: { kid: `${base}/keys/${name}/${v.id}`, kty: 'RSA', key_ops: ['wrapKey', 'unwrapKey'], n: jwk.n, e: jwk.e }, attributes: { enabled: true, created: 1_700_000_000, updated: 1_700_000_000, recoveryLevel: 'Recoverable+Purgeable' } };
  };
  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const url = new URL(req.url ?? '/', base);
      const authorized = req.headers.authorization === `Bearer ${token}`;
      requests.push({ method: req.method ?? '', path: url.pathname, authorized });
      const reply = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(json));
      };
      if (!authorized) {
        reply(401, { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } }, { 'WWW-Authenticate': 'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001", resource="https://vault.azure.net"' });
        return;
      }
      if (!url.searchParams.get('api-version')) return reply(400, { error: { code: 'BadParameter', message: 'api-version is required' } });
      const m = /^\/keys\/([^/]+)(?:\/([^/]*))?(?:\/(wrapkey|unwrapkey))?\/?$/.exec(url.pathname);
      if (!m || m[1] !== name) return reply(404, { error: { code: 'KeyNotFound', message: 'A key with (name/id) was not found in this key vault.' } });
      const version = m[2] ? versions.find((v) => v.id === m[2]) : versions[versions.length - 1];
      if (!version) return reply(404, { error: { code: 'KeyNotFound', message: 'A key with (name/id) was not found in this key vault.' } });
      const kid = `${base}/keys/${name}/${version.id}`;
      if (req.method === 'GET' && !m[3]) return reply(200, bundle(version));
      if (req.method !== 'POST' || !m[3]) return reply(405, { error: { code: 'BadParameter', message: 'method not allowed' } });
      const { alg, value } = (body ?? {}) as { alg?: string; value?: string };
      if (alg !== 'RSA-OAEP-256' || typeof value !== 'string') return reply(400, { error: { code: 'BadParameter', message: 'Algorithm and value are required.' } });
      const input = Buffer.from(value, 'base64url');
      try {
        const out =
          m[3] === 'wrapkey'
            ? publicEncrypt({ key: version.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, input)
            : privateDecrypt({ key: version.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, input);
        return reply(200, { kid, value: out.toString('base64url') });
      } catch {
        return reply(400, { error: { code: 'BadParameter', message: 'The parameter is incorrect.' } });
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  rotate();
  return { vaultUrl: base, token, keyId: `${base}/keys/${name}`, requests, rotate, stop: () => new Promise<void>((ok) => server.close(() => ok())) };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((ok) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        ok(text ? JSON.parse(text) : null);
      } catch {
        ok(null);
      }
    });
  });
}
