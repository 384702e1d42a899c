import * as z from 'zod';
import { ChangeKind, Instant, PersonId, UnchangedWhy } from './common';

/** The three-way VIG contract between a trainee, their supervisor and their line manager. */
export const Party = z.enum(['trainee', 'supervisor', 'line_manager']);
export type Party = z.infer<typeof Party>;

const termText = z.string({ error: 'text.' }).max(10_000, { error: 'text of at most 10000 characters.' });
const termNumber = z.number({ error: 'a whole number.' });

/** The terms, as typed: the use case checks the values (months, protected time) and says what needs changing. */
export const ContractTerms = z.object(
  {
    startsOn: termText.describe('YYYY-MM-DD.'),
    expectedMonths: termNumber,
    protectedMinutesPerWeek: termNumber,
    caseAccess: termText,
    supervisionArrangements: termText,
    equipmentAndStorage: termText,
    informationGovernance: termText,
    avigukRegistration: z.boolean({ error: 'true or false.' }),
    changeOfRole: termText,
    supervisionMinutes: termNumber.optional().describe('How long one supervision session is booked for (default 60).'),
    supervisionCadence: z.enum(['fortnightly', 'monthly'], { error: 'fortnightly or monthly.' }).optional().describe('How often supervision is booked (default monthly).'),
  },
  { error: 'Send the terms of the contract.' },
);
export type ContractTerms = z.infer<typeof ContractTerms>;

const Signatures = z.object({ trainee: Instant.optional(), supervisor: Instant.optional(), line_manager: Instant.optional() });

export const ContractState = z.union([
  z.object({ status: z.literal('draft') }),
  z.object({ status: z.literal('awaiting_signatures'), signatures: Signatures }),
  z.object({ status: z.literal('active'), signatures: z.object({ trainee: Instant, supervisor: Instant, line_manager: Instant }), activatedAt: Instant }),
  z.object({ status: z.literal('declined'), signatures: Signatures, reason: z.string(), at: Instant }),
  z.object({ status: z.literal('ended'), reason: z.enum(['superseded', 'completed', 'role_change']), endedAt: Instant, signatures: Signatures }),
]);
export type ContractState = z.infer<typeof ContractState>;
export const ContractStatus = z.enum(['draft', 'awaiting_signatures', 'active', 'declined', 'ended']);

export const Contract = z.object({
  id: z.string(),
  enrolmentId: z.string(),
  version: z.number(),
  parties: z.object({ trainee: PersonId, supervisor: PersonId, line_manager: PersonId }),
  terms: ContractTerms,
  state: ContractState,
});
export type Contract = z.infer<typeof Contract>;

/** One version of an enrolment's contract, with the parties' names (their channel ids stay with the bot). */
export const ContractView = z.object({
  enrolmentId: z.string(),
  contract: Contract,
  latestVersion: z.number(),
  versions: z.array(z.object({ version: z.number(), status: ContractStatus })),
  names: z.object({ trainee: z.string(), supervisor: z.string(), line_manager: z.string() }),
});
export type ContractView = z.infer<typeof ContractView>;

const NamedPerson = z.object({ id: PersonId, displayName: z.string() });
const note = z.string().describe('The proposal in words, to show as it is.');

/**
 * Who is proposed to sign as line manager: the enrolment's, set against the manager the organisation's
 * directory names. `choose`: the trainee confirms one of the two (as `lineManagerId` when starting the contract).
 */
export const LineManagerProposal = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agreed'), manager: NamedPerson, note }),
  z.object({ kind: z.literal('choose'), enrolment: NamedPerson, directory: NamedPerson, note }),
  z.object({ kind: z.literal('directory_unknown'), enrolment: NamedPerson, directoryName: z.string().nullable(), note }),
  z.object({ kind: z.literal('not_in_directory'), enrolment: NamedPerson, note }),
  z.object({ kind: z.literal('directory_unavailable'), enrolment: NamedPerson, note }),
]);
export type LineManagerProposal = z.infer<typeof LineManagerProposal>;

export const MyContracts = z.object({
  contracts: z.array(ContractView),
  canStart: z
    .object({ enrolmentId: z.string(), terms: ContractTerms, lineManager: LineManagerProposal })
    .nullable()
    .describe('The enrolment a trainee may send a first contract for, with suggested terms and the line manager proposed to sign.'),
});
export type MyContracts = z.infer<typeof MyContracts>;

export const StartContract = z.object(
  { terms: ContractTerms, lineManagerId: PersonId.max(200).optional().describe("The line manager the trainee confirmed from the proposal; absent: the enrolment's.") },
  { error: 'The contract could not be read.' },
);
export type StartContract = z.infer<typeof StartContract>;

const version = z
  .number({ error: 'Send the version of the contract you read.' })
  .int({ error: 'Send the version of the contract you read.' })
  .min(1, { error: 'Send the version of the contract you read.' })
  .max(10_000, { error: 'Send the version of the contract you read.' });
export const SignContract = z.object({ version });
export type SignContract = z.infer<typeof SignContract>;
export const DeclineContract = z.object({
  version,
  reason: z
    .string({ error: 'Please give a reason for declining.' })
    .max(1000, { error: 'Keep the reason to 1000 characters.' })
    .refine((r) => r.trim() !== '', { error: 'Please give a reason for declining.' }),
});
export type DeclineContract = z.infer<typeof DeclineContract>;

export const ContractChange = z.object({ contract: ContractView, outcome: ChangeKind, why: UnchangedWhy.optional() });
export type ContractChange = z.infer<typeof ContractChange>;
