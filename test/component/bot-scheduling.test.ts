import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { formatWindow } from '../../bot/cards/local-time';
import { parseSlot } from '../../bot/cards/schedule-cards';
import { enrolmentsWhere } from '../../src/app/people';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { AttuneError } from '../../src/domain/errors';
import type { PlannedSupervision } from '../../src/domain/scheduling/planned-supervision';
import type { TimeWindow } from '../../src/ports/calendar';
import { buttons, cardIn, cardText, execute, idOf, inputValues, startBotHarness, type BotHarness, type Card } from './bot-harness';

// The harness clock: Monday 15 June 2026, 11:00 in London. Alex (demo-0001) has an active contract with Adele.
const zone = 'Europe/London';
const adele = { tenantId: demoTenantId, objectId: demoPeople.supervisor.objectId };

/** The times a times card offers, as windows, with their labels. */
function offered(card: Card): { label: string; value: string; window: TimeWindow }[] {
  let choices: { title: string; value: string }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.id === 'slot' && Array.isArray(o.choices)) choices = o.choices as typeof choices;
      Object.values(o).forEach(walk);
    }
  };
  walk(card.body);
  return choices.map((c) => ({ label: c.title, value: c.value, window: parseSlot(c.value)! }));
}

const title = (card: Card): string => String((card.body[0] as { text?: string }).text);
const londonHour = (iso: string): number => Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso)));

