/**
 * Standardised outcome measures as versioned data a service configures. Attune ships only measures whose
 * wording is its own (Goal Based Outcomes' 0–10 scale, a generic Likert and a visual-analogue scale); a service
 * adds the measures it already licenses (their item text is the service's to enter, never shipped here).
 */
export type ScoringRule = 'sum' | 'mean';
export type Direction = 'higher_is_better' | 'lower_is_better';

export interface MeasureItem {
  readonly id: string;
  readonly label: string;
}

/** A band of totals with a clinical meaning: totals from `from` (inclusive) up to the next band's `from`. */
export interface CutOff {
  readonly label: string;
  readonly from: number;
}

export interface MeasureDefinition {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  /** Empty for a per-goal measure (GBO): its items are the case's own goals. */
  readonly items: readonly MeasureItem[];
  readonly scale: { readonly min: number; readonly max: number; readonly step: number };
  readonly scoring: ScoringRule;
  readonly direction: Direction;
  readonly cutOffs: readonly CutOff[];
  /** True for Goal Based Outcomes: one rating per goal in the family's words. */
  readonly perGoal: boolean;
}

export const maxGoals = 3;

export const goalBasedOutcomes: MeasureDefinition = {
  id: 'gbo',
  version: 1,
  name: 'Goal Based Outcomes',
  items: [],
  scale: { min: 0, max: 10, step: 1 },
  scoring: 'mean',
  direction: 'higher_is_better',
  cutOffs: [],
  perGoal: true,
};

export const genericLikert: MeasureDefinition = {
  id: 'likert-5',
  version: 1,
  name: 'Five-point rating (generic)',
  items: [{ id: 'overall', label: 'Overall rating' }],
  scale: { min: 1, max: 5, step: 1 },
  scoring: 'mean',
  direction: 'higher_is_better',
  cutOffs: [],
  perGoal: false,
};

export const visualAnalogue: MeasureDefinition = {
  id: 'vas-100',
  version: 1,
  name: 'Visual analogue scale (0–100, generic)',
  items: [{ id: 'overall', label: 'Mark on the line' }],
  scale: { min: 0, max: 100, step: 1 },
  scoring: 'mean',
  direction: 'higher_is_better',
  cutOffs: [],
  perGoal: false,
};

/** What every service starts with. */
export const shippedMeasures: readonly MeasureDefinition[] = [goalBasedOutcomes, genericLikert, visualAnalogue];

const idPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** What is wrong with a definition a service wants to save, in words a person can act on (empty when fine). */
export function measureProblems(m: MeasureDefinition): string[] {
  const out: string[] = [];
  if (!idPattern.test(m.id)) out.push('Id: lower-case letters, digits and dashes, up to 40.');
  if (!Number.isInteger(m.version) || m.version < 1) out.push('Version: a whole number from 1.');
  if (!m.name.trim() || m.name.length > 120) out.push('Name: 1 to 120 characters.');
  const { min, max, step } = m.scale;
  if (![min, max, step].every(Number.isFinite) || min >= max || step <= 0 || step > max - min) out.push('Scale: the lowest score must be below the highest, with a step that fits between them.');
  if (m.perGoal && m.items.length) out.push('Items: a per-goal measure takes its items from the goals.');
  if (!m.perGoal && (m.items.length < 1 || m.items.length > 100)) out.push('Items: 1 to 100.');
  const ids = new Set(m.items.map((i) => i.id));
  if (ids.size !== m.items.length || m.items.some((i) => !idPattern.test(i.id))) out.push('Items: each needs its own id (lower-case letters, digits and dashes).');
  if (m.items.some((i) => !i.label.trim() || i.label.length > 500)) out.push('Items: each needs a label of up to 500 characters.');
  const froms = m.cutOffs.map((c) => c.from);
  if (froms.some((f, i) => !Number.isFinite(f) || (i > 0 && f <= (froms[i - 1] ?? f)))) out.push('Cut-offs: in rising order of score.');
  if (m.cutOffs.some((c) => !c.label.trim() || c.label.length > 80)) out.push('Cut-offs: each needs a label of up to 80 characters.');
  return out;
}

/** Whether a single answer is on the measure's scale. */
export function onScale(m: MeasureDefinition, score: number): boolean {
  const { min, max, step } = m.scale;
  if (!Number.isFinite(score) || score < min || score > max) return false;
  const steps = (score - min) / step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
}

/** The total of one completed measure: the sum or mean of its answers (null when there are none). */
export function scoreOf(m: MeasureDefinition, answers: readonly number[]): number | null {
  if (!answers.length) return null;
  const sum = answers.reduce((a, b) => a + b, 0);
  return m.scoring === 'sum' ? sum : round2(sum / answers.length);
}

/** The clinical band a total falls in, if the measure has cut-offs. */
export function bandOf(m: MeasureDefinition, total: number): string | null {
  let band: string | null = null;
  for (const c of m.cutOffs) if (total >= c.from) band = c.label;
  return band;
}

/** A change from before to after, signed so that a positive number is always an improvement. */
export function improvement(m: Pick<MeasureDefinition, 'direction'>, before: number, after: number): number {
  return round2(m.direction === 'higher_is_better' ? after - before : before - after);
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
