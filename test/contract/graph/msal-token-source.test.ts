import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { MsalTokenSource } from '../../../src/adapters/graph/msal-token-source';
import { AttuneError, type ErrorCode } from '../../../src/domain/errors';
import { startGraphFixture, type GraphFixture } from './graph-fixture';

const isError = (code: ErrorCode) => (e: unknown) => e instanceof AttuneError && e.code === code;

describe('MsalTokenSource (real msal-node against a loopback token endpoint)', () => {
  let fx: GraphFixture;

  before(async () => {
    fx = await startGraphFixture();
  });
  after(async () => {
    await fx.stop();
  });

  describe('accessToken', () => {
    it('gets an app-only token with a certificate-signed client assertion and keeps it in memory', async () => {
      const tokens = fx.tokens();
      const before = fx.graph.tokenRequests();
      const [a, b] = await Promise.all([tokens.accessToken(), tokens.accessToken()]);
      const c = await tokens.accessToken();
      assert.ok(fx.graph.issuedTokens.includes(a));
      assert.equal(b, a);
      assert.equal(c, a);
      assert.equal(fx.graph.tokenRequests() - before, 1, 'one request for three calls');
      const sent = new URLSearchParams(fx.graph.requests.at(-1)!.body);
      assert.equal(sent.get('grant_type'), 'client_credentials');
      assert.equal(sent.get('client_assertion_type'), 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      assert.equal(sent.get('client_secret'), null);
      assert.match(sent.get('scope') ?? '', /https:\/\/graph\.microsoft\.com\/\.default/);
    });

    it('gets a token with a client secret (development only)', async () => {
      const token = await fx.tokens({ kind: 'secret', secret: fx.secret }).accessToken();
      assert.ok(fx.graph.issuedTokens.includes(token));
    });

    it('says forbidden, naming what IT should check, when Entra refuses the secret', async () => {
      await assert.rejects(fx.tokens({ kind: 'secret', secret: 'wrong' }).accessToken(), (e: unknown) => isError('forbidden')(e) && /GRAPH_CLIENT_ID/.test((e as Error).message) && /certificate/.test((e as Error).message));
    });

    it('says forbidden when the certificate is not registered on the app', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const other = { kind: 'certificate' as const, thumbprintSha256: 'ab'.repeat(32), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
      await assert.rejects(fx.tokens(other).accessToken(), isError('forbidden'));
    });

    it('says unavailable when the token endpoint cannot be reached', async () => {
      const unreachable = new MsalTokenSource({
        tenantId: fx.graph.tenantId,
        clientId: fx.clientId,
        credential: { kind: 'secret', secret: fx.secret },
        authorityHost: fx.graph.origin,
        logger: fx.logger,
        fetch: () => Promise.reject(new TypeError('fetch failed')),
      });
      await assert.rejects(unreachable.accessToken(), (e: unknown) => isError('unavailable')(e) && /could not be reached/.test((e as Error).message));
    });
  });

  describe('through the Graph client', () => {
    it('passes a refused sign-in through as forbidden, and sends nothing to Graph', async () => {
      const before = fx.graph.graphRequests().length;
      const calendar = fx.calendar({ credential: { kind: 'secret', secret: 'wrong' } });
      await assert.rejects(calendar.managerOf({ tenantId: fx.graph.tenantId, objectId: randomUUID() }), isError('forbidden'));
      assert.equal(fx.graph.graphRequests().length, before);
    });
  });

  describe('what stays private and local', () => {
    it('logged no token, key or secret', () => {
      const log = fx.lines.join('\n');
      for (const token of fx.graph.issuedTokens) assert.ok(!log.includes(token));
      assert.ok(!log.includes(fx.secret) && !log.includes('"wrong"') && !log.includes('PRIVATE KEY'));
    });

    it('asked nothing but the token endpoint, and never the global fetch', () => {
      assert.deepEqual(fx.graph.strays, []);
      assert.equal(fx.globalFetchCalls(), 0);
      assert.ok(fx.graph.requests.length > 0);
      assert.ok(fx.graph.requests.every((r) => r.path === `/${fx.graph.tenantId}/oauth2/v2.0/token` || r.path.startsWith('/v1.0/')));
      assert.ok(fx.graph.requests.filter((r) => !r.path.startsWith('/v1.0/')).every((r) => r.method === 'POST'));
    });
  });
});
