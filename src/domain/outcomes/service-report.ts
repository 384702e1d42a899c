import { addMonths, type IsoDate } from '../dates';
import type { Case, Cycle } from '../practice';
import { caseChange, mean, ratedAtEnd, type CaseOutcomes } from './case-outcomes';
import { goalBasedOutcomes, round2 } from './measures';

/**
 * The whole-service report for a period: the once-a-year return a service sends (AVIGuk's Data Collection
 * System asks for before/after data at least annually). Pure: the use case hands in the records.
 */
export interface ReportPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** Below this many, a mean (and the rows behind it) is not given: small numbers can identify a family. */
export const suppressBelow = 5;

/** The default period: the twelve months up to today. */
export const lastTwelveMonths = (today: IsoDate): ReportPeriod => ({ from: addMonths(today, -12), to: today });

export interface ReportCase {
  readonly case: Case;
  readonly cycles: readonly Cycle[];
  readonly outcomes: CaseOutcomes | null;
}

export interface ReportTrainee {
  readonly enrolmentId: string;
  /** The stage the trainee is in, or null once every stage is signed off. */
  readonly stage: number | null;
}

export interface MeasureSummary {
  readonly measureId: string;
  readonly version: number;
  readonly name: string;
  /** Cases with a first and a later rating, the later one in the period. */
  readonly n: number;
  /** Null when n is below `suppressBelow`. */
  readonly meanBefore: number | null;
  readonly meanAfter: number | null;
  readonly meanChange: number | null;
  readonly suppressed: boolean;
}

export interface ServiceReport {
  readonly period: ReportPeriod;
  readonly cases: { readonly active: number; readonly opened: number; readonly ended: number };
  readonly cycles: { readonly completed: number };
  readonly traineesByStage: readonly { readonly stage: number | null; readonly trainees: number }[];
  /** Of the cases that ended in the period: goals rated at the end (completed) or not (dropped out). */
  readonly endings: { readonly completed: number; readonly droppedOut: number };
  readonly measures: readonly MeasureSummary[];
}

const within = (p: ReportPeriod, d: IsoDate | undefined): boolean => d !== undefined && p.from <= d && d <= p.to;
const activeIn = (p: ReportPeriod, c: Case): boolean => c.openedOn <= p.to && (c.endOfInvolvement === undefined || c.endOfInvolvement >= p.from);

/** One pseudonymised row per case with before/after data in the period: no case code, no goal text, months not days. */
export interface ReturnRow {
  readonly measureId: string;
  readonly measureVersion: number;
  readonly firstMonth: string;
  readonly lastMonth: string;
  readonly before: number;
  readonly after: number;
  readonly change: number;
  readonly goalsRated: number;
  readonly cyclesCompleted: number;
  readonly ended: boolean;
}

function pairedInPeriod(period: ReportPeriod, cases: readonly ReportCase[]): { row: ReturnRow }[] {
  const out: { row: ReturnRow }[] = [];
  for (const rc of cases) {
    if (!rc.outcomes) continue;
    const change = caseChange(rc.outcomes);
    if (!change) continue;
    const dates = rc.outcomes.ratings.map((r) => r.ratedOn).sort();
    const first = dates[0];
    const last = dates[dates.length - 1];
    if (!first || !last || !within(period, last)) continue;
    out.push({
      row: {
        measureId: goalBasedOutcomes.id,
        measureVersion: goalBasedOutcomes.version,
        firstMonth: first.slice(0, 7),
        lastMonth: last.slice(0, 7),
        before: change.before,
        after: change.after,
        change: change.change,
        goalsRated: change.goals,
        cyclesCompleted: rc.cycles.filter((c) => c.sharedReviewOn !== undefined && c.sharedReviewOn <= period.to).length,
        ended: rc.case.endOfInvolvement !== undefined && rc.case.endOfInvolvement <= period.to,
      },
    });
  }
  return out;
}

export function serviceReport(input: { period: ReportPeriod; cases: readonly ReportCase[]; trainees: readonly ReportTrainee[] }): ServiceReport {
  const { period, cases } = input;
  const ended = cases.filter((c) => within(period, c.case.endOfInvolvement));
  const completed = ended.filter((c) => ratedAtEnd(c.outcomes)).length;
  const stages = new Map<number | null, number>();
  for (const t of input.trainees) stages.set(t.stage, (stages.get(t.stage) ?? 0) + 1);
  const rows = pairedInPeriod(period, cases).map((r) => r.row);
  const n = rows.length;
  const suppressed = n < suppressBelow;
  return {
    period,
    cases: { active: cases.filter((c) => activeIn(period, c.case)).length, opened: cases.filter((c) => within(period, c.case.openedOn)).length, ended: ended.length },
    cycles: { completed: cases.flatMap((c) => c.cycles).filter((c) => within(period, c.sharedReviewOn)).length },
    traineesByStage: [...stages.entries()].sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity)).map(([stage, trainees]) => ({ stage, trainees })),
    endings: { completed, droppedOut: ended.length - completed },
    measures: [
      {
        measureId: goalBasedOutcomes.id,
        version: goalBasedOutcomes.version,
        name: goalBasedOutcomes.name,
        n,
        meanBefore: suppressed ? null : round2(mean(rows.map((r) => r.before))),
        meanAfter: suppressed ? null : round2(mean(rows.map((r) => r.after))),
        meanChange: suppressed ? null : round2(mean(rows.map((r) => r.change))),
        suppressed,
      },
    ],
  };
}

/**
 * The rows of the annual return, in an order that says nothing about which case is which (by month, then
 * score). A measure with fewer than `suppressBelow` rows gives none.
 */
export function returnRows(input: { period: ReportPeriod; cases: readonly ReportCase[] }): ReturnRow[] {
  const rows = pairedInPeriod(input.period, input.cases).map((r) => r.row);
  const byMeasure = new Map<string, ReturnRow[]>();
  for (const r of rows) byMeasure.set(r.measureId, [...(byMeasure.get(r.measureId) ?? []), r]);
  return [...byMeasure.values()]
    .filter((rs) => rs.length >= suppressBelow)
    .flat()
    .sort((a, b) => a.measureId.localeCompare(b.measureId) || a.lastMonth.localeCompare(b.lastMonth) || a.firstMonth.localeCompare(b.firstMonth) || a.before - b.before || a.after - b.after);
}

export const returnColumns = ['row', 'measure', 'measure_version', 'first_month', 'last_month', 'before', 'after', 'change', 'goals_rated', 'cycles_completed', 'ended'] as const;

/** A row's cells, in `returnColumns` order (the row number is its place in the export, not any id). */
export const returnCells = (r: ReturnRow, index: number): string[] => [String(index + 1), r.measureId, String(r.measureVersion), r.firstMonth, r.lastMonth, String(r.before), String(r.after), String(r.change), String(r.goalsRated), String(r.cyclesCompleted), r.ended ? 'yes' : 'no'];
