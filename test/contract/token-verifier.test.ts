import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { TokenVerifier } from '../../src/adapters/identity/token-verifier';
import { AttuneError } from '../../src/domain/errors';
import { startEntraIssuer, type EntraIssuer } from '../support/entra-issuer';

const audience = 'aud-client-id';
const tenant = 'tenant-1';
const person = { tenantId: tenant, objectId: 'object-1' };

describe('TokenVerifier (against a loopback authority)', () => {
  let issuer: EntraIssuer;
  before(async () => {
    issuer = await startEntraIssuer({ audience });
  });
  after(async () => issuer.stop());

  const verifier = (cooldownMs = 60_000): TokenVerifier => new TokenVerifier({ authorityHost: issuer.authorityHost, audience, allowedTenants: [tenant], jwksCooldownMs: cooldownMs });

  it('returns the tenant and object id of a valid token', async () => {
    const caller = await verifier().verify(await issuer.token(person));
    assert.equal(caller.tenantId, tenant);
    assert.equal(caller.objectId, 'object-1');
  });

  it('fetches the JWKS once for many tokens', async () => {
    const v = verifier();
    const before = issuer.jwksFetches();
    for (let i = 0; i < 5; i++) await v.verify(await issuer.token(person));
    assert.equal(issuer.jwksFetches() - before, 1);
  });

  it('refetches at most once per cooldown for unknown key ids', async () => {
    const v = verifier(60_000);
    await v.verify(await issuer.token(person));
    const before = issuer.jwksFetches();
    for (let i = 0; i < 5; i++) {
      await assert.rejects(v.verify(await issuer.token({ ...person, header: { kid: `unknown-${i}` } })), (e) => e instanceof AttuneError && e.code === 'unauthenticated');
    }
    assert.ok(issuer.jwksFetches() - before <= 1, `fetched ${issuer.jwksFetches() - before} times`);
  });

  it('accepts a token a little past expiry within the 60 s skew, and refuses one beyond it', async () => {
    const now = Math.floor(Date.now() / 1000);
    await verifier().verify(await issuer.token({ ...person, claims: { exp: now - 30 } }));
    await assert.rejects(verifier().verify(await issuer.token({ ...person, claims: { exp: now - 90 } })), (e) => e instanceof AttuneError && e.code === 'unauthenticated');
  });

  it('fails closed when the JWKS cannot be reached', async () => {
    const token = await issuer.token(person);
    const v = new TokenVerifier({ authorityHost: 'http://127.0.0.1:9', audience, allowedTenants: [tenant], jwksTimeoutMs: 1000 });
    await assert.rejects(v.verify(token), (e) => e instanceof AttuneError && e.code === 'unavailable');
  });
});
