/**
 * The security suite: every category of bad input in SECURITY.md, tried against the running server over
 * real HTTP. Each input is its own test; none may be accepted, none may cause a 5xx. The suite ends with one
 * line: `security: N bad inputs tried, 0 accepted`.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { SignJWT, base64url } from 'jose';
import { demoExternalSupervisor, demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { startBotIssuer, type BotIssuer } from '../support/bot-issuer';
import { startEntraIssuer, type EntraIssuer } from '../support/entra-issuer';
import { awayFromMinuteBoundary, startTestApp, type TestApp } from '../support/app';
import { teamsUser } from '../support/seeded-store';
import { ClipClient } from '../fixtures/clip-client';
import { makeTinyMp4 } from '../fixtures/tiny-mp4';

const clientId = '5b7c9d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e';
const botId = '6a1e3f0c-7d55-4c3e-9a0b-0c2f5d9e7b11';
const otherTenant = '7e0f2a1b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const outsiderTenant = '99999999-8888-7777-6666-555555555555';
const serviceUrl = 'https://smba.trafficmanager.net/emea/';

const tally = { tried: 0, accepted: 0, acceptedNames: [] as string[] };

/** One bad input: it must be refused (4xx), never accepted (2xx/3xx) and never crash the server (5xx). */
function badInput(name: string, attempt: () => Promise<number>): void {
  it(name, async () => {
    const status = await attempt();
    tally.tried++;
    if (status < 400) {
      tally.accepted++;
      tally.acceptedNames.push(name);
    }
    assert.ok(status >= 400 && status < 500, `${name}: answered ${status}`);
  });
}

