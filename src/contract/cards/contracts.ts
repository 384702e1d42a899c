import * as z from 'zod';
import { cardChoice, cardInt, cardOptionalInt, cardOptionalText, cardRef, cardRefNumber, cardText, cardToggle } from './fields';

/**
 * contract.create and contract.revise: the contract form (contract-form.json) with the enrolment and the
 * version it was opened at (0 when drafting the first).
 */
export const ContractSubmit = z.object({
  enrolmentId: cardText,
  version: cardInt,
  startsOn: cardText,
  expectedMonths: cardInt,
  protectedMinutesPerWeek: cardInt,
  caseAccess: cardText,
  supervisionArrangements: cardText,
  equipmentAndStorage: cardText,
  informationGovernance: cardText,
  avigukRegistration: cardToggle,
  changeOfRole: cardText,
  /** Drafting only, when the directory names someone else Attune knows: who the trainee confirmed signs as line manager. */
  lineManagerId: cardOptionalText,
  /** Older cards have no supervision fields: the contract then keeps the defaults (60 minutes, monthly). */
  supervisionMinutes: cardOptionalInt,
  supervisionCadence: cardChoice(['fortnightly', 'monthly']).optional().transform((v) => v ?? ''),
});

/** The version a contract card shows (contract-card.json). */
const shown = { enrolmentId: cardRef, version: cardRefNumber };

/** contract.sign, contract.edit and contract.version: that version of the enrolment's contract. */
export const ContractVersionShown = z.object(shown);

/** contract.decline: the line manager declines the version shown, with a reason. */
export const ContractDecline = z.object({ ...shown, declineReason: cardText });

/** contract.refresh: the latest version of the enrolment's contract. */
export const ContractRefresh = z.object({ enrolmentId: cardRef });
