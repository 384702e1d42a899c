import { declineContract, signContract } from '../../src/app/contracts/sign-contract';
import { reviseContract } from '../../src/app/contracts/revise-contract';
import { startContract } from '../../src/app/contracts/start-contract';
import { myContracts, viewContract } from '../../src/app/contracts/my-contracts';
import type { ContractView } from '../../src/app/contracts/contract-view';
import { parties, partyOf, type ContractTerms } from '../../src/domain/contract';
import { contractSubject } from '../../src/domain/conversation';
import type { PersonId } from '../../src/domain/people';
import type { Outcome } from '../../src/domain/submission';
import type { CardActionData } from '../card-actions';
import { renderContractCard, renderContractForm } from '../cards/contract-cards';
import type { FormErrors } from '../cards/form-errors';
import { renderNoticeCard } from '../cards/practice-cards';
import type { AdaptiveCard } from '../cards/template';
import { formErrorsOf, isRefusal, orForm, sendPlain, type Turn } from '../turn';

const cardFor = (view: ContractView, viewer: PersonId, banner?: string): AdaptiveCard => renderContractCard({ view, viewer, ...(banner ? { banner } : {}) });
const others = (view: ContractView, me: PersonId): PersonId[] => parties.map((p) => view.contract.parties[p]).filter((p) => p !== me);
/** Copies are updated only for the contract's parties: anyone else's old copy stays as it was. */
const copyFor = (view: ContractView) => (person: PersonId): AdaptiveCard | null => (partyOf(view.contract, person) ? cardFor(view, person) : null);

/** `contract`: each contract the person is a party to, as their own view; a trainee with none gets the draft form. */
export async function contractCommand(turn: Turn): Promise<void> {
  const me = turn.actor.person.id;
  const { views, canStart } = await myContracts(turn.app, { actor: turn.actor });
  for (const view of views) await turn.messenger.reply(cardFor(view, me), { subject: contractSubject(view.enrolmentId), personId: me });
  if (canStart) await turn.messenger.reply(renderContractForm({ mode: 'create', enrolmentId: canStart.enrolmentId, version: 0, terms: canStart.terms, lineManager: { proposal: canStart.lineManager } }));
  if (!views.length && !canStart) await sendPlain(turn.context, 'You are not a party to any VIG contract in Attune.');
}

export async function contractFormAction(turn: Turn): Promise<AdaptiveCard> {
  const me = turn.actor.person.id;
  const { views, canStart } = await myContracts(turn.app, { actor: turn.actor });
  if (canStart) return renderContractForm({ mode: 'create', enrolmentId: canStart.enrolmentId, version: 0, terms: canStart.terms, lineManager: { proposal: canStart.lineManager } });
  const first = views[0];
  return first ? cardFor(first, me) : renderNoticeCard({ title: 'No contract', lines: ['You are not a party to any VIG contract in Attune.'] });
}

/** The terms as sent; a number that could not be read is NaN, for the use case to refuse (the form shows it empty). */
function termsOf(data: CardActionData['contract.create' | 'contract.revise']): ContractTerms {
  return {
    startsOn: data.startsOn,
    expectedMonths: data.expectedMonths ?? Number.NaN,
    protectedMinutesPerWeek: data.protectedMinutesPerWeek ?? Number.NaN,
    caseAccess: data.caseAccess,
    supervisionArrangements: data.supervisionArrangements,
    equipmentAndStorage: data.equipmentAndStorage,
    informationGovernance: data.informationGovernance,
    avigukRegistration: data.avigukRegistration,
    changeOfRole: data.changeOfRole,
    ...(data.supervisionMinutes !== null ? { supervisionMinutes: data.supervisionMinutes } : {}),
    ...(data.supervisionCadence ? { supervisionCadence: data.supervisionCadence } : {}),
  };
}

/** The trainee sends the first version to all three parties. */
export async function contractCreateAction(turn: Turn, data: CardActionData['contract.create']): Promise<AdaptiveCard> {
  const terms = termsOf(data);
  const lineManagerId = data.lineManagerId || null;
  return orForm(
    async () => deliverNewVersion(turn, await startContract(turn.app, { actor: turn.actor, terms, lineManagerId })),
    async (errors: FormErrors) => {
      const { canStart } = await myContracts(turn.app, { actor: turn.actor });
      return renderContractForm({ mode: 'create', enrolmentId: data.enrolmentId, version: 0, terms, errors, ...(canStart ? { lineManager: { proposal: canStart.lineManager, chosen: lineManagerId } } : {}) });
    },
  );
}

/** Any party proposes changes: a new version, sent to all three to sign again. */
export async function contractReviseAction(turn: Turn, data: CardActionData['contract.revise']): Promise<AdaptiveCard> {
  const { enrolmentId } = data;
  const version = data.version ?? -1;
  const terms = termsOf(data);
  return orForm(
    async () => deliverNewVersion(turn, await reviseContract(turn.app, { actor: turn.actor, enrolmentId, version, terms })),
    async (errors: FormErrors) => renderContractForm({ mode: 'revise', enrolmentId, version, terms, errors }),
  );
}

