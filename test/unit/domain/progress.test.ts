import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import { addDays, addMonths } from '../../../src/domain/dates';
import { avigukLegacyPreset, avigukPreset, orkneyPreset, type PathwayDefinition } from '../../../src/domain/pathway';
import { formatMinutes, monthsSince, progress, type Progress, type StageProgress } from '../../../src/domain/progress';
import type { PracticeRecords } from '../../../src/domain/practice';
import { at, cases, clientCase, cycle, cycles, day, enrolment, meeting, records, session, sessions, signOff, startedOn } from '../../fakes/domain-builders';

function run(input: { records?: PracticeRecords; now: Date; pathway?: PathwayDefinition }): Progress {
  return progress({ enrolment: enrolment(), pathway: input.pathway ?? avigukPreset }, input.records ?? records(), input.now);
}

function stage(p: Progress, n: number): StageProgress {
  const s = p.stages.find((x) => x.stage === n);
  assert.ok(s, `no stage ${n}`);
  return s;
}

/** Everything AVIGuk stage 1 asks for (6 cycles with 2 clients, 7 × 1 h), from `from` onwards: c1 and c2. */
const stage1Work = (from: number): PracticeRecords =>
  records({ cases: cases(2), cycles: [...cycles('c1', 3, day(from)), ...cycles('c2', 3, day(from + 3))], supervision: sessions(7, 60, day(from)) });

const merge = (...parts: PracticeRecords[]): PracticeRecords => ({
  cases: parts.flatMap((r) => r.cases),
  cycles: parts.flatMap((r) => r.cycles),
  supervision: parts.flatMap((r) => r.supervision),
  meetings: parts.flatMap((r) => r.meetings),
});

/** A pathway small enough to complete in a few records: 2 stages of 2 cycles, 1 client and 60 minutes. */
const smallPathway: PathwayDefinition = {
  id: 'small',
  version: 3,
  name: 'Small pathway',
  source: 'test',
  window: { minMonths: 18, maxMonths: 24 },
  stages: [
    { stage: 1, name: 'First', cyclesRequired: 2, newClientsRequired: 1, supervisionMinutesRequired: 60, meeting: { kind: 'transition', minutes: 60 }, expectedMonths: 6 },
    { stage: 2, name: 'Second', cyclesRequired: 2, newClientsRequired: 1, supervisionMinutesRequired: 60, meeting: { kind: 'accreditation', minutes: 60 }, expectedMonths: 6 },
  ],
};

