// Builders for domain values, so a test states only what matters to its behaviour.
// Every builder takes overrides; ids are explicit where a test refers to them, defaulted otherwise.
import { addDays, type IsoDate } from '../../src/domain/dates';
import type { Contract, ContractTerms, Party } from '../../src/domain/contract';
import { draftContract } from '../../src/domain/contract';
import type { StageMeetingKind } from '../../src/domain/pathway';
import type { Case, Cycle, Enrolment, PracticeRecords, StageMeeting, SupervisionSession } from '../../src/domain/practice';
import type { PersonId } from '../../src/domain/people';
import { noRecords } from '../../src/domain/practice';

export const tenantId = '00000000-0000-4000-8000-000000000001';
export const traineeId: PersonId = `${tenantId}:trainee`;
export const supervisorId: PersonId = `${tenantId}:supervisor`;
export const lineManagerId: PersonId = `${tenantId}:line-manager`;
export const outsiderId: PersonId = `${tenantId}:outsider`;

/** The default enrolment start: a Monday, so day arithmetic in tests is easy to check by eye. */
export const startedOn: IsoDate = '2025-01-06';

/** Midday UTC on a calendar date: the `now` a test passes in, never the wall clock. */
export const at = (date: IsoDate): Date => new Date(`${date}T12:00:00Z`);

/** A date `n` days after the default start (negative for before). */
export const day = (n: number, from: IsoDate = startedOn): IsoDate => addDays(from, n);

export function enrolment(overrides: Partial<Enrolment> = {}): Enrolment {
  return {
    id: 'enrolment-1',
    serviceId: 'service-1',
    traineeId,
    supervisorId,
    lineManagerId,
    pathway: { id: 'aviguk', version: 1 },
    startedOn,
    ...overrides,
  };
}

export function clientCase(id: string, overrides: Partial<Case> = {}): Case {
  const granted = { granted: true, recordedAt: `${startedOn}T09:00:00Z` };
  return {
    id,
    enrolmentId: 'enrolment-1',
    code: `FAM-${id}`,
    lawfulBasis: 'consent',
    consent: { filming: granted, supervisor_viewing: granted, peer_intervision: granted, training_use: granted },
    openedOn: startedOn,
    ...overrides,
  };
}

let cycleCount = 0;

/** A completed cycle (filmed a week before the shared review) for a case. */
export function cycle(caseId: string, sharedReviewOn: IsoDate | undefined, overrides: Partial<Cycle> = {}): Cycle {
  cycleCount += 1;
  const filmedOn = sharedReviewOn === undefined ? startedOn : addDays(sharedReviewOn, -7);
  return {
    id: `cycle-${cycleCount}`,
    enrolmentId: 'enrolment-1',
    caseId,
    filmedOn,
    ...(sharedReviewOn === undefined ? {} : { sharedReviewOn }),
    ...overrides,
  };
}

/** `count` completed cycles for one case, reviewed on consecutive days from `firstOn`. */
export function cycles(caseId: string, count: number, firstOn: IsoDate): Cycle[] {
  return Array.from({ length: count }, (_, i) => cycle(caseId, addDays(firstOn, i)));
}

let sessionCount = 0;

export function session(heldOn: IsoDate, minutes: number, overrides: Partial<SupervisionSession> = {}): SupervisionSession {
  sessionCount += 1;
  return { id: `session-${sessionCount}`, enrolmentId: 'enrolment-1', heldOn, minutes, mode: 'teams', caseIds: [], clipIds: [], ...overrides };
}

/** `count` sessions of `minutes` each, held on consecutive days from `firstOn`. */
export function sessions(count: number, minutes: number, firstOn: IsoDate): SupervisionSession[] {
  return Array.from({ length: count }, (_, i) => session(addDays(firstOn, i), minutes));
}

let meetingCount = 0;

export function meeting(stage: number, heldOn: IsoDate, overrides: Partial<StageMeeting> = {}): StageMeeting {
  meetingCount += 1;
  const kind: StageMeetingKind = overrides.kind ?? 'transition';
  return { id: `meeting-${meetingCount}`, enrolmentId: 'enrolment-1', stage, kind, heldOn, minutes: 60, outcome: 'signed_off', ...overrides };
}

export const signOff = (stage: number, heldOn: IsoDate, kind: StageMeetingKind = 'transition'): StageMeeting => meeting(stage, heldOn, { kind });

export function records(parts: Partial<PracticeRecords> = {}): PracticeRecords {
  return { ...noRecords, ...parts };
}

/** Cases named `c1`…`cN`. */
export const cases = (n: number): Case[] => Array.from({ length: n }, (_, i) => clientCase(`c${i + 1}`));

export const contractParties: Readonly<Record<Party, PersonId>> = { trainee: traineeId, supervisor: supervisorId, line_manager: lineManagerId };

export const personFor = (party: Party): PersonId => contractParties[party];

export function terms(overrides: Partial<ContractTerms> = {}): ContractTerms {
  return {
    startsOn: startedOn,
    expectedMonths: 24,
    protectedMinutesPerWeek: 240,
    caseAccess: 'Two families a term from the early help team.',
    supervisionArrangements: 'Monthly 1 h supervision over Teams.',
    equipmentAndStorage: 'Service tablet; clips stored in the service tenant only.',
    informationGovernance: 'Consent scopes recorded per case; clips deleted 2 months after end of involvement.',
    avigukRegistration: true,
    changeOfRole: 'The contract is reviewed within a month of any change of role.',
    ...overrides,
  };
}

export function draft(overrides: { id?: string; terms?: Partial<ContractTerms>; parties?: Partial<Record<Party, PersonId>> } = {}): Contract {
  return draftContract({
    id: overrides.id ?? 'contract-1',
    enrolmentId: 'enrolment-1',
    parties: { ...contractParties, ...overrides.parties },
    terms: terms(overrides.terms),
  });
}
