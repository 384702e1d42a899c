// Properties of progress() over random enrolments and records scattered around the start date.
import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, toIsoDate, type IsoDate } from '../../../src/domain/dates';
import { avigukLegacyPreset, avigukPreset, orkneyPreset, type PathwayDefinition } from '../../../src/domain/pathway';
import { progress, type Progress } from '../../../src/domain/progress';
import type { Case, Cycle, Enrolment, PracticeRecords, StageMeeting, SupervisionSession } from '../../../src/domain/practice';
import { clientCase, enrolment } from '../../fakes/domain-builders';

const numRuns = 150;

/** Small enough that random records often meet it, so due meetings and sign-offs get exercised. */
const smallPathway: PathwayDefinition = {
  id: 'small',
  version: 1,
  name: 'Small pathway',
  source: 'test',
  window: { minMonths: 12, maxMonths: 15 },
  stages: [
    { stage: 1, name: 'First', cyclesRequired: 2, newClientsRequired: 1, supervisionMinutesRequired: 90, meeting: { kind: 'transition', minutes: 60 }, expectedMonths: 4 },
    { stage: 2, name: 'Second', cyclesRequired: 3, newClientsRequired: 2, supervisionMinutesRequired: 120, meeting: { kind: 'accreditation', minutes: 60 }, expectedMonths: 6 },
  ],
};

interface World {
  readonly enrolment: Enrolment;
  readonly pathway: PathwayDefinition;
  readonly records: PracticeRecords;
  readonly now: Date;
}

const caseIds = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];

const startArb: fc.Arbitrary<IsoDate> = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2018-01-01', n));
/** Days from the enrolment start: a few before it, most in the first two and a half years. */
const offsetArb = fc.integer({ min: -30, max: 900 });

const cycleArb = (start: IsoDate, ids: readonly string[] = caseIds): fc.Arbitrary<Cycle> =>
  fc
    .record({ caseId: fc.constantFrom(...ids), filmed: offsetArb, reviewAfter: fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }), n: fc.nat() })
    .map(({ caseId, filmed, reviewAfter, n }) => ({
      id: `cycle-${n}`,
      enrolmentId: 'enrolment-1',
      caseId,
      filmedOn: addDays(start, filmed),
      ...(reviewAfter === undefined ? {} : { sharedReviewOn: addDays(start, filmed + reviewAfter) }),
    }));

const sessionArb = (start: IsoDate): fc.Arbitrary<SupervisionSession> =>
  fc.record({ held: offsetArb, minutes: fc.integer({ min: 1, max: 180 }), n: fc.nat() }).map(({ held, minutes, n }) => ({
    id: `session-${n}`,
    enrolmentId: 'enrolment-1',
    heldOn: addDays(start, held),
    minutes,
    mode: 'teams',
    caseIds: [],
    clipIds: [],
  }));

/** Meetings usually near the end of their stage's six months, so sign-off chains form often. */
const meetingArb = (start: IsoDate): fc.Arbitrary<StageMeeting> =>
  fc
    .record({ stage: fc.integer({ min: 1, max: 4 }), jitter: fc.integer({ min: -150, max: 120 }), outcome: fc.constantFrom<StageMeeting['outcome']>('signed_off', 'signed_off', 'not_yet'), n: fc.nat() })
    .map(({ stage, jitter, outcome, n }) => ({
      id: `meeting-${n}`,
      enrolmentId: 'enrolment-1',
      stage,
      kind: stage >= 3 ? 'accreditation' : 'transition',
      heldOn: addDays(start, stage * 180 + jitter),
      minutes: 60,
      outcome,
    }));

const casesArb: fc.Arbitrary<Case[]> = fc.subarray(caseIds).map((ids) => ids.map((id) => clientCase(id)));

/** Cases, cycles of those cases only, supervision and stage meetings. */
const recordsArb = (start: IsoDate): fc.Arbitrary<PracticeRecords> =>
  casesArb.chain((cases) =>
    fc.record({
      cases: fc.constant(cases),
      cycles: cases.length === 0 ? fc.constant([]) : fc.array(cycleArb(start, cases.map((c) => c.id)), { maxLength: 40 }),
      supervision: fc.array(sessionArb(start), { maxLength: 20 }),
      meetings: fc.array(meetingArb(start), { maxLength: 6 }),
    }),
  );

