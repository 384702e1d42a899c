// Views the bot's card renderers take, with sample data: a contract version as one party sees it, and a
// supervision record. Shared by the card tests and the card action contract test.
import type { ContractView } from '../../src/app/contracts/contract-view';
import type { RecordView } from '../../src/app/supervision-records/record-view';
import type { Contract, ContractState } from '../../src/domain/contract';
import { defaultContractTerms } from '../../src/domain/contract-terms';
import type { SupervisionRecord } from '../../src/domain/supervision-record';

/** The Teams user ids of the trainee, the supervisor and the line manager. */
export const userIds = ['29:trainee', '29:supervisor', '29:manager'];

export function contractView(state: ContractState, options: { version?: number; latest?: number; names?: string; terms?: Partial<ReturnType<typeof defaultContractTerms>> } = {}): ContractView {
  const version = options.version ?? 1;
  const contract: Contract = { id: `v${version}`, enrolmentId: 'e1', version, parties: { trainee: 't:trainee', supervisor: 't:supervisor', line_manager: 't:manager' }, terms: { ...defaultContractTerms('2026-01-05'), ...options.terms }, state };
  const name = options.names ?? '';
  return {
    enrolmentId: 'e1',
    contract,
    latestVersion: options.latest ?? version,
    versions: Array.from({ length: options.latest ?? version }, (_, i) => ({ version: i + 1, status: i + 1 === (options.latest ?? version) ? state.status : 'ended' })),
    names: { trainee: `Alex${name}`, supervisor: `Adele${name}`, line_manager: `Isaiah${name}` },
    channelUserIds: { trainee: userIds[0]!, supervisor: userIds[1]!, line_manager: null },
  };
}

export const awaiting: ContractState = { status: 'awaiting_signatures', signatures: { trainee: '2026-01-06T09:00:00Z' } };

export function recordView(state: SupervisionRecord['state'], text = 'Waiting helps.', channelUserIds = userIds.slice(0, 2)): RecordView {
  return {
    record: {
      id: 's1',
      enrolmentId: 'e1',
      sessionId: 's1',
      revision: 2,
      vocabulary: { id: 'attuned-interaction', version: 1 },
      content: { learningQuestion: text, whatWasWorking: text, principles: ['being_attentive', 'guiding'], learningPoints: text, nextSteps: text, consentConfirmed: true },
      state,
    },
    session: { id: 's1', enrolmentId: 'e1', heldOn: '2026-06-01', minutes: 90, mode: 'teams', caseIds: [], clipIds: [] },
    traineeId: 't:trainee',
    traineeName: 'Alex',
    supervisorId: 't:supervisor',
    supervisorName: 'Adele',
    caseCodes: ['FAM-0142'],
    channelUserIds,
  };
}