describe('AttuneBot booking supervision (TestAdapter, seeded Azurite, local calendar)', () => {
  let h: BotHarness;
  let alexEnrolment: string;
  let meganEnrolment: string;

  before(async () => {
    h = await startBotHarness();
    alexEnrolment = (await enrolmentsWhere(h.app, (e) => e.traineeId === idOf('trainee')))[0]!.id;
    meganEnrolment = (await enrolmentsWhere(h.app, (e) => e.traineeId === idOf('secondTrainee')))[0]!.id;
  });
  after(async () => h.stop());

  const planned = async (enrolmentId: string): Promise<PlannedSupervision[]> => (await h.app.store.plannedSupervision.list(enrolmentId)).map((r) => r.value);
  const timesFor = async (who: 'trainee' | 'supervisor', text = 'book supervision'): Promise<Card> => cardIn((await h.as(who).say(text))[0]);
  const eventOf = async (p: PlannedSupervision) => {
    assert.ok(p.state.status !== 'failed' && p.state.status !== 'booking' && p.state.eventId, `an event for ${p.id}`);
    return h.app.calendar.readMeeting({ organiser: adele, eventId: p.state.eventId });
  };
  const eventsAt = async (window: TimeWindow): Promise<number> => {
    const [s] = await h.app.calendar.freeBusy({ asking: adele, people: [adele], window });
    assert.ok(s?.kind === 'known');
    return s.busy.filter((b) => b.start === window.start && b.end === window.end).length;
  };

  describe('as the trainee', () => {
    let times: Card;
    let booking: { card: Card; window: TimeWindow; submissionId: string };

    before(async () => {
      times = await timesFor('trainee');
    });

    it('"book supervision" answers with up to five times, each a choice labelled in London time, within working hours', () => {
      assert.equal(times.version, '1.5');
      assert.equal(title(times), 'Book supervision');
      const slots = offered(times);
      assert.equal(slots.length, 5);
      for (const s of slots) {
        assert.equal(s.label, formatWindow(s.window, zone));
        assert.equal(Date.parse(s.window.end) - Date.parse(s.window.start), 3_600_000, 'the contract’s hour');
        assert.ok(s.window.start >= '2026-06-15T12:00:00.000Z', `with notice: ${s.window.start}`);
        assert.ok(londonHour(s.window.start) >= 9 && londonHour(s.window.end) <= 17, `${s.label} is in working hours`);
      }
      assert.equal(execute(times, 'schedule.book').data.enrolmentId, alexEnrolment);
      assert.match(String(execute(times, 'schedule.book').data.submissionId), /^[A-Za-z0-9-]{8,64}$/);
      assert.match(cardText(times), /Also book the next sessions \(monthly/);
    });

    it('the other ways of asking answer the same', async () => {
      for (const text of ['book', 'book a supervision', 'schedule supervision']) assert.equal(title(await timesFor('trainee', text)), 'Book supervision', text);
    });

    it('Book books one Teams meeting in Adele’s calendar and confirms it in London time, with Join, Move and Cancel', async () => {
      const [first] = offered(times);
      const submissionId = String(execute(times, 'schedule.book').data.submissionId);
      const { status, card } = await h.as('trainee').click(times, 'schedule.book', { slot: first!.value });
      assert.equal(status, 200);
      assert.equal(title(card), 'Supervision booked');
      assert.match(cardText(card), new RegExp(first!.label));
      const mine = (await planned(alexEnrolment)).filter((p) => p.bookingId === submissionId);
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.state.status, 'booked');
      const meeting = await eventOf(mine[0]!);
      assert.deepEqual(meeting?.window, first!.window);
      assert.equal(meeting?.cancelled, false);
      const join = JSON.stringify(card).match(/"type":"Action.OpenUrl","title":"Join","url":"([^"]+)"/);
      assert.equal(join?.[1], mine[0]!.state.status === 'booked' ? mine[0]!.state.joinUrl : null);
      assert.deepEqual(buttons(card).sort(), ['schedule.cancel', 'schedule.move', 'schedule.show']);
      booking = { card, window: first!.window, submissionId };
    });

    it('the same click again books nothing twice', async () => {
      const { card } = await h.as('trainee').click(times, 'schedule.book', { slot: offered(times)[0]!.value });
      assert.equal(title(card), 'Already booked');
      assert.equal((await planned(alexEnrolment)).filter((p) => p.bookingId === booking.submissionId).length, 1);
      assert.equal(await eventsAt(booking.window), 1, 'one event');
    });

    it('a time someone took meanwhile (booked from another card) gives fresh times and a message, booking nothing', async () => {
      const other = await timesFor('trainee');
      assert.ok(!offered(other).some((s) => s.window.start === booking.window.start), 'the booked time is not offered again');
      const before = (await planned(alexEnrolment)).length;
      const { card } = await h.as('trainee').click(other, 'schedule.book', { slot: offered(times)[0]!.value });
      assert.equal(title(card), 'Book supervision');
      assert.match(cardText(card), /Someone took that time meanwhile — pick another/);
      assert.equal(offered(card).length, 5);
      assert.ok(!offered(card).some((s) => s.window.start === booking.window.start));
      assert.notEqual(execute(card, 'schedule.book').data.submissionId, execute(other, 'schedule.book').data.submissionId, 'a fresh booking');
      assert.equal((await planned(alexEnrolment)).length, before);
      assert.equal(await eventsAt(booking.window), 1);
    });

    it('a Book without a time chosen comes back asking for one', async () => {
      const { card } = await h.as('trainee').click(times, 'schedule.book', { slot: '' });
      assert.match(cardText(card), /Choose one of the times first/);
      assert.equal(offered(card).length, 5);
    });

    it('Move offers fresh times of the same length, and moving there moves the Outlook event', async () => {
      const moveTimes = (await h.as('trainee').click(booking.card, 'schedule.move')).card;
      assert.equal(title(moveTimes), 'Move supervision');
      assert.deepEqual(buttons(moveTimes).sort(), ['schedule.move', 'schedule.moveTo']);
      const to = offered(moveTimes)[1]!;
      const { card } = await h.as('trainee').click(moveTimes, 'schedule.moveTo', { slot: to.value });
      assert.equal(title(card), 'Supervision moved');
      assert.match(cardText(card), new RegExp(to.label));
      const [p] = (await planned(alexEnrolment)).filter((x) => x.bookingId === booking.submissionId);
      assert.deepEqual(p!.window, to.window);
      assert.deepEqual((await eventOf(p!))?.window, to.window);
      booking = { ...booking, card, window: to.window };
    });

    it('Cancel asks first; only the second button cancels, and the Outlook event with it', async () => {
      const ask = (await h.as('trainee').click(booking.card, 'schedule.cancel')).card;
      assert.equal(title(ask), 'Cancel this supervision?');
      assert.match(cardText(ask), new RegExp(formatWindow(booking.window, zone)));
      const [p] = (await planned(alexEnrolment)).filter((x) => x.bookingId === booking.submissionId);
      assert.equal(p!.state.status, 'booked', 'asking cancels nothing');
      assert.equal(execute(ask, 'schedule.show').data.enrolmentId, alexEnrolment, 'Keep it');
      const { card } = await h.as('trainee').click(ask, 'schedule.cancel');
      assert.equal(title(card), 'Supervision cancelled');
      const [after] = (await planned(alexEnrolment)).filter((x) => x.bookingId === booking.submissionId);
      assert.equal(after!.state.status, 'cancelled');
      assert.equal((await eventOf(p!))?.cancelled, true);
      assert.equal(title((await h.as('trainee').click(ask, 'schedule.cancel')).card), 'Already cancelled');
    });

    it('books a series at the contract’s cadence, saying which dates it skipped', async () => {
      const card = await timesFor('trainee');
      const slot = offered(card)[2]!;
      const result = (await h.as('trainee').click(card, 'schedule.book', { slot: slot.value, series: 'true', count: '3' })).card;
      const submissionId = String(execute(card, 'schedule.book').data.submissionId);
      const series = (await planned(alexEnrolment)).filter((p) => p.bookingId === submissionId);
      const skipped = (cardText(result).match(/: someone is busy then|: [^"]*contract[^"]*/g) ?? []).length;
      assert.equal(series.length + skipped, 3, cardText(result));
      assert.match(title(result), series.length > 1 ? /^\d supervision sessions booked$/ : /^Supervision booked$/);
      for (const p of series) assert.match(cardText(result), new RegExp(formatWindow(p.window, zone)));
      for (const p of series) await h.as('trainee').invoke('schedule.cancel', { enrolmentId: alexEnrolment, plannedId: p.id, confirmed: true });
    });
  });

  describe('the next meeting, and logging it afterwards', () => {
    let window: TimeWindow;
    let plannedId: string;

    before(async () => {
      const card = await timesFor('trainee');
      const slot = offered(card)[0]!;
      await h.as('trainee').click(card, 'schedule.book', { slot: slot.value });
      window = slot.window;
      plannedId = (await planned(alexEnrolment)).find((p) => p.state.status === 'booked' && p.window.start === window.start)!.id;
    });

    it('progress shows the trainee their next supervision in London time', async () => {
      const card = cardIn((await h.as('trainee').say('progress'))[0]);
      assert.match(cardText(card), new RegExp(`Next supervision: ${formatWindow(window, zone)}`));
      assert.deepEqual(buttons(card).sort(), ['schedule.show', 'schedule.times']);
    });

    it('progress shows it on Alex’s card for his supervisor and his line manager (who may not book)', async () => {
      for (const who of ['supervisor', 'lineManager'] as const) {
        const cards = (await h.as(who).say('progress')).map(cardIn);
        const alex = cards.find((c) => /Progress: Alex Wilber/.test(cardText(c)));
        assert.ok(alex, who);
        assert.match(cardText(alex), new RegExp(`Next supervision: ${formatWindow(window, zone)}`), who);
        assert.deepEqual(buttons(alex).sort(), who === 'supervisor' ? ['schedule.show', 'schedule.times'] : ['schedule.show']);
      }
    });

    it('the line manager sees the schedule as dates only', async () => {
      const { card } = await h.as('lineManager').invoke('schedule.show', { enrolmentId: alexEnrolment });
      assert.equal(title(card), 'Booked supervision');
      assert.match(cardText(card), new RegExp(formatWindow(window, zone)));
      assert.deepEqual(buttons(card), []);
      assert.doesNotMatch(cardText(card), /Join/);
    });

    it('once it is over, "log supervision" comes filled in from it, and logging it links the two', async () => {
      h.setNow(new Date(Date.parse(window.end) + 3_600_000));
      try {
        const form = cardIn((await h.as('trainee').say('log supervision'))[0]);
        const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(window.start));
        assert.match(cardText(form), /From your booked supervision on /);
        assert.deepEqual({ ...inputValues(form) }, { heldOn: day, minutes: 60, mode: 'teams' });
        assert.equal(execute(form, 'supervision.submit').data.plannedId, plannedId);
        const { card } = await h.as('trainee').click(form, 'supervision.submit');
        assert.match(cardText(card), /Supervision logged/);
        const linked = (await planned(alexEnrolment)).find((p) => p.id === plannedId)!;
        assert.equal(linked.state.status, 'recorded');
        const session = await h.app.store.supervision.get({ partition: alexEnrolment, id: String(execute(form, 'supervision.submit').data.submissionId) });
        assert.deepEqual(linked.state.status === 'recorded' && linked.state.sessionId, session?.value.id);
        const again = cardIn((await h.as('trainee').say('log supervision'))[0]);
        assert.doesNotMatch(cardText(again), /From your booked supervision/, 'nothing left to log from a booking');
      } finally {
        h.setNow(new Date('2026-06-15T10:00:00Z'));
      }
    });
  });

  describe('whose supervision', () => {
    it('a supervisor of two trainees chooses the trainee first, then sees times for that trainee', async () => {
      const choice = await timesFor('supervisor');
      assert.equal(title(choice), 'Book supervision');
      assert.match(cardText(choice), /Alex Wilber/);
      assert.match(cardText(choice), /Megan Bowen/);
      assert.deepEqual(buttons(choice), ['schedule.times']);
      const { card } = await h.as('supervisor').click(choice, 'schedule.times', { enrolmentId: meganEnrolment });
      assert.match(cardText(card), /Megan Bowen with Adele Vance/);
      assert.equal(offered(card).length, 5);
      assert.equal(execute(card, 'schedule.book').data.enrolmentId, meganEnrolment);
    });

    it('card data cannot book for someone else’s enrolment: a forged enrolment id is not found, and nothing is booked', async () => {
      const mine = await timesFor('trainee');
      const slot = offered(mine)[0]!.value;
      const before = [...(await planned(alexEnrolment)), ...(await planned(meganEnrolment))].length;
      const forged = { ...execute(mine, 'schedule.book').data, enrolmentId: meganEnrolment, submissionId: randomUUID(), slot, series: 'false', count: '1', minutes: '' };
      for (const [verb, data] of [
        ['schedule.book', forged],
        ['schedule.times', { enrolmentId: meganEnrolment }],
        ['schedule.show', { enrolmentId: meganEnrolment }],
      ] as const) {
        const { status, card } = await h.as('trainee').invoke(verb, data);
        assert.equal(status, 200);
        assert.equal(title(card), 'Not available', verb);
      }
      const asMegan = await h.as('secondTrainee').invoke('schedule.book', { ...forged, enrolmentId: alexEnrolment, submissionId: randomUUID() });
      assert.equal(title(asMegan.card), 'Not available');
      assert.equal([...(await planned(alexEnrolment)), ...(await planned(meganEnrolment))].length, before);
    });

    it('someone who is neither trainee nor supervisor is told who books', async () => {
      const [reply] = await h.as('lineManager').say('book supervision');
      assert.match(String(reply?.text), /booked by a trainee or their supervisor/);
    });
  });
});