const worldArb: fc.Arbitrary<World> = startArb.chain((start) =>
  fc.record({
    enrolment: fc.constant(enrolment({ startedOn: start })),
    pathway: fc.constantFrom(avigukPreset, orkneyPreset, avigukLegacyPreset, smallPathway),
    records: recordsArb(start),
    now: fc.record({ days: fc.integer({ min: -10, max: 1000 }), ms: fc.integer({ min: 0, max: 86_399_999 }) }).map(({ days, ms }) => new Date(Date.parse(`${addDays(start, days)}T00:00:00Z`) + ms)),
  }),
);

/** A world and one more record that could be added to it. */
type Addition =
  | { readonly kind: 'cycle'; readonly cycle: Cycle }
  | { readonly kind: 'session'; readonly session: SupervisionSession }
  | { readonly kind: 'case'; readonly case: Case }
  | { readonly kind: 'meeting'; readonly meeting: StageMeeting };

const additionArb = (start: IsoDate): fc.Arbitrary<Addition> =>
  fc.oneof(
    cycleArb(start).map((cycle): Addition => ({ kind: 'cycle', cycle })),
    sessionArb(start).map((session): Addition => ({ kind: 'session', session })),
    fc.constantFrom(...caseIds).map((id): Addition => ({ kind: 'case', case: clientCase(`${id}-new`) })),
    meetingArb(start).map((meeting): Addition => ({ kind: 'meeting', meeting })),
  );

const worldAndAdditionArb = worldArb.chain((world) => fc.tuple(fc.constant(world), additionArb(world.enrolment.startedOn)));

function add(r: PracticeRecords, a: Addition): PracticeRecords {
  switch (a.kind) {
    case 'cycle':
      return { ...r, cycles: [...r.cycles, a.cycle] };
    case 'session':
      return { ...r, supervision: [...r.supervision, a.session] };
    case 'case':
      return { ...r, cases: [...r.cases, a.case] };
    case 'meeting':
      return { ...r, meetings: [...r.meetings, a.meeting] };
  }
}

const compute = (w: World, records: PracticeRecords = w.records): Progress => progress({ enrolment: w.enrolment, pathway: w.pathway }, records, w.now);

/** The date of each case's first shared review done by now. */
function firstReviews(r: PracticeRecords, today: IsoDate): Map<string, IsoDate> {
  const first = new Map<string, IsoDate>();
  for (const c of r.cycles) {
    if (c.sharedReviewOn === undefined || c.sharedReviewOn > today) continue;
    const seen = first.get(c.caseId);
    if (seen === undefined || c.sharedReviewOn < seen) first.set(c.caseId, c.sharedReviewOn);
  }
  return first;
}

/**
 * A cycle that cannot move a client into an earlier stage: for a client with no completed cycle yet, or
 * reviewed no earlier than the client's first. (A back-dated cycle can, by the rule that a client counts
 * in the stage of its first completed cycle; see the unit test "moves a client back to an earlier stage".)
 */
function isChronological(w: World, a: Addition): boolean {
  if (a.kind !== 'cycle' || a.cycle.sharedReviewOn === undefined) return true;
  const first = firstReviews(w.records, toIsoDate(w.now)).get(a.cycle.caseId);
  return first === undefined || a.cycle.sharedReviewOn >= first;
}

/** The stage (1-based) a date falls in, from the sign-off dates progress reported; null after the last. */
function stageFor(p: Progress, date: IsoDate): number | null {
  for (const s of p.stages) if (s.completedOn === undefined || date <= s.completedOn) return s.stage;
  return null;
}

const sum = (ns: readonly number[]): number => ns.reduce((a, b) => a + b, 0);

