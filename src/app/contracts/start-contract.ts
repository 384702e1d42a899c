import { draftContract, sendForSignature, type ContractTerms } from '../../domain/contract';
import { allContractTermProblems, tidyTerms } from '../../domain/contract-terms';
import { AttuneError } from '../../domain/errors';
import type { PersonId } from '../../domain/people';
import { unchanged, type Outcome } from '../../domain/submission';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { createOnce } from '../practice/create-once';
import { myTraineeEnrolment } from '../practice/trainee-enrolment';
import { buildContractView, contractId, loadContracts, type ContractView } from './contract-view';
import { confirmLineManager } from './line-manager';

/**
 * A trainee drafts the three-way VIG contract and sends it to all three parties to sign. Version 1 has a
 * fixed id, so a form sent twice creates it once. `lineManagerId` is the line manager the trainee confirmed
 * from the proposal (see `proposeLineManager`); none: the enrolment's.
 */
export async function startContract(deps: AppDeps, input: { actor: Actor; terms: ContractTerms; lineManagerId?: PersonId | null }): Promise<Outcome<ContractView>> {
  const mine = await myTraineeEnrolment(deps, { actor: input.actor, action: 'sign_contract' });
  const terms = tidyTerms(input.terms);
  const problems = allContractTermProblems(terms);
  if (problems.length) throw new AttuneError('invalid_input', 'The contract terms need attention.', problems);
  const existing = (await loadContracts(deps, mine.id)).map((c) => c.value);
  const latest = existing[existing.length - 1];
  if (latest) return unchanged(await buildContractView(deps, { enrolment: mine, contract: latest, all: existing }), 'stale');
  const enrolment = await confirmLineManager(deps, { actor: input.actor, enrolment: mine, chosen: input.lineManagerId || null });
  const contract = sendForSignature(
    draftContract({ id: contractId(1), enrolmentId: enrolment.id, parties: { trainee: enrolment.traineeId, supervisor: enrolment.supervisorId, line_manager: enrolment.lineManagerId }, terms }),
  );
  const outcome = await createOnce(deps.store.contracts, contract, { partition: enrolment.id, id: contract.id });
  if (outcome.kind === 'changed') await audit(deps, { actor: input.actor, action: 'create_contract', object: { kind: 'contract', id: `${enrolment.id}/${contract.id}` }, subject: enrolment.traineeId });
  return { ...outcome, value: await buildContractView(deps, { enrolment, contract: outcome.value }) };
}
