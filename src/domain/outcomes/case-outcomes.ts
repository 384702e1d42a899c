import type { IsoDate } from '../dates';
import { goalBasedOutcomes, improvement, maxGoals, round2 } from './measures';

/**
 * A case's outcome record: up to three goals in the family's own words, each rated 0–10 at the start, at review
 * points (a cycle's shared review) and at the end. Goal text is the family's free text: it is stored sealed under
 * the case's key (`sealed`), and it never appears in logs, reminders or exports.
 */
export type RatingPoint = 'start' | 'review' | 'end';
export const ratingPoints: readonly RatingPoint[] = ['start', 'review', 'end'];

export interface OutcomeGoal {
  readonly id: string;
  /** The goal in the family's words, sealed under the case key (opaque to everything but that key). */
  readonly sealed: string;
  readonly addedOn: IsoDate;
}

/** One rating occasion: every goal rated at once (a goal may be left out). */
export interface GoalRatingSet {
  /** The form's submission id: a double submission records nothing twice. */
  readonly id: string;
  readonly point: RatingPoint;
  readonly ratedOn: IsoDate;
  /** The cycle whose shared review this was rated at (review points). */
  readonly cycleId?: string;
  readonly scores: Readonly<Record<string, number>>;
}

export interface CaseOutcomes {
  readonly caseId: string;
  readonly enrolmentId: string;
  readonly goals: readonly OutcomeGoal[];
  readonly ratings: readonly GoalRatingSet[];
}

export const emptyOutcomes = (o: { caseId: string; enrolmentId: string }): CaseOutcomes => ({ caseId: o.caseId, enrolmentId: o.enrolmentId, goals: [], ratings: [] });

export const maxGoalLength = 500;

/** Problems with goals a trainee wants to keep (text in the clear, before it is sealed). */
export function goalProblems(goals: readonly { readonly text: string }[]): string[] {
  const out: string[] = [];
  if (goals.length > maxGoals) out.push(`Goals: up to ${maxGoals}.`);
  goals.forEach((g, i) => {
    const t = g.text.trim();
    if (!t) out.push(`Goal ${i + 1}: write the goal in the family's words, or remove it.`);
    if (t.length > maxGoalLength) out.push(`Goal ${i + 1}: keep it to ${maxGoalLength} characters.`);
  });
  return out;
}

/** Problems with a rating occasion against the case's goals. */
export function ratingProblems(outcomes: CaseOutcomes, set: Omit<GoalRatingSet, 'id'>): string[] {
  const out: string[] = [];
  if (!outcomes.goals.length) out.push('Add the family’s goals before rating them.');
  const ids = new Set(outcomes.goals.map((g) => g.id));
  const entries = Object.entries(set.scores);
  if (!entries.length) out.push('Rate at least one goal.');
  for (const [goalId, score] of entries) {
    const n = outcomes.goals.findIndex((g) => g.id === goalId);
    if (!ids.has(goalId)) out.push('A rating names a goal this case does not have.');
    else if (!Number.isInteger(score) || score < goalBasedOutcomes.scale.min || score > goalBasedOutcomes.scale.max) out.push(`Goal ${n + 1}: a whole number from 0 (not at all met) to 10 (fully met).`);
  }
  if (set.point === 'start' && outcomes.ratings.some((r) => r.point === 'start')) out.push('The goals already have a start rating; rate them now as a review or at the end.');
  if (set.point === 'end' && outcomes.ratings.some((r) => r.point === 'end')) out.push('The goals already have an end rating.');
  return out;
}

export interface GoalChange {
  readonly goalId: string;
  readonly first: { readonly ratedOn: IsoDate; readonly score: number } | null;
  readonly last: { readonly ratedOn: IsoDate; readonly score: number } | null;
  /** Last minus first, when the goal has a first rating and a later one. */
  readonly change: number | null;
}

const order = (a: GoalRatingSet, b: GoalRatingSet): number => a.ratedOn.localeCompare(b.ratedOn) || ratingPoints.indexOf(a.point) - ratingPoints.indexOf(b.point);

/**
 * Before and after for each goal: the first rating (the start one, else the earliest) paired with the last
 * later one (the end one, else the latest review). Services pair a first and a later rating, so a case still
 * open shows its change so far.
 */
export function goalChanges(outcomes: CaseOutcomes): GoalChange[] {
  const sets = [...outcomes.ratings].sort(order);
  return outcomes.goals.map((g) => {
    const rated = sets.filter((s) => s.scores[g.id] !== undefined).map((s) => ({ ratedOn: s.ratedOn, score: s.scores[g.id] as number, point: s.point }));
    const first = rated.find((r) => r.point === 'start') ?? rated[0] ?? null;
    const later = first ? rated.slice(rated.indexOf(first) + 1) : [];
    const last = later.find((r) => r.point === 'end') ?? later[later.length - 1] ?? null;
    return {
      goalId: g.id,
      first: first && { ratedOn: first.ratedOn, score: first.score },
      last: last && { ratedOn: last.ratedOn, score: last.score },
      change: first && last ? improvement(goalBasedOutcomes, first.score, last.score) : null,
    };
  });
}

/** A case's before/after: the mean of its goals' first and last ratings, over the goals rated twice. */
export interface CaseChange {
  readonly before: number;
  readonly after: number;
  readonly change: number;
  readonly goals: number;
}

export function caseChange(outcomes: CaseOutcomes): CaseChange | null {
  const paired = goalChanges(outcomes).filter((g) => g.first && g.last);
  if (!paired.length) return null;
  const before = round2(mean(paired.map((g) => g.first!.score)));
  const after = round2(mean(paired.map((g) => g.last!.score)));
  return { before, after, change: improvement(goalBasedOutcomes, before, after), goals: paired.length };
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Whether the family's goals were rated at the end (the case finished its work). */
export const ratedAtEnd = (outcomes: CaseOutcomes | null): boolean => !!outcomes?.ratings.some((r) => r.point === 'end');

/** Whether the case is waiting for a rating at this cycle's shared review. */
export function awaitingReviewRating(outcomes: CaseOutcomes | null, cycleId: string): boolean {
  return !!outcomes && outcomes.goals.length > 0 && !outcomes.ratings.some((r) => r.cycleId === cycleId);
}