describe('progress (properties)', () => {
  describe('progress: adding records', () => {
    it('never decreases any stage\'s cycles, new clients or supervision when a session, case or later cycle is added', () => {
      fc.assert(
        fc.property(
          worldAndAdditionArb.filter(([w, a]) => a.kind !== 'meeting' && isChronological(w, a)),
          ([w, a]) => {
            const [before, after] = [compute(w), compute(w, add(w.records, a))];
            before.stages.forEach((s, i) => {
              const t = after.stages[i]!;
              assert.ok(t.cycles.done >= s.cycles.done, `stage ${s.stage} cycles`);
              assert.ok(t.newClients.done >= s.newClients.done, `stage ${s.stage} new clients`);
              assert.ok(t.supervisionMinutes.done >= s.supervisionMinutes.done, `stage ${s.stage} supervision`);
            });
          },
        ),
        { numRuns },
      );
    });

    it('never decreases any stage\'s cycles, nor the total of new clients, when any cycle is added', () => {
      fc.assert(
        fc.property(
          worldArb.chain((w) => fc.tuple(fc.constant(w), cycleArb(w.enrolment.startedOn))),
          ([w, c]) => {
            const [before, after] = [compute(w), compute(w, { ...w.records, cycles: [...w.records.cycles, c] })];
            before.stages.forEach((s, i) => assert.ok(after.stages[i]!.cycles.done >= s.cycles.done));
            assert.ok(sum(after.stages.map((s) => s.newClients.done)) >= sum(before.stages.map((s) => s.newClients.done)));
          },
        ),
        { numRuns },
      );
    });

    it('never decreases fractionComplete when a session, case, sign-off meeting or later cycle is added', () => {
      fc.assert(
        fc.property(
          worldAndAdditionArb.filter(([w, a]) => isChronological(w, a)),
          ([w, a]) => compute(w, add(w.records, a)).projection.fractionComplete >= compute(w).projection.fractionComplete,
        ),
        { numRuns },
      );
    });

    it('never ends a signed-off stage later, nor un-signs it, when a meeting is added', () => {
      fc.assert(
        fc.property(
          worldArb.chain((w) => fc.tuple(fc.constant(w), meetingArb(w.enrolment.startedOn))),
          ([w, m]) => {
            const [before, after] = [compute(w), compute(w, { ...w.records, meetings: [...w.records.meetings, m] })];
            before.stages.forEach((s, i) => {
              if (s.completedOn === undefined) return;
              const t = after.stages[i]!;
              assert.ok(t.completedOn !== undefined && t.completedOn <= s.completedOn);
            });
          },
        ),
        { numRuns },
      );
    });

    it('changes nothing but the next steps when a case with no cycles is added', () => {
      fc.assert(
        fc.property(
          worldArb.chain((w) => fc.tuple(fc.constant(w), fc.constantFrom(...caseIds))),
          ([w, id]) => {
            const [before, after] = [compute(w), compute(w, { ...w.records, cases: [...w.records.cases, clientCase(`${id}-new`)] })];
            assert.deepEqual({ ...after, next: [] }, { ...before, next: [] });
          },
        ),
        { numRuns },
      );
    });

    it('ignores every record dated after now', () => {
      fc.assert(
        fc.property(
          worldArb.chain((w) => fc.tuple(fc.constant(w), recordsArb(w.enrolment.startedOn))),
          ([w, extra]) => {
            const today = toIsoDate(w.now);
            const future: PracticeRecords = {
              cases: [],
              cycles: extra.cycles.filter((c) => c.sharedReviewOn === undefined || c.sharedReviewOn > today),
              supervision: extra.supervision.filter((s) => s.heldOn > today),
              meetings: extra.meetings.filter((m) => m.heldOn > today),
            };
            const withFuture: PracticeRecords = {
              ...w.records,
              cycles: [...w.records.cycles, ...future.cycles],
              supervision: [...w.records.supervision, ...future.supervision],
              meetings: [...w.records.meetings, ...future.meetings],
            };
            assert.deepEqual(compute(w, withFuture), compute(w));
          },
        ),
        { numRuns },
      );
    });
  });

  describe('progress: new clients', () => {
    it('counts each client in exactly the stage of its first completed cycle, and in no other', () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const p = compute(w);
          const expected = new Map<number, number>();
          for (const date of firstReviews(w.records, p.asOf).values()) {
            const stage = stageFor(p, date);
            if (stage !== null) expected.set(stage, (expected.get(stage) ?? 0) + 1);
          }
          assert.deepEqual(p.stages.map((s) => s.newClients.done), p.stages.map((s) => expected.get(s.stage) ?? 0));
        }),
        { numRuns },
      );
    });

    it('totals the cases with a completed cycle by now, until accreditation', () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const p = compute(w);
          const lastSignOff = p.accredited ? p.stages[p.stages.length - 1]!.completedOn! : '9999-12-31';
          const first = firstReviews(w.records, p.asOf);
          const withCompletedCycle = w.records.cases.filter((c) => {
            const date = first.get(c.id);
            return date !== undefined && date <= lastSignOff;
          }).length;
          assert.equal(sum(p.stages.map((s) => s.newClients.done)), withCompletedCycle);
        }),
        { numRuns },
      );
    });
  });

  describe('progress: cycles', () => {
    it('counts each completed cycle in exactly the stage that holds its review date', () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const p = compute(w);
          const expected = new Map<number, number>();
          for (const c of w.records.cycles) {
            if (c.sharedReviewOn === undefined || c.sharedReviewOn > p.asOf) continue;
            const stage = stageFor(p, c.sharedReviewOn);
            if (stage !== null) expected.set(stage, (expected.get(stage) ?? 0) + 1);
          }
          assert.deepEqual(p.stages.map((s) => s.cycles.done), p.stages.map((s) => expected.get(s.stage) ?? 0));
        }),
        { numRuns },
      );
    });
  });

  describe('progress: supervision', () => {
    it('totals the minutes of sessions held by now, until accreditation', () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const p = compute(w);
          const lastSignOff = p.accredited ? p.stages[p.stages.length - 1]!.completedOn! : '9999-12-31';
          const held = w.records.supervision.filter((s) => s.heldOn <= p.asOf && s.heldOn <= lastSignOff);
          assert.equal(sum(p.stages.map((s) => s.supervisionMinutes.done)), sum(held.map((s) => s.minutes)));
        }),
        { numRuns },
      );
    });

    it('gives the same progress however the same minutes on a day are split into sessions', () => {
      const splitsArb = fc
        .integer({ min: 2, max: 600 })
        .chain((total) => fc.tuple(fc.uniqueArray(fc.integer({ min: 1, max: total - 1 }), { maxLength: 6 }), fc.uniqueArray(fc.integer({ min: 1, max: total - 1 }), { maxLength: 6 }), fc.constant(total)));
      const parts = (cuts: readonly number[], total: number): number[] => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), total];
        return points.slice(1).map((p, i) => p - points[i]!);
      };
      fc.assert(
        fc.property(
          worldArb.chain((w) => fc.tuple(fc.constant(w), splitsArb, offsetArb)),
          ([w, [cutsA, cutsB, total], offset]) => {
            const heldOn = addDays(w.enrolment.startedOn, offset);
            const asSessions = (minutes: readonly number[]): SupervisionSession[] =>
              minutes.map((m, i) => ({ id: `split-${i}`, enrolmentId: 'enrolment-1', heldOn, minutes: m, mode: 'in_person', caseIds: [], clipIds: [] }));
            const withSplit = (minutes: readonly number[]): PracticeRecords => ({ ...w.records, supervision: [...w.records.supervision, ...asSessions(minutes)] });
            assert.deepEqual(compute(w, withSplit(parts(cutsA, total))), compute(w, withSplit(parts(cutsB, total))));
          },
        ),
        { numRuns },
      );
    });
  });

  describe('progress: order', () => {
    it('does not depend on the order records are given in', () => {
      const shuffled = <T>(xs: readonly T[]): fc.Arbitrary<T[]> => fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });
      fc.assert(
        fc.property(
          worldArb.chain((w) =>
            fc.tuple(
              fc.constant(w),
              fc.record({ cases: shuffled(w.records.cases), cycles: shuffled(w.records.cycles), supervision: shuffled(w.records.supervision), meetings: shuffled(w.records.meetings) }),
            ),
          ),
          ([w, reordered]) => assert.deepEqual(compute(w, reordered), compute(w)),
        ),
        { numRuns },
      );
    });
  });

  describe('progress: shape', () => {
    it('keeps fractionComplete between 0 and 1', () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const f = compute(w).projection.fractionComplete;
          return f >= 0 && f <= 1;
        }),
        { numRuns },
      );
    });

    it('lists complete stages, then at most one current stage, then upcoming ones', () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const p = compute(w);
          const statuses = p.stages.map((s) => s.status).join(',');
          assert.match(statuses, /^(complete,)*(complete|current(,upcoming)*)$/);
          assert.equal(p.currentStage, p.stages.find((s) => s.status === 'current')?.stage ?? null);
          assert.equal(p.accredited, p.currentStage === null);
        }),
        { numRuns },
      );
    });

    it('signs stages off in date order', () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const ends = compute(w).stages.flatMap((s) => (s.completedOn === undefined ? [] : [s.completedOn]));
          assert.deepEqual(ends, [...ends].sort());
        }),
        { numRuns },
      );
    });

    it('has a meeting due only in the current stage with every requirement met', () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          for (const s of compute(w).stages) {
            const allMet = s.cycles.done >= s.cycles.required && s.newClients.done >= s.newClients.required && s.supervisionMinutes.done >= s.supervisionMinutes.required;
            assert.equal(s.meeting.status === 'due', s.status === 'current' && allMet);
          }
        }),
        { numRuns },
      );
    });

    it('projects completion no earlier than today, and is complete exactly when accredited', () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const p = compute(w);
          assert.equal(p.projection.status === 'complete', p.accredited);
          if (!p.accredited) assert.ok(p.projection.projectedCompletion >= p.asOf);
        }),
        { numRuns },
      );
    });
  });
});
