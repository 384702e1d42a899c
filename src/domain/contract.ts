import { AttuneError } from './errors';
import type { IsoDate } from './dates';
import type { PersonId } from './people';

/**
 * The three-way VIG contract between trainee, supervisor and line manager.
 * draft → awaiting_signatures → active → ended; a line manager may decline; a revision is a new version
 * that supersedes the old one (which stays readable, ended as "superseded").
 */
export type Party = 'trainee' | 'supervisor' | 'line_manager';
export const parties: readonly Party[] = ['trainee', 'supervisor', 'line_manager'];

export interface ContractTerms {
  readonly startsOn: IsoDate;
  readonly expectedMonths: number;
  /** Protected time a week, in minutes (up to half a day). */
  readonly protectedMinutesPerWeek: number;
  readonly caseAccess: string;
  readonly supervisionArrangements: string;
  readonly equipmentAndStorage: string;
  readonly informationGovernance: string;
  readonly avigukRegistration: boolean;
  readonly changeOfRole: string;
  /** How long one supervision session is booked for, in minutes (60 when the contract does not say). */
  readonly supervisionMinutes?: number;
  /** How often supervision is booked (monthly when the contract does not say). */
  readonly supervisionCadence?: SupervisionCadence;
}

export type SupervisionCadence = 'fortnightly' | 'monthly';
export const supervisionCadences: readonly SupervisionCadence[] = ['fortnightly', 'monthly'];
export const defaultSupervisionMinutes = 60;

export type Signatures = Readonly<Partial<Record<Party, string>>>;

export type ContractState =
  | { readonly status: 'draft' }
  | { readonly status: 'awaiting_signatures'; readonly signatures: Signatures }
  | { readonly status: 'active'; readonly signatures: Readonly<Record<Party, string>>; readonly activatedAt: string }
  | { readonly status: 'declined'; readonly signatures: Signatures; readonly reason: string; readonly at: string }
  | { readonly status: 'ended'; readonly reason: 'superseded' | 'completed' | 'role_change'; readonly endedAt: string; readonly signatures: Signatures };

export interface Contract {
  readonly id: string;
  readonly enrolmentId: string;
  readonly version: number;
  readonly parties: Readonly<Record<Party, PersonId>>;
  readonly terms: ContractTerms;
  readonly state: ContractState;
}

export const maxProtectedMinutesPerWeek = 4 * 60;

export function contractTermProblems(t: ContractTerms): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(t.expectedMonths) || t.expectedMonths < 1 || t.expectedMonths > 60) problems.push('Expected duration must be 1 to 60 months.');
  if (!Number.isInteger(t.protectedMinutesPerWeek) || t.protectedMinutesPerWeek < 0 || t.protectedMinutesPerWeek > maxProtectedMinutesPerWeek) {
    problems.push('Protected time must be between 0 and half a day (240 minutes) a week.');
  }
  const m = t.supervisionMinutes;
  if (m !== undefined && (!Number.isInteger(m) || m < 15 || m > 240 || m % 5 !== 0)) problems.push('A supervision session lasts 15 minutes to 4 hours, in steps of 5 minutes.');
  if (t.supervisionCadence !== undefined && !supervisionCadences.includes(t.supervisionCadence)) problems.push('Supervision is fortnightly or monthly.');
  return problems;
}

export function draftContract(input: { id: string; enrolmentId: string; parties: Record<Party, PersonId>; terms: ContractTerms }): Contract {
  const problems = contractTermProblems(input.terms);
  if (problems.length) throw new AttuneError('invalid_input', 'The contract terms need attention.', problems);
  // Each person signs as one party only (see partyOf), so a person named twice could never complete the signatures.
  if (new Set(parties.map((p) => input.parties[p])).size !== parties.length) {
    throw new AttuneError('invalid_input', 'The trainee, supervisor and line manager must be three different people.');
  }
  return { ...input, version: 1, state: { status: 'draft' } };
}

export function sendForSignature(c: Contract): Contract {
  if (c.state.status !== 'draft') throw new AttuneError('invalid_state', 'Only a draft contract can be sent for signature.');
  return { ...c, state: { status: 'awaiting_signatures', signatures: {} } };
}

/** The party a person signs as, or null if they are not a party. */
export function partyOf(c: Contract, person: PersonId): Party | null {
  return parties.find((p) => c.parties[p] === person) ?? null;
}

/** Signing twice is harmless: the contract is returned unchanged. */
export function sign(c: Contract, input: { person: PersonId; at: string }): Contract {
  const party = partyOf(c, input.person);
  if (!party) throw new AttuneError('not_found', 'No such contract.');
  const state = c.state;
  switch (state.status) {
    case 'awaiting_signatures': {
      if (state.signatures[party]) return c;
      const signatures = { ...state.signatures, [party]: input.at };
      const all = parties.every((p) => signatures[p]);
      if (all) {
        return { ...c, state: { status: 'active', signatures: signatures as Record<Party, string>, activatedAt: input.at } };
      }
      return { ...c, state: { status: 'awaiting_signatures', signatures } };
    }
    case 'active':
      return c;
    case 'draft':
    case 'declined':
    case 'ended':
      throw new AttuneError('invalid_state', `This contract is ${describeStatus(state.status)} and cannot be signed.`);
  }
}

export function decline(c: Contract, input: { person: PersonId; reason: string; at: string }): Contract {
  if (partyOf(c, input.person) !== 'line_manager') throw new AttuneError('not_found', 'No such contract.');
  const reason = input.reason.trim();
  if (!reason) throw new AttuneError('invalid_input', 'Please give a reason for declining.');
  if (c.state.status !== 'awaiting_signatures') throw new AttuneError('invalid_state', `This contract is ${describeStatus(c.state.status)} and cannot be declined.`);
  return { ...c, state: { status: 'declined', signatures: c.state.signatures, reason, at: input.at } };
}

/** A revision: the old version ends as superseded, the new one starts as a draft needing all signatures again. */
export function revise(c: Contract, input: { id: string; terms: ContractTerms; at: string }): { previous: Contract; next: Contract } {
  const problems = contractTermProblems(input.terms);
  if (problems.length) throw new AttuneError('invalid_input', 'The contract terms need attention.', problems);
  if (c.state.status === 'ended') throw new AttuneError('invalid_state', 'An ended contract cannot be revised.');
  const signatures = c.state.status === 'draft' ? {} : c.state.signatures;
  return {
    previous: { ...c, state: { status: 'ended', reason: 'superseded', endedAt: input.at, signatures } },
    next: { id: input.id, enrolmentId: c.enrolmentId, version: c.version + 1, parties: c.parties, terms: input.terms, state: { status: 'draft' } },
  };
}

export function endContract(c: Contract, input: { reason: 'completed' | 'role_change'; at: string }): Contract {
  if (c.state.status !== 'active') throw new AttuneError('invalid_state', `This contract is ${describeStatus(c.state.status)} and cannot be ended.`);
  return { ...c, state: { status: 'ended', reason: input.reason, endedAt: input.at, signatures: c.state.signatures } };
}

export function describeStatus(status: ContractState['status']): string {
  switch (status) {
    case 'draft':
      return 'a draft';
    case 'awaiting_signatures':
      return 'waiting for signatures';
    case 'active':
      return 'active';
    case 'declined':
      return 'declined';
    case 'ended':
      return 'ended';
  }
}
