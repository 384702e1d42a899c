import { defaultContractTerms } from '../../domain/contract-terms';
import type { ContractTerms } from '../../domain/contract';
import { AttuneError } from '../../domain/errors';
import { authorise } from '../authorise';
import type { AppDeps } from '../deps';
import { enrolmentsWhere, type Actor } from '../people';
import { buildContractView, loadContracts, type ContractView } from './contract-view';
import { proposeLineManager, type LineManagerProposal } from './line-manager';

/** A trainee's enrolment without a contract yet: suggested terms, and the line manager proposed to sign. */
export interface ContractToStart {
  readonly enrolmentId: string;
  readonly terms: ContractTerms;
  readonly lineManager: LineManagerProposal;
}

/**
 * The contracts the asking person is a party to (the latest version of each), and — for a trainee whose
 * enrolment has none yet — the terms to draft one from and the line manager proposed (from the directory).
 */
export async function myContracts(deps: AppDeps, input: { actor: Actor }): Promise<{ views: ContractView[]; canStart: ContractToStart | null }> {
  const me = input.actor.person.id;
  const related = (await enrolmentsWhere(deps, (e) => e.traineeId === me || e.supervisorId === me || e.lineManagerId === me)).sort((a, b) => b.startedOn.localeCompare(a.startedOn));
  const views: ContractView[] = [];
  let canStart: ContractToStart | null = null;
  for (const e of related) {
    const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: e.id, action: 'view_contract' });
    const all = (await loadContracts(deps, enrolment.id)).map((c) => c.value);
    const latest = all[all.length - 1];
    if (latest) views.push(await buildContractView(deps, { enrolment, contract: latest, all }));
    else if (enrolment.traineeId === me && canStart === null) canStart = { enrolmentId: enrolment.id, terms: defaultContractTerms(enrolment.startedOn), lineManager: await proposeLineManager(deps, enrolment) };
  }
  return { views, canStart };
}

/** One version of an enrolment's contract (the latest when no version is given): old versions stay readable. */
export async function viewContract(deps: AppDeps, input: { actor: Actor; enrolmentId: string; version: number | null }): Promise<ContractView> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'view_contract' });
  const all = (await loadContracts(deps, enrolment.id)).map((c) => c.value);
  const shown = input.version === null ? all[all.length - 1] : all.find((c) => c.version === input.version);
  if (!shown) throw new AttuneError('not_found', 'There is no such version of this contract.');
  return buildContractView(deps, { enrolment, contract: shown, all });
}
