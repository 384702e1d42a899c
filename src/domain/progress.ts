import { addMonths, daysBetween, addDays, dateToInstant, toIsoDate, type IsoDate } from './dates';
import type { PathwayDefinition, StageMeetingKind, StageRule } from './pathway';
import type { Enrolment, PracticeRecords } from './practice';

export interface Measure {
  readonly done: number;
  readonly required: number;
}

export type StageStatus = 'complete' | 'current' | 'upcoming';
export type MeetingStatus = 'not_due' | 'due' | 'signed_off';

export interface StageProgress {
  readonly stage: number;
  readonly name: string;
  readonly status: StageStatus;
  readonly cycles: Measure;
  readonly newClients: Measure;
  readonly supervisionMinutes: Measure;
  readonly meeting: { readonly kind: StageMeetingKind; readonly status: MeetingStatus; readonly signedOffOn?: IsoDate };
  readonly completedOn?: IsoDate;
}

export type NextStep =
  | { readonly kind: 'first_case'; readonly text: string }
  | { readonly kind: 'cycles' | 'new_clients' | 'supervision'; readonly text: string; readonly remaining: number }
  | { readonly kind: 'meeting'; readonly text: string; readonly meeting: StageMeetingKind }
  | { readonly kind: 'accredited'; readonly text: string };

export type ProjectionStatus = 'complete' | 'on_track' | 'at_risk' | 'overdue';

export interface Projection {
  readonly startedOn: IsoDate;
  readonly windowOpens: IsoDate;
  readonly windowCloses: IsoDate;
  /** Completed stages plus the share of the current one, 0..1. */
  readonly fractionComplete: number;
  readonly projectedCompletion: IsoDate;
  readonly status: ProjectionStatus;
}

export interface Progress {
  readonly enrolmentId: string;
  readonly pathway: { readonly id: string; readonly version: number; readonly name: string };
  readonly asOf: IsoDate;
  readonly currentStage: number | null;
  readonly accredited: boolean;
  readonly stages: readonly StageProgress[];
  readonly next: readonly NextStep[];
  readonly projection: Projection;
}

const share = (m: Measure): number => (m.required <= 0 ? 1 : Math.min(1, m.done / m.required));
const met = (m: Measure): boolean => m.done >= m.required;

/**
 * Where a trainee stands on their pathway, as of `now`.
 *
 * Records count in the stage whose span holds their date: stage 1 runs from the start of the enrolment
 * to its sign-off, each later stage from the previous sign-off to its own. Only what has happened by
 * `now` counts. A cycle counts when its shared review is done; a client counts once, in the stage of
 * its first completed cycle; supervision counts in minutes.
 */
export function progress(plan: { readonly enrolment: Enrolment; readonly pathway: PathwayDefinition }, records: PracticeRecords, now: Date): Progress {
  const { enrolment, pathway } = plan;
  const today = toIsoDate(now);
  const signOffs = stageSignOffs(pathway.stages, records, today);
  const stageOf = (date: IsoDate): number => {
    const idx = signOffs.findIndex((end) => date <= end);
    return idx === -1 ? signOffs.length + 1 : idx + 1;
  };

  const cyclesByStage = new Map<number, number>();
  const firstCompletedByCase = new Map<string, IsoDate>();
  for (const c of records.cycles) {
    if (!c.sharedReviewOn || c.sharedReviewOn > today) continue;
    bump(cyclesByStage, stageOf(c.sharedReviewOn), 1);
    const first = firstCompletedByCase.get(c.caseId);
    if (first === undefined || c.sharedReviewOn < first) firstCompletedByCase.set(c.caseId, c.sharedReviewOn);
  }
  const clientsByStage = new Map<number, number>();
  for (const date of firstCompletedByCase.values()) bump(clientsByStage, stageOf(date), 1);
  const minutesByStage = new Map<number, number>();
  for (const s of records.supervision) {
    if (s.heldOn > today || !(s.minutes > 0)) continue;
    bump(minutesByStage, stageOf(s.heldOn), s.minutes);
  }

  const currentIndex = signOffs.length < pathway.stages.length ? signOffs.length : -1;
  const stages = pathway.stages.map((rule, i): StageProgress => {
    const status: StageStatus = i < signOffs.length ? 'complete' : i === currentIndex ? 'current' : 'upcoming';
    const cycles = { done: cyclesByStage.get(rule.stage) ?? 0, required: rule.cyclesRequired };
    const newClients = { done: clientsByStage.get(rule.stage) ?? 0, required: rule.newClientsRequired };
    const supervisionMinutes = { done: minutesByStage.get(rule.stage) ?? 0, required: rule.supervisionMinutesRequired };
    const signedOffOn = signOffs[i];
    const meetingStatus: MeetingStatus =
      signedOffOn !== undefined ? 'signed_off' : status === 'current' && met(cycles) && met(newClients) && met(supervisionMinutes) ? 'due' : 'not_due';
    return {
      stage: rule.stage,
      name: rule.name,
      status,
      cycles,
      newClients,
      supervisionMinutes,
      meeting: signedOffOn !== undefined ? { kind: rule.meeting.kind, status: meetingStatus, signedOffOn } : { kind: rule.meeting.kind, status: meetingStatus },
      ...(signedOffOn !== undefined ? { completedOn: signedOffOn } : {}),
    };
  });

  const accredited = currentIndex === -1;
  const current = accredited ? undefined : stages[currentIndex];
  const next = nextSteps(current, records);
  const fractionComplete = pathway.stages.length === 0 ? 1 : (signOffs.length + (current ? stageShare(current) : 0)) / pathway.stages.length;
  return {
    enrolmentId: enrolment.id,
    pathway: { id: pathway.id, version: pathway.version, name: pathway.name },
    asOf: today,
    currentStage: current ? current.stage : null,
    accredited,
    stages,
    next,
    projection: project({ enrolment, pathway, today, fractionComplete, completedOn: accredited ? signOffs[signOffs.length - 1] : undefined }),
  };
}

