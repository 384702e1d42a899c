import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { changeConsent, consentAllows, consentHistoryOf, consentUses, consentVersionOf, endInvolvement, scopeNeededFor, withdrawnScopes } from '../../../src/domain/consent';
import { consentScopeFor } from '../../../src/domain/permissions';
import { mayActOnClips } from '../../../src/domain/clips/permissions';
import { AttuneError } from '../../../src/domain/errors';
import type { ConsentScope } from '../../../src/domain/practice';
import { clientCase, enrolment, supervisorId, traineeId } from '../../fakes/domain-builders';

const all = { filming: true, supervisor_viewing: true, peer_intervision: true, training_use: true } satisfies Record<ConsentScope, boolean>;
const now = new Date('2026-06-10T10:00:00.000Z');
const today = '2026-06-10';
const change = (o: Partial<Parameters<typeof changeConsent>[1]> = {}) => ({ fromVersion: 1, scopes: all, reviewOn: null, by: traineeId, now, today, ...o });

describe('consent', () => {
  describe('scopeNeededFor', () => {
    it('names the one scope every access path needs', () => {
      assert.deepEqual(Object.fromEntries(consentUses.map((u) => [u, scopeNeededFor(u)])), {
        filming: 'filming',
        trainee_viewing: 'filming',
        supervisor_viewing: 'supervisor_viewing',
        external_supervisor_viewing: 'supervisor_viewing',
        peer_viewing: 'peer_intervision',
        training_use: 'training_use',
      });
    });
    it('gives each relationship to a clip the scope of its path (line managers none)', () => {
      assert.equal(consentScopeFor('trainee'), 'filming');
      assert.equal(consentScopeFor('supervisor'), 'supervisor_viewing');
      assert.equal(consentScopeFor('external_supervisor'), 'supervisor_viewing');
      assert.equal(consentScopeFor('line_manager'), null);
    });
    it('allows a use only while its scope is granted', () => {
      const c = clientCase('c1', { consent: { ...clientCase('c1').consent, peer_intervision: { granted: false, recordedAt: now.toISOString() } } });
      assert.equal(consentAllows(c, 'peer_viewing'), false);
      assert.equal(consentAllows(c, 'training_use'), true);
    });
    it('stops the supervisor (not the trainee) once supervisor viewing is withdrawn', () => {
      const before = clientCase('c1');
      const after = changeConsent(before, change({ scopes: { ...all, supervisor_viewing: false } })).value;
      const may = (person: string, c: typeof before) => mayActOnClips({ enrolment: enrolment(), person, action: 'view_clip', clientCase: c, now });
      assert.equal(may(supervisorId, before), true);
      assert.equal(may(supervisorId, after), false);
      assert.equal(may(traineeId, after), true);
    });
  });

  describe('changeConsent', () => {
    it('adds a version with the whole set of scopes, who and when, keeping the first', () => {
      const out = changeConsent(clientCase('c1'), change({ scopes: { ...all, training_use: false }, reviewOn: '2026-12-01' }));
      assert.equal(out.kind, 'changed');
      const c = out.value;
      assert.equal(consentVersionOf(c), 2);
      assert.equal(c.consentReviewOn, '2026-12-01');
      assert.equal(c.consent.training_use.granted, false);
      assert.equal(c.consent.training_use.recordedAt, now.toISOString());
      assert.equal(c.consent.filming.recordedAt, clientCase('c1').consent.filming.recordedAt, 'an unchanged scope keeps its date');
      const history = consentHistoryOf(c);
      assert.deepEqual(history.map((v) => [v.version, v.recordedBy, v.scopes.training_use, v.reviewOn]), [
        [1, null, true, null],
        [2, traineeId, false, '2026-12-01'],
      ]);
    });
    it('keeps every version across several changes, oldest first', () => {
      const v2 = changeConsent(clientCase('c1'), change({ scopes: { ...all, filming: false } })).value;
      const v3 = changeConsent(v2, change({ fromVersion: 2, scopes: all, by: supervisorId })).value;
      assert.deepEqual(consentHistoryOf(v3).map((v) => [v.version, v.scopes.filming, v.recordedBy]), [
        [1, true, null],
        [2, false, traineeId],
        [3, true, supervisorId],
      ]);
      assert.deepEqual(withdrawnScopes(clientCase('c1'), v2), ['filming']);
      assert.deepEqual(withdrawnScopes(v2, v3), []);
    });
    it('changes nothing when the consent and review date are as they stand (a double submission)', () => {
      const out = changeConsent(clientCase('c1'), change({ fromVersion: 7 }));
      assert.deepEqual([out.kind, out.kind === 'unchanged' && out.why], ['unchanged', 'already_done']);
    });
    it('is stale when made from an older version', () => {
      const v2 = changeConsent(clientCase('c1'), change({ scopes: { ...all, filming: false } })).value;
      const out = changeConsent(v2, change({ fromVersion: 1, scopes: { ...all, training_use: false } }));
      assert.deepEqual([out.kind, out.kind === 'unchanged' && out.why, consentVersionOf(out.value)], ['unchanged', 'stale', 2]);
    });
    it('refuses a review date in the past', () => {
      assert.throws(() => changeConsent(clientCase('c1'), change({ reviewOn: '2026-06-09' })), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_input');
    });
    it('lets a scope be withdrawn after the end of involvement, but not granted', () => {
      const closed = clientCase('c1', { endOfInvolvement: '2026-06-01', consent: { ...clientCase('c1').consent, training_use: { granted: false, recordedAt: now.toISOString() } } });
      assert.equal(changeConsent(closed, change({ scopes: { ...all, training_use: false, filming: false } })).kind, 'changed');
      assert.throws(() => changeConsent(closed, change({ scopes: all })), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_input');
    });
  });

  describe('endInvolvement', () => {
    it('records the day, who and when', () => {
      const out = endInvolvement(clientCase('c1'), { on: '2026-06-01', by: supervisorId, now, today });
      assert.equal(out.kind, 'changed');
      assert.equal(out.value.endOfInvolvement, '2026-06-01');
      assert.deepEqual(out.value.endOfInvolvementRecorded, { recordedAt: now.toISOString(), recordedBy: supervisorId });
    });
    it('changes nothing when the same day is recorded again', () => {
      assert.equal(endInvolvement(clientCase('c1', { endOfInvolvement: '2026-06-01' }), { on: '2026-06-01', by: traineeId, now, today }).kind, 'unchanged');
    });
    it('never moves a recorded end of involvement (the retention date)', () => {
      assert.throws(() => endInvolvement(clientCase('c1', { endOfInvolvement: '2026-06-01' }), { on: '2026-06-05', by: traineeId, now, today }), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_state');
    });
    it('refuses a day in the future or before the case opened', () => {
      const c = clientCase('c1');
      for (const on of ['2026-06-11', '2000-01-01', '2026-02-31']) assert.throws(() => endInvolvement(c, { on, by: traineeId, now, today }), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_input', on);
    });
  });
});
