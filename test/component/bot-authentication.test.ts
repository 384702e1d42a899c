import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { demoTenantId } from '../../src/app/seed-demo';
import { startBotIssuer, type BotIssuer } from '../support/bot-issuer';
import { startTestApp, type TestApp } from '../support/app';
import { teamsUser } from '../support/seeded-store';

const botId = '6a1e3f0c-7d55-4c3e-9a0b-0c2f5d9e7b11';
const serviceUrl = 'https://smba.trafficmanager.net/emea/';

/** With a bot app id set, every activity must carry a valid Bot Framework channel token. */
describe('bot endpoint authentication (signed activities, loopback issuer)', () => {
  let issuer: BotIssuer;
  let app: TestApp;

  before(async () => {
    issuer = await startBotIssuer();
    app = await startTestApp({
      env: {
        BOT_ID: botId,
        BOT_TYPE: 'SingleTenant',
        BOT_PASSWORD: 'test-only-secret',
        BOT_TENANT_ID: demoTenantId,
        ALLOWED_TENANTS: demoTenantId,
        BOT_OPENID_METADATA_URL: issuer.metadataUrl,
      },
    });
  });
  after(async () => {
    await app.stop();
    await issuer.stop();
  });

  // A conversationUpdate with nobody added needs no reply, so acceptance is visible as a plain 200.
  const activity = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'conversationUpdate',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: demoTenantId },
    recipient: { id: `28:${botId}`, name: 'Attune' },
    ...teamsUser('trainee'),
    ...overrides,
  });
  const post = (body: unknown, token?: string): Promise<Response> =>
    fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

  it('accepts an activity signed by the channel for our bot', async () => {
    const res = await post(activity(), await issuer.sign({ audience: botId, serviceUrl }));
    assert.equal(res.status, 200);
  });

  const refused: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a malformed token', async () => 'not.a.jwt'],
    ['a token for another bot', async () => issuer.sign({ audience: 'someone-else', serviceUrl })],
    ['a token from another issuer', async () => issuer.sign({ audience: botId, serviceUrl, issuer: 'https://evil.example' })],
    ['an expired token', async () => issuer.sign({ audience: botId, serviceUrl, expiresIn: -600 })],
    ['a token not valid yet', async () => issuer.sign({ audience: botId, serviceUrl, notBefore: Math.floor(Date.now() / 1000) + 3600 })],
    ['a token signed with an unpublished key', async () => issuer.signWithForeignKey({ audience: botId, serviceUrl })],
    ['a token whose serviceurl claim differs from the activity', async () => issuer.sign({ audience: botId, serviceUrl: 'https://smba.trafficmanager.net/other/' })],
    ['an unsigned (alg none) token', async () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ aud: botId, iss: 'https://api.botframework.com', serviceurl: serviceUrl, exp: 9999999999 })).toString('base64url')}.`],
  ];
  for (const [what, token] of refused) {
    it(`refuses ${what} with 401`, async () => {
      const res = await post(activity(), await token());
      assert.equal(res.status, 401);
    });
  }

  it('refuses a validly signed activity from a tenant that is not allowed', async () => {
    const res = await post(activity({ channelData: { tenant: { id: 'ffffffff-0000-0000-0000-000000000000' } }, conversation: { id: 'a:x', tenantId: 'ffffffff-0000-0000-0000-000000000000' } }), await issuer.sign({ audience: botId, serviceUrl }));
    assert.equal(res.status, 403);
  });

  it('refuses a serviceUrl off the allow-list even when signed for it', async () => {
    const evil = 'https://attacker.example/';
    const res = await post(activity({ serviceUrl: evil }), await issuer.sign({ audience: botId, serviceUrl: evil }));
    assert.equal(res.status, 403);
  });
});
