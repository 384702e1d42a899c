import assert from 'node:assert/strict';
import type { TableClient } from '@azure/data-tables';
import { after, before, describe, it } from 'mocha';
import { LocalCalendar, openLocalCalendar } from '../../../src/adapters/calendar/local-calendar';
import { AttuneError } from '../../../src/domain/errors';
import type { PersonRef } from '../../../src/domain/people';
import type { NewMeeting, PersonSchedule } from '../../../src/ports/calendar';
import type { Logger } from '../../../src/ports/logger';
import { startTestAzurite, uniquePrefix } from '../../support/azurite';

const tenant = 'tenant-a';
const person = (objectId: string): PersonRef => ({ tenantId: tenant, objectId });
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const isCode = (code: AttuneError['code']) => (e: unknown): boolean => e instanceof AttuneError && e.code === code;

/** A booking on Tuesday 8 December 2026 (a week whose demo times the tests below spell out). */
function meeting(organiser: PersonRef, extra: Partial<NewMeeting> = {}): NewMeeting {
  return {
    organiser,
    invitees: [],
    window: { start: '2026-12-08T09:00:00.000Z', end: '2026-12-08T10:00:00.000Z' },
    subject: 'VIG supervision',
    bodyHtml: '<p>Supervision session</p>',
    transactionId: `tx-${organiser.objectId}`,
    ...extra,
  };
}

