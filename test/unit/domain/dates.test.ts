import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, addMonths, dateToInstant, daysBetween, isIsoDate, toIsoDate } from '../../../src/domain/dates';

/** Calendar dates from 1950 to 2099, as ISO strings. */
const isoDate = fc
  .integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
  .map((d) => toIsoDate(new Date(d * 86_400_000)));

const monthIndex = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

describe('dates', () => {
  describe('isIsoDate', () => {
    it('accepts a real calendar date', () => {
      assert.equal(isIsoDate('2025-01-31'), true);
    });

    it('accepts 29 February in a leap year', () => {
      assert.equal(isIsoDate('2024-02-29'), true);
    });

    it('rejects 29 February in a common year', () => {
      assert.equal(isIsoDate('2025-02-29'), false);
    });

    it('rejects 30 February', () => {
      assert.equal(isIsoDate('2025-02-30'), false);
    });

    it('rejects the 31st of a 30-day month', () => {
      assert.equal(isIsoDate('2025-04-31'), false);
    });

    it('rejects month 13 and month 00', () => {
      assert.equal(isIsoDate('2025-13-01'), false);
      assert.equal(isIsoDate('2025-00-10'), false);
    });

    it('rejects day 00', () => {
      assert.equal(isIsoDate('2025-01-00'), false);
    });

    it('rejects dates without zero padding', () => {
      assert.equal(isIsoDate('2025-1-5'), false);
    });

    it('rejects timestamps, other orders and surrounding text', () => {
      for (const value of ['2025-01-05T00:00:00Z', '05/01/2025', '2025/01/05', ' 2025-01-05', '2025-01-05\n', '', 'not a date']) {
        assert.equal(isIsoDate(value), false, value);
      }
    });

    it('accepts every date that toIsoDate produces', () => {
      fc.assert(fc.property(isoDate, (d) => isIsoDate(d)), { numRuns: 200 });
    });
  });

  describe('toIsoDate', () => {
    it('takes the UTC calendar date of an instant', () => {
      assert.equal(toIsoDate(new Date('2025-03-01T23:30:00-01:00')), '2025-03-02');
    });
  });

  describe('dateToInstant', () => {
    it('gives midnight UTC on that date', () => {
      assert.equal(dateToInstant('2025-03-02').toISOString(), '2025-03-02T00:00:00.000Z');
    });

    it('round-trips through toIsoDate', () => {
      fc.assert(fc.property(isoDate, (d) => toIsoDate(dateToInstant(d)) === d), { numRuns: 200 });
    });
  });

  describe('addMonths', () => {
    it('keeps the day of the month when the target month has it', () => {
      assert.equal(addMonths('2025-01-15', 1), '2025-02-15');
    });

    it('clamps 31 January + 1 month to 28 February in a common year', () => {
      assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    });

    it('clamps 31 January + 1 month to 29 February in a leap year', () => {
      assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    });

    it('clamps 31 March + 1 month to 30 April', () => {
      assert.equal(addMonths('2025-03-31', 1), '2025-04-30');
    });

    it('rolls over the year end', () => {
      assert.equal(addMonths('2025-11-30', 3), '2026-02-28');
    });

    it('adds the 18 and 24 months of the accreditation window', () => {
      assert.equal(addMonths('2025-01-06', 18), '2026-07-06');
      assert.equal(addMonths('2025-01-06', 24), '2027-01-06');
    });

    it('goes backwards for negative months, clamping the same way', () => {
      assert.equal(addMonths('2025-03-31', -1), '2025-02-28');
    });

    it('returns the same date for 0 months', () => {
      assert.equal(addMonths('2024-02-29', 0), '2024-02-29');
    });

    it('always lands exactly n calendar months later', () => {
      fc.assert(
        fc.property(isoDate, fc.integer({ min: -60, max: 60 }), (d, n) => monthIndex(addMonths(d, n)) - monthIndex(d) === n),
        { numRuns: 200 },
      );
    });

    it('never gives a later day of the month than it started on', () => {
      fc.assert(
        fc.property(isoDate, fc.integer({ min: -60, max: 60 }), (d, n) => {
          const result = addMonths(d, n);
          return isIsoDate(result) && result.slice(8) <= d.slice(8);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('addDays', () => {
    it('crosses month and leap-day boundaries', () => {
      assert.equal(addDays('2024-02-28', 1), '2024-02-29');
      assert.equal(addDays('2024-02-29', 1), '2024-03-01');
    });

    it('goes backwards for negative days', () => {
      assert.equal(addDays('2025-01-01', -1), '2024-12-31');
    });

    it('is undone by daysBetween', () => {
      fc.assert(fc.property(isoDate, fc.integer({ min: -2000, max: 2000 }), (d, n) => daysBetween(d, addDays(d, n)) === n), { numRuns: 200 });
    });
  });

  describe('daysBetween', () => {
    it('counts whole days from the first date to the second', () => {
      assert.equal(daysBetween('2025-01-06', '2025-02-05'), 30);
    });

    it('is negative when the second date is earlier', () => {
      assert.equal(daysBetween('2025-02-05', '2025-01-06'), -30);
    });

    it('counts a leap year as 366 days', () => {
      assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    });
  });
});
