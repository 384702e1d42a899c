import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import fc from 'fast-check';
import { caseChange, emptyOutcomes, goalChanges, goalProblems, ratingProblems, type CaseOutcomes, type GoalRatingSet } from '../../../src/domain/outcomes/case-outcomes';
import { bandOf, genericLikert, goalBasedOutcomes, improvement, measureProblems, onScale, scoreOf, shippedMeasures, type MeasureDefinition } from '../../../src/domain/outcomes/measures';
import { lastTwelveMonths, returnCells, returnColumns, returnRows, serviceReport, suppressBelow, type ReportCase } from '../../../src/domain/outcomes/service-report';
import { clientCase, cycle } from '../../fakes/domain-builders';

const goals = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `g${i + 1}`, sealed: 'sealed', addedOn: '2026-01-05' }));
const rating = (point: GoalRatingSet['point'], ratedOn: string, scores: Record<string, number>): GoalRatingSet => ({ id: `${point}-${ratedOn}`, point, ratedOn, scores });
const outcomes = (caseId: string, ratings: GoalRatingSet[], goalCount = 2): CaseOutcomes => ({ ...emptyOutcomes({ caseId, enrolmentId: 'e1' }), goals: goals(goalCount), ratings });

describe('outcome measures', () => {
  describe('shipped measures', () => {
    it('are valid definitions and carry no item text but Attune’s own generic labels', () => {
      for (const m of shippedMeasures) assert.deepEqual(measureProblems(m), [], m.id);
      assert.deepEqual(goalBasedOutcomes.items, []);
      assert.equal(goalBasedOutcomes.scale.max, 10);
    });
  });

  describe('measureProblems', () => {
    it('refuses a scale upside down, duplicate item ids and cut-offs out of order', () => {
      const bad: MeasureDefinition = { ...genericLikert, scale: { min: 5, max: 1, step: 1 }, items: [{ id: 'a', label: 'x' }, { id: 'a', label: 'y' }], cutOffs: [{ label: 'high', from: 4 }, { label: 'low', from: 2 }] };
      const problems = measureProblems(bad).join(' ');
      assert.match(problems, /Scale/);
      assert.match(problems, /own id/);
      assert.match(problems, /rising order/);
    });
  });

  describe('scoring', () => {
    it('sums or averages, bands by cut-off, and signs change as improvement by direction', () => {
      const summed: MeasureDefinition = { ...genericLikert, scoring: 'sum', cutOffs: [{ label: 'typical', from: 0 }, { label: 'raised', from: 8 }] };
      assert.equal(scoreOf(summed, [3, 4, 2]), 9);
      assert.equal(scoreOf(genericLikert, [3, 4]), 3.5);
      assert.equal(scoreOf(genericLikert, []), null);
      assert.equal(bandOf(summed, 9), 'raised');
      assert.equal(bandOf(summed, 7), 'typical');
      assert.equal(improvement({ direction: 'higher_is_better' }, 3, 7), 4);
      assert.equal(improvement({ direction: 'lower_is_better' }, 20, 12), 8);
      assert.ok(onScale(goalBasedOutcomes, 7));
      assert.ok(!onScale(goalBasedOutcomes, 7.5));
      assert.ok(!onScale(goalBasedOutcomes, 11));
    });
  });
});

describe('goal based outcomes', () => {
  describe('goalProblems', () => {
    it('allows up to three goals, each with text of up to 500 characters', () => {
      assert.deepEqual(goalProblems([{ text: 'Enjoy bath time together' }]), []);
      assert.match(goalProblems([{ text: 'a' }, { text: 'b' }, { text: 'c' }, { text: 'd' }]).join(), /up to 3/);
      assert.match(goalProblems([{ text: '  ' }]).join(), /family's words/);
      assert.match(goalProblems([{ text: 'x'.repeat(501) }]).join(), /500/);
    });
  });

  describe('ratingProblems', () => {
    it('needs goals, whole scores from 0 to 10, known goals and one start and end each', () => {
      assert.match(ratingProblems(emptyOutcomes({ caseId: 'c', enrolmentId: 'e' }), { point: 'start', ratedOn: '2026-01-01', scores: { g1: 3 } }).join(), /goals before/);
      const o = outcomes('c', [rating('start', '2026-01-05', { g1: 2 })]);
      assert.match(ratingProblems(o, { point: 'review', ratedOn: '2026-02-01', scores: { g1: 11 } }).join(), /0 \(not at all met\) to 10/);
      assert.match(ratingProblems(o, { point: 'review', ratedOn: '2026-02-01', scores: { zz: 1 } }).join(), /does not have/);
      assert.match(ratingProblems(o, { point: 'start', ratedOn: '2026-02-01', scores: { g1: 1 } }).join(), /already have a start/);
      assert.deepEqual(ratingProblems(o, { point: 'review', ratedOn: '2026-02-01', scores: { g1: 4 } }), []);
    });
  });

  describe('goalChanges', () => {
    it('pairs the start rating with the end rating, or the latest review while the case is open', () => {
      const open = outcomes('c', [rating('review', '2026-02-01', { g1: 4, g2: 5 }), rating('start', '2026-01-05', { g1: 2, g2: 3 }), rating('review', '2026-03-01', { g1: 6 })]);
      const [g1, g2] = goalChanges(open);
      assert.deepEqual(g1, { goalId: 'g1', first: { ratedOn: '2026-01-05', score: 2 }, last: { ratedOn: '2026-03-01', score: 6 }, change: 4 });
      assert.equal(g2?.change, 2);
      const ended = outcomes('c', [...open.ratings, rating('end', '2026-04-01', { g1: 9, g2: 8 })]);
      assert.deepEqual(goalChanges(ended).map((g) => g.change), [7, 5]);
      assert.deepEqual(caseChange(ended), { before: 2.5, after: 8.5, change: 6, goals: 2 });
    });

    it('has no change for a goal rated once', () => {
      assert.equal(caseChange(outcomes('c', [rating('start', '2026-01-05', { g1: 2 })])), null);
    });

    it('change is always the after mean minus the before mean (property)', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 3 }), (a, b) => {
          const scores = (xs: number[]) => Object.fromEntries(xs.map((s, i) => [`g${i + 1}`, s]));
          const c = caseChange(outcomes('c', [rating('start', '2026-01-01', scores(a)), rating('end', '2026-05-01', scores(b))], 3));
          assert.ok(c);
          assert.ok(Math.abs(c.change - (c.after - c.before)) < 0.011);
          assert.ok(c.before >= 0 && c.after <= 10);
        }),
      );
    });
  });
});

