import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import {
  contractTermProblems,
  decline,
  describeStatus,
  endContract,
  maxProtectedMinutesPerWeek,
  partyOf,
  revise,
  sendForSignature,
  sign,
  type Contract,
  type ContractState,
  type Party,
} from '../../../src/domain/contract';
import { AttuneError, type ErrorCode } from '../../../src/domain/errors';
import { draft, lineManagerId, outsiderId, personFor, supervisorId, terms, traineeId } from '../../fakes/domain-builders';

const t1 = '2025-01-10T09:00:00.000Z';
const t2 = '2025-01-11T09:00:00.000Z';
const t3 = '2025-01-12T09:00:00.000Z';
const t4 = '2025-01-13T09:00:00.000Z';

const fails = (code: ErrorCode) => (e: unknown): boolean => e instanceof AttuneError && e.code === code;

const awaiting = (): Contract => sendForSignature(draft());
const signedBy = (c: Contract, ...who: Party[]): Contract => who.reduce((acc, p, i) => sign(acc, { person: personFor(p), at: `2025-01-1${i}T09:00:00.000Z` }), c);
const active = (): Contract => signedBy(awaiting(), 'trainee', 'supervisor', 'line_manager');
const declined = (): Contract => decline(awaiting(), { person: lineManagerId, reason: 'No protected time this term.', at: t1 });
const ended = (): Contract => endContract(active(), { reason: 'completed', at: t4 });

const statusOf = (c: Contract): ContractState['status'] => c.state.status;

