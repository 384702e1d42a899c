import { parties, type Contract, type ContractState, type Party } from '../../domain/contract';
import type { Enrolment } from '../../domain/practice';
import type { AppDeps } from '../deps';
import { personById } from '../people';

/** A contract's versions are stored under ids that sort in version order. */
export const contractId = (version: number): string => `v${String(version).padStart(4, '0')}`;

/** One version of an enrolment's contract, with everything its card shows. */
export interface ContractView {
  readonly enrolmentId: string;
  /** The version shown. */
  readonly contract: Contract;
  readonly latestVersion: number;
  readonly versions: readonly { readonly version: number; readonly status: ContractState['status'] }[];
  readonly names: Readonly<Record<Party, string>>;
  /** Each party's id on the channel (a card's refresh.userIds), where Attune knows it. */
  readonly channelUserIds: Readonly<Record<Party, string | null>>;
}

export async function loadContracts(deps: AppDeps, enrolmentId: string): Promise<{ value: Contract; etag: string }[]> {
  return (await deps.store.contracts.list(enrolmentId)).sort((a, b) => a.value.version - b.value.version);
}

export async function buildContractView(deps: AppDeps, input: { enrolment: Enrolment; contract: Contract; all?: readonly Contract[] }): Promise<ContractView> {
  const all = input.all ?? (await loadContracts(deps, input.enrolment.id)).map((c) => c.value);
  const people = await Promise.all(
    parties.map(async (p) => {
      const id = input.contract.parties[p];
      const sep = id.indexOf(':');
      const [person, conversation] = await Promise.all([personById(deps, id), sep > 0 ? deps.store.conversations.get({ partition: id.slice(0, sep), id: id.slice(sep + 1) }) : null]);
      return [p, { name: person?.displayName ?? 'Someone who has left the service', userId: conversation?.value.userId ?? null }] as const;
    }),
  );
  const byParty = Object.fromEntries(people) as Record<Party, { name: string; userId: string | null }>;
  return {
    enrolmentId: input.enrolment.id,
    contract: input.contract,
    latestVersion: Math.max(input.contract.version, ...all.map((c) => c.version)),
    versions: all.map((c) => ({ version: c.version, status: c.state.status })),
    names: { trainee: byParty.trainee.name, supervisor: byParty.supervisor.name, line_manager: byParty.line_manager.name },
    channelUserIds: { trainee: byParty.trainee.userId, supervisor: byParty.supervisor.userId, line_manager: byParty.line_manager.userId },
  };
}
