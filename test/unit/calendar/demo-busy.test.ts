import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { demoBusy } from '../../../src/adapters/calendar/demo-busy';

const alice = { tenantId: 'tenant-a', objectId: 'someone' };
const week = { start: '2026-12-07T00:00:00.000Z', end: '2026-12-14T00:00:00.000Z' };

describe('demoBusy (the local calendar\'s made-up working week)', () => {
  it('holds the Monday team meeting and a client visit on Tuesday and Thursday, nothing else', () => {
    assert.deepEqual(demoBusy(alice, week), [
      { start: '2026-12-07T09:30:00.000Z', end: '2026-12-07T10:30:00.000Z', availability: 'busy' },
      { start: '2026-12-08T13:30:00.000Z', end: '2026-12-08T15:00:00.000Z', availability: 'busy' },
      { start: '2026-12-10T14:30:00.000Z', end: '2026-12-10T16:00:00.000Z', availability: 'busy' },
    ]);
  });

  it('gives the same answer every time and differs between people', () => {
    assert.deepEqual(demoBusy(alice, week), demoBusy({ ...alice }, week));
    const starts = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((objectId) => demoBusy({ tenantId: 'tenant-a', objectId }, week)[1]?.start));
    assert.ok(starts.size > 1);
  });

  it('returns whole periods that overlap the window, and none outside it', () => {
    assert.deepEqual(demoBusy(alice, { start: '2026-12-07T10:00:00.000Z', end: '2026-12-07T10:15:00.000Z' }), [{ start: '2026-12-07T09:30:00.000Z', end: '2026-12-07T10:30:00.000Z', availability: 'busy' }]);
    assert.deepEqual(demoBusy(alice, { start: '2026-12-07T10:30:00.000Z', end: '2026-12-08T09:00:00.000Z' }), []);
  });
});