describe('contract', () => {
  describe('contractTermProblems', () => {
    it('finds nothing wrong with sensible terms', () => {
      assert.deepEqual(contractTermProblems(terms()), []);
    });

    it('accepts exactly half a day (240 minutes) of protected time a week', () => {
      assert.equal(maxProtectedMinutesPerWeek, 240);
      assert.deepEqual(contractTermProblems(terms({ protectedMinutesPerWeek: 240 })), []);
    });

    it('accepts no protected time at all', () => {
      assert.deepEqual(contractTermProblems(terms({ protectedMinutesPerWeek: 0 })), []);
    });

    it('rejects more than 240 minutes of protected time a week', () => {
      assert.deepEqual(contractTermProblems(terms({ protectedMinutesPerWeek: 241 })), ['Protected time must be between 0 and half a day (240 minutes) a week.']);
    });

    it('rejects negative or fractional protected time', () => {
      for (const minutes of [-1, 30.5, Number.NaN]) {
        assert.equal(contractTermProblems(terms({ protectedMinutesPerWeek: minutes })).length, 1, String(minutes));
      }
    });

    it('accepts an expected duration from 1 to 60 months', () => {
      assert.deepEqual(contractTermProblems(terms({ expectedMonths: 1 })), []);
      assert.deepEqual(contractTermProblems(terms({ expectedMonths: 60 })), []);
    });

    it('rejects an expected duration of 0, over 60 or fractional months', () => {
      for (const months of [0, 61, 18.5]) {
        assert.deepEqual(contractTermProblems(terms({ expectedMonths: months })), ['Expected duration must be 1 to 60 months.'], String(months));
      }
    });

    it('reports both problems together', () => {
      assert.equal(contractTermProblems(terms({ expectedMonths: 0, protectedMinutesPerWeek: 300 })).length, 2);
    });
  });

  describe('draftContract', () => {
    it('starts as a version 1 draft', () => {
      const c = draft();
      assert.equal(c.version, 1);
      assert.deepEqual(c.state, { status: 'draft' });
    });

    it('keeps the parties and terms it was given', () => {
      const c = draft({ terms: { protectedMinutesPerWeek: 120 } });
      assert.deepEqual(c.parties, { trainee: traineeId, supervisor: supervisorId, line_manager: lineManagerId });
      assert.equal(c.terms.protectedMinutesPerWeek, 120);
    });

    it('rejects invalid terms with invalid_input and the problems as details', () => {
      assert.throws(
        () => draft({ terms: { protectedMinutesPerWeek: 300 } }),
        (e: unknown) => e instanceof AttuneError && e.code === 'invalid_input' && e.details.includes('Protected time must be between 0 and half a day (240 minutes) a week.'),
      );
    });

    it('rejects parties that are not three different people', () => {
      assert.throws(() => draft({ parties: { line_manager: supervisorId } }), fails('invalid_input'));
    });
  });

  describe('sendForSignature', () => {
    it('moves a draft to awaiting signatures with none yet', () => {
      assert.deepEqual(awaiting().state, { status: 'awaiting_signatures', signatures: {} });
    });

    it('rejects a contract that is not a draft with invalid_state', () => {
      for (const c of [awaiting(), active(), declined(), ended()]) {
        assert.throws(() => sendForSignature(c), fails('invalid_state'), statusOf(c));
      }
    });
  });

  describe('partyOf', () => {
    it('names the party a person signs as', () => {
      assert.equal(partyOf(draft(), traineeId), 'trainee');
      assert.equal(partyOf(draft(), supervisorId), 'supervisor');
      assert.equal(partyOf(draft(), lineManagerId), 'line_manager');
    });

    it('gives null for someone who is not a party', () => {
      assert.equal(partyOf(draft(), outsiderId), null);
    });
  });

  describe('sign', () => {
    it('records the signature and its time', () => {
      const c = sign(awaiting(), { person: traineeId, at: t1 });
      assert.deepEqual(c.state, { status: 'awaiting_signatures', signatures: { trainee: t1 } });
    });

    it('stays awaiting signatures after two of the three parties sign', () => {
      assert.equal(statusOf(signedBy(awaiting(), 'supervisor', 'line_manager')), 'awaiting_signatures');
    });

    it('activates when the third party signs, at the time of that signature', () => {
      let c = sign(awaiting(), { person: lineManagerId, at: t1 });
      c = sign(c, { person: traineeId, at: t2 });
      c = sign(c, { person: supervisorId, at: t3 });
      assert.deepEqual(c.state, { status: 'active', activatedAt: t3, signatures: { line_manager: t1, trainee: t2, supervisor: t3 } });
    });

    it('returns the contract unchanged when a party signs twice while awaiting signatures', () => {
      const once = sign(awaiting(), { person: traineeId, at: t1 });
      const twice = sign(once, { person: traineeId, at: t2 });
      assert.equal(twice, once);
    });

    it('returns the contract unchanged when a party signs an active contract again', () => {
      const c = active();
      assert.equal(sign(c, { person: traineeId, at: t4 }), c);
    });

    it('rejects a non-party with not_found, as if the contract did not exist', () => {
      assert.throws(() => sign(awaiting(), { person: outsiderId, at: t1 }), fails('not_found'));
    });

    it('rejects a non-party with not_found whatever the state', () => {
      for (const c of [draft(), active(), declined(), ended()]) {
        assert.throws(() => sign(c, { person: outsiderId, at: t1 }), fails('not_found'), statusOf(c));
      }
    });

    it('rejects signing a draft that has not been sent with invalid_state', () => {
      assert.throws(() => sign(draft(), { person: traineeId, at: t1 }), fails('invalid_state'));
    });

    it('rejects signing a declined contract with invalid_state', () => {
      assert.throws(() => sign(declined(), { person: traineeId, at: t2 }), fails('invalid_state'));
    });

    it('rejects signing an ended contract with invalid_state', () => {
      assert.throws(() => sign(ended(), { person: traineeId, at: t4 }), fails('invalid_state'));
    });

    it('does not change the contract it was given', () => {
      const before = awaiting();
      sign(before, { person: traineeId, at: t1 });
      assert.deepEqual(before.state, { status: 'awaiting_signatures', signatures: {} });
    });
  });

  describe('decline', () => {
    it('lets the line manager decline with a reason, keeping the signatures so far', () => {
      const c = decline(signedBy(awaiting(), 'trainee'), { person: lineManagerId, reason: 'No cover for protected time.', at: t2 });
      assert.deepEqual(c.state, { status: 'declined', signatures: { trainee: '2025-01-10T09:00:00.000Z' }, reason: 'No cover for protected time.', at: t2 });
    });

    it('trims the reason', () => {
      const c = decline(awaiting(), { person: lineManagerId, reason: '  Not this year.  ', at: t1 });
      assert.equal(c.state.status === 'declined' && c.state.reason, 'Not this year.');
    });

    it('rejects an empty reason with invalid_input', () => {
      assert.throws(() => decline(awaiting(), { person: lineManagerId, reason: '', at: t1 }), fails('invalid_input'));
    });

    it('rejects a reason of only spaces with invalid_input', () => {
      assert.throws(() => decline(awaiting(), { person: lineManagerId, reason: ' \n\t ', at: t1 }), fails('invalid_input'));
    });

    it('rejects the trainee with not_found', () => {
      assert.throws(() => decline(awaiting(), { person: traineeId, reason: 'Changed my mind.', at: t1 }), fails('not_found'));
    });

    it('rejects the supervisor with not_found', () => {
      assert.throws(() => decline(awaiting(), { person: supervisorId, reason: 'Too busy.', at: t1 }), fails('not_found'));
    });

    it('rejects a non-party with not_found', () => {
      assert.throws(() => decline(awaiting(), { person: outsiderId, reason: 'Because.', at: t1 }), fails('not_found'));
    });

    it('rejects a contract that is not awaiting signatures with invalid_state', () => {
      for (const c of [draft(), active(), declined(), ended()]) {
        assert.throws(() => decline(c, { person: lineManagerId, reason: 'No.', at: t4 }), fails('invalid_state'), statusOf(c));
      }
    });
  });

  describe('revise', () => {
    it('makes the next version as a draft with the new terms and the same parties', () => {
      const { next } = revise(active(), { id: 'contract-2', terms: terms({ protectedMinutesPerWeek: 180 }), at: t4 });
      assert.deepEqual(next, {
        id: 'contract-2',
        enrolmentId: 'enrolment-1',
        version: 2,
        parties: { trainee: traineeId, supervisor: supervisorId, line_manager: lineManagerId },
        terms: terms({ protectedMinutesPerWeek: 180 }),
        state: { status: 'draft' },
      });
    });

    it('ends the old version as superseded, keeping its signatures readable', () => {
      const old = active();
      const { previous } = revise(old, { id: 'contract-2', terms: terms(), at: t4 });
      assert.deepEqual(previous.state, { status: 'ended', reason: 'superseded', endedAt: t4, signatures: old.state.status === 'active' ? old.state.signatures : {} });
      assert.equal(previous.version, 1);
      assert.equal(previous.id, 'contract-1');
    });

    it('numbers each revision one above the one it replaces', () => {
      const v2 = revise(active(), { id: 'contract-2', terms: terms(), at: t4 }).next;
      const v3 = revise(v2, { id: 'contract-3', terms: terms(), at: t4 }).next;
      assert.equal(v3.version, 3);
    });

    it('supersedes a draft with no signatures', () => {
      const { previous } = revise(draft(), { id: 'contract-2', terms: terms(), at: t1 });
      assert.deepEqual(previous.state, { status: 'ended', reason: 'superseded', endedAt: t1, signatures: {} });
    });

    it('supersedes a declined contract so the parties can agree new terms', () => {
      const { previous, next } = revise(declined(), { id: 'contract-2', terms: terms({ protectedMinutesPerWeek: 120 }), at: t2 });
      assert.equal(statusOf(previous), 'ended');
      assert.equal(statusOf(next), 'draft');
    });

    it('needs every signature again on the new version', () => {
      const { next } = revise(active(), { id: 'contract-2', terms: terms(), at: t4 });
      assert.equal(statusOf(signedBy(sendForSignature(next), 'trainee', 'supervisor')), 'awaiting_signatures');
    });

    it('rejects invalid terms with invalid_input', () => {
      assert.throws(() => revise(active(), { id: 'contract-2', terms: terms({ protectedMinutesPerWeek: 241 }), at: t4 }), fails('invalid_input'));
    });

    it('rejects revising an ended contract with invalid_state', () => {
      assert.throws(() => revise(ended(), { id: 'contract-2', terms: terms(), at: t4 }), fails('invalid_state'));
    });
  });

  describe('endContract', () => {
    it('ends an active contract with the reason, keeping its signatures', () => {
      const c = endContract(active(), { reason: 'role_change', at: t4 });
      assert.equal(c.state.status, 'ended');
      assert.equal(c.state.status === 'ended' && c.state.reason, 'role_change');
      assert.equal(c.state.status === 'ended' && Object.keys(c.state.signatures).length, 3);
    });

    it('rejects every state but active with invalid_state', () => {
      for (const c of [draft(), awaiting(), declined(), ended()]) {
        assert.throws(() => endContract(c, { reason: 'completed', at: t4 }), fails('invalid_state'), statusOf(c));
      }
    });
  });

  describe('describeStatus', () => {
    it('words every status for a sentence', () => {
      assert.deepEqual(
        (['draft', 'awaiting_signatures', 'active', 'declined', 'ended'] as const).map(describeStatus),
        ['a draft', 'waiting for signatures', 'active', 'declined', 'ended'],
      );
    });
  });
});
