import { AttuneError } from '../../domain/errors';
import { personId, type PersonId } from '../../domain/people';
import type { Enrolment } from '../../domain/practice';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import type { Actor } from '../people';
import { personById } from '../people';
import { enrolmentPartition } from '../../ports/data-store';

export interface NamedPerson {
  readonly id: PersonId;
  readonly displayName: string;
}

/**
 * Who signs a trainee's contract as their line manager, as proposed when the contract is drafted: the
 * enrolment's line manager, set against the manager the organisation's directory (Entra ID) names. The
 * directory's manager is not always the VIG line manager, so the trainee confirms; only someone Attune
 * knows may be chosen. `note` says it in the words the bot and the tab show.
 */
export type LineManagerProposal = (
  | { readonly kind: 'agreed'; readonly manager: NamedPerson }
  | { readonly kind: 'choose'; readonly enrolment: NamedPerson; readonly directory: NamedPerson }
  | { readonly kind: 'directory_unknown'; readonly enrolment: NamedPerson; readonly directoryName: string | null }
  | { readonly kind: 'not_in_directory'; readonly enrolment: NamedPerson }
  | { readonly kind: 'directory_unavailable'; readonly enrolment: NamedPerson }
) & { readonly note: string };

const leftTheService = 'Someone who has left the service';

/**
 * The proposal for an enrolment's trainee. A directory that cannot be read does not stop the drafting: the
 * enrolment's line manager is proposed, with a note saying the directory was not checked.
 */
export async function proposeLineManager(deps: AppDeps, enrolment: Enrolment): Promise<LineManagerProposal> {
  const [trainee, current] = await Promise.all([personById(deps, enrolment.traineeId), personById(deps, enrolment.lineManagerId)]);
  const ours: NamedPerson = { id: enrolment.lineManagerId, displayName: current?.displayName ?? leftTheService };
  if (!trainee) return withNote({ kind: 'not_in_directory', enrolment: ours });
  let listed: Awaited<ReturnType<AppDeps['directory']['managerOf']>>;
  try {
    listed = await deps.directory.managerOf({ tenantId: trainee.tenantId, objectId: trainee.objectId });
  } catch {
    // The adapter has logged why (without names); the trainee carries on with the enrolment's line manager.
    return withNote({ kind: 'directory_unavailable', enrolment: ours });
  }
  if (!listed) return withNote({ kind: 'not_in_directory', enrolment: ours });
  const id = personId(listed.person);
  if (id === enrolment.lineManagerId) return withNote({ kind: 'agreed', manager: ours });
  const known = await personById(deps, id);
  // Someone Attune does not know, or already another party to the contract, cannot sign as line manager.
  if (!known || id === enrolment.traineeId || id === enrolment.supervisorId) return withNote({ kind: 'directory_unknown', enrolment: ours, directoryName: known?.displayName ?? listed.displayName });
  return withNote({ kind: 'choose', enrolment: ours, directory: { id, displayName: known.displayName } });
}

/** Who the trainee may confirm as the contract's line manager (the enrolment's first). */
export function lineManagerChoices(proposal: LineManagerProposal): PersonId[] {
  switch (proposal.kind) {
    case 'agreed':
      return [proposal.manager.id];
    case 'choose':
      return [proposal.enrolment.id, proposal.directory.id];
    case 'directory_unknown':
    case 'not_in_directory':
    case 'directory_unavailable':
      return [proposal.enrolment.id];
  }
}

type Unworded = LineManagerProposal extends infer P ? (P extends LineManagerProposal ? Omit<P, 'note'> : never) : never;

function withNote(p: Unworded): LineManagerProposal {
  return { ...p, note: noteFor(p) };
}

function noteFor(p: Unworded): string {
  switch (p.kind) {
    case 'agreed':
      return `Your line manager (from your organisation's directory): ${p.manager.displayName}.`;
    case 'choose':
      return `Attune has ${p.enrolment.displayName} as your line manager; your organisation's directory names ${p.directory.displayName} as your manager. Choose who signs this contract as your line manager.`;
    case 'directory_unknown':
      return `Your organisation's directory names ${p.directoryName ?? 'someone else'} as your manager, who cannot sign in Attune, so ${p.enrolment.displayName} signs as your line manager. If ${p.directoryName ?? 'they'} should sign instead, ask your service lead to add them to Attune.`;
    case 'not_in_directory':
      return `Your line manager: ${p.enrolment.displayName}. Your organisation's directory names no manager for you.`;
    case 'directory_unavailable':
      return `Your line manager: ${p.enrolment.displayName}. Your organisation's directory could not be checked just now, so this is the line manager Attune has for you.`;
  }
}

/**
 * The line manager the trainee confirmed, checked against the proposal: the enrolment's, or the directory's
 * manager when Attune knows them. Choosing the directory's makes them the enrolment's line manager (they sign,
 * and see the trainee's progress summaries), recorded in the audit log.
 */
export async function confirmLineManager(deps: AppDeps, input: { actor: Actor; enrolment: Enrolment; chosen: PersonId | null }): Promise<Enrolment> {
  const { enrolment, chosen } = input;
  if (chosen === null || chosen === enrolment.lineManagerId) return enrolment;
  const proposal = await proposeLineManager(deps, enrolment);
  if (!lineManagerChoices(proposal).includes(chosen)) {
    throw new AttuneError('invalid_input', 'The line manager chosen cannot sign this contract.', ["Choose your line manager in Attune, or the manager your organisation's directory names if they use Attune. To have someone else sign, ask your service lead."]);
  }
  const stored = await deps.store.enrolments.get({ partition: enrolmentPartition, id: enrolment.id });
  if (!stored) throw new AttuneError('not_found', 'Not found.');
  const changed = (await deps.store.enrolments.replace({ ...stored.value, lineManagerId: chosen }, stored.etag)).value;
  await audit(deps, { actor: input.actor, action: 'change_line_manager', object: { kind: 'enrolment', id: enrolment.id }, subject: enrolment.traineeId, purpose: "confirmed from the organisation's directory" });
  return changed;
}
