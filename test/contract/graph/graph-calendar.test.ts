import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import type { GraphCalendar } from '../../../src/adapters/graph/graph-calendar';
import { AttuneError, type ErrorCode } from '../../../src/domain/errors';
import type { PersonRef } from '../../../src/domain/people';
import type { NewMeeting } from '../../../src/ports/calendar';
import { startGraphFixture, type GraphFixture } from './graph-fixture';

const isError = (code: ErrorCode) => (e: unknown) => e instanceof AttuneError && e.code === code;

describe('GraphCalendar (the real Graph client and msal-node against a loopback Graph)', () => {
  let fx: GraphFixture;
  let calendar: GraphCalendar;
  let trainee: PersonRef;
  let supervisor: PersonRef;
  let manager: PersonRef;
  let noMailbox: PersonRef;
  const outsider: PersonRef = { tenantId: '99999999-9999-4999-8999-999999999999', objectId: randomUUID() };
  const window = { start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T12:00:00.000Z' };
  const meeting = (overrides: Partial<NewMeeting> = {}): NewMeeting => ({
    organiser: supervisor,
    invitees: [
      { kind: 'person', person: trainee, required: true },
      { kind: 'person', person: manager, required: false },
      { kind: 'guest', email: 'external.supervisor@avig.example', required: true },
    ],
    window: { start: '2026-12-07T10:00:00.000Z', end: '2026-12-07T11:30:00.000Z' },
    subject: 'VIG supervision',
    bodyHtml: '<p>Supervision, booked from Attune.</p>',
    transactionId: randomUUID(),
    ...overrides,
  });

  before(async () => {
    fx = await startGraphFixture();
    const person = (mail: string, extra: { managerId?: string; mailbox?: boolean; displayName?: string } = {}): PersonRef => {
      const objectId = randomUUID();
      fx.graph.addUser({ id: objectId, mail, ...extra });
      return { tenantId: fx.graph.tenantId, objectId };
    };
    manager = person('line.manager@service.example', { displayName: 'Isaiah Langer' });
    trainee = person('trainee@service.example', { managerId: manager.objectId });
    supervisor = person('supervisor@service.example');
    noMailbox = person('no.mailbox@service.example', { mailbox: false });
    fx.graph.addBusy(trainee.objectId, { start: '2026-12-07T09:00:00Z', end: '2026-12-07T10:00:00Z', status: 'busy' });
    fx.graph.addBusy(trainee.objectId, { start: '2026-12-07T10:30:00Z', end: '2026-12-07T11:00:00Z', status: 'tentative' });
    fx.graph.addBusy(supervisor.objectId, { start: '2026-12-07T11:00:00Z', end: '2026-12-07T13:00:00Z', status: 'oof' });
    calendar = fx.calendar();
  });
  after(async () => {
    await fx.stop();
  });

  describe('freeBusy', () => {
    it('reads each person in 30-minute slots from the window start, with their busy periods in UTC', async () => {
      const [t, s] = await calendar.freeBusy({ asking: supervisor, people: [trainee, supervisor], window });
      assert.equal(t?.kind, 'known');
      assert.equal(s?.kind, 'known');
      if (t?.kind !== 'known' || s?.kind !== 'known') return;
      assert.deepEqual(t.person, trainee);
      assert.deepEqual(t.slots.map((x) => x.availability), ['busy', 'busy', 'free', 'tentative', 'free', 'free']);
      assert.deepEqual(t.slots[0], { start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T09:30:00.000Z', availability: 'busy' });
      assert.equal(t.slots[5]?.end, window.end);
      assert.deepEqual(t.busy, [
        { start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T10:00:00.000Z', availability: 'busy' },
        { start: '2026-12-07T10:30:00.000Z', end: '2026-12-07T11:00:00.000Z', availability: 'tentative' },
      ]);
      assert.deepEqual(s.slots.map((x) => x.availability), ['free', 'free', 'free', 'free', 'away', 'away']);
    });

    it('says a person is unknown when they have no mailbox or are outside the tenant, and still answers for the rest', async () => {
      const answers = await calendar.freeBusy({ asking: supervisor, people: [noMailbox, outsider, trainee], window });
      assert.deepEqual(
        answers.map((a) => a.kind),
        ['unknown', 'unknown', 'known'],
      );
      assert.deepEqual(answers[0], { kind: 'unknown', person: noMailbox, reason: 'no_calendar' });
    });

    it('asks getSchedule with an interval of 30 minutes and UTC times', async () => {
      const before = fx.graph.graphRequests(/getSchedule$/).length;
      await calendar.freeBusy({ asking: supervisor, people: [trainee], window });
      const sent = fx.graph.graphRequests(/getSchedule$/).slice(before);
      assert.equal(sent.length, 1);
      const body = JSON.parse(sent[0]!.body);
      assert.equal(body.availabilityViewInterval, 30);
      assert.deepEqual(body.startTime, { dateTime: '2026-12-07T09:00:00.000', timeZone: 'UTC' });
      assert.match(sent[0]!.path, new RegExp(`/users/${supervisor.objectId}/calendar/getSchedule$`));
    });

    it('refuses a window that ends before it starts', async () => {
      await assert.rejects(calendar.freeBusy({ asking: supervisor, people: [trainee], window: { start: window.end, end: window.start } }), isError('invalid_input'));
    });
  });

  describe('createMeeting', () => {
    it('creates a Teams meeting in the organiser calendar and returns what Attune keeps', async () => {
      const m = meeting();
      const booked = await calendar.createMeeting(m);
      assert.deepEqual(booked.window, m.window);
      assert.equal(booked.cancelled, false);
      assert.match(booked.joinUrl ?? '', /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
      const stored = fx.graph.events.get(booked.eventId);
      assert.ok(stored);
      assert.equal(stored.organiserId, supervisor.objectId);
      assert.equal(stored.isOnlineMeeting, true);
      assert.equal(stored.onlineMeetingProvider, 'teamsForBusiness');
      assert.equal(stored.transactionId, m.transactionId);
      assert.deepEqual(stored.body, { contentType: 'HTML', content: m.bodyHtml });
      assert.deepEqual(
        stored.attendees.map((a) => [a.emailAddress.address, a.type]),
        [
          ['trainee@service.example', 'required'],
          ['line.manager@service.example', 'optional'],
          ['external.supervisor@avig.example', 'required'],
        ],
      );
    });

    it('makes one event when the first answer is lost and the POST is sent again with the same transactionId', async () => {
      const m = meeting();
      const before = fx.graph.graphRequests(/\/events$/).length;
      fx.graph.fault({ method: 'POST', path: /\/events$/, status: 'drop' });
      const booked = await calendar.createMeeting(m);
      const posts = fx.graph.graphRequests(/\/events$/).slice(before);
      assert.equal(posts.length, 2, 'the lost POST and its retry');
      assert.ok(posts.every((p) => JSON.parse(p.body).transactionId === m.transactionId));
      assert.equal([...fx.graph.events.values()].filter((e) => e.transactionId === m.transactionId).length, 1);
      assert.ok(fx.graph.events.has(booked.eventId));
    });

    it('returns the first event when the same booking is made again (after a crash before it was stored)', async () => {
      const m = meeting();
      const first = await calendar.createMeeting(m);
      const again = await calendar.createMeeting(m);
      assert.equal(again.eventId, first.eventId);
      assert.equal([...fx.graph.events.values()].filter((e) => e.transactionId === m.transactionId).length, 1);
    });

    it('refuses to invite a person from another tenant by object id', async () => {
      await assert.rejects(calendar.createMeeting(meeting({ invitees: [{ kind: 'person', person: outsider, required: true }] })), isError('not_found'));
    });
  });

  describe('readMeeting', () => {
    it('notices the meeting was moved, then cancelled, in Outlook', async () => {
      const booked = await calendar.createMeeting(meeting());
      const ref = { organiser: supervisor, eventId: booked.eventId };
      fx.graph.editInOutlook(booked.eventId, { start: '2026-12-08T14:00:00Z', end: '2026-12-08T15:00:00Z' });
      assert.deepEqual((await calendar.readMeeting(ref))?.window, { start: '2026-12-08T14:00:00.000Z', end: '2026-12-08T15:00:00.000Z' });
      fx.graph.editInOutlook(booked.eventId, { cancelled: true });
      assert.equal((await calendar.readMeeting(ref))?.cancelled, true);
    });

    it('answers null once the event was deleted', async () => {
      const booked = await calendar.createMeeting(meeting());
      fx.graph.editInOutlook(booked.eventId, { deleted: true });
      assert.equal(await calendar.readMeeting({ organiser: supervisor, eventId: booked.eventId }), null);
    });
  });

  describe('rescheduleMeeting and cancelMeeting', () => {
    it('moves the event and returns its new times', async () => {
      const booked = await calendar.createMeeting(meeting());
      const moved = await calendar.rescheduleMeeting({ organiser: supervisor, eventId: booked.eventId }, { start: '2026-12-09T09:00:00.000Z', end: '2026-12-09T10:00:00.000Z' });
      assert.deepEqual(moved.window, { start: '2026-12-09T09:00:00.000Z', end: '2026-12-09T10:00:00.000Z' });
      assert.equal(moved.eventId, booked.eventId);
      assert.equal(fx.graph.events.get(booked.eventId)?.start.dateTime, '2026-12-09T09:00:00.0000000');
    });

    it('says not_found when moving an event that was deleted', async () => {
      const booked = await calendar.createMeeting(meeting());
      fx.graph.editInOutlook(booked.eventId, { deleted: true });
      await assert.rejects(calendar.rescheduleMeeting({ organiser: supervisor, eventId: booked.eventId }, window), isError('not_found'));
    });

    it('cancels with a comment to the invitees, and an event already deleted counts as cancelled', async () => {
      const booked = await calendar.createMeeting(meeting());
      await calendar.cancelMeeting({ organiser: supervisor, eventId: booked.eventId }, 'This supervision is cancelled; a new time will follow.');
      const stored = fx.graph.events.get(booked.eventId);
      assert.equal(stored?.isCancelled, true);
      assert.equal(stored?.cancelComment, 'This supervision is cancelled; a new time will follow.');
      assert.equal((await calendar.readMeeting({ organiser: supervisor, eventId: booked.eventId }))?.cancelled, true);
      fx.graph.editInOutlook(booked.eventId, { deleted: true });
      await calendar.cancelMeeting({ organiser: supervisor, eventId: booked.eventId }, 'Cancelled.');
    });
  });

  describe('managerOf', () => {
    it('finds the manager in the directory, with the name the directory shows, asking only for those two fields', async () => {
      assert.deepEqual(await calendar.managerOf(trainee), { person: manager, displayName: 'Isaiah Langer' });
      const asked = fx.graph.requests.filter((r) => r.path.endsWith('/manager')).at(-1);
      assert.equal(asked?.query, '?$select=id,displayName');
    });

    it('answers a null name when the directory has none', async () => {
      const unnamed = randomUUID();
      const report = randomUUID();
      fx.graph.addUser({ id: unnamed, mail: 'unnamed.manager@service.example' });
      fx.graph.addUser({ id: report, mail: 'report@service.example', managerId: unnamed });
      assert.deepEqual(await calendar.managerOf({ tenantId: fx.graph.tenantId, objectId: report }), { person: { tenantId: fx.graph.tenantId, objectId: unnamed }, displayName: null });
    });

    it('answers null when no manager is set (Graph 404)', async () => {
      assert.equal(await calendar.managerOf(supervisor), null);
    });
  });

  describe('throttling', () => {
    it('waits out a 429 for its Retry-After, between the refusal and the retry, and then succeeds', async () => {
      const before = fx.graph.graphRequests(/\/manager$/).length;
      const waitsBefore = fx.waits.length;
      fx.graph.fault({ path: /\/manager$/, status: 429, retryAfterSeconds: 4 });
      assert.deepEqual((await calendar.managerOf(trainee))?.person, manager);
      const sent = fx.graph.graphRequests(/\/manager$/).slice(before);
      assert.deepEqual(
        sent.map((r) => r.status),
        [429, 200],
      );
      // The retry middleware's wait is observed, not timed: one wait, of the seconds Graph asked, made after the 429 arrived and before the retry did.
      const waits = fx.waits.slice(waitsBefore);
      assert.deepEqual(waits.map((w) => w.seconds), [4]);
      const all = fx.graph.graphRequests();
      assert.equal(all[waits[0]!.afterRequests - 1], sent[0], 'the wait came right after the 429');
      assert.equal(all[waits[0]!.afterRequests], sent[1], 'and the retry right after the wait');
    });

    for (const status of [502, 503, 504]) {
      it(`retries a ${status} after a back-off when Graph names no wait, then succeeds`, async () => {
        const before = fx.graph.graphRequests(/\/manager$/).length;
        const waitsBefore = fx.waits.length;
        fx.graph.fault({ path: /\/manager$/, status });
        assert.deepEqual((await calendar.managerOf(trainee))?.person, manager);
        assert.deepEqual(
          fx.graph.graphRequests(/\/manager$/).slice(before).map((r) => r.status),
          [status, 200],
        );
        assert.equal(fx.waits.length - waitsBefore, 1);
      });
    }

    it('backs off longer each time without a Retry-After, within the longest wait', async () => {
      const waits: number[] = [];
      const patient = fx.calendar({ retry: { delaySeconds: 2, maxRetries: 4, maxWaitSeconds: 10, wait: async (s) => void waits.push(s) } });
      fx.graph.fault({ path: /\/manager$/, status: 502, times: 4 });
      assert.deepEqual((await patient.managerOf(trainee))?.person, manager);
      assert.deepEqual(waits, [2, 4, 8, 10]);
    });

    it('hands back a Retry-After longer than it will wait, without waiting', async () => {
      const before = fx.graph.graphRequests(/\/manager$/).length;
      fx.graph.fault({ path: /\/manager$/, status: 429, retryAfterSeconds: 120 });
      await assert.rejects(calendar.managerOf(trainee), (e: unknown) => isError('rate_limited')(e) && (e as AttuneError).retryAfterSeconds === 120);
      assert.equal(fx.graph.graphRequests(/\/manager$/).length - before, 1);
    });

    for (const status of [502, 503, 504]) {
      it(`retries a ${status} a bounded number of times, then says Outlook could not be reached`, async () => {
        const before = fx.graph.graphRequests(/getSchedule$/).length;
        fx.graph.fault({ path: /getSchedule$/, status, retryAfterSeconds: 0, times: 10 });
        await assert.rejects(calendar.freeBusy({ asking: supervisor, people: [trainee], window }), (e: unknown) => isError('unavailable')(e) && (e as AttuneError).message.startsWith('Outlook could not be reached; free and busy times could not be read') && (e as AttuneError).retryAfterSeconds === 0);
        assert.equal(fx.graph.graphRequests(/getSchedule$/).length - before, 4, 'the first try and 3 retries');
        fx.graph.clearFaults();
      });
    }

    it('does not retry what is not worth retrying (a 500)', async () => {
      const before = fx.graph.graphRequests(/\/manager$/).length;
      fx.graph.fault({ path: /\/manager$/, status: 500 });
      await assert.rejects(calendar.managerOf(trainee), isError('unavailable'));
      assert.equal(fx.graph.graphRequests(/\/manager$/).length - before, 1);
    });
  });

  describe('failures', () => {
    const cases: [number, ErrorCode, RegExp][] = [
      [400, 'invalid_input', /refused the details/],
      [401, 'forbidden', /GRAPH_CLIENT_ID/],
      [403, 'forbidden', /Calendars\.ReadWrite/],
      [404, 'not_found', /organiser's calendar/],
      [409, 'conflict', /changed in Outlook/],
      [412, 'conflict', /changed in Outlook/],
      [500, 'unavailable', /^Outlook could not be reached; nothing was booked/],
      [502, 'unavailable', /^Outlook could not be reached; nothing was booked/],
      [503, 'unavailable', /^Outlook could not be reached; nothing was booked/],
      [504, 'unavailable', /^Outlook could not be reached; nothing was booked/],
    ];
    for (const [status, code, message] of cases) {
      it(`turns Graph ${status} on a booking into ${code}`, async () => {
        const noRetry = fx.calendar({ retry: { maxRetries: 0 } });
        fx.graph.fault({ method: 'POST', path: /\/events$/, status });
        await assert.rejects(noRetry.createMeeting(meeting()), (e: unknown) => isError(code)(e) && message.test((e as Error).message));
      });
    }

    it('names the read permission when getSchedule is forbidden', async () => {
      fx.graph.fault({ path: /getSchedule$/, status: 403 });
      await assert.rejects(calendar.freeBusy({ asking: supervisor, people: [trainee], window }), (e: unknown) => isError('forbidden')(e) && /application permission Calendars\.ReadBasic\b/.test((e as Error).message));
    });
  });

  describe('what stays private and local', () => {
    it('asked for one token and reused it from the cache for every Graph call', () => {
      assert.equal(fx.graph.tokenRequests(), 1);
      assert.ok(fx.graph.graphRequests().length > 20);
      assert.ok(fx.graph.graphRequests().every((r) => r.authorized));
    });

    it('logged no token, no key, no secret and no address', () => {
      assert.ok(fx.lines.length > 0);
      const log = fx.lines.join('\n');
      for (const token of fx.graph.issuedTokens) assert.ok(!log.includes(token), 'an access token was logged');
      assert.ok(!log.includes('PRIVATE KEY') && !log.includes(fx.privateKeyPem.split('\n')[1]!), 'the private key was logged');
      assert.ok(!/@[a-z]+\.example/.test(log), 'an address was logged');
      assert.ok(!/Bearer /.test(log));
    });

    it('made no request but to the loopback server: msal only to its token endpoint, never the global fetch', () => {
      assert.deepEqual(fx.graph.strays, []);
      assert.equal(fx.globalFetchCalls(), 0);
      const identity = fx.graph.requests.filter((r) => !r.path.startsWith('/v1.0/'));
      assert.deepEqual([...new Set(identity.map((r) => `${r.method} ${r.path}`))], [`POST /${fx.graph.tenantId}/oauth2/v2.0/token`]);
    });
  });
});