describe('progress', () => {
  describe('progress', () => {
    it('reports the enrolment, the pathway and the UTC date it was computed for', () => {
      const p = run({ now: new Date('2025-03-01T23:59:00Z'), pathway: smallPathway });
      assert.equal(p.enrolmentId, 'enrolment-1');
      assert.deepEqual(p.pathway, { id: 'small', version: 3, name: 'Small pathway' });
      assert.equal(p.asOf, '2025-03-01');
    });

    it('lists one entry per stage of the pathway, in order', () => {
      assert.deepEqual(run({ now: at(day(1)) }).stages.map((s) => [s.stage, s.name]), [[1, 'Stage 1'], [2, 'Stage 2'], [3, 'Stage 3']]);
    });

    it('starts a new enrolment in stage 1 with nothing done and the rest upcoming', () => {
      const p = run({ now: at(day(1)) });
      assert.equal(p.currentStage, 1);
      assert.equal(p.accredited, false);
      assert.deepEqual(p.stages.map((s) => s.status), ['current', 'upcoming', 'upcoming']);
      assert.deepEqual(stage(p, 1).cycles, { done: 0, required: 6 });
      assert.deepEqual(stage(p, 1).newClients, { done: 0, required: 2 });
      assert.deepEqual(stage(p, 1).supervisionMinutes, { done: 0, required: 420 });
    });
  });

  describe('progress: cycles', () => {
    it('counts a cycle once its shared review is done', () => {
      const p = run({ records: records({ cases: cases(1), cycles: [cycle('c1', day(10))] }), now: at(day(20)) });
      assert.equal(stage(p, 1).cycles.done, 1);
    });

    it('does not count a cycle that is filmed but not yet reviewed', () => {
      const p = run({ records: records({ cases: cases(1), cycles: [cycle('c1', undefined, { filmedOn: day(5) })] }), now: at(day(20)) });
      assert.equal(stage(p, 1).cycles.done, 0);
    });

    it('does not count a cycle whose shared review is dated after now', () => {
      const p = run({ records: records({ cases: cases(1), cycles: [cycle('c1', day(21))] }), now: at(day(20)) });
      assert.equal(stage(p, 1).cycles.done, 0);
    });

    it('counts a cycle reviewed earlier on the day it is asked about', () => {
      const p = run({ records: records({ cases: cases(1), cycles: [cycle('c1', day(20))] }), now: new Date(`${day(20)}T00:00:01Z`) });
      assert.equal(stage(p, 1).cycles.done, 1);
    });

    it('counts each cycle in the stage whose span holds its review date', () => {
      const r = records({ cases: cases(1), cycles: [cycle('c1', day(100)), cycle('c1', day(200)), cycle('c1', day(201))], meetings: [signOff(1, day(180))] });
      const p = run({ records: r, now: at(day(250)) });
      assert.equal(stage(p, 1).cycles.done, 1);
      assert.equal(stage(p, 2).cycles.done, 2);
    });

    it('counts a cycle reviewed on the sign-off day in the stage being signed off', () => {
      const r = records({ cases: cases(1), cycles: [cycle('c1', day(180))], meetings: [signOff(1, day(180))] });
      const p = run({ records: r, now: at(day(250)) });
      assert.equal(stage(p, 1).cycles.done, 1);
      assert.equal(stage(p, 2).cycles.done, 0);
    });
  });

  describe('progress: new clients', () => {
    it('counts a client with several completed cycles once', () => {
      const p = run({ records: records({ cases: cases(1), cycles: cycles('c1', 4, day(10)) }), now: at(day(30)) });
      assert.equal(stage(p, 1).newClients.done, 1);
      assert.equal(stage(p, 1).cycles.done, 4);
    });

    it('counts distinct clients', () => {
      const r = records({ cases: cases(3), cycles: [cycle('c1', day(10)), cycle('c2', day(11)), cycle('c3', day(12)), cycle('c2', day(13))] });
      assert.equal(stage(run({ records: r, now: at(day(30)) }), 1).newClients.done, 3);
    });

    it('does not count a case with no cycles', () => {
      assert.equal(stage(run({ records: records({ cases: cases(2) }), now: at(day(30)) }), 1).newClients.done, 0);
    });

    it('does not count a client whose only cycle has no shared review yet', () => {
      const r = records({ cases: cases(1), cycles: [cycle('c1', undefined)] });
      assert.equal(stage(run({ records: r, now: at(day(30)) }), 1).newClients.done, 0);
    });

    it('does not count a client whose first shared review is dated after now', () => {
      const r = records({ cases: cases(1), cycles: [cycle('c1', day(31))] });
      assert.equal(stage(run({ records: r, now: at(day(30)) }), 1).newClients.done, 0);
    });

    it('counts a client in the stage of its first completed cycle and not again later', () => {
      const r = records({ cases: cases(1), cycles: [cycle('c1', day(100)), cycle('c1', day(200))], meetings: [signOff(1, day(180))] });
      const p = run({ records: r, now: at(day(250)) });
      assert.equal(stage(p, 1).newClients.done, 1);
      assert.equal(stage(p, 2).newClients.done, 0);
    });

    it('counts a client first seen after a sign-off as a new client of the next stage', () => {
      const r = records({ cases: cases(2), cycles: [cycle('c1', day(100)), cycle('c2', day(200))], meetings: [signOff(1, day(180))] });
      const p = run({ records: r, now: at(day(250)) });
      assert.equal(stage(p, 2).newClients.done, 1);
    });

    it('finds the first completed cycle whatever order the cycles are listed in', () => {
      const r = records({ cases: cases(1), cycles: [cycle('c1', day(200)), cycle('c1', day(100))], meetings: [signOff(1, day(180))] });
      const p = run({ records: r, now: at(day(250)) });
      assert.deepEqual([stage(p, 1).newClients.done, stage(p, 2).newClients.done], [1, 0]);
    });

    it('moves a client back to an earlier stage when a back-dated cycle is recorded for it', () => {
      const before = records({ cases: cases(1), cycles: [cycle('c1', day(200))], meetings: [signOff(1, day(180))] });
      const after = { ...before, cycles: [...before.cycles, cycle('c1', day(100))] };
      const [p, q] = [run({ records: before, now: at(day(250)) }), run({ records: after, now: at(day(250)) })];
      assert.deepEqual([stage(p, 1).newClients.done, stage(p, 2).newClients.done], [0, 1]);
      assert.deepEqual([stage(q, 1).newClients.done, stage(q, 2).newClients.done], [1, 0]);
    });
  });

  describe('progress: supervision', () => {
    it('counts minutes, not sessions', () => {
      const p = run({ records: records({ supervision: [session(day(10), 90), session(day(20), 45)] }), now: at(day(30)) });
      assert.deepEqual(stage(p, 1).supervisionMinutes, { done: 135, required: 420 });
    });

    it('meets AVIGuk stage 1 with 7 × 60 minutes', () => {
      const p = run({ records: merge(stage1Work(10)), now: at(day(60)) });
      assert.equal(stage(p, 1).supervisionMinutes.done, 420);
      assert.equal(stage(p, 1).meeting.status, 'due');
    });

    it('meets stage 2 (480 minutes) with 6 × 90 minutes', () => {
      const stage2 = records({ cases: [clientCase('c3'), clientCase('c4'), clientCase('c5')], cycles: [...cycles('c3', 3, day(200)), ...cycles('c4', 3, day(210)), ...cycles('c5', 3, day(220))], supervision: sessions(6, 90, day(200)) });
      const p = run({ records: merge(stage1Work(10), stage2, records({ meetings: [signOff(1, day(180))] })), now: at(day(300)), pathway: orkneyPreset });
      assert.deepEqual(stage(p, 2).supervisionMinutes, { done: 540, required: 480 });
      assert.equal(stage(p, 2).meeting.status, 'due');
    });

    it('does not meet AVIGuk stage 1 with 6 × 60 minutes', () => {
      const r = { ...stage1Work(10), supervision: sessions(6, 60, day(10)) };
      const p = run({ records: r, now: at(day(60)) });
      assert.equal(stage(p, 1).meeting.status, 'not_due');
      assert.deepEqual(p.next, [{ kind: 'supervision', remaining: 60, text: 'Have 1 h more supervision in Stage 1.' }]);
    });

    it('ignores a session dated after now', () => {
      const p = run({ records: records({ supervision: [session(day(10), 60), session(day(31), 60)] }), now: at(day(30)) });
      assert.equal(stage(p, 1).supervisionMinutes.done, 60);
    });

    it('ignores sessions of zero, negative or unknown length', () => {
      const r = records({ supervision: [session(day(10), 0), session(day(11), -60), session(day(12), Number.NaN), session(day(13), 30)] });
      assert.equal(stage(run({ records: r, now: at(day(30)) }), 1).supervisionMinutes.done, 30);
    });

    it('counts each session in the stage whose span holds its date', () => {
      const r = records({ supervision: [session(day(170), 60), session(day(180), 60), session(day(181), 90)], meetings: [signOff(1, day(180))] });
      const p = run({ records: r, now: at(day(200)) });
      assert.equal(stage(p, 1).supervisionMinutes.done, 120);
      assert.equal(stage(p, 2).supervisionMinutes.done, 90);
    });
  });

  describe('progress: stages', () => {
    it('completes stage 1 on its sign-off date and makes stage 2 current', () => {
      const p = run({ records: records({ meetings: [signOff(1, day(180))] }), now: at(day(200)) });
      assert.equal(p.currentStage, 2);
      assert.deepEqual(p.stages.map((s) => s.status), ['complete', 'current', 'upcoming']);
      assert.equal(stage(p, 1).completedOn, day(180));
      assert.deepEqual(stage(p, 1).meeting, { kind: 'transition', status: 'signed_off', signedOffOn: day(180) });
    });

    it('leaves completedOn off a stage that is not signed off', () => {
      const p = run({ records: records({ meetings: [signOff(1, day(180))] }), now: at(day(200)) });
      assert.equal('completedOn' in stage(p, 2), false);
      assert.equal('signedOffOn' in stage(p, 2).meeting, false);
    });

    it('does not end a stage on a meeting whose outcome is not yet', () => {
      const p = run({ records: records({ meetings: [meeting(1, day(180), { outcome: 'not_yet' })] }), now: at(day(200)) });
      assert.equal(p.currentStage, 1);
    });

    it('does not end a stage on a sign-off dated after now', () => {
      const p = run({ records: records({ meetings: [signOff(1, day(201))] }), now: at(day(200)) });
      assert.equal(p.currentStage, 1);
    });

    it('ends a stage on the earliest of two sign-offs', () => {
      const p = run({ records: records({ meetings: [signOff(1, day(190)), signOff(1, day(180))] }), now: at(day(200)) });
      assert.equal(stage(p, 1).completedOn, day(180));
    });

    it('ignores a later stage signed off while an earlier one is not', () => {
      const p = run({ records: records({ meetings: [signOff(2, day(180))] }), now: at(day(200)) });
      assert.equal(p.currentStage, 1);
      assert.deepEqual(p.stages.map((s) => s.meeting.status), ['not_due', 'not_due', 'not_due']);
    });

    it('ignores a stage 2 sign-off dated before stage 1 was signed off', () => {
      const p = run({ records: records({ meetings: [signOff(2, day(150)), signOff(1, day(180))] }), now: at(day(200)) });
      assert.equal(p.currentStage, 2);
    });

    it('signs a stage off on the external supervisor\'s word even when its counts fall short', () => {
      const p = run({ records: records({ meetings: [signOff(1, day(180))] }), now: at(day(200)) });
      assert.equal(stage(p, 1).meeting.status, 'signed_off');
      assert.equal(stage(p, 1).cycles.done, 0);
    });

    it('ignores signed-off meetings for stages the pathway does not have', () => {
      const p = run({ records: records({ meetings: [signOff(1, day(100)), signOff(2, day(200)), signOff(3, day(300), 'accreditation'), signOff(4, day(400))] }), now: at(day(500)) });
      assert.equal(p.stages.length, 3);
      assert.equal(p.accredited, true);
    });
  });

  describe('progress: meeting status', () => {
    it('is not_due while nothing is done', () => {
      assert.equal(stage(run({ now: at(day(30)) }), 1).meeting.status, 'not_due');
    });

    it('is due once cycles, new clients and supervision minutes are all met', () => {
      assert.equal(stage(run({ records: stage1Work(10), now: at(day(60)) }), 1).meeting.status, 'due');
    });

    it('is not_due when only the cycles are short', () => {
      const r = { ...stage1Work(10), cycles: stage1Work(10).cycles.slice(0, 5) };
      assert.equal(stage(run({ records: r, now: at(day(60)) }), 1).meeting.status, 'not_due');
    });

    it('is not_due when only the new clients are short', () => {
      const r = { ...stage1Work(10), cycles: cycles('c1', 6, day(10)) };
      assert.equal(stage(run({ records: r, now: at(day(60)) }), 1).meeting.status, 'not_due');
    });

    it('is not_due when the supervision is one minute short', () => {
      const r = { ...stage1Work(10), supervision: [...sessions(6, 60, day(10)), session(day(20), 59)] };
      assert.equal(stage(run({ records: r, now: at(day(60)) }), 1).meeting.status, 'not_due');
    });

    it('is never due for an upcoming stage, even one that asks for nothing', () => {
      const lenient: PathwayDefinition = { ...smallPathway, stages: smallPathway.stages.map((s) => ({ ...s, cyclesRequired: 0, newClientsRequired: 0, supervisionMinutesRequired: 0 })) };
      const p = run({ now: at(day(10)), pathway: lenient });
      assert.deepEqual(p.stages.map((s) => s.meeting.status), ['due', 'not_due']);
    });

    it('names the accreditation meeting in the last stage', () => {
      const done = records({ cases: cases(2), cycles: [...cycles('c1', 2, day(10)), ...cycles('c2', 2, day(100))], supervision: [session(day(10), 60), session(day(100), 60)], meetings: [signOff(1, day(50))] });
      const p = run({ records: done, now: at(day(120)), pathway: smallPathway });
      assert.deepEqual(stage(p, 2).meeting, { kind: 'accreditation', status: 'due' });
      assert.deepEqual(p.next, [{ kind: 'meeting', meeting: 'accreditation', text: 'Book your accreditation meeting with an external supervisor to sign off Second.' }]);
    });
  });

  describe('progress: next steps', () => {
    it('asks a new trainee for a first case, then every requirement of stage 1', () => {
      assert.deepEqual(run({ now: at(day(1)) }).next, [
        { kind: 'first_case', text: 'Record your first case to start logging cycles.' },
        { kind: 'cycles', remaining: 6, text: 'Complete 6 more cycles (filming and shared review) in Stage 1.' },
        { kind: 'new_clients', remaining: 2, text: 'Work with 2 more new clients in Stage 1.' },
        { kind: 'supervision', remaining: 420, text: 'Have 7 h more supervision in Stage 1.' },
      ]);
    });

    it('stops asking for a first case once a case is recorded', () => {
      const p = run({ records: records({ cases: cases(1) }), now: at(day(1)) });
      assert.equal(p.next.some((s) => s.kind === 'first_case'), false);
    });

    it('uses the singular for one cycle and one client', () => {
      const r = records({ cases: cases(1), cycles: cycles('c1', 5, day(10)), supervision: sessions(7, 60, day(10)) });
      assert.deepEqual(run({ records: r, now: at(day(60)) }).next, [
        { kind: 'cycles', remaining: 1, text: 'Complete 1 more cycle (filming and shared review) in Stage 1.' },
        { kind: 'new_clients', remaining: 1, text: 'Work with 1 more new client in Stage 1.' },
      ]);
    });

    it('words remaining supervision in hours and minutes', () => {
      const r = { ...stage1Work(10), supervision: [session(day(10), 330)] };
      assert.deepEqual(run({ records: r, now: at(day(60)) }).next, [{ kind: 'supervision', remaining: 90, text: 'Have 1 h 30 min more supervision in Stage 1.' }]);
    });

    it('lists only the meeting once every requirement is met', () => {
      assert.deepEqual(run({ records: stage1Work(10), now: at(day(60)) }).next, [
        { kind: 'meeting', meeting: 'transition', text: 'Book your transition meeting with an external supervisor to sign off Stage 1.' },
      ]);
    });

    it('asks for the next stage\'s work after a sign-off', () => {
      const p = run({ records: merge(stage1Work(10), records({ meetings: [signOff(1, day(180))] })), now: at(day(200)) });
      assert.deepEqual(p.next.map((s) => s.text), [
        'Complete 9 more cycles (filming and shared review) in Stage 2.',
        'Work with 3 more new clients in Stage 2.',
        'Have 8 h more supervision in Stage 2.',
      ]);
    });

    it('congratulates an accredited trainee and asks for nothing more', () => {
      const r = records({ meetings: [signOff(1, day(180)), signOff(2, day(360)), signOff(3, day(540), 'accreditation')] });
      assert.deepEqual(run({ records: r, now: at(day(600)) }).next, [{ kind: 'accredited', text: 'All stages are signed off. Congratulations on your accreditation.' }]);
    });
  });

  describe('progress: accreditation', () => {
    it('is accredited once every stage is signed off', () => {
      const r = records({ meetings: [signOff(1, day(180)), signOff(2, day(360)), signOff(3, day(540), 'accreditation')] });
      const p = run({ records: r, now: at(day(600)) });
      assert.equal(p.accredited, true);
      assert.equal(p.currentStage, null);
      assert.deepEqual(p.stages.map((s) => s.status), ['complete', 'complete', 'complete']);
    });

    it('is not accredited with the last stage still to sign off', () => {
      const p = run({ records: records({ meetings: [signOff(1, day(180)), signOff(2, day(360))] }), now: at(day(600)) });
      assert.equal(p.accredited, false);
      assert.equal(p.currentStage, 3);
    });

    it('is not accredited before the accreditation meeting has happened', () => {
      const r = records({ meetings: [signOff(1, day(180)), signOff(2, day(360)), signOff(3, day(540), 'accreditation')] });
      assert.equal(run({ records: r, now: at(day(539)) }).accredited, false);
    });
  });

  describe('progress: presets', () => {
    const stage3 = (clients: number): PracticeRecords => {
      const ids = Array.from({ length: clients }, (_, i) => `s3-${i}`);
      return records({
        cases: ids.map((id) => clientCase(id)),
        cycles: Array.from({ length: 12 }, (_, i) => cycle(ids[i % clients]!, day(400 + i))),
        supervision: sessions(4, 120, day(400)),
        meetings: [signOff(1, day(180)), signOff(2, day(360))],
      });
    };

    it('makes the AVIGuk accreditation meeting due with 3 new clients in stage 3', () => {
      assert.equal(stage(run({ records: stage3(3), now: at(day(450)), pathway: avigukPreset }), 3).meeting.status, 'due');
    });

    it('asks Orkney trainees for a 4th new client in stage 3', () => {
      const p = run({ records: stage3(3), now: at(day(450)), pathway: orkneyPreset });
      assert.equal(stage(p, 3).meeting.status, 'not_due');
      assert.deepEqual(p.next, [{ kind: 'new_clients', remaining: 1, text: 'Work with 1 more new client in Stage 3.' }]);
    });

    it('meets Orkney stage 3 with 4 new clients and 4 × 2 h of supervision', () => {
      const p = run({ records: stage3(4), now: at(day(450)), pathway: orkneyPreset });
      assert.deepEqual(stage(p, 3).supervisionMinutes, { done: 480, required: 480 });
      assert.equal(stage(p, 3).meeting.status, 'due');
    });

    it('counts everything in one stage on the older AVIGuk rule (18 cycles, 6 clients, 15 h)', () => {
      const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
      const r = records({ cases: ids.map((id) => clientCase(id)), cycles: ids.flatMap((id, i) => cycles(id, 3, day(30 * i + 10))), supervision: sessions(10, 90, day(10)) });
      const p = run({ records: r, now: at(day(300)), pathway: avigukLegacyPreset });
      assert.deepEqual([stage(p, 1).cycles, stage(p, 1).newClients, stage(p, 1).supervisionMinutes], [{ done: 18, required: 18 }, { done: 6, required: 6 }, { done: 900, required: 900 }]);
      assert.deepEqual(stage(p, 1).meeting, { kind: 'accreditation', status: 'due' });
    });

    it('accredits on the older rule after its single accreditation meeting', () => {
      const p = run({ records: records({ meetings: [signOff(1, day(500), 'accreditation')] }), now: at(day(510)), pathway: avigukLegacyPreset });
      assert.equal(p.accredited, true);
      assert.equal(p.projection.status, 'complete');
    });
  });

  describe('progress: projection', () => {
    it('opens the window 18 months after the start and closes it at 24', () => {
      const { projection } = run({ now: at(day(1)) });
      assert.deepEqual([projection.startedOn, projection.windowOpens, projection.windowCloses], [startedOn, '2026-07-06', '2027-01-06']);
    });

    it('clamps the window to the end of a shorter month', () => {
      const p = progress({ enrolment: enrolment({ startedOn: '2024-08-31' }), pathway: avigukPreset }, records(), at('2024-09-01'));
      assert.deepEqual([p.projection.windowOpens, p.projection.windowCloses], ['2026-02-28', '2026-08-31']);
    });

    it('has a fraction of 0 with nothing done', () => {
      assert.equal(run({ now: at(day(1)) }).projection.fractionComplete, 0);
    });

    it('counts the meeting as the last quarter of a stage', () => {
      // Stage 1 of 3 has all three measures met: three quarters of one third.
      assert.equal(run({ records: stage1Work(10), now: at(day(60)) }).projection.fractionComplete, 0.25);
    });

    it('adds each signed-off stage as a whole to the fraction', () => {
      const p = run({ records: records({ meetings: [signOff(1, day(180))] }), now: at(day(200)) });
      assert.equal(p.projection.fractionComplete, 1 / 3);
    });

    it('caps each measure at its requirement in the fraction', () => {
      const r = { ...stage1Work(10), supervision: sessions(20, 60, day(10)) };
      assert.equal(run({ records: r, now: at(day(60)) }).projection.fractionComplete, 0.25);
    });

    it('does not count future-dated records in the fraction', () => {
      assert.equal(run({ records: stage1Work(61), now: at(day(60)) }).projection.fractionComplete, 0);
    });

    it('gives the planned date (the sum of expected months) before a month has passed', () => {
      const { projection } = run({ records: stage1Work(1), now: at(day(29)) });
      assert.equal(projection.projectedCompletion, addMonths(startedOn, 18));
      assert.equal(projection.status, 'on_track');
    });

    it('gives the planned date of the older rule from its single 18-month stage', () => {
      assert.equal(run({ now: at(day(1)), pathway: avigukLegacyPreset }).projection.projectedCompletion, addMonths(startedOn, 18));
    });

    it('extrapolates from the pace so far once a month has passed', () => {
      // A quarter done after 100 days: 400 days in all.
      const { projection } = run({ records: stage1Work(10), now: at(day(100)) });
      assert.equal(projection.projectedCompletion, addDays(startedOn, 400));
      assert.equal(projection.status, 'on_track');
    });

    it('is at risk when the pace so far would finish after the window closes', () => {
      // A quarter done after 200 days: 800 days in all, past the 24 months (730 days).
      const { projection } = run({ records: stage1Work(10), now: at(day(200)) });
      assert.equal(projection.projectedCompletion, addDays(startedOn, 800));
      assert.equal(projection.status, 'at_risk');
    });

    it('is at risk when nothing has been done a year in', () => {
      const { projection } = run({ now: at(day(365)) });
      assert.equal(projection.status, 'at_risk');
    });

    it('projects the whole plan from today when nothing is done after a month', () => {
      const { projection } = run({ now: at(day(30)) });
      assert.equal(projection.projectedCompletion, addMonths(day(30), 18));
      assert.equal(projection.status, 'on_track');
    });

    it('never projects a date before today', () => {
      const noTimeAtAll: PathwayDefinition = { ...smallPathway, stages: smallPathway.stages.map((s) => ({ ...s, expectedMonths: 0 })) };
      assert.equal(run({ now: at(day(10)), pathway: noTimeAtAll }).projection.projectedCompletion, day(10));
    });

    it('is overdue once the window has closed without accreditation', () => {
      const r = records({ meetings: [signOff(1, day(180)), signOff(2, day(360))] });
      assert.equal(run({ records: r, now: at('2027-01-07') }).projection.status, 'overdue');
    });

    it('is not overdue on the day the window closes', () => {
      const r = records({ meetings: [signOff(1, day(180)), signOff(2, day(360))] });
      assert.notEqual(run({ records: r, now: at('2027-01-06') }).projection.status, 'overdue');
    });

    it('is complete on the accreditation date once accredited, even after the window', () => {
      const r = records({ meetings: [signOff(1, day(300)), signOff(2, day(600)), signOff(3, day(800), 'accreditation')] });
      const { projection } = run({ records: r, now: at(day(900)) });
      assert.deepEqual([projection.status, projection.projectedCompletion, projection.fractionComplete], ['complete', day(800), 1]);
    });
  });

  describe('formatMinutes', () => {
    it('words less than an hour in minutes', () => {
      assert.equal(formatMinutes(45), '45 min');
    });

    it('words whole hours in hours', () => {
      assert.equal(formatMinutes(420), '7 h');
    });

    it('words hours and minutes together', () => {
      assert.equal(formatMinutes(90), '1 h 30 min');
    });

    it('words zero as 0 min', () => {
      assert.equal(formatMinutes(0), '0 min');
    });
  });

  describe('monthsSince', () => {
    it('is 0 on the start date', () => {
      assert.equal(monthsSince(startedOn, at(startedOn)), 0);
    });

    it('counts whole months of about 30.44 days', () => {
      const midnight = (n: number): Date => new Date(`${day(n)}T00:00:00Z`);
      assert.equal(monthsSince(startedOn, midnight(30)), 0);
      assert.equal(monthsSince(startedOn, midnight(31)), 1);
      assert.equal(monthsSince(startedOn, midnight(365)), 11);
      assert.equal(monthsSince(startedOn, midnight(366)), 12);
    });

    it('is 0 before the start date', () => {
      assert.equal(monthsSince(startedOn, at(day(-100))), 0);
    });
  });
});
