import * as z from 'zod';
import { ChangeKind, Instant, IsoDate, PersonId, UnchangedWhy } from './common';
import { PrincipleKey } from './service';

/** An enrolment's cases, cycles and supervision sessions, and the supervision records a supervisor co-signs. */
export const ConsentScope = z.enum(['filming', 'supervisor_viewing', 'peer_intervision', 'training_use']);
export const SupervisionMode = z.enum(['in_person', 'teams']);

const ConsentScopes = z.object({ filming: z.boolean(), supervisor_viewing: z.boolean(), peer_intervision: z.boolean(), training_use: z.boolean() });

/** A case as the trainee and supervisor see it: its consent now, every version of it, and its close. */
export const CaseView = z.object({
  id: z.string(),
  code: z.string().describe('Pseudonymous.'),
  openedOn: IsoDate,
  endOfInvolvement: IsoDate.nullable().describe('Set once involvement with the family ended: it starts the retention clock.'),
  consent: ConsentScopes,
  consentVersion: z.number().describe('The version of the consent in force; a change names the version it was made from.'),
  consentReviewOn: IsoDate.nullable().describe('When the consent is next to be reviewed with the family.'),
  consentHistory: z.array(z.object({ version: z.number(), recordedAt: Instant, scopes: ConsentScopes, reviewOn: IsoDate.nullable() })).describe('Every version, oldest first.'),
});
export type CaseView = z.infer<typeof CaseView>;

const flag = (what: string) => z.boolean({ error: `Say whether the family consents to ${what} (true or false).` });
/** A consent change: the whole set of scopes as the family now gives it, from the version read. */
export const ChangeConsent = z.object({
  fromVersion: z.number({ error: 'Send the consent version you read.' }).int({ error: 'Send the consent version you read.' }).min(1, { error: 'Send the consent version you read.' }).max(1_000_000, { error: 'Send the consent version you read.' }),
  scopes: z.object({ filming: flag('filming'), supervisor_viewing: flag('supervisor viewing'), peer_intervision: flag('peer intervision'), training_use: flag('training use') }, { error: 'Send every consent scope as true or false.' }),
  reviewOn: z.string({ error: 'Review on must be a date as year-month-day, or null.' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Review on must be a date as year-month-day, or null.' }).nullable(),
});
export type ChangeConsent = z.infer<typeof ChangeConsent>;

export const EndInvolvement = z.object({ on: z.string({ error: 'End of involvement must be a date as year-month-day.' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'End of involvement must be a date as year-month-day.' }) });
export type EndInvolvement = z.infer<typeof EndInvolvement>;

export const CaseChanged = z.object({ case: CaseView, outcome: ChangeKind, why: UnchangedWhy.optional() });
export type CaseChanged = z.infer<typeof CaseChanged>;

export const Cycle = z.object({ id: z.string(), enrolmentId: z.string(), caseId: z.string(), filmedOn: IsoDate, sharedReviewOn: IsoDate.optional() });
export type Cycle = z.infer<typeof Cycle>;

export const PracticeView = z.object({
  enrolmentId: z.string(),
  traineeId: PersonId,
  traineeName: z.string(),
  startedOn: IsoDate,
  cases: z.array(CaseView),
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
