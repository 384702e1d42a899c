import type { Action } from '../../domain/permissions';
import { AttuneError } from '../../domain/errors';
import type { Enrolment } from '../../domain/practice';
import type { ServiceSettings } from '../../domain/service';
import { authorise } from '../authorise';
import type { AppDeps } from '../deps';
import { enrolmentsWhere, type Actor } from '../people';

/**
 * The enrolment a trainee logs practice against: their latest one. It goes through the same gate as any
 * other object, so a card or a command cannot reach past it.
 */
export async function myTraineeEnrolment(deps: AppDeps, input: { actor: Actor; action: Action }): Promise<Enrolment> {
  const mine = await enrolmentsWhere(deps, (e) => e.traineeId === input.actor.person.id);
  const latest = mine.sort((a, b) => b.startedOn.localeCompare(a.startedOn))[0];
  if (!latest) throw new AttuneError('not_found', 'You are not enrolled as a trainee, so there is nothing to log here. Your service lead can enrol you.');
  return authorise(deps, { actor: input.actor, enrolmentId: latest.id, action: input.action });
}

export async function serviceOf(deps: AppDeps, enrolment: Enrolment): Promise<ServiceSettings> {
  const stored = await deps.store.services.get({ partition: 'service', id: enrolment.serviceId });
  if (!stored) throw new AttuneError('not_found', 'Your service’s settings are missing. Ask your service lead to check them.');
  return stored.value;
}