describe('service report', () => {
  const period = { from: '2026-01-01', to: '2026-12-31' };
  const withChange = (i: number, lastOn = '2026-06-01'): ReportCase => ({
    case: clientCase(`c${i}`, { openedOn: '2026-01-02', endOfInvolvement: '2026-06-15' }),
    cycles: [cycle(`c${i}`, '2026-03-01'), cycle(`c${i}`, '2026-04-01')],
    outcomes: outcomes(`c${i}`, [rating('start', '2026-01-10', { g1: 2, g2: 4 }), rating('end', lastOn, { g1: 6, g2: 8 })]),
  });

  it('counts cases, cycles, trainees by stage, completion and drop-out in the period', () => {
    const dropped: ReportCase = { case: clientCase('d1', { openedOn: '2026-02-01', endOfInvolvement: '2026-03-01' }), cycles: [], outcomes: null };
    const old: ReportCase = { case: clientCase('o1', { openedOn: '2024-01-01', endOfInvolvement: '2024-06-01' }), cycles: [cycle('o1', '2024-03-01')], outcomes: null };
    const r = serviceReport({ period, cases: [withChange(1), withChange(2), dropped, old], trainees: [{ enrolmentId: 'a', stage: 1 }, { enrolmentId: 'b', stage: 1 }, { enrolmentId: 'c', stage: null }, { enrolmentId: 'd', stage: 2 }] });
    assert.deepEqual(r.cases, { active: 3, opened: 3, ended: 3 });
    assert.deepEqual(r.cycles, { completed: 4 });
    assert.deepEqual(r.traineesByStage, [{ stage: 1, trainees: 2 }, { stage: 2, trainees: 1 }, { stage: null, trainees: 1 }]);
    assert.deepEqual(r.endings, { completed: 2, droppedOut: 1 });
  });

  it('suppresses the mean change below five cases, and gives it with n from five', () => {
    const four = serviceReport({ period, cases: [1, 2, 3, 4].map((i) => withChange(i)), trainees: [] });
    assert.deepEqual(four.measures[0], { measureId: 'gbo', version: 1, name: 'Goal Based Outcomes', n: 4, meanBefore: null, meanAfter: null, meanChange: null, suppressed: true });
    const five = serviceReport({ period, cases: [1, 2, 3, 4, 5].map((i) => withChange(i)), trainees: [] });
    assert.deepEqual(five.measures[0], { measureId: 'gbo', version: 1, name: 'Goal Based Outcomes', n: 5, meanBefore: 3, meanAfter: 7, meanChange: 4, suppressed: false });
  });

  it('counts a case’s change in the period of its later rating only', () => {
    const r = serviceReport({ period, cases: [1, 2, 3, 4, 5].map((i) => withChange(i, '2027-01-10')), trainees: [] });
    assert.equal(r.measures[0]?.n, 0);
  });

  it('gives no return rows below five, and rows with months, never case ids or codes, from five', () => {
    assert.deepEqual(returnRows({ period, cases: [1, 2, 3, 4].map((i) => withChange(i)) }), []);
    const rows = returnRows({ period, cases: [1, 2, 3, 4, 5].map((i) => withChange(i)) });
    assert.equal(rows.length, suppressBelow);
    const cells = rows.map(returnCells);
    assert.equal(cells[0]?.length, returnColumns.length);
    assert.deepEqual(cells[0], ['1', 'gbo', '1', '2026-01', '2026-06', '3', '7', '4', '2', '2', 'yes']);
    assert.ok(!JSON.stringify(cells).includes('c1'));
    assert.ok(!JSON.stringify(cells).includes('FAM'));
  });

  it('defaults to the twelve months up to today', () => {
    assert.deepEqual(lastTwelveMonths('2026-12-04'), { from: '2025-12-04', to: '2026-12-04' });
  });
});
