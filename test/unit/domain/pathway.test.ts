import { describe, it } from 'mocha';
import assert from 'node:assert/strict';
import { avigukLegacyPreset, avigukPreset, orkneyPreset, pathwayPresets, pathwayProblems, type PathwayDefinition, type StageRule } from '../../../src/domain/pathway';

const stage = (overrides: Partial<StageRule> = {}): StageRule => ({
  stage: 1,
  name: 'Stage 1',
  cyclesRequired: 6,
  newClientsRequired: 2,
  supervisionMinutesRequired: 420,
  meeting: { kind: 'accreditation', minutes: 60 },
  expectedMonths: 6,
  ...overrides,
});

const pathway = (overrides: Partial<PathwayDefinition> = {}): PathwayDefinition => ({
  id: 'edited',
  version: 1,
  name: 'Edited pathway',
  source: 'A service edit',
  window: { minMonths: 18, maxMonths: 24 },
  stages: [stage()],
  ...overrides,
});

const totals = (p: PathwayDefinition) => ({
  cycles: p.stages.reduce((n, s) => n + s.cyclesRequired, 0),
  newClients: p.stages.reduce((n, s) => n + s.newClientsRequired, 0),
  supervisionMinutes: p.stages.reduce((n, s) => n + s.supervisionMinutesRequired, 0),
  months: p.stages.reduce((n, s) => n + s.expectedMonths, 0),
});

describe('pathway', () => {
  describe('presets', () => {
    it('has no problems in any preset', () => {
      for (const p of pathwayPresets) assert.deepEqual(pathwayProblems(p), [], p.id);
    });

    it('gives each preset a distinct id', () => {
      assert.equal(new Set(pathwayPresets.map((p) => p.id)).size, pathwayPresets.length);
    });

    it('follows the AVIGuk table: 6/9/12 cycles, 2/3/3 new clients, 7/8/8 hours', () => {
      assert.deepEqual(
        avigukPreset.stages.map((s) => [s.cyclesRequired, s.newClientsRequired, s.supervisionMinutesRequired]),
        [[6, 2, 420], [9, 3, 480], [12, 3, 480]],
      );
    });

    it('ends the AVIGuk stages with two transition meetings and an accreditation meeting of 1 h', () => {
      assert.deepEqual(avigukPreset.stages.map((s) => s.meeting), [
        { kind: 'transition', minutes: 60 },
        { kind: 'transition', minutes: 60 },
        { kind: 'accreditation', minutes: 60 },
      ]);
    });

    it('asks Orkney trainees for 4 new clients in stage 3', () => {
      assert.deepEqual(orkneyPreset.stages.map((s) => s.newClientsRequired), [2, 3, 4]);
    });

    it('sets the Orkney supervision to the least of its alternatives (8 × 1 h and 4 × 2 h; 6 × 90 min is more)', () => {
      assert.deepEqual(orkneyPreset.stages.map((s) => s.supervisionMinutesRequired), [7 * 60, Math.min(8 * 60, 6 * 90), Math.min(8 * 60, 6 * 90, 4 * 120)]);
    });

    it('plans about 6 months a stage, 18 in all, for both three-stage presets', () => {
      for (const p of [avigukPreset, orkneyPreset]) assert.deepEqual(p.stages.map((s) => s.expectedMonths), [6, 6, 6], p.id);
    });

    it('keeps the older AVIGuk rule as one stage of 18 cycles, 6 clients and 15 hours', () => {
      assert.deepEqual(totals(avigukLegacyPreset), { cycles: 18, newClients: 6, supervisionMinutes: 900, months: 18 });
      assert.equal(avigukLegacyPreset.stages.length, 1);
    });

    it('opens the window at 18 months and closes it at 24 for every preset', () => {
      for (const p of pathwayPresets) assert.deepEqual(p.window, { minMonths: 18, maxMonths: 24 }, p.id);
    });
  });

  describe('pathwayProblems', () => {
    it('finds nothing wrong with a minimal one-stage pathway', () => {
      assert.deepEqual(pathwayProblems(pathway()), []);
    });

    it('accepts requirements of zero', () => {
      assert.deepEqual(pathwayProblems(pathway({ stages: [stage({ cyclesRequired: 0, newClientsRequired: 0, supervisionMinutesRequired: 0, expectedMonths: 0 })] })), []);
    });

    it('reports a blank id', () => {
      assert.deepEqual(pathwayProblems(pathway({ id: '   ' })), ['The pathway needs an id.']);
    });

    it('reports a version below 1', () => {
      assert.deepEqual(pathwayProblems(pathway({ version: 0 })), ['The version must be a whole number from 1.']);
    });

    it('reports a fractional version', () => {
      assert.deepEqual(pathwayProblems(pathway({ version: 1.5 })), ['The version must be a whole number from 1.']);
    });

    it('reports a pathway with no stages', () => {
      assert.deepEqual(pathwayProblems(pathway({ stages: [] })), ['A pathway needs at least one stage.']);
    });

    it('reports stages numbered out of order', () => {
      const stages = [stage({ stage: 2, meeting: { kind: 'transition', minutes: 60 } }), stage({ stage: 1 })];
      assert.deepEqual(pathwayProblems(pathway({ stages })), [
        'Stages must be numbered 1, 2, 3… in order (found 2 at position 1).',
        'Stages must be numbered 1, 2, 3… in order (found 1 at position 2).',
      ]);
    });

    it('reports a negative requirement, naming the stage and the measure', () => {
      assert.deepEqual(pathwayProblems(pathway({ stages: [stage({ cyclesRequired: -1 })] })), ['Stage 1: cycles must be a whole number of 0 or more.']);
    });

    it('reports fractional and non-numeric requirements for each measure', () => {
      const broken = stage({ newClientsRequired: 2.5, supervisionMinutesRequired: Number.NaN, expectedMonths: Number.POSITIVE_INFINITY });
      assert.deepEqual(pathwayProblems(pathway({ stages: [broken] })), [
        'Stage 1: new clients must be a whole number of 0 or more.',
        'Stage 1: supervision minutes must be a whole number of 0 or more.',
        'Stage 1: expected months must be a whole number of 0 or more.',
      ]);
    });

    it('reports a last stage that ends in a transition meeting', () => {
      assert.deepEqual(pathwayProblems(pathway({ stages: [stage({ meeting: { kind: 'transition', minutes: 60 } })] })), [
        'The last stage must end in an accreditation meeting.',
      ]);
    });

    it('reports a window that closes before it opens', () => {
      assert.deepEqual(pathwayProblems(pathway({ window: { minMonths: 24, maxMonths: 18 } })), ['The window must start before it ends.']);
    });

    it('reports every problem at once', () => {
      const problems = pathwayProblems({ ...avigukPreset, id: '', version: -1, window: { minMonths: 30, maxMonths: 20 }, stages: [stage({ stage: 3, cyclesRequired: -2, meeting: { kind: 'transition', minutes: 60 } })] });
      assert.deepEqual(problems, [
        'The pathway needs an id.',
        'The version must be a whole number from 1.',
        'Stages must be numbered 1, 2, 3… in order (found 3 at position 1).',
        'Stage 3: cycles must be a whole number of 0 or more.',
        'The last stage must end in an accreditation meeting.',
        'The window must start before it ends.',
      ]);
    });
  });
});
