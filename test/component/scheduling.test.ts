import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import type { AppDeps } from '../../src/app/deps';
import { identify, type Actor } from '../../src/app/people';
import { recordSupervisionSession } from '../../src/app/practice/record-supervision';
import { bookSupervision, finishPendingBookings } from '../../src/app/scheduling/book';
import { cancelSupervision, rescheduleSupervision } from '../../src/app/scheduling/change';
import { findSupervisionTimes } from '../../src/app/scheduling/find-times';
import { followCalendar } from '../../src/app/scheduling/follow';
import { nextMeetingOf, plannedIcs, supervisionToLog, viewSchedule } from '../../src/app/scheduling/planned-view';
import { listMyTrainees } from '../../src/app/progress';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { AttuneError } from '../../src/domain/errors';
import { personId } from '../../src/domain/people';
import type { PlannedSupervision } from '../../src/domain/scheduling/planned-supervision';
import type { CalendarPort, TimeWindow } from '../../src/ports/calendar';
import { startTestAzurite, uniquePrefix, type TestAzurite } from '../support/azurite';
import { openLocalCalendar, type LocalCalendar } from '../../src/adapters/calendar/local-calendar';
import { openTableAuditLog, openTableDataStore } from '../../src/adapters/storage/table-data-store';
import { LocalDirectory } from '../../src/adapters/calendar/local-directory';
import { defaultSchedulingSettings } from '../../src/app/scheduling/settings';
import { seedDemo } from '../../src/app/seed-demo';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ref = (key: keyof typeof demoPeople) => ({ tenantId: demoTenantId, objectId: demoPeople[key].objectId });

/** The demo service on Azurite with the local calendar, at a clock the test moves. */
async function scheduledApp(azurite: TestAzurite, clock: { value: Date }, calendar?: (real: LocalCalendar) => CalendarPort): Promise<AppDeps & { local: LocalCalendar }> {
  const prefix = uniquePrefix();
  const clientFor = (t: string) => azurite.tableClient(t);
  const store = await openTableDataStore({ clientFor, prefix });
  const audit = await openTableAuditLog({ clientFor, prefix });
  const local = await openLocalCalendar({ clientFor, prefix, logger: silent, now: () => clock.value });
  const app: AppDeps & { local: LocalCalendar } = {
    store,
    audit,
    clock: { now: () => clock.value },
    ids: { next: () => randomUUID() },
    calendar: calendar ? calendar(local) : local,
    directory: new LocalDirectory(),
    scheduling: { ...defaultSchedulingSettings, enrolmentLink: (id) => `https://attune.example/tab/index.html#/supervision/${id}` },
    local,
  };
  await seedDemo(app);
  return app;
}

async function actor(app: AppDeps, key: keyof typeof demoPeople): Promise<Actor> {
  const a = await identify(app, ref(key));
  assert.ok(a, key);
  return a;
}

async function alexEnrolment(app: AppDeps): Promise<string> {
  const e = (await app.store.enrolments.list()).find((x) => x.value.traineeId === personId(ref('trainee')));
  assert.ok(e);
  return e.value.id;
}

const bookingId = (): string => randomUUID();

