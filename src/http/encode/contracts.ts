import type { Encoded } from '../../contract/http/common';
import type { ContractChange, ContractView, MyContracts } from '../../contract/http/contracts';
import type { ContractView as ContractViewModel } from '../../app/contracts/contract-view';
import type { Outcome } from '../../domain/submission';

/** A contract as the tab sees it: the bot's channel ids stay with the bot. */
export function encodeContractView(v: ContractViewModel): Encoded<typeof ContractView> {
  return { enrolmentId: v.enrolmentId, contract: v.contract, latestVersion: v.latestVersion, versions: v.versions, names: v.names };
}

export function encodeContractChange(outcome: Outcome<ContractViewModel>): Encoded<typeof ContractChange> {
  return { contract: encodeContractView(outcome.value), outcome: outcome.kind, ...(outcome.kind === 'unchanged' ? { why: outcome.why } : {}) };
}

export function encodeMyContracts(mine: { views: readonly ContractViewModel[]; canStart: Encoded<typeof MyContracts>['canStart'] }): Encoded<typeof MyContracts> {
  return { contracts: mine.views.map(encodeContractView), canStart: mine.canStart };
}