describe('AttuneBot booking supervision when Outlook does not answer', () => {
  let h: BotHarness;

  before(async () => {
    h = await startBotHarness({
      calendar: (local) => ({
        slotMinutes: local.slotMinutes,
        freeBusy: (r) => local.freeBusy(r),
        createMeeting: async () => {
          throw new AttuneError('unavailable', 'Outlook could not be reached.');
        },
        readMeeting: (r) => local.readMeeting(r),
        rescheduleMeeting: (r, w) => local.rescheduleMeeting(r, w),
        cancelMeeting: (r, c) => local.cancelMeeting(r, c),
      }),
    });
  });
  after(async () => h.stop());

  it('the card says so in the use case’s words, and the booking shows as being booked', async () => {
    const times = cardIn((await h.as('trainee').say('book supervision'))[0]);
    const { status, card } = await h.as('trainee').click(times, 'schedule.book', { slot: offered(times)[0]!.value });
    assert.equal(status, 200);
    assert.equal(title(card), 'Please try again shortly');
    assert.match(cardText(card), /Outlook did not answer, so the booking is not finished yet/);
    const alex = (await enrolmentsWhere(h.app, (e) => e.traineeId === idOf('trainee')))[0]!.id;
    const shown = (await h.as('trainee').invoke('schedule.show', { enrolmentId: alex })).card;
    assert.match(cardText(shown), /Being booked with Outlook/);
  });
});