describe('scheduling supervision (use cases on Azurite and the local calendar)', () => {
  let azurite: TestAzurite;
  // Monday 15 June 2026, 10:00 UTC (11:00 in London).
  const clock = { value: new Date('2026-06-15T10:00:00Z') };
  let app: AppDeps & { local: LocalCalendar };
  let enrolmentId: string;
  let alex: Actor;
  let adele: Actor;

  before(async () => {
    azurite = await startTestAzurite();
    app = await scheduledApp(azurite, clock);
    enrolmentId = await alexEnrolment(app);
    alex = await actor(app, 'trainee');
    adele = await actor(app, 'supervisor');
  });
  after(async () => azurite.stop());

  it('offers up to five times both are free, of the contract’s length, in London working hours, none clashing with the demo calendar', async () => {
    const offer = await findSupervisionTimes(app, { actor: alex, enrolmentId });
    assert.equal(offer.sessionMinutes, 60);
    assert.equal(offer.cadence, 'monthly');
    assert.equal(offer.traineeName, 'Alex Wilber');
    assert.equal(offer.supervisorName, 'Adele Vance');
    assert.equal(offer.proposal.kind, 'slots');
    if (offer.proposal.kind !== 'slots') return;
    assert.equal(offer.proposal.slots.length, 5);
    const schedules = await app.calendar.freeBusy({ asking: ref('trainee'), people: [ref('trainee'), ref('supervisor')], window: { start: offer.proposal.slots[0]!.start, end: offer.proposal.slots.at(-1)!.end } });
    for (const slot of offer.proposal.slots) {
      assert.equal(Date.parse(slot.end) - Date.parse(slot.start), 3_600_000);
      assert.ok(slot.start >= '2026-06-15T12:00:00.000Z', `with two hours' notice: ${slot.start}`);
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(new Date(slot.start)));
      assert.ok(hour >= 9 && hour < 17, `${slot.start} is in working hours`);
      for (const s of schedules) if (s.kind === 'known') assert.ok(!s.busy.some((b) => b.start < slot.end && slot.start < b.end), `${slot.start} is free for everyone`);
    }
  });

  it('a session length of the person’s own choosing', async () => {
    const offer = await findSupervisionTimes(app, { actor: adele, enrolmentId, minutes: 90 });
    assert.equal(offer.sessionMinutes, 90);
    assert.equal(offer.proposal.kind, 'slots');
    if (offer.proposal.kind === 'slots') for (const s of offer.proposal.slots) assert.equal(Date.parse(s.end) - Date.parse(s.start), 90 * 60_000);
  });

  it('the line manager, the other trainee and a stranger cannot ask for times (not found, and refused in the audit log)', async () => {
    for (const key of ['lineManager', 'secondTrainee', 'admin'] as const) {
      await assert.rejects(findSupervisionTimes(app, { actor: await actor(app, key), enrolmentId }), (e: unknown) => e instanceof AttuneError && e.code === 'not_found', key);
    }
  });

  describe('booking', () => {
    let first: TimeWindow;
    let booked: PlannedSupervision;

    before(async () => {
      const offer = await findSupervisionTimes(app, { actor: alex, enrolmentId });
      assert.equal(offer.proposal.kind, 'slots');
      if (offer.proposal.kind === 'slots') first = offer.proposal.slots[0]!;
    });

    it('books one Teams meeting in the supervisor’s calendar with the trainee invited, a neutral subject and a link into Attune', async () => {
      const id = bookingId();
      const result = await bookSupervision(app, { actor: alex, enrolmentId, bookingId: id, slot: first });
      assert.equal(result.kind, 'booked');
      if (result.kind !== 'booked') return;
      assert.equal(result.isNew, true);
      assert.equal(result.planned.length, 1);
      booked = result.planned[0]!;
      assert.equal(booked.state.status, 'booked');
      assert.deepEqual(booked.window, first);
      assert.equal(booked.organiserId, personId(ref('supervisor')));
      assert.deepEqual(booked.attendeeIds, [personId(ref('trainee'))]);
      if (booked.state.status !== 'booked') return;
      const meeting = await app.calendar.readMeeting({ organiser: ref('supervisor'), eventId: booked.state.eventId });
      assert.ok(meeting);
      assert.deepEqual(meeting.window, first);
      assert.ok(booked.state.joinUrl?.startsWith('https://teams.local.invalid/meet/'));
      const ics = await plannedIcs(app, { actor: alex, enrolmentId, plannedId: booked.id });
      assert.match(ics, /SUMMARY:VIG supervision/);
      assert.match(ics, /supervision\/demo-0001/);
      assert.doesNotMatch(ics, /FAM-|Alex|Adele/, 'no case code or name in the invitation');
    });

    it('the same form sent again books nothing twice', async () => {
      const id = bookingId();
      const offer = await findSupervisionTimes(app, { actor: alex, enrolmentId });
      if (offer.proposal.kind !== 'slots') assert.fail('slots');
      const slot = offer.proposal.slots[1]!;
      const once = await bookSupervision(app, { actor: alex, enrolmentId, bookingId: id, slot });
      const twice = await bookSupervision(app, { actor: alex, enrolmentId, bookingId: id, slot });
      assert.equal(once.kind, 'booked');
      assert.equal(twice.kind, 'booked');
      if (twice.kind !== 'booked' || once.kind !== 'booked') return;
      assert.equal(twice.isNew, false);
      assert.deepEqual(twice.planned.map((p) => p.id), once.planned.map((p) => p.id));
      const rows = (await app.store.plannedSupervision.list(enrolmentId)).filter((r) => r.value.bookingId === id);
      assert.equal(rows.length, 1);
      const events = await app.calendar.freeBusy({ asking: ref('supervisor'), people: [ref('supervisor')], window: slot });
      const s = events[0];
      assert.ok(s?.kind === 'known');
      assert.equal(s.busy.filter((b) => b.start === slot.start).length, 1, 'one event');
      await cancelSupervision(app, { actor: alex, enrolmentId, plannedId: once.planned[0]!.id });
    });

    it('a time someone took meanwhile is not double-booked: fresh times come back instead', async () => {
      const result = await bookSupervision(app, { actor: adele, enrolmentId, bookingId: bookingId(), slot: first });
      assert.equal(result.kind, 'clash');
      if (result.kind !== 'clash') return;
      assert.match(result.message, /no longer free/);
      assert.equal(result.offer.proposal.kind, 'slots');
      if (result.offer.proposal.kind === 'slots') assert.ok(!result.offer.proposal.slots.some((s) => s.start === first.start), 'the taken time is not offered again');
    });

    it('refuses a time in the past, outside 07:00–20:00, over four hours or after the contract ends, each with its reason', async () => {
      const cases: [TimeWindow, RegExp][] = [
        [{ start: '2026-06-12T09:00:00Z', end: '2026-06-12T10:00:00Z' }, /already passed/],
        [{ start: '2026-06-17T05:00:00Z', end: '2026-06-17T06:00:00Z' }, /between 07:00 and 20:00/],
        [{ start: '2026-06-17T08:00:00Z', end: '2026-06-17T12:30:00Z' }, /at most 4 hours/],
        [{ start: '2027-05-04T09:00:00Z', end: '2027-05-04T10:00:00Z' }, /after the contract ends/],
      ];
      for (const [slot, reason] of cases) {
        await assert.rejects(bookSupervision(app, { actor: alex, enrolmentId, bookingId: bookingId(), slot }), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_input' && e.details.some((d) => reason.test(d)), slot.start);
      }
    });

    it('someone else’s enrolment cannot be booked, whatever the card or form says', async () => {
      const megan = await actor(app, 'secondTrainee');
      await assert.rejects(bookSupervision(app, { actor: megan, enrolmentId, bookingId: bookingId(), slot: first }), (e: unknown) => e instanceof AttuneError && e.code === 'not_found');
      await assert.rejects(cancelSupervision(app, { actor: megan, enrolmentId, plannedId: booked.id }), (e: unknown) => e instanceof AttuneError && e.code === 'not_found');
      await assert.rejects(cancelSupervision(app, { actor: await actor(app, 'lineManager'), enrolmentId, plannedId: booked.id }), (e: unknown) => e instanceof AttuneError && e.code === 'not_found');
    });

    it('shows the schedule to the trainee and supervisor in full, to the line manager as dates only', async () => {
      const forAlex = await viewSchedule(app, { actor: alex, enrolmentId });
      const mine = forAlex.upcoming.find((p) => p.id === booked.id);
      assert.ok(mine && mine.detail === 'full');
      assert.equal(mine.canChange, true);
      assert.equal(forAlex.canBook, true);
      const forIsaiah = await viewSchedule(app, { actor: await actor(app, 'lineManager'), enrolmentId });
      assert.equal(forIsaiah.canBook, false);
      const his = forIsaiah.upcoming.find((p) => p.id === booked.id);
      assert.deepEqual(his, { detail: 'dates', id: booked.id, enrolmentId, window: booked.window, status: 'booked' });
      await assert.rejects(viewSchedule(app, { actor: await actor(app, 'secondTrainee'), enrolmentId }), (e: unknown) => e instanceof AttuneError && e.code === 'not_found');
    });

    it('the next meeting appears on the supervisor’s trainees table', async () => {
      const next = await nextMeetingOf(app, enrolmentId);
      assert.deepEqual(next, { window: booked.window, kind: 'supervision' });
      const trainees = await listMyTrainees(app, adele.person.id);
      assert.deepEqual(trainees.find((t) => t.displayName === 'Alex Wilber')?.nextMeeting, { window: booked.window, kind: 'supervision' });
    });

    it('moves a booked supervision: the Outlook event follows, and its own old time is no clash', async () => {
      const day = booked.window.start.slice(0, 10);
      // An hour later the same day, unless the demo calendar has someone busy: then the offer's next time.
      const offer = await findSupervisionTimes(app, { actor: adele, enrolmentId });
      if (offer.proposal.kind !== 'slots') assert.fail('slots');
      const to = offer.proposal.slots.find((s) => s.start !== booked.window.start)!;
      const result = await rescheduleSupervision(app, { actor: adele, enrolmentId, plannedId: booked.id, slot: to });
      assert.equal(result.kind, 'moved', day);
      if (result.kind !== 'moved' || booked.state.status !== 'booked') return;
      assert.deepEqual(result.planned.window, to);
      const meeting = await app.calendar.readMeeting({ organiser: ref('supervisor'), eventId: booked.state.eventId });
      assert.deepEqual(meeting?.window, to);
      // Overlapping its own current time (30 minutes later) is allowed.
      const shifted = { start: new Date(Date.parse(to.start) + 30 * 60_000).toISOString(), end: new Date(Date.parse(to.end) + 30 * 60_000).toISOString() };
      const again = await rescheduleSupervision(app, { actor: adele, enrolmentId, plannedId: booked.id, slot: shifted });
      if (again.kind === 'moved') assert.deepEqual(again.planned.window, shifted);
      else assert.match(again.message, /no longer free/, 'only a real clash (a demo visit) refuses it');
      booked = again.kind === 'moved' ? again.planned : result.planned;
    });

    it('follows a meeting moved in Outlook, and one cancelled there', async () => {
      if (booked.state.status !== 'booked') assert.fail('booked');
      const eventId = booked.state.eventId;
      const later = { start: new Date(Date.parse(booked.window.start) + 7 * 86_400_000).toISOString(), end: new Date(Date.parse(booked.window.end) + 7 * 86_400_000).toISOString() };
      await app.local.rescheduleMeeting({ organiser: ref('supervisor'), eventId }, later);
      const followed = await followCalendar(app, { enrolmentId, force: true });
      assert.ok(followed.moved >= 1);
      let view = await viewSchedule(app, { actor: alex, enrolmentId });
      assert.deepEqual(view.upcoming.find((p) => p.id === booked.id)?.window, later);
      await app.local.cancelMeeting({ organiser: ref('supervisor'), eventId }, 'Cancelled in Outlook');
      const again = await followCalendar(app, { enrolmentId, force: true });
      assert.ok(again.cancelled >= 1);
      view = await viewSchedule(app, { actor: alex, enrolmentId });
      const p = view.upcoming.find((x) => x.id === booked.id);
      assert.ok(p && p.detail === 'full');
      assert.equal(p.status, 'cancelled');
      assert.equal(p.cancelledInOutlook, true);
      assert.equal(p.canChange, false);
    });

    it('cancels from Attune: the Outlook event is cancelled, and cancelling twice changes nothing', async () => {
      const offer = await findSupervisionTimes(app, { actor: alex, enrolmentId });
      if (offer.proposal.kind !== 'slots') assert.fail('slots');
      const made = await bookSupervision(app, { actor: alex, enrolmentId, bookingId: bookingId(), slot: offer.proposal.slots[2]! });
      if (made.kind !== 'booked') assert.fail('booked');
      const p = made.planned[0]!;
      const once = await cancelSupervision(app, { actor: adele, enrolmentId, plannedId: p.id });
      assert.equal(once.isNew, true);
      assert.equal(once.planned.state.status, 'cancelled');
      if (p.state.status !== 'booked') return;
      assert.equal((await app.calendar.readMeeting({ organiser: ref('supervisor'), eventId: p.state.eventId }))?.cancelled, true);
      const twice = await cancelSupervision(app, { actor: alex, enrolmentId, plannedId: p.id });
      assert.equal(twice.isNew, false);
    });
  });

  describe('stage meetings', () => {
    it('a transition meeting invites the external supervisor of the open invitation; without one it is refused with what to do', async () => {
      const offer = await findSupervisionTimes(app, { actor: adele, enrolmentId });
      if (offer.proposal.kind !== 'slots') assert.fail('slots');
      const booked = await bookSupervision(app, { actor: adele, enrolmentId, bookingId: bookingId(), slot: offer.proposal.slots[0]!, kind: 'transition' });
      if (booked.kind !== 'booked') assert.fail(booked.message);
      assert.equal(booked.planned[0]!.guestCount, 1);
      const ics = await plannedIcs(app, { actor: adele, enrolmentId, plannedId: booked.planned[0]!.id });
      assert.match(ics, /SUMMARY:VIG transition meeting/);
      assert.doesNotMatch(ics, /aviguk|lynne/i, 'the guest’s address is not in the file');
      await cancelSupervision(app, { actor: adele, enrolmentId, plannedId: booked.planned[0]!.id });
      await assert.rejects(
        bookSupervision(app, { actor: adele, enrolmentId, bookingId: bookingId(), slot: offer.proposal.slots[1]!, kind: 'accreditation' }),
        (e: unknown) => e instanceof AttuneError && e.code === 'invalid_input' && /Invite the external supervisor to the accreditation meeting first/.test(e.details.join()),
      );
    });
  });

  describe('a series at the contract’s cadence', () => {
    it('books the next sessions each as its own planned supervision, at the same London clock time, skipping any date someone is busy', async () => {
      const offer = await findSupervisionTimes(app, { actor: adele, enrolmentId });
      if (offer.proposal.kind !== 'slots') assert.fail('slots');
      const slot = offer.proposal.slots[3]!;
      const result = await bookSupervision(app, { actor: adele, enrolmentId, bookingId: bookingId(), slot, series: { count: 4, cadence: 'fortnightly' } });
      if (result.kind !== 'booked') assert.fail(result.message);
      assert.equal(result.planned.length + result.skipped.length, 4);
      assert.ok(result.planned.length >= 1);
      const clock = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
      for (const p of result.planned) {
        assert.equal(clock(p.window.start), clock(slot.start));
        assert.equal(p.state.status, 'booked');
        assert.equal(p.cadence, result.planned.length > 1 ? 'fortnightly' : null);
      }
      for (const s of result.skipped) assert.equal(s.reason, 'someone is busy then');
      const ids = new Set(result.planned.map((p) => (p.state.status === 'booked' ? p.state.eventId : '')));
      assert.equal(ids.size, result.planned.length, 'one event each');
      for (const p of result.planned) await cancelSupervision(app, { actor: adele, enrolmentId, plannedId: p.id });
    });
  });

  describe('after the meeting', () => {
    it('the trainee’s log supervision is filled in from it, and logging it links the two', async () => {
      const offer = await findSupervisionTimes(app, { actor: alex, enrolmentId });
      if (offer.proposal.kind !== 'slots') assert.fail('slots');
      const slot = offer.proposal.slots[4]!;
      const made = await bookSupervision(app, { actor: alex, enrolmentId, bookingId: bookingId(), slot });
      if (made.kind !== 'booked') assert.fail('booked');
      const planned = made.planned[0]!;
      const enrolment = (await app.store.enrolments.get({ partition: 'enrolment', id: enrolmentId }))!.value;
      const saved = clock.value;
      try {
        clock.value = new Date(Date.parse(slot.end) + 3_600_000);
        const toLog = await supervisionToLog(app, { enrolment });
        assert.ok(toLog);
        assert.equal(toLog.plannedId, planned.id);
        assert.equal(toLog.minutes, 60);
        assert.equal(toLog.mode, 'teams');
        assert.equal(toLog.heldOn, new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(slot.start)));
        const session = await recordSupervisionSession(app, { actor: alex, submissionId: randomUUID(), heldOn: toLog.heldOn, minutes: toLog.minutes, mode: 'teams', cases: [], plannedId: toLog.plannedId });
        const linked = await app.store.plannedSupervision.get({ partition: enrolmentId, id: planned.id });
        assert.deepEqual(linked?.value.state.status === 'recorded' && linked.value.state.sessionId, session.value.id);
        assert.equal(await supervisionToLog(app, { enrolment }), null, 'nothing left to log');
      } finally {
        clock.value = saved;
      }
    });
  });
});

