import { decline, partyOf, sign, type Contract } from '../../domain/contract';
import { AttuneError } from '../../domain/errors';
import type { Enrolment } from '../../domain/practice';
import { changed, unchanged, type Outcome } from '../../domain/submission';
import { audit, authorise } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { buildContractView, loadContracts, type ContractView } from './contract-view';

const attempts = 3;

/**
 * A party signs the version of the contract their card shows. Signing twice changes nothing; a card for a
 * version that has since been revised is stale and shows the latest instead. Two parties signing at once
 * both count: a write that lost the race reads the contract again and signs that.
 */
export async function signContract(deps: AppDeps, input: { actor: Actor; enrolmentId: string; version: number }): Promise<Outcome<ContractView>> {
  return changeLatest(deps, { ...input, action: 'sign_contract', change: (c) => sign(c, { person: input.actor.person.id, at: deps.clock.now().toISOString() }) });
}

/** The line manager declines the version their card shows, with a reason the other parties see. */
export async function declineContract(deps: AppDeps, input: { actor: Actor; enrolmentId: string; version: number; reason: string }): Promise<Outcome<ContractView>> {
  return changeLatest(deps, {
    ...input,
    action: 'decline_contract',
    change: (c) => {
      // Only the line manager declines; for anyone else the contract is as good as missing.
      if (partyOf(c, input.actor.person.id) !== 'line_manager') throw new AttuneError('not_found', 'Not found.');
      return c.state.status === 'declined' ? c : decline(c, { person: input.actor.person.id, reason: input.reason.slice(0, 1000), at: deps.clock.now().toISOString() });
    },
  });
}

async function changeLatest(
  deps: AppDeps,
  input: { actor: Actor; enrolmentId: string; version: number; action: 'sign_contract' | 'decline_contract'; change: (c: Contract) => Contract },
): Promise<Outcome<ContractView>> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'sign_contract' });
  for (let attempt = 1; ; attempt++) {
    const all = await loadContracts(deps, enrolment.id);
    const latest = all[all.length - 1];
    if (!latest) throw new AttuneError('not_found', 'Not found.');
    const view = (c: Contract): Promise<ContractView> => buildContractView(deps, { enrolment, contract: c, all: all.map((x) => (x.value.id === c.id ? c : x.value)) });
    if (partyOf(latest.value, input.actor.person.id) === null) throw new AttuneError('not_found', 'Not found.');
    if (latest.value.version !== input.version) return unchanged(await view(latest.value), 'stale');
    let next: Contract;
    try {
      next = input.change(latest.value);
    } catch (e) {
      // Declined, ended or a draft: the card was out of date, so it shows the contract as it is.
      if (e instanceof AttuneError && e.code === 'invalid_state') return unchanged(await view(latest.value), 'stale');
      throw e;
    }
    if (next === latest.value) return unchanged(await view(latest.value), 'already_done');
    try {
      const saved = (await deps.store.contracts.replace(next, latest.etag)).value;
      await auditChange(deps, { actor: input.actor, enrolment, contract: saved, action: input.action });
      return changed(await view(saved));
    } catch (e) {
      if (!(e instanceof AttuneError && e.code === 'conflict') || attempt >= attempts) throw e;
    }
  }
}

async function auditChange(deps: AppDeps, input: { actor: Actor; enrolment: Enrolment; contract: Contract; action: string }): Promise<void> {
  const object = { kind: 'contract', id: `${input.enrolment.id}/${input.contract.id}` };
  await audit(deps, { actor: input.actor, action: input.action, object, subject: input.enrolment.traineeId });
  if (input.contract.state.status === 'active') await audit(deps, { actor: input.actor, action: 'activate_contract', object, subject: input.enrolment.traineeId });
}
