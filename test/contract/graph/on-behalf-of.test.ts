import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { consentMessage } from '../../../src/adapters/graph/on-behalf-of-tokens';
import { AttuneError } from '../../../src/domain/errors';
import type { PersonRef } from '../../../src/domain/people';
import type { ConsentRefusal } from '../../support/loopback-graph';
import { startGraphFixture, type GraphFixture } from './graph-fixture';

describe('On-behalf-of free/busy (real msal-node acquireTokenOnBehalfOf and the Graph client against a loopback Graph)', () => {
  let fx: GraphFixture;
  const window = { start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T10:00:00.000Z' };
  const person = (mail: string): PersonRef => {
    const objectId = randomUUID();
    fx.graph.addUser({ id: objectId, mail });
    return { tenantId: fx.graph.tenantId, objectId };
  };
  const requestsFor = (p: PersonRef) => fx.graph.onBehalfOfRequests.filter((r) => r.oid === p.objectId);

  before(async () => {
    fx = await startGraphFixture();
  });
  after(async () => {
    await fx.stop();
  });

  describe('freeBusy with onBehalfOf', () => {
    it("reads getSchedule through the person's own calendar (/me) with a delegated Calendars.ReadBasic token", async () => {
      const supervisor = person('obo.supervisor@service.example');
      const trainee = person('obo.trainee@service.example');
      fx.graph.addBusy(trainee.objectId, { start: '2026-12-07T09:00:00Z', end: '2026-12-07T09:30:00Z', status: 'busy' });
      const calendar = fx.calendar({ onBehalfOf: fx.onBehalfOf() });
      const before = fx.graph.graphRequests().length;
      const [answer] = await calendar.freeBusy({ asking: supervisor, people: [trainee], window, onBehalfOf: { assertion: await fx.ssoToken(supervisor) } });
      assert.equal(answer?.kind, 'known');
      if (answer?.kind === 'known') assert.deepEqual(answer.slots.map((s) => s.availability), ['busy', 'free']);
      const sent = fx.graph.graphRequests().slice(before);
      const schedule = sent.filter((r) => r.path.endsWith('/getSchedule'));
      assert.deepEqual(schedule.map((r) => [r.path, r.delegatedFor, r.status]), [['/v1.0/me/calendar/getSchedule', supervisor.objectId, 200]]);
      assert.ok(sent.filter((r) => !r.path.endsWith('/getSchedule')).every((r) => r.delegatedFor === null), 'addresses are looked up app-only');
      assert.deepEqual(requestsFor(supervisor).map((r) => r.scopes), [['https://graph.microsoft.com/Calendars.ReadBasic']]);
    });

    it('reads app-only through the asking calendar when on-behalf-of is not available (a managed identity)', async () => {
      const supervisor = person('mi.supervisor@service.example');
      await fx.calendar().freeBusy({ asking: supervisor, people: [supervisor], window, onBehalfOf: { assertion: await fx.ssoToken(supervisor) } });
      const schedule = fx.graph.graphRequests(/getSchedule$/).at(-1);
      assert.deepEqual([schedule?.path, schedule?.delegatedFor], [`/v1.0/users/${supervisor.objectId}/calendar/getSchedule`, null]);
      assert.equal(requestsFor(supervisor).length, 0);
    });
  });

  describe('the token cache', () => {
    it('asks once per person: the same person twice is one exchange, two people are two', async () => {
      const tokens = fx.onBehalfOf();
      const calendar = fx.calendar({ onBehalfOf: tokens });
      const [a, b] = [person('cache.a@service.example'), person('cache.b@service.example')];
      const [ssoA, ssoB] = [await fx.ssoToken(a), await fx.ssoToken(b)];
      await calendar.freeBusy({ asking: a, people: [a], window, onBehalfOf: { assertion: ssoA } });
      await calendar.freeBusy({ asking: a, people: [b], window, onBehalfOf: { assertion: ssoA } });
      await calendar.freeBusy({ asking: b, people: [a], window, onBehalfOf: { assertion: ssoB } });
      assert.equal(requestsFor(a).length, 1);
      assert.equal(requestsFor(b).length, 1);
      assert.equal(tokens.size, 2);
    });

    it('shares one exchange between calls made together for the same person', async () => {
      const tokens = fx.onBehalfOf();
      const a = person('together@service.example');
      const sso = await fx.ssoToken(a);
      const [t1, t2] = await Promise.all([tokens.forPerson({ assertion: sso }).accessToken(), tokens.forPerson({ assertion: sso }).accessToken()]);
      assert.equal(t1, t2);
      assert.equal(requestsFor(a).length, 1);
    });

    it("replaces a person's tokens when Teams hands over a new SSO token, keeping one entry for them", async () => {
      const tokens = fx.onBehalfOf();
      const a = person('renewed@service.example');
      const first = await tokens.forPerson({ assertion: await fx.ssoToken(a) }).accessToken();
      const second = await tokens.forPerson({ assertion: await fx.ssoToken(a) }).accessToken();
      assert.notEqual(second, first);
      assert.equal(requestsFor(a).length, 2);
      assert.equal(tokens.size, 1);
    });

    it('keeps at most maxPeople, letting the least recently asked go first', async () => {
      const tokens = fx.onBehalfOf({ maxPeople: 2 });
      const [a, b, c] = [person('bound.a@service.example'), person('bound.b@service.example'), person('bound.c@service.example')];
      const sso = new Map<PersonRef, string>([
        [a, await fx.ssoToken(a)],
        [b, await fx.ssoToken(b)],
        [c, await fx.ssoToken(c)],
      ]);
      const ask = (p: PersonRef) => tokens.forPerson({ assertion: sso.get(p)! }).accessToken();
      await ask(a);
      await ask(b);
      await ask(a); // a is now the most recent; b goes when c comes
      await ask(c);
      assert.equal(tokens.size, 2);
      await ask(a);
      await ask(b);
      assert.deepEqual([a, b, c].map((p) => requestsFor(p).length), [1, 2, 1]);
    });
  });

  describe('consent', () => {
    const refusals: ConsentRefusal[] = ['invalid_grant', 'consent_required', 'interaction_required'];
    for (const refusal of refusals) {
      it(`turns AADSTS65001 answered as ${refusal} into consent_required, asking the person to allow it`, async () => {
        const a = person(`consent.${refusal}@service.example`);
        fx.graph.requireConsent(a.objectId, refusal);
        const calendar = fx.calendar({ onBehalfOf: fx.onBehalfOf() });
        const sso = await fx.ssoToken(a);
        const before = fx.graph.graphRequests(/getSchedule$/).length;
        await assert.rejects(calendar.freeBusy({ asking: a, people: [a], window, onBehalfOf: { assertion: sso } }), (e: unknown) => {
          assert.ok(e instanceof AttuneError);
          assert.equal(e.code, 'consent_required');
          assert.equal(e.message, consentMessage);
          assert.match(e.message, /^Attune needs your permission to read your calendar's free\/busy\. Choose "Allow" when asked\.$/);
          assert.deepEqual(e.details, ['Entra: AADSTS65001']);
          return true;
        });
        assert.equal(fx.graph.graphRequests(/getSchedule$/).length, before, 'Graph was not asked without a token');
        fx.graph.grantConsent(a.objectId);
        const [answer] = await calendar.freeBusy({ asking: a, people: [a], window, onBehalfOf: { assertion: sso } });
        assert.equal(answer?.kind, 'known', 'once allowed, the same request succeeds');
      });
    }

    it('says forbidden, naming what IT should check, when the SSO token is for another app registration', async () => {
      const a = person('other.audience@service.example');
      const calendar = fx.calendar({ onBehalfOf: fx.onBehalfOf() });
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ aud: randomUUID(), tid: a.tenantId, oid: a.objectId })).toString('base64url');
      await assert.rejects(calendar.freeBusy({ asking: a, people: [a], window, onBehalfOf: { assertion: `${header}.${payload}.c2ln` } }), (e: unknown) => e instanceof AttuneError && e.code === 'forbidden' && /AAD_APP_CLIENT_ID/.test(e.message));
    });
  });

  describe('what stays private', () => {
    it('logged no SSO token, no delegated token and no address', () => {
      const log = fx.lines.join('\n');
      assert.ok(fx.graph.onBehalfOfRequests.length >= 10);
      for (const token of fx.graph.issuedTokens) assert.ok(!log.includes(token), 'an access token was logged');
      for (const r of fx.graph.requests.filter((x) => x.body.includes('on_behalf_of'))) {
        const assertion = new URLSearchParams(r.body).get('assertion') ?? '';
        assert.ok(assertion.length > 20);
        assert.ok(!log.includes(assertion) && !log.includes(assertion.split('.')[1]!), 'an SSO token was logged');
      }
      assert.ok(!log.includes('refresh.'), 'a refresh token was logged');
      assert.ok(!/@[a-z]+\.example/.test(log), 'an address was logged');
    });

    it('made no request but to the loopback server', () => {
      assert.deepEqual(fx.graph.strays, []);
      assert.equal(fx.globalFetchCalls(), 0);
    });
  });
});
