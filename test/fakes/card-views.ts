// Views the bot's card renderers take, with sample data: a contract version as one party sees it, and a
// supervision record. Shared by the card tests and the card action contract test.
import type { ContractView } from '../../src/app/contracts/contract-view';
import type { TimeOffer } from '../../src/app/scheduling/find-times';
import type { PlannedView } from '../../src/app/scheduling/planned-view';
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

/** Times offered for enrolment e1: five, an hour each (London summer time, so 13:00Z is 14:00), or none. */
export function timeOffer(options: { none?: 'calendar_unknown' | 'after_latest_end' | 'no_common_time'; trainee?: string; cadence?: 'monthly' | 'fortnightly' } = {}): TimeOffer {
  const slots = ['2026-06-16T13:00:00.000Z', '2026-06-17T08:00:00.000Z', '2026-06-18T13:30:00.000Z', '2026-06-19T09:00:00.000Z', '2026-06-22T14:00:00.000Z'].map((start) => ({
    start,
    end: new Date(Date.parse(start) + 3_600_000).toISOString(),
  }));
  return {
    enrolmentId: 'e1',
    traineeName: options.trainee ?? 'Alex Wilber',
    supervisorName: 'Adele Vance',
    sessionMinutes: 60,
    contractMinutes: 60,
    zone: 'Europe/London',
    cadence: options.cadence ?? 'monthly',
    proposal: options.none ? { kind: 'none', reason: options.none, message: `None: ${options.none}.`, people: [] } : { kind: 'slots', slots },
  };
}

/** A booked supervision as its trainee or supervisor sees it. */
export function plannedFull(options: { id?: string; start?: string; canChange?: boolean; joinUrl?: string | null; status?: 'booking' | 'booked' | 'cancelled' } = {}): PlannedView {
  const start = options.start ?? '2026-06-16T13:00:00.000Z';
  return {
    detail: 'full',
    id: options.id ?? 'p1-0',
    enrolmentId: 'e1',
    kind: 'supervision',
    window: { start, end: new Date(Date.parse(start) + 3_600_000).toISOString() },
    minutes: 60,
    status: options.status ?? 'booked',
    cancelledInOutlook: false,
    joinUrl: options.joinUrl === undefined ? 'https://teams.local.invalid/meet/abc' : options.joinUrl,
    seriesIndex: 0,
    cadence: null,
    guestCount: 0,
    canChange: options.canChange ?? true,
  };
}
