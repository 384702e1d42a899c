import * as z from 'zod';
import { Instant, IsoDate, PersonId } from './common';

/** Progress on the pathway, as the tab shows it (`GET /api/me/progress`, a trainee's summary). */
export const Measure = z.object({ done: z.number(), required: z.number() });
export type Measure = z.infer<typeof Measure>;

export const StageStatus = z.enum(['complete', 'current', 'upcoming']);
export type StageStatus = z.infer<typeof StageStatus>;
export const MeetingStatus = z.enum(['not_due', 'due', 'signed_off']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;
export const StageMeetingKind = z.enum(['transition', 'accreditation']);
export type StageMeetingKind = z.infer<typeof StageMeetingKind>;
export const ProjectionStatus = z.enum(['complete', 'on_track', 'at_risk', 'overdue']);
export type ProjectionStatus = z.infer<typeof ProjectionStatus>;

export const StageProgress = z.object({
  stage: z.number(),
  name: z.string(),
  status: StageStatus,
  cycles: Measure,
  newClients: Measure,
  supervisionMinutes: Measure,
  meeting: z.object({ kind: StageMeetingKind, status: MeetingStatus, signedOffOn: IsoDate.optional() }),
  completedOn: IsoDate.optional(),
});
export type StageProgress = z.infer<typeof StageProgress>;

export const NextStep = z.union([
  z.object({ kind: z.literal('first_case'), text: z.string() }),
  z.object({ kind: z.enum(['cycles', 'new_clients', 'supervision']), text: z.string(), remaining: z.number() }),
  z.object({ kind: z.literal('meeting'), text: z.string(), meeting: StageMeetingKind }),
  z.object({ kind: z.literal('accredited'), text: z.string() }),
]);
export type NextStep = z.infer<typeof NextStep>;

export const Projection = z.object({
  startedOn: IsoDate,
  windowOpens: IsoDate,
  windowCloses: IsoDate,
  fractionComplete: z.number().describe('Completed stages plus the share of the current one, 0..1.'),
  projectedCompletion: IsoDate,
  status: ProjectionStatus,
});
export type Projection = z.infer<typeof Projection>;

export const Progress = z.object({
  enrolmentId: z.string(),
  pathway: z.object({ id: z.string(), version: z.number(), name: z.string() }),
  asOf: IsoDate,
  currentStage: z.number().nullable(),
  accredited: z.boolean(),
  stages: z.array(StageProgress),
  next: z.array(NextStep),
  projection: Projection,
});
export type Progress = z.infer<typeof Progress>;

export const ProgressPoint = z.object({ date: IsoDate, fractionComplete: z.number(), stage: z.number().nullable() });
export type ProgressPoint = z.infer<typeof ProgressPoint>;

export const MyProgress = z.object({ progress: Progress.nullable().describe('Null when the person is not a trainee.') });
export const MyProgressHistory = z.object({ points: z.array(ProgressPoint).nullable().describe('Month by month since the start; null when the person is not a trainee.') });

export const TraineeSummary = z.object({
  id: PersonId,
  displayName: z.string(),
  relationship: z.enum(['supervisor', 'line_manager']),
  progress: Progress,
  nextMeeting: z.object({ start: Instant, end: Instant, kind: z.enum(['supervision', 'transition', 'accreditation']) }).nullable().describe('The next meeting booked, or null.'),
});
export type TraineeSummary = z.infer<typeof TraineeSummary>;
export const MyTrainees = z.object({ trainees: z.array(TraineeSummary) });
