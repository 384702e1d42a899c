import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { formatMeetingStart, formatMeetingTime, plannedStatusText } from '../../../tab/src/format';
import { href, parseView, viewOfSubPage } from '../../../tab/src/router';

describe('tab: supervision times and routes', () => {
  describe('formatMeetingTime', () => {
    const june = { start: '2026-06-15T12:00:00.000Z', end: '2026-06-15T13:00:00.000Z' };

    it('shows the time on the service’s clock with the zone named, in the person’s locale', () => {
      const t = formatMeetingTime(june, { locale: 'en-GB', viewerZone: 'Europe/London' });
      // ICU versions differ on the comma after the weekday.
      assert.match(t.date, /^Monday,? 15 June 2026$/);
      assert.equal(t.time, '13:00–14:00');
      assert.equal(t.zone, 'BST (UK time)');
      assert.equal(t.yours, null);
      assert.equal(t.text, `${t.date}, 13:00–14:00 BST (UK time)`);
      assert.match(formatMeetingTime(june, { locale: 'en-US', viewerZone: 'Europe/London' }).time, /^1:00\sPM–2:00\sPM$/);
    });

    it('says GMT in winter: the zone follows the date, not today', () => {
      assert.equal(formatMeetingTime({ start: '2026-12-07T10:00:00Z', end: '2026-12-07T11:00:00Z' }, { locale: 'en-GB', viewerZone: 'Europe/London' }).zone, 'GMT (UK time)');
    });

    it('adds the person’s own clock when it differs, and their date when that differs too', () => {
      assert.equal(formatMeetingTime(june, { locale: 'en-GB', viewerZone: 'America/New_York' }).yours, '8:00–9:00 GMT-4');
      assert.match(formatMeetingTime(june, { locale: 'en-GB', viewerZone: 'Pacific/Kiritimati' }).yours ?? '', /^Tuesday,? 16 June 2026, 2:00–3:00 GMT\+14$/);
    });

    it('gives an unreadable instant back as it came', () => {
      assert.equal(formatMeetingTime({ start: 'soon', end: 'later' }).text, 'soon');
    });
  });

  it('formatMeetingStart: short, for a card', () => {
    assert.equal(formatMeetingStart('2026-06-15T12:00:00Z', { locale: 'en-GB' }), 'Mon 15 Jun, 13:00 BST');
  });

  it('plannedStatusText: says each status in words, and who cancelled', () => {
    assert.equal(plannedStatusText({ status: 'booking' }), 'Being booked');
    assert.equal(plannedStatusText({ status: 'cancelled', cancelledInOutlook: true }), 'Cancelled in Outlook');
    assert.equal(plannedStatusText({ status: 'cancelled', cancelledInOutlook: false }), 'Cancelled');
  });

  describe('the supervision route', () => {
    it('round-trips #/supervision/{enrolmentId} and refuses anything else after it', () => {
      assert.deepEqual(parseView(href({ page: 'supervision', enrolmentId: 'demo-0001' })), { page: 'supervision', enrolmentId: 'demo-0001' });
      assert.deepEqual(parseView('#/supervision'), { page: 'not-found' });
      assert.deepEqual(parseView('#/supervision/demo-0001/extra'), { page: 'not-found' });
      assert.deepEqual(parseView('#/supervision/a%20b'), { page: 'not-found' });
    });

    it('viewOfSubPage: a Teams deep link’s subEntityId opens the same view as the web link (bot/links.ts)', () => {
      assert.deepEqual(viewOfSubPage('supervision/demo-0001'), { page: 'supervision', enrolmentId: 'demo-0001' });
      assert.deepEqual(viewOfSubPage('upload'), { page: 'upload', caseId: null, cycleId: null });
      for (const none of [null, '', 'home-page-that-is-not', '/']) assert.equal(viewOfSubPage(none), null, String(none));
    });
  });
});
