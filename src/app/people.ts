import { accessOf } from '../domain/external-supervision';
import type { Enrolment } from '../domain/practice';
import type { Person, PersonId, PersonRef } from '../domain/people';
import { personId } from '../domain/people';
import type { AppDeps } from './deps';

/** `external_supervisor`: invited (and signed in) to a trainee's stage meeting, while the invitation is open. */
export type Role = 'trainee' | 'supervisor' | 'line_manager' | 'service_admin' | 'external_supervisor';
const roleOrder: readonly Role[] = ['trainee', 'supervisor', 'line_manager', 'service_admin', 'external_supervisor'];

/** Who is asking, when the use case decides access from records alone (clips: the enrolment, case and consent). */
export interface Caller {
  readonly person: Person;
}

export interface Actor extends Caller {
  readonly roles: readonly Role[];
}

/**
 * Who is asking, and in which roles. Roles come from records (enrolments and service settings),
 * never from claims the client sends. Unknown people get `null`.
 */
export async function identify(deps: AppDeps, ref: PersonRef): Promise<Actor | null> {
  const caller = await identifyPerson(deps, ref);
  return caller ? { person: caller.person, roles: await rolesOf(deps, caller.person.id) } : null;
}

/**
 * The person only, without their roles: one point read rather than a scan of every enrolment and service.
 * For routes whose use cases authorise from the object's own records (every clip route, once per upload block).
 */
export async function identifyPerson(deps: AppDeps, ref: PersonRef): Promise<Caller | null> {
  const stored = await deps.store.people.get({ partition: ref.tenantId, id: ref.objectId });
  return stored ? { person: stored.value } : null;
}

export async function rolesOf(deps: AppDeps, id: PersonId): Promise<Role[]> {
  const [enrolments, services, invitations] = await Promise.all([deps.store.enrolments.list(), deps.store.services.list(), deps.store.externalSupervisors.list()]);
  const roles = new Set<Role>();
  for (const { value: e } of enrolments) {
    if (e.traineeId === id) roles.add('trainee');
    if (e.supervisorId === id) roles.add('supervisor');
    if (e.lineManagerId === id) roles.add('line_manager');
  }
  if (services.some((s) => s.value.admins.includes(id))) roles.add('service_admin');
  const now = deps.clock.now();
  if (invitations.some((i) => accessOf(i.value, now)?.personId === id)) roles.add('external_supervisor');
  return roleOrder.filter((r) => roles.has(r));
}

export async function enrolmentsWhere(deps: AppDeps, match: (e: Enrolment) => boolean): Promise<Enrolment[]> {
  return (await deps.store.enrolments.list()).map((v) => v.value).filter(match);
}

export async function personById(deps: AppDeps, id: PersonId): Promise<Person | null> {
  const sep = id.indexOf(':');
  if (sep <= 0) return null;
  const stored = await deps.store.people.get({ partition: id.slice(0, sep), id: id.slice(sep + 1) });
  return stored && personId(stored.value) === id ? stored.value : null;
}

/** People a development sign-in may choose from (development mode only; the route is not mounted otherwise). */
export async function listPeopleForDevSignIn(deps: AppDeps): Promise<{ id: PersonId; displayName: string; roles: Role[] }[]> {
  const people = (await deps.store.people.list()).map((p) => p.value);
  const out = await Promise.all(people.map(async (p) => ({ id: p.id, displayName: p.displayName, roles: await rolesOf(deps, p.id) })));
  const rank = (roles: Role[]): number => (roles[0] ? roleOrder.indexOf(roles[0]) : 9);
  return out.sort((a, b) => rank(a.roles) - rank(b.roles) || a.displayName.localeCompare(b.displayName));
}