/** A client that, the first time an event is read, lets `meanwhile` change it before the reader sees it. */
function interleaving(client: TableClient, meanwhile: () => Promise<unknown>): TableClient {
  let done = false;
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'getEntity') {
        return async (...args: Parameters<TableClient['getEntity']>) => {
          const entity = await target.getEntity(...args);
          if (!done) {
            done = true;
            await meanwhile();
          }
          return entity;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const known = (schedule: PersonSchedule | undefined): Extract<PersonSchedule, { kind: 'known' }> => {
  assert.equal(schedule?.kind, 'known');
  return schedule;
};

describe('LocalCalendar (the local calendar against Azurite)', () => {
  let azurite: Awaited<ReturnType<typeof startTestAzurite>>;
  let prefix: string;
  let calendar: LocalCalendar;
  const table = (): TableClient => azurite.tableClient(`${prefix}calendarevents`);
  const rowsOf = async (organiser: PersonRef): Promise<number> => {
    let n = 0;
    for await (const row of table().listEntities<{ organiser: string }>()) if (row.organiser === `${organiser.tenantId}:${organiser.objectId}`) n++;
    return n;
  };

  before(async () => {
    azurite = await startTestAzurite();
    prefix = uniquePrefix();
    calendar = await openLocalCalendar({ clientFor: (t) => azurite.tableClient(t), prefix, logger: silent, tenantId: tenant });
  });
  after(async () => azurite.stop());

  describe('createMeeting', () => {
    it('returns the first event, and makes no second one, when created twice with one transactionId', async () => {
      const organiser = person('twice');
      const first = await calendar.createMeeting(meeting(organiser));
      const again = await calendar.createMeeting(meeting(organiser, { window: { start: '2026-12-08T15:00:00.000Z', end: '2026-12-08T16:00:00.000Z' } }));
      assert.deepEqual(again, first);
      assert.equal(first.window.start, '2026-12-08T09:00:00.000Z');
      assert.equal(await rowsOf(organiser), 1);
    });

    it('makes one event when two calendars (two processes) race the same create', async () => {
      const organiser = person('race');
      const other = new LocalCalendar({ client: azurite.tableClient(`${prefix}calendarevents`), logger: silent });
      const results = await Promise.all([0, 1, 2, 3].map((i) => (i % 2 === 0 ? calendar : other).createMeeting(meeting(organiser))));
      assert.equal(new Set(results.map((r) => r.eventId)).size, 1);
      assert.equal(await rowsOf(organiser), 1);
    });

    it('makes a second event for a second transactionId', async () => {
      const organiser = person('two-bookings');
      const a = await calendar.createMeeting(meeting(organiser, { transactionId: 'tx-1' }));
      const b = await calendar.createMeeting(meeting(organiser, { transactionId: 'tx-2' }));
      assert.notEqual(a.eventId, b.eventId);
      assert.equal(await rowsOf(organiser), 2);
    });

    it('gives a well-formed Teams join link on a host that is obviously local and never resolves', async () => {
      const booked = await calendar.createMeeting(meeting(person('link')));
      const url = new URL(booked.joinUrl ?? '');
      assert.equal(url.protocol, 'https:');
      assert.equal(url.hostname, 'teams.local.invalid');
      assert.equal(url.pathname, `/meet/${booked.eventId}`);
    });

    it('keeps no guest address in the table', async () => {
      const organiser = person('guest-privacy');
      await calendar.createMeeting(meeting(organiser, { invitees: [{ kind: 'guest', email: 'supervisor@example.org', required: true }] }));
      for await (const row of table().listEntities()) assert.doesNotMatch(JSON.stringify(row), /example\.org/);
    });

    it('refuses an empty transaction id and a window that ends before it starts', async () => {
      await assert.rejects(calendar.createMeeting(meeting(person('bad'), { transactionId: ' ' })), isCode('invalid_input'));
      await assert.rejects(calendar.createMeeting(meeting(person('bad'), { window: { start: '2026-12-08T10:00:00.000Z', end: '2026-12-08T09:00:00.000Z' } })), isCode('invalid_input'));
    });
  });

  describe('freeBusy', () => {
    const tuesday = { start: '2026-12-08T08:00:00.000Z', end: '2026-12-08T18:00:00.000Z' };

    it('shows an Attune event as busy for both organiser and invitee, besides each one\'s demo times, and not a cancelled event', async () => {
      const organiser = person('organiser-fb');
      const invitee = person('invitee-fb');
      await calendar.createMeeting(meeting(organiser, { invitees: [{ kind: 'person', person: invitee, required: true }] }));
      const dropped = await calendar.createMeeting(meeting(organiser, { transactionId: 'tx-dropped', invitees: [{ kind: 'person', person: invitee, required: true }], window: { start: '2026-12-08T16:30:00.000Z', end: '2026-12-08T17:00:00.000Z' } }));
      await calendar.cancelMeeting({ organiser, eventId: dropped.eventId }, 'No longer needed');

      const [ofOrganiser, ofInvitee] = (await calendar.freeBusy({ asking: organiser, people: [organiser, invitee], window: tuesday })).map(known);
      // The booking 09:00–10:00; the demo client visit on that Tuesday: 14:30–16:00 for one, 11:00–12:30 for the other.
      assert.deepEqual(ofOrganiser?.busy, [
        { start: '2026-12-08T09:00:00.000Z', end: '2026-12-08T10:00:00.000Z', availability: 'busy' },
        { start: '2026-12-08T14:30:00.000Z', end: '2026-12-08T16:00:00.000Z', availability: 'busy' },
      ]);
      assert.deepEqual(ofInvitee?.busy, [
        { start: '2026-12-08T09:00:00.000Z', end: '2026-12-08T10:00:00.000Z', availability: 'busy' },
        { start: '2026-12-08T11:00:00.000Z', end: '2026-12-08T12:30:00.000Z', availability: 'busy' },
      ]);
      const busySlots = (s: typeof ofOrganiser): string[] => (s?.slots ?? []).filter((x) => x.availability === 'busy').map((x) => x.start.slice(11, 16));
      assert.deepEqual(busySlots(ofOrganiser), ['09:00', '09:30', '14:30', '15:00', '15:30']);
      assert.deepEqual(busySlots(ofInvitee), ['09:00', '09:30', '11:00', '11:30', '12:00']);
    });

    it('slices the window into 30-minute slots from its start, free where nothing is booked', async () => {
      const someone = person('slots-only');
      const [schedule] = (await calendar.freeBusy({ asking: someone, people: [someone], window: { start: '2026-12-12T08:00:00.000Z', end: '2026-12-12T10:15:00.000Z' } })).map(known);
      assert.equal(calendar.slotMinutes, 30);
      assert.deepEqual(
        schedule?.slots.map((s) => [s.start.slice(11, 16), s.end.slice(11, 16), s.availability]),
        [['08:00', '08:30', 'free'], ['08:30', '09:00', 'free'], ['09:00', '09:30', 'free'], ['09:30', '10:00', 'free'], ['10:00', '10:15', 'free']],
      );
      assert.deepEqual(schedule?.busy, []); // a Saturday: no demo times
    });

    it('shows the weekly team meeting on Monday for everyone', async () => {
      const people = [person('monday-1'), person('monday-2')];
      const schedules = (await calendar.freeBusy({ asking: people[0]!, people, window: { start: '2026-12-07T00:00:00.000Z', end: '2026-12-08T00:00:00.000Z' } })).map(known);
      for (const s of schedules) assert.deepEqual(s.busy, [{ start: '2026-12-07T09:30:00.000Z', end: '2026-12-07T10:30:00.000Z', availability: 'busy' }]);
    });

    it('says the schedule of someone from another tenant (a guest) is unknown', async () => {
      const guest: PersonRef = { tenantId: 'tenant-b', objectId: 'guest' };
      const [schedule] = await calendar.freeBusy({ asking: person('asker'), people: [guest], window: tuesday });
      assert.deepEqual(schedule, { kind: 'unknown', person: guest, reason: 'no_calendar' });
    });
  });

  describe('readMeeting', () => {
    it('returns the event as booked', async () => {
      const organiser = person('reader');
      const booked = await calendar.createMeeting(meeting(organiser));
      assert.deepEqual(await calendar.readMeeting({ organiser, eventId: booked.eventId }), booked);
    });

    it('returns null for an unknown event id, well-formed or not', async () => {
      assert.equal(await calendar.readMeeting({ organiser: person('reader'), eventId: '0'.repeat(32) }), null);
      assert.equal(await calendar.readMeeting({ organiser: person('reader'), eventId: "x' or 1 eq 1" }), null);
    });
  });

  describe('rescheduleMeeting', () => {
    const later = { start: '2026-12-09T13:00:00.000Z', end: '2026-12-09T14:00:00.000Z' };

    it('moves the event, and reading it shows the new time', async () => {
      const organiser = person('mover');
      const booked = await calendar.createMeeting(meeting(organiser));
      const moved = await calendar.rescheduleMeeting({ organiser, eventId: booked.eventId }, later);
      assert.deepEqual(moved.window, later);
      assert.deepEqual((await calendar.readMeeting({ organiser, eventId: booked.eventId }))?.window, later);
    });

    it('fails with conflict when the event changed after it was read, leaving the other change in place', async () => {
      const organiser = person('stale');
      const booked = await calendar.createMeeting(meeting(organiser));
      const ref = { organiser, eventId: booked.eventId };
      const winner = { start: '2026-12-10T08:00:00.000Z', end: '2026-12-10T09:00:00.000Z' };
      const stale = new LocalCalendar({ client: interleaving(table(), () => calendar.rescheduleMeeting(ref, winner)), logger: silent });
      await assert.rejects(stale.rescheduleMeeting(ref, later), isCode('conflict'));
      assert.deepEqual((await calendar.readMeeting(ref))?.window, winner);
    });

    it('fails with not_found for an unknown event id', async () => {
      await assert.rejects(calendar.rescheduleMeeting({ organiser: person('mover'), eventId: 'f'.repeat(32) }, later), isCode('not_found'));
    });

    it('fails with invalid_state for a cancelled event', async () => {
      const organiser = person('moved-after-cancel');
      const booked = await calendar.createMeeting(meeting(organiser));
      await calendar.cancelMeeting({ organiser, eventId: booked.eventId }, 'Cancelled');
      await assert.rejects(calendar.rescheduleMeeting({ organiser, eventId: booked.eventId }, later), isCode('invalid_state'));
    });
  });

  describe('icsOf', () => {
    const lineOf = (ics: string | null, name: string): string | undefined => ics?.split('\r\n').find((l) => l.startsWith(`${name}:`));

    it('gives the event as an iCalendar file, its sequence bumped when moved and its status cancelled when cancelled', async () => {
      const organiser = person('ics');
      const booked = await calendar.createMeeting(meeting(organiser, { bodyHtml: '<p>Supervision &amp; review</p>' }));
      const ref = { organiser, eventId: booked.eventId };
      const first = await calendar.icsOf(ref);
      assert.equal(lineOf(first, 'UID'), `UID:${booked.eventId}@attune.local.invalid`);
      assert.equal(lineOf(first, 'DTSTART'), 'DTSTART:20261208T090000Z');
      assert.equal(lineOf(first, 'SUMMARY'), 'SUMMARY:VIG supervision');
      assert.equal(lineOf(first, 'DESCRIPTION'), 'DESCRIPTION:Supervision & review');
      assert.equal(lineOf(first, 'SEQUENCE'), 'SEQUENCE:0');
      assert.equal(lineOf(first, 'STATUS'), 'STATUS:CONFIRMED');

      await calendar.rescheduleMeeting(ref, { start: '2026-12-09T13:00:00.000Z', end: '2026-12-09T14:00:00.000Z' });
      const moved = await calendar.icsOf(ref);
      assert.equal(lineOf(moved, 'DTSTART'), 'DTSTART:20261209T130000Z');
      assert.equal(lineOf(moved, 'SEQUENCE'), 'SEQUENCE:1');

      await calendar.cancelMeeting(ref, 'Cancelled');
      const cancelled = await calendar.icsOf(ref);
      assert.equal(lineOf(cancelled, 'STATUS'), 'STATUS:CANCELLED');
      assert.equal(lineOf(cancelled, 'SEQUENCE'), 'SEQUENCE:2');
      assert.equal(lineOf(cancelled, 'UID'), lineOf(first, 'UID'));
    });

    it('returns null for an unknown event', async () => {
      assert.equal(await calendar.icsOf({ organiser: person('ics'), eventId: 'a'.repeat(32) }), null);
    });
  });

  describe('cancelMeeting', () => {
    it('keeps the event, marked cancelled, and cancelling again changes nothing', async () => {
      const organiser = person('canceller');
      const booked = await calendar.createMeeting(meeting(organiser));
      const ref = { organiser, eventId: booked.eventId };
      await calendar.cancelMeeting(ref, 'Cancelled');
      await calendar.cancelMeeting(ref, 'Cancelled again');
      assert.deepEqual(await calendar.readMeeting(ref), { ...booked, cancelled: true });
    });

    it('counts an event already deleted as cancelled', async () => {
      const organiser = person('deleted');
      const booked = await calendar.createMeeting(meeting(organiser));
      await table().deleteEntity(encodeURIComponent(`${tenant}:deleted`), booked.eventId);
      await calendar.cancelMeeting({ organiser, eventId: booked.eventId }, 'Cancelled');
      assert.equal(await calendar.readMeeting({ organiser, eventId: booked.eventId }), null);
    });

    it('wins over a change made after it read the event, by reading it again', async () => {
      const organiser = person('cancel-race');
      const booked = await calendar.createMeeting(meeting(organiser));
      const ref = { organiser, eventId: booked.eventId };
      const moved = { start: '2026-12-10T08:00:00.000Z', end: '2026-12-10T09:00:00.000Z' };
      const racing = new LocalCalendar({ client: interleaving(table(), () => calendar.rescheduleMeeting(ref, moved)), logger: silent });
      await racing.cancelMeeting(ref, 'Cancelled');
      assert.deepEqual(await calendar.readMeeting(ref), { ...booked, window: moved, cancelled: true });
    });
  });
});
