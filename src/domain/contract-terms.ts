import { contractTermProblems, type ContractTerms } from './contract';
import { isIsoDate, type IsoDate } from './dates';

/**
 * What a VIG contract's text terms must hold, on top of the limits in contract.ts, and the starting point
 * a new contract is drafted from (the person edits every term before sending it).
 */
export const maxTermLength = 1000;

const textTerms: readonly (readonly [keyof ContractTerms, string])[] = [
  ['caseAccess', 'Access to suitable cases'],
  ['supervisionArrangements', 'Supervision arrangements'],
  ['equipmentAndStorage', 'Equipment and secure storage'],
  ['informationGovernance', 'Information governance duties'],
  ['changeOfRole', 'On a change of role'],
];

export function allContractTermProblems(t: ContractTerms): string[] {
  const problems: string[] = [];
  if (!isIsoDate(t.startsOn)) problems.push('Starts on: enter a date as year-month-day.');
  problems.push(...contractTermProblems(t));
  for (const [key, label] of textTerms) {
    const value = String(t[key]).trim();
    if (!value) problems.push(`${label}: please fill this in.`);
    else if (value.length > maxTermLength) problems.push(`${label}: keep it to ${maxTermLength} characters.`);
  }
  return problems;
}

export function tidyTerms(t: ContractTerms): ContractTerms {
  return {
    ...t,
    caseAccess: t.caseAccess.trim(),
    supervisionArrangements: t.supervisionArrangements.trim(),
    equipmentAndStorage: t.equipmentAndStorage.trim(),
    informationGovernance: t.informationGovernance.trim(),
    changeOfRole: t.changeOfRole.trim(),
  };
}

export function defaultContractTerms(startsOn: IsoDate): ContractTerms {
  return {
    startsOn,
    expectedMonths: 18,
    protectedMinutesPerWeek: 4 * 60,
    caseAccess: 'The trainee has access to suitable families for at least 3 cycles per stage.',
    supervisionArrangements: 'Individual supervision with an AVIGuk-accredited supervisor, at least monthly, on Teams or in person.',
    equipmentAndStorage: 'A work device for filming; clips are uploaded to Attune and deleted from the device the same day.',
    informationGovernance: 'Consent is recorded per scope before filming; clips are only shown to people the consent covers.',
    avigukRegistration: true,
    changeOfRole: 'If the trainee changes role, the three parties review this contract within a month.',
    supervisionMinutes: 60,
    supervisionCadence: 'monthly',
  };
}
