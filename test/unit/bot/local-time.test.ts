import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { formatDay, formatWindow, zoneCity } from '../../../bot/cards/local-time';
import { parseSlot, slotValue } from '../../../bot/cards/schedule-cards';

describe('times in chat', () => {
  describe('formatWindow', () => {
    it('shows a window in the service zone, day first, on the 24-hour clock', () => {
      assert.equal(formatWindow({ start: '2026-06-16T13:00:00.000Z', end: '2026-06-16T14:00:00.000Z' }, 'Europe/London'), 'Tue 16 Jun, 14:00–15:00');
      assert.equal(formatWindow({ start: '2026-12-01T09:30:00.000Z', end: '2026-12-01T11:00:00.000Z' }, 'Europe/London'), 'Tue 1 Dec, 09:30–11:00');
    });

    it('names both days when a window runs past midnight there', () => {
      assert.equal(formatWindow({ start: '2026-12-16T23:00:00.000Z', end: '2026-12-17T01:00:00.000Z' }, 'Europe/London'), 'Wed 16 Dec, 23:00 – Thu 17 Dec, 01:00');
    });
  });

  it('formatDay shows a calendar date as it is, whatever the zone', () => {
    assert.equal(formatDay('2026-06-16'), 'Tue 16 Jun');
  });

  it('zoneCity names the zone by its city', () => {
    assert.equal(zoneCity('Europe/London'), 'London');
    assert.equal(zoneCity('America/New_York'), 'New York');
  });

  describe('slot values', () => {
    it('round-trips a window through one choice-set value', () => {
      const w = { start: '2026-06-16T13:00:00.000Z', end: '2026-06-16T14:00:00.000Z' };
      assert.equal(slotValue(w), '2026-06-16T13:00:00.000Z/2026-06-16T14:00:00.000Z');
      assert.deepEqual(parseSlot(slotValue(w)), w);
    });

    it('reads anything else as no choice', () => {
      for (const v of ['', 'tomorrow', '2026-06-16T13:00:00.000Z', '2026-06-16T14:00:00.000Z/2026-06-16T13:00:00.000Z', '2026-06-16/2026-06-17', 'a/b/c', '2026-06-16T13:00:00+01:00/2026-06-16T14:00:00Z']) {
        assert.equal(parseSlot(v), null, v);
      }
    });
  });
});
