/**
 * Pathway rules are versioned data, not code: published AVIGuk stage tables differ between sources and
 * change, and services vary them. Supervision is counted in minutes, never sessions, so "8 × 1 h",
 * "6 × 90 min" and "4 × 2 h" are all just a number of minutes.
 */
export type StageMeetingKind = 'transition' | 'accreditation';

export interface StageRule {
  readonly stage: number;
  readonly name: string;
  readonly cyclesRequired: number;
  /** Distinct clients seen for the first time in this stage. */
  readonly newClientsRequired: number;
  readonly supervisionMinutesRequired: number;
  readonly meeting: { readonly kind: StageMeetingKind; readonly minutes: number };
  readonly expectedMonths: number;
}

export interface PathwayDefinition {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly source: string;
  readonly stages: readonly StageRule[];
  /** The accreditation window, in months from enrolment start. */
  readonly window: { readonly minMonths: number; readonly maxMonths: number };
}

export interface PathwayRef {
  readonly id: string;
  readonly version: number;
}

const hours = (h: number): number => h * 60;

export const avigukPreset: PathwayDefinition = {
  id: 'aviguk',
  version: 1,
  name: 'AVIGuk three-stage pathway',
  source: 'AVIGuk published stage table',
  window: { minMonths: 18, maxMonths: 24 },
  stages: [
    { stage: 1, name: 'Stage 1', cyclesRequired: 6, newClientsRequired: 2, supervisionMinutesRequired: 7 * hours(1), meeting: { kind: 'transition', minutes: 60 }, expectedMonths: 6 },
    { stage: 2, name: 'Stage 2', cyclesRequired: 9, newClientsRequired: 3, supervisionMinutesRequired: 8 * hours(1), meeting: { kind: 'transition', minutes: 60 }, expectedMonths: 6 },
    { stage: 3, name: 'Stage 3', cyclesRequired: 12, newClientsRequired: 3, supervisionMinutesRequired: 8 * hours(1), meeting: { kind: 'accreditation', minutes: 60 }, expectedMonths: 6 },
  ],
};

/** VIG Orkney's table: stage 2 accepts 8 × 1 h or 6 × 90 min, stage 3 also 4 × 2 h — the least is 480 minutes. */
export const orkneyPreset: PathwayDefinition = {
  id: 'vig-orkney',
  version: 1,
  name: 'VIG Orkney three-stage pathway',
  source: 'VIG Orkney supervision provider table',
  window: { minMonths: 18, maxMonths: 24 },
  stages: [
    { stage: 1, name: 'Stage 1', cyclesRequired: 6, newClientsRequired: 2, supervisionMinutesRequired: 7 * hours(1), meeting: { kind: 'transition', minutes: 60 }, expectedMonths: 6 },
    { stage: 2, name: 'Stage 2', cyclesRequired: 9, newClientsRequired: 3, supervisionMinutesRequired: 8 * hours(1), meeting: { kind: 'transition', minutes: 60 }, expectedMonths: 6 },
    { stage: 3, name: 'Stage 3', cyclesRequired: 12, newClientsRequired: 4, supervisionMinutesRequired: 8 * hours(1), meeting: { kind: 'accreditation', minutes: 60 }, expectedMonths: 6 },
  ],
};

/** The older AVIGuk rule: at least 6 clients, 18 cycles and 15 hours of individual supervision overall. */
export const avigukLegacyPreset: PathwayDefinition = {
  id: 'aviguk-legacy',
  version: 1,
  name: 'AVIGuk (older single-stage rule)',
  source: 'Earlier AVIGuk accreditation requirements',
  window: { minMonths: 18, maxMonths: 24 },
  stages: [
    { stage: 1, name: 'Supervised practice', cyclesRequired: 18, newClientsRequired: 6, supervisionMinutesRequired: 15 * hours(1), meeting: { kind: 'accreditation', minutes: 60 }, expectedMonths: 18 },
  ],
};

export const pathwayPresets: readonly PathwayDefinition[] = [avigukPreset, orkneyPreset, avigukLegacyPreset];

/** Problems with a (possibly edited) pathway definition; empty when it is usable. */
export function pathwayProblems(p: PathwayDefinition): string[] {
  const problems: string[] = [];
  if (!p.id.trim()) problems.push('The pathway needs an id.');
  if (!Number.isInteger(p.version) || p.version < 1) problems.push('The version must be a whole number from 1.');
  if (p.stages.length === 0) problems.push('A pathway needs at least one stage.');
  p.stages.forEach((s, i) => {
    if (s.stage !== i + 1) problems.push(`Stages must be numbered 1, 2, 3… in order (found ${s.stage} at position ${i + 1}).`);
    for (const [label, n] of [['cycles', s.cyclesRequired], ['new clients', s.newClientsRequired], ['supervision minutes', s.supervisionMinutesRequired], ['expected months', s.expectedMonths], ['meeting minutes', s.meeting.minutes]] as const) {
      if (!Number.isInteger(n) || n < 0) problems.push(`Stage ${s.stage}: ${label} must be a whole number of 0 or more.`);
    }
  });
  const last = p.stages[p.stages.length - 1];
  if (last && last.meeting.kind !== 'accreditation') problems.push('The last stage must end in an accreditation meeting.');
  if (p.window.minMonths > p.window.maxMonths) problems.push('The window must start before it ends.');
  return problems;
}