describe('security: bad inputs against the running server', () => {
  let app: TestApp;
  let entra: EntraIssuer;
  let bot: BotIssuer;

  before(async () => {
    entra = await startEntraIssuer({ audience: clientId });
    bot = await startBotIssuer();
    app = await startTestApp({
      env: {
        AAD_APP_CLIENT_ID: clientId,
        AUTHORITY_HOST: entra.authorityHost,
        ALLOWED_TENANTS: `${demoTenantId},${otherTenant}`,
        BOT_ID: botId,
        BOT_TYPE: 'SingleTenant',
        BOT_PASSWORD: 'test-only-secret',
        BOT_TENANT_ID: demoTenantId,
        BOT_OPENID_METADATA_URL: bot.metadataUrl,
        RATE_LIMIT_PER_ADDRESS: '100000',
        RATE_LIMIT_PER_PERSON: '100000',
      },
    });
  });
  after(async () => {
    await app.stop();
    await entra.stop();
    await bot.stop();
    console.log(`security: ${tally.tried} bad inputs tried, ${tally.accepted} accepted${tally.accepted ? ` (${tally.acceptedNames.join('; ')})` : ''}`);
  });

  const trainee = { tenantId: demoTenantId, objectId: demoPeople.trainee.objectId };
  const get = async (path: string, headers: Record<string, string> = {}): Promise<number> => {
    const res = await fetch(`${app.baseUrl}${path}`, { headers });
    await res.arrayBuffer();
    return res.status;
  };
  const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

  it('accepts a valid token from the loopback authority (the suite is testing something real)', async () => {
    assert.equal(await get('/api/me', bearer(await entra.token(trainee))), 200);
  });

  describe('tokens on every authenticated route', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const variants: [string, () => Promise<Record<string, string>>][] = [
      ['no Authorization header', async () => ({})],
      ['an empty bearer', async () => ({ Authorization: 'Bearer ' })],
      ['a Basic credential', async () => ({ Authorization: 'Basic YWxpY2U6c2VjcmV0' })],
      ['a malformed token', async () => bearer('not-a-jwt')],
      ['a two-part token', async () => bearer('eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ4In0')],
      ['alg none', async () => bearer(`${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify({ aud: clientId, tid: demoTenantId, oid: trainee.objectId, scp: 'access_as_user', iss: `${entra.authorityHost}/${demoTenantId}/v2.0`, exp: now() + 600, iat: now() }))}.`)],
      ['HS256 signed with the public key', async () => bearer(await new SignJWT({ aud: clientId, tid: demoTenantId, oid: trainee.objectId, scp: 'access_as_user', iss: `${entra.authorityHost}/${demoTenantId}/v2.0`, ver: '2.0' }).setProtectedHeader({ alg: 'HS256', kid: 'entra-test-key' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(JSON.stringify(entra.publicJwk))))],
      ['a wrong issuer', async () => bearer(await entra.token({ ...trainee, claims: { iss: `https://login.microsoftonline.com/${demoTenantId}/v2.0` } }))],
      ['a wrong audience', async () => bearer(await entra.token({ ...trainee, claims: { aud: 'api://someone-else' } }))],
      ['a tenant not allowed', async () => bearer(await entra.token({ tenantId: outsiderTenant, objectId: trainee.objectId }))],
      ['an issuer tenant different from tid', async () => bearer(await entra.token({ ...trainee, claims: { iss: `${entra.authorityHost}/${otherTenant}/v2.0` } }))],
      ['an expired token', async () => bearer(await entra.token({ ...trainee, claims: { exp: now() - 120, iat: now() - 3600, nbf: now() - 3600 } }))],
      ['a token not yet valid', async () => bearer(await entra.token({ ...trainee, claims: { nbf: now() + 600 } }))],
      ['an ID token instead of an access token', async () => bearer(await entra.token({ ...trainee, claims: { scp: undefined, nonce: 'n-0S6_WzA2Mj', aud: clientId } }))],
      ['an app-only token with roles and no scp', async () => bearer(await entra.token({ ...trainee, claims: { scp: undefined, roles: ['Attune.Admin'], idtyp: 'app' } }))],
      ['a scope other than access_as_user', async () => bearer(await entra.token({ ...trainee, claims: { scp: 'User.Read' } }))],
      ['an unknown kid', async () => bearer(await entra.token({ ...trainee, header: { kid: 'rotated-away' } }))],
      ['a signature from an unpublished key', async () => bearer(await entra.token({ ...trainee, foreignKey: true }))],
      ['a v1 token', async () => bearer(await entra.token({ ...trainee, claims: { ver: '1.0' } }))],
      ['no oid claim', async () => bearer(await entra.token({ ...trainee, claims: { oid: undefined } }))],
      ['a tampered payload', async () => {
        const [h, , s] = (await entra.token(trainee)).split('.');
        return bearer(`${h}.${base64url.encode(JSON.stringify({ aud: clientId, tid: demoTenantId, oid: demoPeople.admin.objectId, scp: 'access_as_user', iss: `${entra.authorityHost}/${demoTenantId}/v2.0`, exp: now() + 600 }))}.${s}`);
      }],
      ['an oversized token', async () => bearer(`${'a'.repeat(20_000)}.${'b'.repeat(20_000)}.c`)],
      ['a valid token for someone Attune does not know', async () => bearer(await entra.token({ tenantId: demoTenantId, objectId: '12345678-0000-0000-0000-000000000000' }))],
      ['a development sign-in token issued for the wrong audience', async () => {
        const res = await fetch(`${app.baseUrl}/api/dev/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: `${demoTenantId}:${demoPeople.trainee.objectId}` }) });
        const { token } = (await res.json()) as { token: string };
        const [h, p, s] = token.split('.') as [string, string, string];
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
        return bearer(`${h}.${base64url.encode(JSON.stringify({ ...payload, aud: clientId }))}.${s}`);
      }],
    ];
    const routes = ['/api/me', '/api/me/progress', '/api/me/trainees', '/api/me/clip-views', '/api/audit', '/api/audit/export', '/api/me/external', '/api/enrolments/demo-0001/external-supervisors'];
    for (const route of routes) {
      for (const [what, headers] of variants) badInput(`GET ${route} with ${what}`, async () => get(route, await headers()));
      badInput(`GET ${route} with the token in the query string`, async () => get(`${route}?access_token=${await entra.token(trainee)}`));
    }
  });

  describe('bot activities', () => {
    const activity = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
      type: 'message',
      id: randomUUID(),
      text: 'help',
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: demoTenantId },
      recipient: { id: `28:${botId}`, name: 'Attune' },
      ...teamsUser('trainee'),
      ...overrides,
    });
    const post = async (body: string | Record<string, unknown>, token?: string, contentType = 'application/json'): Promise<number> => {
      const res = await fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': contentType, ...(token ? bearer(token) : {}) }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      await res.arrayBuffer();
      return res.status;
    };
    const signed = (url = serviceUrl, audience = botId) => bot.sign({ audience, serviceUrl: url });

    badInput('an unsigned activity', async () => post(activity()));
    badInput('a forged activity (unpublished key)', async () => post(activity(), await bot.signWithForeignKey({ audience: botId, serviceUrl })));
    badInput('a token for another bot', async () => post(activity(), await signed(serviceUrl, 'another-bot')));
    badInput('a serviceUrl that differs from the token', async () => post(activity({ serviceUrl: 'https://smba.trafficmanager.net/amer/' }), await signed()));
    badInput('a serviceUrl off the allow-list', async () => post(activity({ serviceUrl: 'https://attacker.example/' }), await signed('https://attacker.example/')));
    badInput('a look-alike serviceUrl host', async () => post(activity({ serviceUrl: 'https://smba.trafficmanager.net.attacker.example/' }), await signed('https://smba.trafficmanager.net.attacker.example/')));
    badInput('an empty serviceUrl', async () => post(activity({ serviceUrl: '' }), await signed('')));
    badInput('an empty channelId', async () => post(activity({ channelId: '' }), await signed()));
    badInput('a tenant not allowed', async () => post(activity({ channelData: { tenant: { id: outsiderTenant } }, conversation: { id: 'a:1', tenantId: outsiderTenant } }), await signed()));
    badInput('no tenant at all', async () => post(activity({ channelData: {}, conversation: { id: 'a:2' } }), await signed()));
    badInput('an oversized body', async () => post(activity({ text: 'x'.repeat(400 * 1024) }), await signed()));
    badInput('malformed JSON', async () => post('{"type":"message",', await signed()));
    badInput('a JSON array instead of an activity', async () => post('[1,2,3]', await signed()));
    badInput('an activity with no type', async () => post(activity({ type: undefined }), await signed()));
    badInput('a non-JSON content type', async () => post('type=message', await signed(), 'application/x-www-form-urlencoded'));
    badInput('an expired channel token', async () => post(activity(), await bot.sign({ audience: botId, serviceUrl, expiresIn: -600 })));
    it('processes a replayed activity id once (the replay is answered, not processed twice)', async () => {
      const once = activity({ type: 'conversationUpdate', text: undefined });
      assert.equal(await post(once, await signed()), 200);
      assert.equal(await post(once, await signed()), 200);
    });
  });

  describe('authorisation: each role against objects that are not theirs', () => {
    const roles = ['trainee', 'secondTrainee', 'supervisor', 'lineManager'] as const;
    for (const role of roles) {
      badInput(`${role} reads the audit log`, async () => get('/api/audit', bearer(await entra.token({ tenantId: demoTenantId, objectId: demoPeople[role].objectId }))));
      badInput(`${role} exports the audit log`, async () => get('/api/audit/export', bearer(await entra.token({ tenantId: demoTenantId, objectId: demoPeople[role].objectId }))));
    }
    badInput('a person from another allowed tenant with the same object id as a demo person', async () => get('/api/me', bearer(await entra.token({ tenantId: otherTenant, objectId: demoPeople.admin.objectId }))));
  });

  describe('request bodies and parameters', () => {
    const signIn = async (body: string, contentType = 'application/json'): Promise<number> => {
      const res = await fetch(`${app.baseUrl}/api/dev/sign-in`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
      await res.arrayBuffer();
      return res.status;
    };
    badInput('dev sign-in with no person', async () => signIn('{}'));
    badInput('dev sign-in with a number for the person', async () => signIn('{"personId": 42}'));
    badInput('dev sign-in with a huge string', async () => signIn(JSON.stringify({ personId: 'x'.repeat(100_000) })));
    badInput('dev sign-in with script in the person id', async () => signIn(JSON.stringify({ personId: '<script>alert(1)</script>' })));
    badInput('dev sign-in with a guessed person id', async () => signIn(JSON.stringify({ personId: `${demoTenantId}:00000000-0000-0000-0000-0000000000099` })));
    badInput('dev sign-in with a table-key injection', async () => signIn(JSON.stringify({ personId: `${demoTenantId}:a/b#c?d` })));
    badInput('dev sign-in with malformed JSON', async () => signIn('{"personId":'));
    badInput('dev sign-in with form data', async () => signIn('personId=x', 'application/x-www-form-urlencoded'));
    badInput('an audit cursor with a filter injection', async () => get(`/api/audit?cursor=${encodeURIComponent("0' or PartitionKey ne '")}`, bearer(await entra.token({ tenantId: demoTenantId, objectId: demoPeople.admin.objectId }))));
    badInput('an audit page size out of range', async () => get('/api/audit?limit=100000', bearer(await entra.token({ tenantId: demoTenantId, objectId: demoPeople.admin.objectId }))));
    badInput('a path traversal under /tab', async () => get('/tab/..%2f..%2fpackage.json'));
    badInput('an encoded NUL under /tab', async () => get('/tab/index.html%00.png'));
    badInput('a DELETE on a read-only route', async () => {
      const res = await fetch(`${app.baseUrl}/api/me`, { method: 'DELETE', headers: bearer(await entra.token(trainee)) });
      await res.arrayBuffer();
      return res.status;
    });
  });

  describe('reminder pages', () => {
    const as = async (key: keyof typeof demoPeople): Promise<Record<string, string>> => bearer(await entra.token({ tenantId: demoTenantId, objectId: demoPeople[key].objectId }));
    const send = async (input: { method: string; path: string; headers: Record<string, string>; body?: unknown }): Promise<number> => {
      const res = await fetch(`${app.baseUrl}${input.path}`, { method: input.method, headers: { ...input.headers, ...(input.body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }) });
      await res.arrayBuffer();
      return res.status;
    };
    const rules = (body: unknown, ifMatch = 'defaults', who: keyof typeof demoPeople = 'admin') => async () => send({ method: 'PUT', path: '/api/admin/reminders/rules', headers: { ...(await as(who)), 'If-Match': ifMatch }, body });
    const prefs = (body: unknown) => async () => send({ method: 'PUT', path: '/api/me/reminders/preferences', headers: await as('trainee'), body });
    badInput('reminder rules with a made-up version', rules({ rules: {} }, 'W/"not-a-version"'));
    badInput('reminder rules with a thousand reminder days', rules({ rules: { 'record.write': { enabled: true, afterDays: Array.from({ length: 1000 }, (_, i) => i), thenEveryDays: null } } }));
    badInput('reminder rules with a string for the days', rules({ rules: { 'record.write': { enabled: true, afterDays: '1,2', thenEveryDays: null } } }));
    badInput('reminder rules for a rule that does not exist', rules({ rules: { 'record.write/../x': { enabled: true, afterDays: [1], thenEveryDays: null } } }));
    badInput('reminder rules changed by a trainee', rules({ rules: {} }, 'defaults', 'trainee'));
    badInput('reminder preferences with script for a time zone', prefs({ zone: '<script>alert(1)</script>', startMinute: 540, endMinute: 1020, weekends: false }));
    badInput('reminder preferences with hours out of the day', prefs({ zone: null, startMinute: -5, endMinute: 99_999, weekends: false }));
    badInput('reminder preferences that end before they start', prefs({ zone: 'Europe/London', startMinute: 900, endMinute: 600, weekends: false }));
    badInput('an unmute with a table-key injection', async () => send({ method: 'DELETE', path: `/api/me/reminders/mutes/${encodeURIComponent('x/../../record.write#')}`, headers: await as('trainee') }));
    badInput('a card preview for a rule that does not exist', async () => get('/api/admin/reminders/preview/no.such.rule', await as('admin')));
    badInput('an admin reminders page size out of range', async () => get('/api/admin/reminders?limit=100000', await as('admin')));
  });

  describe('external supervisors', () => {
    const alexEnrolment = '/api/enrolments/demo-0001';
    const as = async (key: keyof typeof demoPeople): Promise<Record<string, string>> => bearer(await entra.token({ tenantId: demoTenantId, objectId: demoPeople[key].objectId }));
    const send = async (input: { method: string; path: string; headers: Record<string, string>; body?: unknown }): Promise<number> => {
      const res = await fetch(`${app.baseUrl}${input.path}`, { method: input.method, headers: { ...input.headers, ...(input.body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(input.body === undefined ? {} : { body: typeof input.body === 'string' ? input.body : JSON.stringify(input.body) }) });
      await res.arrayBuffer();
      return res.status;
    };
    const invite = async (body: unknown, who: keyof typeof demoPeople = 'supervisor'): Promise<number> => send({ method: 'POST', path: `${alexEnrolment}/external-supervisors`, headers: await as(who), body });
    const shareAs = async (body: unknown, who: keyof typeof demoPeople = 'trainee'): Promise<number> => send({ method: 'PUT', path: `${alexEnrolment}/external-supervisors/2/shared-clips`, headers: await as(who), body });
    const lynne = async (): Promise<Record<string, string>> => bearer(await entra.token({ tenantId: demoTenantId, objectId: demoExternalSupervisor.objectId }));

    // Who may invite, revoke, share and sign off.
    for (const who of ['trainee', 'secondTrainee', 'lineManager'] as const) badInput(`${who} invites an external supervisor`, async () => invite({ stage: 2, email: 'someone@aviguk.example' }, who));
    badInput('the external supervisor invites someone else', async () => send({ method: 'POST', path: `${alexEnrolment}/external-supervisors`, headers: await lynne(), body: { stage: 2, email: 'friend@aviguk.example' } }));
    badInput('the external supervisor revokes their own invitation', async () => send({ method: 'DELETE', path: `${alexEnrolment}/external-supervisors/2`, headers: await lynne() }));
    badInput('the external supervisor shares clips for themselves', async () => send({ method: 'PUT', path: `${alexEnrolment}/external-supervisors/2/shared-clips`, headers: await lynne(), body: { clipIds: [] } }));
    badInput('the external supervisor lists the invitations (emails)', async () => send({ method: 'GET', path: `${alexEnrolment}/external-supervisors`, headers: await lynne() }));
    badInput('the external supervisor reads the practice record', async () => get(`${alexEnrolment}/practice`, await lynne()));
    badInput('the external supervisor lists the clips', async () => get(`${alexEnrolment}/clips`, await lynne()));
    badInput("the external supervisor reads another trainee's enrolment", async () => {
      const e = (await app.app.store.enrolments.list()).map((x) => x.value).find((x) => x.traineeId === `${demoTenantId}:${demoPeople.secondTrainee.objectId}`)!;
      return get(`/api/enrolments/${e.id}/practice`, await lynne());
    });
    badInput('the external supervisor signs off another trainee', async () => {
      const e = (await app.app.store.enrolments.list()).map((x) => x.value).find((x) => x.traineeId === `${demoTenantId}:${demoPeople.secondTrainee.objectId}`)!;
      return send({ method: 'POST', path: `/api/enrolments/${e.id}/external-sign-off`, headers: await lynne(), body: { submissionId: 'bad-signoff-0001', heldOn: '2026-01-01', minutes: 60, outcome: 'not_yet' } });
    });
    badInput('the supervisor signs off as the external supervisor', async () => send({ method: 'POST', path: `${alexEnrolment}/external-sign-off`, headers: await as('supervisor'), body: { submissionId: 'bad-signoff-0002', heldOn: '2026-01-01', minutes: 60, outcome: 'not_yet' } }));
    badInput("the trainee revokes their external supervisor's invitation", async () => send({ method: 'DELETE', path: `${alexEnrolment}/external-supervisors/2`, headers: await as('trainee') }));

    // Bodies.
    badInput('an invitation with no email', async () => invite({ stage: 2 }));
    badInput('an invitation with a number for the email', async () => invite({ stage: 2, email: 42 }));
    badInput('an invitation with markup for the email', async () => invite({ stage: 2, email: '<script>alert(1)</script>' }));
    badInput('an invitation with a huge email', async () => invite({ stage: 2, email: `${'a'.repeat(100_000)}@aviguk.example` }));
    badInput('an invitation with two addresses', async () => invite({ stage: 2, email: 'a@aviguk.example, b@aviguk.example' }));
    badInput('an invitation for stage "2"', async () => invite({ stage: '2', email: 'someone@aviguk.example' }));
    badInput('an invitation for stage 0', async () => invite({ stage: 0, email: 'someone@aviguk.example' }));
    badInput('an invitation for stage 2.5', async () => invite({ stage: 2.5, email: 'someone@aviguk.example' }));
    badInput('an invitation until next year', async () => invite({ stage: 2, email: 'someone@aviguk.example', until: '2099-01-01' }));
    badInput('an invitation until a malformed date', async () => invite({ stage: 2, email: 'someone@aviguk.example', until: "2026-01-01' or 1=1" }));
    badInput('an invitation with the email in the query string', async () => send({ method: 'POST', path: `${alexEnrolment}/external-supervisors?email=someone%40aviguk.example`, headers: await as('supervisor'), body: { stage: 2 } }));
    badInput('an invitation as malformed JSON', async () => invite('{"stage":2,'));
    badInput('a revoke of stage ../1', async () => send({ method: 'DELETE', path: `${alexEnrolment}/external-supervisors/..%2F1`, headers: await as('supervisor') }));
    badInput('a revoke of stage 999', async () => send({ method: 'DELETE', path: `${alexEnrolment}/external-supervisors/999`, headers: await as('supervisor') }));
    badInput('a share that is not a list', async () => shareAs({ clipIds: 'all' }));
    badInput('a share of numbers', async () => shareAs({ clipIds: [1, 2, 3] }));
    badInput('a share of 10,000 clips', async () => shareAs({ clipIds: Array.from({ length: 10_000 }, (_, i) => `c${i}`) }));
    badInput('a share of a clip id with a table-key injection', async () => shareAs({ clipIds: ["x' or PartitionKey ne '"] }));
    badInput('a share of a made-up clip', async () => shareAs({ clipIds: ['00000000-0000-0000-0000-000000000000'] }));
    badInput("a share of another trainee's clip id under my enrolment", async () => {
      const m = (await app.app.store.enrolments.list()).map((x) => x.value).find((x) => x.traineeId === `${demoTenantId}:${demoPeople.secondTrainee.objectId}`)!;
      const caseId = (await app.app.store.cases.list(m.id))[0]!.value.id;
      const megan = new ClipClient(app.baseUrl, await entra.token({ tenantId: demoTenantId, objectId: demoPeople.secondTrainee.objectId }));
      const clipId = await megan.upload(m.id, { caseId, data: makeTinyMp4({ seconds: 1 }) });
      return shareAs({ clipIds: [clipId] });
    });
    badInput('a share of a clip whose family did not consent to supervisor viewing', async () => {
      const c = (await app.app.store.cases.list('demo-0001')).map((x) => x.value).find((x) => !x.consent.supervisor_viewing.granted)!;
      const client = new ClipClient(app.baseUrl, await entra.token(trainee));
      return shareAs({ clipIds: [await client.upload('demo-0001', { caseId: c.id, data: makeTinyMp4({ seconds: 1 }) })] });
    });
    const signOff = async (body: unknown): Promise<number> => send({ method: 'POST', path: `${alexEnrolment}/external-sign-off`, headers: await lynne(), body });
    badInput('a sign-off with no submission id', async () => signOff({ heldOn: '2026-01-01', minutes: 60, outcome: 'not_yet' }));
    badInput('a sign-off with a submission id full of markup', async () => signOff({ submissionId: '<img src=x onerror=alert(1)>', heldOn: '2026-01-01', minutes: 60, outcome: 'not_yet' }));
    badInput('a sign-off in the future', async () => signOff({ submissionId: 'bad-signoff-0003', heldOn: '2999-01-01', minutes: 60, outcome: 'not_yet' }));
    badInput('a sign-off before the stage began', async () => signOff({ submissionId: 'bad-signoff-0004', heldOn: '1999-01-01', minutes: 60, outcome: 'not_yet' }));
    badInput('a sign-off of a stage whose requirements are not met', async () => signOff({ submissionId: 'bad-signoff-0005', heldOn: new Date().toISOString().slice(0, 10), minutes: 60, outcome: 'signed_off' }));
    badInput('a sign-off of minus ten minutes', async () => signOff({ submissionId: 'bad-signoff-0006', heldOn: '2026-01-01', minutes: -10, outcome: 'not_yet' }));
    badInput('a sign-off with an outcome of "approved"', async () => signOff({ submissionId: 'bad-signoff-0007', heldOn: '2026-01-01', minutes: 60, outcome: 'approved' }));

    // Accepting an invitation on sign-in.
    const waiting = 'waiting.guest@aviguk.example';
    before(async () => {
      // An invitation nobody has accepted yet, on Megan's stage 1.
      const m = (await app.app.store.enrolments.list()).map((x) => x.value).find((x) => x.traineeId === `${demoTenantId}:${demoPeople.secondTrainee.objectId}`)!;
      const res = await fetch(`${app.baseUrl}/api/enrolments/${m.id}/external-supervisors`, { method: 'POST', headers: { ...(await as('supervisor')), 'Content-Type': 'application/json' }, body: JSON.stringify({ stage: 1, email: waiting }) });
      assert.equal(res.status, 201);
    });
    const guestWith = async (claims: Record<string, unknown>, tenantId = demoTenantId): Promise<number> => get('/api/me', bearer(await entra.token({ tenantId, objectId: randomUUID(), claims })));
    badInput('a guest whose email only resembles the invited one', async () => guestWith({ email: 'waiting.guest@aviguk.example.attacker.example' }));
    badInput('a guest whose email has the invited one as a prefix', async () => guestWith({ email: `${waiting}x` }));
    badInput('a guest whose name claim is the invited email', async () => guestWith({ name: waiting }));
    badInput('a guest whose upn is the #EXT# form of the invited email', async () => guestWith({ upn: 'waiting.guest_aviguk.example#EXT#@contoso.onmicrosoft.com' }));
    badInput('a guest from a tenant not allowed, with the invited email', async () => guestWith({ email: waiting }, outsiderTenant));
    badInput('an app-only token with the invited email', async () => guestWith({ email: waiting, scp: undefined, roles: ['Attune.Admin'], idtyp: 'app' }));
    badInput('an expired token with the invited email', async () => guestWith({ email: waiting, exp: Math.floor(Date.now() / 1000) - 600 }));
    it('did not accept the waiting invitation for any of those', async () => {
      const all = (await app.app.store.externalSupervisors.list()).map((x) => x.value).filter((i) => i.email === waiting);
      assert.deepEqual(all.map((i) => i.status.kind), ['invited']);
    });
  });

  describe('uploads', () => {
    const mp4 = makeTinyMp4({ seconds: 1 });
    const alexToken = () => entra.token(trainee);
    let caseId = '';
    const enrolment = 'demo-0001';
    const ready = async (): Promise<ClipClient> => {
      if (!caseId) caseId = (await app.app.store.cases.list(enrolment)).map((c) => c.value).find((c) => c.consent.supervisor_viewing.granted)!.id;
      return new ClipClient(app.baseUrl, await alexToken());
    };
    /** Start, send every block, commit: the status of the first step that refuses, or of the commit. */
    const attempt = async (data: Uint8Array, extra: Record<string, unknown> = {}): Promise<number> => {
      const client = await ready();
      const started = await client.start(enrolment, { caseId, kind: 'client_interaction', title: 'Upload attempt', size: data.length, ...extra });
      if (started.status >= 300) return started.status;
      const u = started.body.upload;
      for (let i = 0; i < u.blockCount; i++) {
        const put = await client.putBlock({ enrolmentId: enrolment, uploadId: u.id, index: i }, data.subarray(i * u.blockSize, (i + 1) * u.blockSize));
        if (put.status >= 300) return put.status;
      }
      return (await client.commit(enrolment, u.id)).status;
    };
    const withHeader = (head: string, size = 4096): Uint8Array => {
      const b = new Uint8Array(size).fill(0x41);
      b.set(new TextEncoder().encode(head));
      return b;
    };

    badInput('a Windows executable named .mp4', async () => attempt(withHeader('MZ\x90\x00'), { fileName: 'family.mp4' }));
    badInput('an ELF executable named .mov', async () => attempt(withHeader('\x7fELF'), { fileName: 'family.mov' }));
    badInput('a zip named .mp4', async () => attempt(withHeader('PK\x03\x04'), { fileName: 'clip.mp4', mediaType: 'video/mp4' }));
    badInput('HTML named .webm', async () => attempt(withHeader('<!doctype html><script>alert(1)</script>'), { fileName: 'clip.webm', mediaType: 'video/webm' }));
    badInput('a polyglot: HTML first, an MP4 after it', async () => {
      const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
      const poly = new Uint8Array(html.length + mp4.length);
      poly.set(html);
      poly.set(mp4, html.length);
      return attempt(poly, { fileName: 'clip.mp4' });
    });
    badInput('a PDF declared as video/mp4', async () => attempt(withHeader('%PDF-1.7'), { mediaType: 'video/mp4' }));
    badInput('an empty file', async () => attempt(new Uint8Array(0)));
    badInput('a size over the limit', async () => {
      const client = await ready();
      return (await client.start(enrolment, { caseId, kind: 'client_interaction', title: 'Too big', size: 3 * 1024 ** 4 })).status;
    });
    badInput('a negative size', async () => {
      const client = await ready();
      return (await client.start(enrolment, { caseId, kind: 'client_interaction', title: 'Negative', size: -5 })).status;
    });
    badInput('a block longer than the declared size', async () => {
      const client = await ready();
      const started = await client.start(enrolment, { caseId, kind: 'client_interaction', title: 'Liar', size: 10 });
      return (await client.putBlock({ enrolmentId: enrolment, uploadId: started.body.upload.id, index: 0 }, mp4)).status;
    });
    badInput('an out-of-range block index', async () => {
      const client = await ready();
      const started = await client.start(enrolment, { caseId, kind: 'client_interaction', title: 'Index', size: mp4.length });
      return (await client.putBlock({ enrolmentId: enrolment, uploadId: started.body.upload.id, index: 99 }, mp4)).status;
    });
    badInput('a non-numeric block index', async () => {
      const client = await ready();
      const started = await client.start(enrolment, { caseId, kind: 'client_interaction', title: 'Index', size: mp4.length });
      return (await client.putBlock({ enrolmentId: enrolment, uploadId: started.body.upload.id, index: '../0' }, mp4)).status;
    });
    badInput('the same block index again with different bytes', async () => {
      const client = await ready();
      const started = await client.start(enrolment, { caseId, kind: 'client_interaction', title: 'Twice', size: mp4.length });
      const id = started.body.upload.id;
      await client.putBlock({ enrolmentId: enrolment, uploadId: id, index: 0 }, mp4);
      const other = new Uint8Array(mp4);
      other[other.length - 1] = (other[other.length - 1]! + 1) % 256;
      return (await client.putBlock({ enrolmentId: enrolment, uploadId: id, index: 0 }, other)).status;
    });
    badInput("a block sent to another person's upload session", async () => {
      const client = await ready();
      const started = await client.start(enrolment, { caseId, kind: 'client_interaction', title: 'Mine', size: mp4.length });
      const megan = new ClipClient(app.baseUrl, await entra.token({ tenantId: demoTenantId, objectId: demoPeople.secondTrainee.objectId }));
      return (await megan.putBlock({ enrolmentId: enrolment, uploadId: started.body.upload.id, index: 0 }, mp4)).status;
    });
    badInput("a commit of another person's upload session", async () => {
      const client = await ready();
      const started = await client.start(enrolment, { caseId, kind: 'client_interaction', title: 'Mine', size: mp4.length });
      await client.putBlock({ enrolmentId: enrolment, uploadId: started.body.upload.id, index: 0 }, mp4);
      const supervisor = new ClipClient(app.baseUrl, await entra.token({ tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId }));
      return (await supervisor.commit(enrolment, started.body.upload.id)).status;
    });
    for (const name of ['../../etc/passwd', 'a\u0000b.mp4', 'clip\u202egpj.exe', 'x'.repeat(20_000)]) {
      badInput(`a path-trick file name ${JSON.stringify(name.slice(0, 20))} on a non-video`, async () => attempt(withHeader('MZ'), { fileName: name }));
    }
    badInput('a title full of markup and no text', async () => {
      const client = await ready();
      return (await client.start(enrolment, { caseId, kind: 'client_interaction', title: '   ', size: mp4.length })).status;
    });
    const megans = async (): Promise<{ enrolmentId: string; caseId: string }> => {
      const e = (await app.app.store.enrolments.list()).map((x) => x.value).find((x) => x.traineeId === `${demoTenantId}:${demoPeople.secondTrainee.objectId}`)!;
      return { enrolmentId: e.id, caseId: (await app.app.store.cases.list(e.id))[0]!.value.id };
    };
    badInput("an upload to another trainee's case", async () => {
      const client = await ready();
      const m = await megans();
      return (await client.start(m.enrolmentId, { caseId: m.caseId, kind: 'client_interaction', title: 'Not mine', size: mp4.length })).status;
    });
    badInput('a case id from another enrolment under my own enrolment', async () => {
      const client = await ready();
      const megansCase = (await megans()).caseId;
      return (await client.start(enrolment, { caseId: megansCase, kind: 'client_interaction', title: 'Swap', size: mp4.length })).status;
    });

    it('stores a real video with a path-trick name under a generated name, the display name cleaned', async () => {
      const id = await (await ready()).upload(enrolment, { caseId, data: mp4, fileName: '../../etc/passwd\u202e.mp4' });
      const clip = await (await ready()).get(`/api/enrolments/${enrolment}/clips/${id}`);
      assert.equal(clip.status, 200);
      assert.doesNotMatch(JSON.stringify(clip.body), /\.\.\/|\u202e/);
    });
  });

  describe('scheduling', () => {
    const enrolment = '/api/enrolments/demo-0001';
    const as = async (key: keyof typeof demoPeople): Promise<Record<string, string>> => bearer(await entra.token({ tenantId: demoTenantId, objectId: demoPeople[key].objectId }));
    const send = async (path: string, body: unknown, headers: Record<string, string>): Promise<number> => {
      const res = await fetch(`${app.baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      await res.arrayBuffer();
      return res.status;
    };
    const hour = (start: string): { start: string; end: string } => ({ start, end: new Date(Date.parse(start) + 3_600_000).toISOString() });
    const future = (days: number, utcHour: number): string => {
      const d = new Date(Date.now() + days * 86_400_000);
      d.setUTCHours(utcHour, 0, 0, 0);
      return d.toISOString();
    };
    const book = (body: Record<string, unknown>) => ({ bookingId: randomUUID(), ...hour(future(9, 10)), ...body });

    badInput('booking with no body', async () => send(`${enrolment}/schedule`, {}, await as('trainee')));
    badInput('booking with malformed JSON', async () => send(`${enrolment}/schedule`, '{"bookingId":', await as('trainee')));
    badInput('booking with a bookingId holding a table-key injection', async () => send(`${enrolment}/schedule`, book({ bookingId: "a'/b#c?d-0000" }), await as('trainee')));
    badInput('booking with a start that is not a time', async () => send(`${enrolment}/schedule`, book({ start: 'next tuesday' }), await as('trainee')));
    badInput('booking with a time without an offset', async () => send(`${enrolment}/schedule`, book({ start: '2030-01-07T10:00:00', end: '2030-01-07T11:00:00' }), await as('trainee')));
    badInput('booking a time in the past', async () => send(`${enrolment}/schedule`, book(hour('2020-01-06T10:00:00Z')), await as('trainee')));
    badInput('booking at 03:00', async () => send(`${enrolment}/schedule`, book(hour(future(9, 3))), await as('trainee')));
    badInput('booking a five-hour session', async () => send(`${enrolment}/schedule`, book({ start: future(9, 8), end: new Date(Date.parse(future(9, 8)) + 5 * 3_600_000).toISOString() }), await as('trainee')));
    badInput('booking a session that ends before it starts', async () => send(`${enrolment}/schedule`, book({ start: future(9, 11), end: future(9, 10) }), await as('trainee')));
    badInput('booking after the contract ends', async () => send(`${enrolment}/schedule`, book(hour(future(800, 10))), await as('trainee')));
    badInput('booking a series of 100', async () => send(`${enrolment}/schedule`, book({ series: { count: 100 } }), await as('trainee')));
    badInput('booking a series with an unknown cadence', async () => send(`${enrolment}/schedule`, book({ series: { count: 2, cadence: 'hourly' } }), await as('trainee')));
    badInput("booking another trainee's supervision", async () => send(`${enrolment}/schedule`, book({}), await as('secondTrainee')));
    badInput('the line manager booking', async () => send(`${enrolment}/schedule`, book({}), await as('lineManager')));
    badInput('the line manager asking for times', async () => get(`${enrolment}/schedule/times`, await as('lineManager')));
    badInput('times for a session of 7 minutes', async () => get(`${enrolment}/schedule/times?minutes=7`, await as('trainee')));
    badInput('times for a session of 10000 minutes', async () => get(`${enrolment}/schedule/times?minutes=10000`, await as('trainee')));
    badInput("another trainee reading the schedule", async () => get(`${enrolment}/schedule`, await as('secondTrainee')));
    badInput('cancelling a booking that does not exist', async () => send(`${enrolment}/schedule/no-such-booking/cancel`, {}, await as('trainee')));
    badInput('moving a booking with a path-trick id', async () => send(`${enrolment}/schedule/..%2f..%2fdemo-0025/reschedule`, hour(future(9, 10)), await as('trainee')));
    badInput('an .ics of a booking that does not exist', async () => get(`${enrolment}/schedule/no-such-booking/calendar.ics`, await as('trainee')));
  });

  describe('case lifecycle and legal hold', () => {
    const enrolment = '/api/enrolments/demo-0001';
    const as = async (key: keyof typeof demoPeople): Promise<Record<string, string>> => bearer(await entra.token({ tenantId: demoTenantId, objectId: demoPeople[key].objectId }));
    const send = async (to: { method: string; path: string }, body: unknown, headers: Record<string, string>): Promise<number> => {
      const res = await fetch(`${app.baseUrl}${to.path}`, { method: to.method, headers: { ...headers, 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      await res.arrayBuffer();
      return res.status;
    };
    const caseId = async (): Promise<string> => (await app.app.store.cases.list('demo-0001'))[0]!.value.id;
    const none = { filming: false, supervisor_viewing: false, peer_intervision: false, training_use: false };
    const consent = async (body: unknown, who: keyof typeof demoPeople = 'trainee'): Promise<number> => send({ method: 'POST', path: `${enrolment}/cases/${await caseId()}/consent` }, body, await as(who));
    const close = async (body: unknown, who: keyof typeof demoPeople = 'trainee'): Promise<number> => send({ method: 'POST', path: `${enrolment}/cases/${await caseId()}/end-of-involvement` }, body, await as(who));

    badInput('a consent change with no body', async () => consent({}));
    badInput('a consent change with malformed JSON', async () => consent('{"fromVersion":'));
    badInput('a consent change missing a scope', async () => consent({ fromVersion: 1, scopes: { filming: true }, reviewOn: null }));
    badInput('a consent change with "yes" for a scope', async () => consent({ fromVersion: 1, scopes: { ...none, filming: 'yes' }, reviewOn: null }));
    badInput('a consent change with version 0', async () => consent({ fromVersion: 0, scopes: none, reviewOn: null }));
    badInput('a consent change with a review date in the past', async () => consent({ fromVersion: 1, scopes: none, reviewOn: '2001-01-01' }));
    badInput('a consent change with a review date in fifty years', async () => consent({ fromVersion: 1, scopes: none, reviewOn: '2076-01-01' }));
    badInput('a consent change with markup as the review date', async () => consent({ fromVersion: 1, scopes: none, reviewOn: '<script>alert(1)</script>' }));
    badInput("a consent change by another trainee", async () => consent({ fromVersion: 1, scopes: none, reviewOn: null }, 'secondTrainee'));
    badInput('a consent change by the line manager', async () => consent({ fromVersion: 1, scopes: none, reviewOn: null }, 'lineManager'));
    badInput('a consent change on a case id with a table-key injection', async () => send({ method: 'POST', path: `${enrolment}/cases/a'%20or%20'1/consent` }, { fromVersion: 1, scopes: none, reviewOn: null }, await as('trainee')));
    badInput('a consent change on a case of another enrolment', async () => {
      const megan = (await app.app.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId.endsWith(demoPeople.secondTrainee.objectId))!;
      const theirs = (await app.app.store.cases.list(megan.id))[0]!.value.id;
      return send({ method: 'POST', path: `${enrolment}/cases/${theirs}/consent` }, { fromVersion: 1, scopes: none, reviewOn: null }, await as('trainee'));
    });
    badInput('an end of involvement with no date', async () => close({}));
    badInput('an end of involvement that is not a date', async () => close({ on: 'last week' }));
    badInput('an end of involvement in the future', async () => close({ on: '2999-01-01' }));
    badInput('an end of involvement before the case opened', async () => close({ on: '1999-01-01' }));
    badInput('an end of involvement on 2026-02-31', async () => close({ on: '2026-02-31' }));
    badInput('an end of involvement by the line manager', async () => close({ on: '2026-01-01' }, 'lineManager'));
    badInput('an end of involvement by another trainee', async () => close({ on: '2026-01-01' }, 'secondTrainee'));

    const hold = async (body: unknown, who: keyof typeof demoPeople = 'admin'): Promise<number> => send({ method: 'PUT', path: `${enrolment}/clips/no-such-clip/legal-hold` }, body, await as(who));
    badInput('a legal hold with no reason', async () => hold({ on: true }));
    badInput('a legal hold with an unknown reason', async () => hold({ on: true, reason: 'because' }));
    badInput('a legal hold with a 5000-character note', async () => hold({ on: true, reason: 'other', note: 'x'.repeat(5000) }));
    badInput('a legal hold with "on" as a string', async () => hold({ on: 'true', reason: 'other' }));
    badInput('a legal hold on a clip that does not exist', async () => hold({ on: true, reason: 'litigation' }));
    badInput("the service's clip list for a trainee", async () => {
      const res = await fetch(`${app.baseUrl}/api/admin/clips`, { headers: await as('trainee') });
      await res.arrayBuffer();
      return res.status;
    });
  });

  describe('volume', () => {
    it('answers a flood from one person with 429 and Retry-After, never a 5xx', async () => {
      const flood = await startTestApp({ env: { RATE_LIMIT_PER_PERSON: '10', RATE_LIMIT_PER_ADDRESS: '1000' } });
      try {
        const res = await fetch(`${flood.baseUrl}/api/dev/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: `${demoTenantId}:${demoPeople.trainee.objectId}` }) });
        const { token } = (await res.json()) as { token: string };
        await awayFromMinuteBoundary();
        const statuses = await Promise.all(Array.from({ length: 30 }, async () => {
          const r = await fetch(`${flood.baseUrl}/api/me`, { headers: bearer(token) });
          await r.arrayBuffer();
          return { status: r.status, retryAfter: r.headers.get('retry-after') };
        }));
        const limited = statuses.filter((s) => s.status === 429);
        tally.tried++;
        assert.ok(limited.length >= 15, `only ${limited.length} of 30 were limited`);
        assert.ok(limited.every((s) => /^\d+$/.test(s.retryAfter ?? '')));
        assert.ok(statuses.every((s) => s.status === 200 || s.status === 429));
      } finally {
        await flood.stop();
      }
    });
  });

  // Mocha runs a suite's own tests before its inner suites: checks over everything above sit in a suite of their own.
  describe('after all of the above', () => {
    it('wrote no token, name or case code to the log', () => {
      const leaks = app.logLines.filter((l) => /eyJ[A-Za-z0-9_-]{10,}|Bearer |Alex Wilber|Megan Bowen|Adele Vance|Isaiah Langer|Patti Fernandez|Lynne Robinson|@aviguk\.example|FAM-\d/.test(l));
      assert.deepEqual(leaks, []);
    });

    it('fetched the JWKS a bounded number of times despite unknown kids (cooldown)', () => {
      assert.ok(entra.jwksFetches() <= 20, `JWKS fetched ${entra.jwksFetches()} times`);
    });
  });
});
