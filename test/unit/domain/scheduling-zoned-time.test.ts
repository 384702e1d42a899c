// Wall-clock arithmetic in a time zone, at and around the clock changes (used by the scheduling rules).
import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import { instantAt, isTimeZone, localTimeOf, weekdayOf } from '../../../src/domain/scheduling/zoned-time';

const iso = (ms: number): string => new Date(ms).toISOString();

describe('scheduling zoned time', () => {
  describe('instantAt', () => {
    it('gives 09:00 London as 09:00 UTC in winter and 08:00 UTC in summer', () => {
      assert.equal(iso(instantAt({ date: '2027-03-26', minutes: 540 }, 'Europe/London')), '2027-03-26T09:00:00.000Z');
      assert.equal(iso(instantAt({ date: '2027-03-29', minutes: 540 }, 'Europe/London')), '2027-03-29T08:00:00.000Z');
    });

    it('gives 09:00 on the day of the change itself, both ways', () => {
      assert.equal(iso(instantAt({ date: '2027-03-28', minutes: 540 }, 'Europe/London')), '2027-03-28T08:00:00.000Z');
      assert.equal(iso(instantAt({ date: '2026-10-25', minutes: 540 }, 'Europe/London')), '2026-10-25T09:00:00.000Z');
    });

    it('takes the earlier of a repeated autumn hour and moves a skipped spring time past the gap', () => {
      assert.equal(iso(instantAt({ date: '2026-10-25', minutes: 90 }, 'Europe/London')), '2026-10-25T00:30:00.000Z');
      assert.equal(localTimeOf(instantAt({ date: '2027-03-28', minutes: 90 }, 'Europe/London'), 'Europe/London').minutes, 150);
    });

    it('handles a zone ahead of UTC across the date line', () => {
      assert.equal(iso(instantAt({ date: '2026-12-08', minutes: 540 }, 'Australia/Sydney')), '2026-12-07T22:00:00.000Z');
    });
  });

  describe('localTimeOf', () => {
    it('gives the local date, minutes and ISO weekday', () => {
      assert.deepEqual(localTimeOf(Date.parse('2026-12-07T23:30:00Z'), 'Asia/Kolkata'), { date: '2026-12-08', minutes: 300, weekday: 2 });
    });
  });

  describe('weekdayOf and isTimeZone', () => {
    it('numbers Monday 1 and Sunday 7, and knows a zone from a made-up one', () => {
      assert.deepEqual([weekdayOf('2026-12-07'), weekdayOf('2026-12-13')], [1, 7]);
      assert.deepEqual([isTimeZone('Europe/London'), isTimeZone('Mars/Olympus')], [true, false]);
    });
  });
});
