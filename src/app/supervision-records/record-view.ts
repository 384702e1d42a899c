import { AttuneError } from '../../domain/errors';
import type { Enrolment, SupervisionSession } from '../../domain/practice';
import type { PersonId } from '../../domain/people';
import type { SupervisionRecord } from '../../domain/supervision-record';
import type { AppDeps } from '../deps';
import { conversationsOf } from '../conversations/card-deliveries';
import { personById } from '../people';

/** A supervision record with what its cards show: the session, the two people, the cases discussed. */
export interface RecordView {
  readonly record: SupervisionRecord;
  readonly session: SupervisionSession;
  readonly traineeId: PersonId;
  readonly traineeName: string;
  readonly supervisorId: PersonId;
  readonly supervisorName: string;
  /** Pseudonymous codes of the cases discussed. */
  readonly caseCodes: readonly string[];
  /** The trainee's and supervisor's ids on the channel, where known (a card's refresh.userIds). */
  readonly channelUserIds: readonly string[];
}

export async function buildRecordView(deps: AppDeps, input: { enrolment: Enrolment; record: SupervisionRecord }): Promise<RecordView> {
  const { enrolment, record } = input;
  const [session, trainee, supervisor, cases, conversations] = await Promise.all([
    deps.store.supervision.get({ partition: enrolment.id, id: record.sessionId }),
    personById(deps, enrolment.traineeId),
    personById(deps, enrolment.supervisorId),
    deps.store.cases.list(enrolment.id),
    conversationsOf(deps, [enrolment.traineeId, enrolment.supervisorId]),
  ]);
  if (!session) throw new AttuneError('not_found', 'The supervision session of this record is missing.');
  const codes = new Map(cases.map((c) => [c.value.id, c.value.code]));
  return {
    record,
    session: session.value,
    traineeId: enrolment.traineeId,
    traineeName: trainee?.displayName ?? 'Your trainee',
    supervisorId: enrolment.supervisorId,
    supervisorName: supervisor?.displayName ?? 'your supervisor',
    caseCodes: session.value.caseIds.map((id) => codes.get(id)).filter((c): c is string => c !== undefined),
    channelUserIds: [...conversations.values()].map((c) => c.userId),
  };
}

export const isRecordId = (id: unknown): id is string => typeof id === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(id);