/** The sign-off date of each stage, in order, stopping at the first stage not yet signed off. */
function stageSignOffs(rules: readonly StageRule[], records: PracticeRecords, today: IsoDate): IsoDate[] {
  const ends: IsoDate[] = [];
  for (const rule of rules) {
    const previousEnd = ends[ends.length - 1] ?? '';
    const signed = records.meetings
      .filter((m) => m.stage === rule.stage && m.outcome === 'signed_off' && m.heldOn <= today && m.heldOn >= previousEnd)
      .map((m) => m.heldOn)
      .sort();
    const first = signed[0];
    if (first === undefined) break;
    ends.push(first);
  }
  return ends;
}

function stageShare(s: StageProgress): number {
  // The meeting itself is the last quarter of a stage; it is only "done" when signed off.
  return (share(s.cycles) + share(s.newClients) + share(s.supervisionMinutes)) / 4;
}

function nextSteps(current: StageProgress | undefined, records: PracticeRecords): NextStep[] {
  if (!current) return [{ kind: 'accredited', text: 'All stages are signed off. Congratulations on your accreditation.' }];
  const steps: NextStep[] = [];
  if (records.cases.length === 0) steps.push({ kind: 'first_case', text: 'Record your first case to start logging cycles.' });
  const gap = (m: Measure): number => Math.max(0, m.required - m.done);
  const cycles = gap(current.cycles);
  if (cycles > 0) steps.push({ kind: 'cycles', remaining: cycles, text: `Complete ${cycles} more ${plural(cycles, 'cycle')} (filming and shared review) in ${current.name}.` });
  const clients = gap(current.newClients);
  if (clients > 0) steps.push({ kind: 'new_clients', remaining: clients, text: `Work with ${clients} more new ${plural(clients, 'client')} in ${current.name}.` });
  const minutes = gap(current.supervisionMinutes);
  if (minutes > 0) steps.push({ kind: 'supervision', remaining: minutes, text: `Have ${formatMinutes(minutes)} more supervision in ${current.name}.` });
  if (current.meeting.status === 'due') {
    const what = current.meeting.kind === 'accreditation' ? 'accreditation meeting' : 'transition meeting';
    steps.push({ kind: 'meeting', meeting: current.meeting.kind, text: `Book your ${what} with an external supervisor to sign off ${current.name}.` });
  }
  return steps;
}

function project(input: { enrolment: Enrolment; pathway: PathwayDefinition; today: IsoDate; fractionComplete: number; completedOn: IsoDate | undefined }): Projection {
  const { enrolment, pathway, today, fractionComplete, completedOn } = input;
  const startedOn = enrolment.startedOn;
  const windowOpens = addMonths(startedOn, pathway.window.minMonths);
  const windowCloses = addMonths(startedOn, pathway.window.maxMonths);
  const base = { startedOn, windowOpens, windowCloses, fractionComplete };
  if (completedOn !== undefined) return { ...base, fractionComplete: 1, projectedCompletion: completedOn, status: 'complete' };
  const elapsed = Math.max(0, daysBetween(startedOn, today));
  const plannedMonths = pathway.stages.reduce((sum, s) => sum + s.expectedMonths, 0);
  const planned = addMonths(startedOn, plannedMonths);
  // Until there is a month of practice, the plan is the best estimate we have. After that, the pace so far;
  // with nothing done yet there is no pace, so the whole plan is still ahead, from today.
  let projectedCompletion = planned;
  if (elapsed >= 30) {
    projectedCompletion = fractionComplete > 0 ? addDays(startedOn, Math.ceil(elapsed / fractionComplete)) : addMonths(today, plannedMonths);
  }
  if (projectedCompletion < today) projectedCompletion = today;
  const status: ProjectionStatus = today > windowCloses ? 'overdue' : projectedCompletion > windowCloses ? 'at_risk' : 'on_track';
  return { ...base, projectedCompletion, status };
}

function bump(map: Map<number, number>, key: number, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

const plural = (n: number, word: string): string => (n === 1 ? word : `${word}s`);

export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Elapsed months since a date, for "month 7 of 18–24" style displays. */
export function monthsSince(start: IsoDate, now: Date): number {
  const days = (now.getTime() - dateToInstant(start).getTime()) / 86_400_000;
  return Math.max(0, Math.floor(days / 30.44));
}

export interface ProgressPoint {
  readonly date: IsoDate;
  readonly fractionComplete: number;
  readonly stage: number | null;
}

/**
 * Progress over time: the same `progress` computed as of each month since the start (and today), for a
 * chart against the 18–24 month window. Records dated after a point do not count at that point.
 */
export function progressHistory(plan: { readonly enrolment: Enrolment; readonly pathway: PathwayDefinition }, records: PracticeRecords, now: Date): ProgressPoint[] {
  const today = toIsoDate(now);
  const points: ProgressPoint[] = [];
  for (let m = 0; m < 120; m++) {
    const date = addMonths(plan.enrolment.startedOn, m);
    if (date >= today) break;
    const p = progress(plan, records, dateToInstant(date));
    points.push({ date, fractionComplete: p.projection.fractionComplete, stage: p.currentStage });
  }
  const p = progress(plan, records, now);
  points.push({ date: today, fractionComplete: p.projection.fractionComplete, stage: p.currentStage });
  return points;
}