describe('scheduling when Outlook does not answer', () => {
  let azurite: TestAzurite;
  const clock = { value: new Date('2026-06-15T10:00:00Z') };
  let app: AppDeps & { local: LocalCalendar };
  let down = false;
  let refuse = false;

  before(async () => {
    azurite = await startTestAzurite();
    app = await scheduledApp(azurite, clock, (local) => ({
      slotMinutes: local.slotMinutes,
      freeBusy: (r) => local.freeBusy(r),
      createMeeting: async (m) => {
        if (refuse) throw new AttuneError('forbidden', 'Outlook refused.');
        const made = await local.createMeeting(m);
        // The event is made, but the answer is lost on the way back (a timeout, a crash).
        if (down) throw new AttuneError('unavailable', 'Outlook could not be reached; nothing was booked.');
        return made;
      },
      readMeeting: (r) => local.readMeeting(r),
      rescheduleMeeting: (r, w) => local.rescheduleMeeting(r, w),
      cancelMeeting: (r, c) => local.cancelMeeting(r, c),
    }));
  });
  after(async () => azurite.stop());

  it('a lost answer keeps the booking, shows it as being booked, and finishing it later makes no second event', async () => {
    const enrolmentId = await alexEnrolment(app);
    const alex = await actor(app, 'trainee');
    const offer = await findSupervisionTimes(app, { actor: alex, enrolmentId });
    if (offer.proposal.kind !== 'slots') assert.fail('slots');
    const slot = offer.proposal.slots[0]!;
    down = true;
    await assert.rejects(bookSupervision(app, { actor: alex, enrolmentId, bookingId: bookingId(), slot }), (e: unknown) => e instanceof AttuneError && e.code === 'unavailable' && /being booked/.test(e.message));
    const pending = (await app.store.plannedSupervision.list(enrolmentId)).map((r) => r.value);
    assert.equal(pending.length, 1);
    assert.equal(pending[0]!.state.status, 'booking');
    down = false;
    assert.deepEqual(await finishPendingBookings(app, { enrolmentId }), { finished: 1, failed: 0 });
    const done = (await app.store.plannedSupervision.get({ partition: enrolmentId, id: pending[0]!.id }))!.value;
    assert.equal(done.state.status, 'booked');
    const schedules = await app.local.freeBusy({ asking: ref('supervisor'), people: [ref('supervisor')], window: slot });
    assert.ok(schedules[0]?.kind === 'known');
    assert.equal(schedules[0].busy.filter((b) => b.start === slot.start).length, 1, 'exactly one event, though created twice');
  });

  it('a definite refusal books nothing and leaves nothing half-made', async () => {
    const enrolmentId = await alexEnrolment(app);
    const alex = await actor(app, 'trainee');
    const offer = await findSupervisionTimes(app, { actor: alex, enrolmentId });
    if (offer.proposal.kind !== 'slots') assert.fail('slots');
    refuse = true;
    try {
      await assert.rejects(bookSupervision(app, { actor: alex, enrolmentId, bookingId: bookingId(), slot: offer.proposal.slots[0]!, series: { count: 2 } }), (e: unknown) => e instanceof AttuneError && e.code === 'forbidden');
    } finally {
      refuse = false;
    }
    const rows = (await app.store.plannedSupervision.list(enrolmentId)).map((r) => r.value.state.status);
    // The same form sent again is told so, rather than "already booked".
    const again = (await app.store.plannedSupervision.list(enrolmentId)).find((r) => r.value.state.status === 'failed')!.value;
    await assert.rejects(bookSupervision(app, { actor: alex, enrolmentId, bookingId: again.bookingId, slot: again.window }), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_state' && /refused/.test(e.message));
    assert.ok(!rows.includes('booking'), rows.join());
    assert.deepEqual(await finishPendingBookings(app, { enrolmentId }), { finished: 0, failed: 0 });
  });
});
