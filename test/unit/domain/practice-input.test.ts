import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { cycleProblems, sessionProblems } from '../../../src/domain/practice-input';
import { allContractTermProblems, defaultContractTerms } from '../../../src/domain/contract-terms';

const window = { today: '2026-06-15', enrolmentStart: '2026-01-05' };

describe('practice input', () => {
  describe('sessionProblems', () => {
    it('accepts a session on a past date of 1 to 480 minutes, in person or on Teams', () => {
      assert.deepEqual(sessionProblems({ heldOn: '2026-06-15', minutes: 60, mode: 'teams' }, window), []);
      assert.deepEqual(sessionProblems({ heldOn: '2026-01-05', minutes: 480, mode: 'in_person' }, window), []);
    });

    it('names each problem: the date, the length and the place', () => {
      assert.match(sessionProblems({ heldOn: '2026-06-16', minutes: 60, mode: 'teams' }, window).join(), /future/);
      assert.match(sessionProblems({ heldOn: '2026-01-04', minutes: 60, mode: 'teams' }, window).join(), /before your enrolment/);
      assert.match(sessionProblems({ heldOn: '2026-02-30', minutes: 60, mode: 'teams' }, window).join(), /year-month-day/);
      assert.match(sessionProblems({ heldOn: '2026-06-01', minutes: 0, mode: 'teams' }, window).join(), /1 to 480/);
      assert.match(sessionProblems({ heldOn: '2026-06-01', minutes: 90.5, mode: 'teams' }, window).join(), /whole minutes/);
      assert.match(sessionProblems({ heldOn: '2026-06-01', minutes: 60, mode: 'carrier pigeon' }, window).join(), /in person or Teams/);
    });
  });

  describe('cycleProblems', () => {
    it('allows a cycle without a shared review yet, but not a review before the filming', () => {
      assert.deepEqual(cycleProblems({ filmedOn: '2026-06-01', sharedReviewOn: null }, window), []);
      assert.deepEqual(cycleProblems({ filmedOn: '2026-06-01', sharedReviewOn: '2026-06-01' }, window), []);
      assert.match(cycleProblems({ filmedOn: '2026-06-02', sharedReviewOn: '2026-06-01' }, window).join(), /cannot come before the filming/);
      assert.match(cycleProblems({ filmedOn: '', sharedReviewOn: null }, window).join(), /Filmed on: enter a date/);
    });
  });

  describe('allContractTermProblems', () => {
    it('accepts the default terms and refuses empty or oversized text, a bad date and too much protected time', () => {
      const terms = defaultContractTerms('2026-06-01');
      assert.deepEqual(allContractTermProblems(terms), []);
      const problems = allContractTermProblems({ ...terms, startsOn: '1 June', caseAccess: ' ', changeOfRole: 'x'.repeat(1001), protectedMinutesPerWeek: 300 });
      assert.equal(problems.length, 4);
    });
  });
});
