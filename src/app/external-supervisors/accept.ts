import { AttuneError } from '../../domain/errors';
import { accept, awaitsEmail } from '../../domain/external-supervision';
import { personId, type Person } from '../../domain/people';
import type { VerifiedIdentity } from '../../ports/identity';
import { audit } from '../authorise';
import type { AppDeps } from '../deps';
import { invitationObject, updateInvitation } from './invitations';

/**
 * An external supervisor signs in to the tab as a guest of the organisation's tenant. If an open invitation is
 * waiting for the email their token carries, it becomes theirs: Attune creates their person record (tenant +
 * object id, and the token's display name) if it has none, and from then on knows them by id alone — the email
 * is never stored on the person, logged or audited. Returns the person, or null when nothing was waiting.
 */
export async function acceptInvitations(deps: AppDeps, input: { identity: VerifiedIdentity }): Promise<Person | null> {
  const { email } = input.identity;
  if (!email) return null;
  const now = deps.clock.now();
  const waiting = (await deps.store.externalSupervisors.list()).filter((s) => awaitsEmail(s.value, email, now));
  if (waiting.length === 0) return null;
  const person = await personFor(deps, input.identity);
  for (const { value } of waiting) {
    try {
      await updateInvitation(deps, value, (current) => accept(current, { personId: person.id, now }));
    } catch (e) {
      // Revoked or taken in the meantime: that one is simply no longer waiting.
      if (e instanceof AttuneError && (e.code === 'invalid_state' || e.code === 'not_found')) continue;
      throw e;
    }
    await audit(deps, { actor: { person }, action: 'accept_external_invitation', object: invitationObject(value) });
  }
  return person;
}

async function personFor(deps: AppDeps, identity: VerifiedIdentity): Promise<Person> {
  const key = { partition: identity.tenantId, id: identity.objectId };
  const known = await deps.store.people.get(key);
  if (known) return known.value;
  const person: Person = { id: personId(identity), tenantId: identity.tenantId, objectId: identity.objectId, displayName: identity.displayName ?? 'External supervisor' };
  try {
    return (await deps.store.people.create(person)).value;
  } catch (e) {
    // Two first requests at once: the other one created it.
    if (e instanceof AttuneError && e.code === 'conflict') return (await deps.store.people.get(key))?.value ?? person;
    throw e;
  }
}
