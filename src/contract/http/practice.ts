import * as z from 'zod';
import { ChangeKind, Instant, IsoDate, PersonId, UnchangedWhy } from './common';
import { PrincipleKey } from './service';

/** An enrolment's cases, cycles and supervision sessions, and the supervision records a supervisor co-signs. */
export const ConsentScope = z.enum(['filming', 'supervisor_viewing', 'peer_intervision', 'training_use']);
export const SupervisionMode = z.enum(['in_person', 'teams']);

export const Cycle = z.object({ id: z.string(), enrolmentId: z.string(), caseId: z.string(), filmedOn: IsoDate, sharedReviewOn: IsoDate.optional() });
export type Cycle = z.infer<typeof Cycle>;

export const PracticeView = z.object({
  enrolmentId: z.string(),
  traineeId: PersonId,
  traineeName: z.string(),
  startedOn: IsoDate,
  cases: z.array(
    z.object({
      id: z.string(),
      code: z.string().describe('Pseudonymous.'),
      openedOn: IsoDate,
      endOfInvolvement: IsoDate.nullable(),
      consent: z.object({ filming: z.boolean(), supervisor_viewing: z.boolean(), peer_intervision: z.boolean(), training_use: z.boolean() }),
    }),
  ),
  cycles: z.array(Cycle),
  supervision: z.array(z.object({ id: z.string(), heldOn: IsoDate, minutes: z.number(), mode: SupervisionMode })),
});
export type PracticeView = z.infer<typeof PracticeView>;
export const Practice = z.object({ practice: PracticeView });

export const SupervisionRecordState = z.union([
  z.object({ status: z.literal('awaiting_cosign'), submittedAt: Instant }),
  z.object({ status: z.literal('returned'), submittedAt: Instant, returnedAt: Instant, comment: z.string() }),
  z.object({ status: z.literal('cosigned'), submittedAt: Instant, cosignedAt: Instant, comment: z.string().nullable() }),
]);

export const SupervisionRecord = z.object({
  id: z.string(),
  enrolmentId: z.string(),
  sessionId: z.string(),
  revision: z.number(),
  content: z.object({
    learningQuestion: z.string(),
    whatWasWorking: z.string(),
    principles: z.array(PrincipleKey),
    learningPoints: z.string(),
    nextSteps: z.string(),
    consentConfirmed: z.boolean(),
  }),
  vocabulary: z.object({ id: z.string(), version: z.number() }),
  state: SupervisionRecordState,
});
export type SupervisionRecord = z.infer<typeof SupervisionRecord>;

/** A supervision record with what the tab shows of it (the bot's channel ids stay with the bot). */
export const RecordView = z.object({
  enrolmentId: z.string(),
  record: SupervisionRecord,
  session: z.object({
    id: z.string(),
    enrolmentId: z.string(),
    heldOn: IsoDate,
    minutes: z.number(),
    mode: SupervisionMode,
    caseIds: z.array(z.string()),
    clipIds: z.array(z.string()),
  }),
  traineeId: PersonId,
  traineeName: z.string(),
  supervisorId: PersonId,
  supervisorName: z.string(),
  caseCodes: z.array(z.string()),
});
export type RecordView = z.infer<typeof RecordView>;
export const RecordsToCosign = z.object({ records: z.array(RecordView) });

export const ReviewRecord = z.object({
  revision: z
    .number({ error: 'send the revision of the record you read.' })
    .int({ error: 'send the revision of the record you read.' })
    .min(1, { error: 'send the revision of the record you read.' })
    .max(1_000_000, { error: 'send the revision of the record you read.' }),
  decision: z.enum(['cosign', 'return'], { error: 'cosign or return.' }),
  comment: z.string({ error: 'text.' }).max(10_000, { error: 'Keep the comment to 10000 characters.' }).optional(),
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;

export const ReviewedRecord = z.object({ record: RecordView, outcome: ChangeKind, why: UnchangedWhy.optional() });
export type ReviewedRecord = z.infer<typeof ReviewedRecord>;
