import { mayAct, type Action, type ExternalSupervisorInvite } from '../domain/permissions';
import { AttuneError } from '../domain/errors';
import type { Enrolment } from '../domain/practice';
import type { AuditOutcome } from '../ports/audit';
import { enrolmentPartition } from '../ports/data-store';
import type { AppDeps } from './deps';
import type { Caller } from './people';

/**
 * The one gate every use case goes through before it touches an enrolment's objects, so a route, a card
 * action and a scheduled job cannot bypass it. Someone else's enrolment answers `not_found`, exactly like
 * a missing one, and the refusal is written to the audit log.
 */
export async function authorise(deps: AppDeps, input: { actor: Caller; enrolmentId: string; action: Action; invites?: readonly ExternalSupervisorInvite[] }): Promise<Enrolment> {
  return authoriseRead(deps, { ...input, enrolment: await findEnrolment(deps, input.enrolmentId) });
}

/**
 * The same gate for a caller that read the enrolment (`findEnrolment`) alongside other records, so a busy route
 * (a range request) waits for one round trip to storage, not two. `invites` are the external-supervisor
 * invitations that count for this request (see src/app/external-supervisors): only the use cases that may serve
 * an external supervisor pass them, so every other use case refuses them.
 */
export async function authoriseRead(deps: AppDeps, input: { actor: Caller; enrolmentId: string; action: Action; invites?: readonly ExternalSupervisorInvite[]; enrolment: Enrolment | null }): Promise<Enrolment> {
  const enrolment = input.enrolment;
  const now = deps.clock.now();
  if (enrolment && mayAct({ enrolment, person: input.actor.person.id, action: input.action, now, ...(input.invites ? { invites: input.invites } : {}) })) return enrolment;
  await deps.audit.append({ at: now.toISOString(), actor: { tenantId: input.actor.person.tenantId, objectId: input.actor.person.objectId }, action: input.action, object: { kind: 'enrolment', id: input.enrolmentId.slice(0, 100) }, outcome: 'refused' });
  throw new AttuneError('not_found', 'Not found.');
}

export async function findEnrolment(deps: AppDeps, id: string): Promise<Enrolment | null> {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) return null;
  return (await deps.store.enrolments.get({ partition: enrolmentPartition, id }))?.value ?? null;
}

/** Records what happened, in the audit log. */
export async function audit(deps: AppDeps, input: { actor: Caller | null; action: string; object: { kind: string; id: string }; purpose?: string; subject?: string; outcome?: AuditOutcome }): Promise<void> {
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: input.actor ? { tenantId: input.actor.person.tenantId, objectId: input.actor.person.objectId } : null,
    action: input.action,
    object: input.object,
    outcome: input.outcome ?? 'allowed',
    ...(input.purpose ? { purpose: input.purpose } : {}),
    ...(input.subject ? { subject: input.subject } : {}),
  });
}
