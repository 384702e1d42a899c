import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import restify, { type Server } from 'restify';
import { TokenVerifier } from '../../src/adapters/identity/token-verifier';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { authenticate, delegatedUserOf } from '../../src/http/authenticate';
import { sendError } from '../../src/http/errors';
import type { Logger } from '../../src/ports/logger';
import { startEntraIssuer, type EntraIssuer } from '../support/entra-issuer';
import { startSeededStore } from '../support/seeded-store';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('delegatedUserOf (a real restify server, the real verifiers, a seeded store)', () => {
  const audience = '11111111-1111-4111-8111-111111111111';
  let entra: EntraIssuer;
  let development: EntraIssuer;
  let store: Awaited<ReturnType<typeof startSeededStore>>;
  let server: Server;
  let base: string;

  before(async () => {
    [entra, development, store] = await Promise.all([startEntraIssuer({ audience }), startEntraIssuer({ audience }), startSeededStore()]);
    const verifiers = [
      new TokenVerifier({ authorityHost: entra.authorityHost, audience, allowedTenants: [demoTenantId], onBehalfOf: true }),
      // As main.ts makes the development issuer's verifier: its tokens are never exchanged.
      new TokenVerifier({ authorityHost: development.authorityHost, audience, allowedTenants: [demoTenantId] }),
    ];
    server = restify.createServer();
    server.get('/probe', async (req, res) => {
      const before = delegatedUserOf(req);
      try {
        await authenticate(req, { app: store.app, verifiers });
        res.json(200, { before: before !== null, assertion: delegatedUserOf(req)?.assertion ?? null });
      } catch (e) {
        sendError(res, e, silent);
      }
    });
    await new Promise<void>((ok) => void server.listen(0, '127.0.0.1', () => ok()));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(async () => {
    await new Promise<void>((ok) => void server.close(() => ok()));
    await Promise.all([entra.stop(), development.stop(), store.stop()]);
  });

  const probe = async (token: string) => {
    const res = await fetch(`${base}/probe`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as { before?: boolean; assertion?: string | null } };
  };

  it("gives the person's Entra SSO token, once the request is authenticated", async () => {
    const token = await entra.token({ tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId });
    const { status, body } = await probe(token);
    assert.equal(status, 200);
    assert.equal(body.before, false, 'nothing before authenticate ran');
    assert.equal(body.assertion, token);
  });

  it('gives null for a development sign-in token', async () => {
    const token = await development.token({ tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId });
    const { status, body } = await probe(token);
    assert.equal(status, 200);
    assert.equal(body.assertion, null);
  });

  it('gives nothing for a token that was refused', async () => {
    const token = await entra.token({ tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId, foreignKey: true });
    assert.equal((await probe(token)).status, 401);
  });
});
