import { defaultSupervisionMinutes, type Contract, type SupervisionCadence } from '../../domain/contract';
import { addMonths, dateToInstant } from '../../domain/dates';
import { AttuneError } from '../../domain/errors';
import { relationshipsTo, type Action, type Relationship } from '../../domain/permissions';
import type { Person, PersonRef } from '../../domain/people';
import type { Enrolment } from '../../domain/practice';
import type { Instant } from '../../ports/calendar';
import { authorise } from '../authorise';
import { loadContracts } from '../contracts/contract-view';
import type { AppDeps } from '../deps';
import { personById, type Caller } from '../people';

/** Everything a booking is decided from: the enrolment, its two people, and what its contract says of supervision. */
export interface SchedulingContext {
  readonly enrolment: Enrolment;
  readonly trainee: Person;
  readonly supervisor: Person;
  /** How the person asking is related to the enrolment. */
  readonly relationships: readonly Relationship[];
  /** The contract in force (active), else the latest one; null before there is any. */
  readonly contract: Contract | null;
  readonly sessionMinutes: number;
  readonly cadence: SupervisionCadence;
  /** The contract's end (its start plus its expected months), when there is a contract. */
  readonly latestEnd: Instant | undefined;
}

/** Authorises `action` on the enrolment for the person asking, and reads what a booking needs. */
export async function schedulingContext(deps: AppDeps, input: { actor: Caller; enrolmentId: string; action: Action }): Promise<SchedulingContext> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: input.action });
  const [trainee, supervisor, contracts] = await Promise.all([personById(deps, enrolment.traineeId), personById(deps, enrolment.supervisorId), loadContracts(deps, enrolment.id)]);
  if (!trainee || !supervisor) throw new AttuneError('invalid_state', 'This enrolment’s trainee or supervisor is no longer in Attune, so supervision cannot be booked. Ask your service lead to check the enrolment.');
  const all = contracts.map((c) => c.value);
  const contract = all.find((c) => c.state.status === 'active') ?? all.at(-1) ?? null;
  const terms = contract?.terms;
  return {
    enrolment,
    trainee,
    supervisor,
    relationships: relationshipsTo({ enrolment, person: input.actor.person.id, now: deps.clock.now() }),
    contract,
    sessionMinutes: terms?.supervisionMinutes ?? defaultSupervisionMinutes,
    cadence: terms?.supervisionCadence ?? 'monthly',
    latestEnd: terms ? dateToInstant(addMonths(terms.startsOn, terms.expectedMonths)).toISOString() : undefined,
  };
}

export const refOf = (p: Person): PersonRef => ({ tenantId: p.tenantId, objectId: p.objectId });