async function deliverNewVersion(turn: Turn, outcome: Outcome<ContractView>): Promise<AdaptiveCard> {
  const view = outcome.value;
  const me = turn.actor.person.id;
  const subject = contractSubject(view.enrolmentId);
  await turn.messenger.answered({ subject, personId: me });
  if (outcome.kind === 'unchanged') {
    return cardFor(view, me, outcome.why === 'already_done' ? 'Already sent: nothing changed.' : 'The contract changed since this form was sent, so nothing changed. Here is the current version.');
  }
  // Earlier copies now show the new version; then each other party gets it as a new message, to notice.
  await turn.messenger.refreshCopies(subject, copyFor(view));
  const unreachable: string[] = [];
  for (const person of others(view, me)) {
    if (!(await turn.messenger.sendTo(person, cardFor(view, person), { subject }))) unreachable.push(person);
  }
  const banner = unreachable.length
    ? `Version ${view.contract.version} is saved. ${unreachable.length === 1 ? 'One party has' : 'Two parties have'} not opened Attune in Teams yet, so they will see it when they type contract.`
    : `Version ${view.contract.version} was sent to the other two parties to sign.`;
  return cardFor(view, me, banner);
}

/** A party signs: every copy of the contract updates, for whoever holds it. */
export async function contractSignAction(turn: Turn, data: CardActionData['contract.sign']): Promise<AdaptiveCard> {
  const outcome = await signContract(turn.app, { actor: turn.actor, enrolmentId: data.enrolmentId, version: data.version });
  return deliverChange(turn, outcome, outcome.value.contract.state.status === 'active' ? 'Signed. All three parties have signed: the contract is active.' : 'Signed. The others’ copies show your signature.');
}

/** The line manager declines with a reason: every copy shows it, and the trainee and supervisor are told. */
export async function contractDeclineAction(turn: Turn, data: CardActionData['contract.decline']): Promise<AdaptiveCard> {
  const { enrolmentId } = data;
  let outcome: Outcome<ContractView>;
  try {
    outcome = await declineContract(turn.app, { actor: turn.actor, enrolmentId, version: data.version, reason: data.declineReason });
  } catch (e) {
    if (!isRefusal(e, 'invalid_input')) throw e;
    const errors = formErrorsOf(e);
    return cardFor(await viewContract(turn.app, { actor: turn.actor, enrolmentId, version: null }), turn.actor.person.id, [errors.heading, ...errors.problems].join(' '));
  }
  const card = await deliverChange(turn, outcome, 'Declined. The trainee and supervisor can see your reason.');
  if (outcome.kind === 'changed') {
    for (const person of others(outcome.value, turn.actor.person.id)) {
      await turn.messenger.sendTo(person, `The line manager declined version ${outcome.value.contract.version} of the VIG contract. Type contract to read the reason and propose changes.`);
    }
  }
  return card;
}

async function deliverChange(turn: Turn, outcome: Outcome<ContractView>, done: string): Promise<AdaptiveCard> {
  const view = outcome.value;
  const me = turn.actor.person.id;
  const subject = contractSubject(view.enrolmentId);
  await turn.messenger.answered({ subject, personId: me });
  if (outcome.kind === 'unchanged') {
    return cardFor(view, me, outcome.why === 'already_done' ? 'Already done: nothing changed.' : 'The contract changed since this card was sent, so nothing changed. Here is the current version.');
  }
  await turn.messenger.refreshCopies(subject, copyFor(view));
  return cardFor(view, me, done);
}

/** "Propose changes": the form, filled in with the current terms. */
export async function contractEditAction(turn: Turn, data: CardActionData['contract.edit']): Promise<AdaptiveCard> {
  const view = await viewContract(turn.app, { actor: turn.actor, enrolmentId: data.enrolmentId, version: null });
  const me = turn.actor.person.id;
  if (view.contract.version !== data.version) return cardFor(view, me, 'The contract changed since this card was sent. Here is the current version.');
  if (view.contract.state.status === 'ended') return cardFor(view, me, 'This contract has ended and cannot be changed.');
  return renderContractForm({ mode: 'revise', enrolmentId: view.enrolmentId, version: view.contract.version, terms: view.contract.terms });
}

/** The latest version, for whoever looks (Teams asks for it by itself for the people in refresh.userIds). */
export async function contractRefreshAction(turn: Turn, data: CardActionData['contract.refresh']): Promise<AdaptiveCard> {
  return cardFor(await viewContract(turn.app, { actor: turn.actor, enrolmentId: data.enrolmentId, version: null }), turn.actor.person.id);
}

/** An earlier version, read-only. */
export async function contractVersionAction(turn: Turn, data: CardActionData['contract.version']): Promise<AdaptiveCard> {
  return cardFor(await viewContract(turn.app, { actor: turn.actor, enrolmentId: data.enrolmentId, version: data.version }), turn.actor.person.id);
}
