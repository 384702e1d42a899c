import { revise, sendForSignature, type ContractTerms } from '../../domain/contract';
import { allContractTermProblems, tidyTerms } from '../../domain/contract-terms';
import { AttuneError } from '../../domain/errors';
import { changed, unchanged, type Outcome } from '../../domain/submission';
import { audit, authorise } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { createOnce } from '../practice/create-once';
import { buildContractView, contractId, loadContracts, type ContractView } from './contract-view';

/**
 * Any party proposes changed terms: a new version that needs all three signatures again. The old version
 * ends as superseded and stays readable. An edit made from an older version's card is stale.
 */
export async function reviseContract(deps: AppDeps, input: { actor: Actor; enrolmentId: string; version: number; terms: ContractTerms }): Promise<Outcome<ContractView>> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'sign_contract' });
  const terms = tidyTerms(input.terms);
  const problems = allContractTermProblems(terms);
  if (problems.length) throw new AttuneError('invalid_input', 'The contract terms need attention.', problems);
  const all = await loadContracts(deps, enrolment.id);
  const latest = all[all.length - 1];
  if (!latest) throw new AttuneError('not_found', 'Not found.');
  const values = all.map((c) => c.value);
  if (latest.value.version !== input.version) return unchanged(await buildContractView(deps, { enrolment, contract: latest.value, all: values }), 'stale');
  if (latest.value.state.status === 'ended') throw new AttuneError('invalid_state', 'This contract has ended and cannot be changed.');

  const at = deps.clock.now().toISOString();
  const { previous, next } = revise(latest.value, { id: contractId(latest.value.version + 1), terms, at });
  // The new version first (its id is fixed, so a replay finds it), then the old one ends: a crash in
  // between leaves the new version as the latest, which is what a reader sees.
  const created = await createOnce(deps.store.contracts, sendForSignature(next), { partition: enrolment.id, id: next.id });
  try {
    await deps.store.contracts.replace(previous, latest.etag);
  } catch (e) {
    if (!(e instanceof AttuneError && e.code === 'conflict')) throw e;
    // Someone signed the old version meanwhile; it is superseded all the same.
    const now = await deps.store.contracts.get({ partition: enrolment.id, id: latest.value.id });
    if (now && now.value.state.status !== 'ended') await deps.store.contracts.replace(revise(now.value, { id: next.id, terms, at }).previous, now.etag);
  }
  const fresh = (await loadContracts(deps, enrolment.id)).map((c) => c.value);
  const view = await buildContractView(deps, { enrolment, contract: created.value, all: fresh });
  if (created.kind === 'unchanged') return unchanged(view, 'already_done');
  await audit(deps, { actor: input.actor, action: 'revise_contract', object: { kind: 'contract', id: `${enrolment.id}/${next.id}` }, subject: enrolment.traineeId });
  return changed(view);
}
