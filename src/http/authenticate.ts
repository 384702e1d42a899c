import type { Request } from 'restify';
import { AttuneError } from '../domain/errors';
import { audit } from '../app/authorise';
import { acceptInvitations } from '../app/external-supervisors/accept';
import { identify, identifyPerson, type Actor, type Caller } from '../app/people';
import type { Limiter } from './rate-limit';
import type { AppDeps } from '../app/deps';
import type { DelegatedUser } from '../ports/calendar';
import type { BearerTokenVerifier, VerifiedIdentity } from '../ports/identity';

export type Verifier = BearerTokenVerifier;

/**
 * Who is calling: a bearer token in the Authorization header only (never the query string), verified,
 * then the person looked up in the records. A valid token for someone Attune does not know is refused.
 */
export interface AuthenticateDeps {
  readonly app: AppDeps;
  readonly verifiers: readonly Verifier[];
  readonly limiter?: Limiter;
  /**
   * Also accept any open external-supervisor invitation for the token's email when the person is already known
   * (someone unknown always gets this check). For the routes the tab opens with (`/api/me`, `/api/me/external`),
   * so the other routes do not read the invitations on every request.
   */
  readonly acceptInvitations?: boolean;
}

/** The SSO token of each request authenticated with an Entra token; held only as long as the request is. */
const delegatedUsers = new WeakMap<Request, DelegatedUser>();

/**
 * The signed-in person, as a Microsoft 365 call made on their behalf needs them (`CalendarPort.freeBusy`'s
 * `onBehalfOf`): their bearer token, when it is a real Entra SSO token. Null for a development sign-in token
 * (no one can exchange those) and for a request not yet authenticated. Call it in a route handler, after the
 * route's `auth` ran. The token is never to be stored or logged.
 */
export function delegatedUserOf(req: Request): DelegatedUser | null {
  return delegatedUsers.get(req) ?? null;
}

export async function authenticate(req: Request, deps: AuthenticateDeps): Promise<Actor> {
  return authenticateWith(req, deps, (ref) => identify(deps.app, ref));
}

/**
 * The same checks, answering with the person only (no roles): for routes whose use cases authorise from the
 * object's own records, so a busy route (an upload block) does not read every enrolment and service.
 */
export async function authenticatePerson(req: Request, deps: AuthenticateDeps): Promise<Caller> {
  return authenticateWith(req, deps, (ref) => identifyPerson(deps.app, ref));
}

async function authenticateWith<T>(req: Request, deps: AuthenticateDeps, lookUp: (ref: { tenantId: string; objectId: string }) => Promise<T | null>): Promise<T> {
  const header = req.header('authorization');
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  let identity: VerifiedIdentity;
  try {
    if (!match?.[1]) throw new AttuneError('unauthenticated', 'Please sign in.', ['no bearer token']);
    const verified = await verifyWithAny(match[1], deps.verifiers);
    identity = verified.identity;
    if (verified.by.onBehalfOf === true) delegatedUsers.set(req, { assertion: match[1] });
  } catch (e) {
    if (e instanceof AttuneError && e.code === 'unauthenticated') {
      // Every refused sign-in is recorded: the reason, never the token.
      await audit(deps.app, { actor: null, action: 'sign_in', object: { kind: 'route', id: routeName(req) }, outcome: 'refused', purpose: e.details[0] ?? 'refused' });
    }
    throw e;
  }
  const ref = { tenantId: identity.tenantId, objectId: identity.objectId };
  await deps.limiter?.take(`${ref.tenantId}:${ref.objectId}`);
  let found = await lookUp(ref);
  // An external supervisor's first sign-in (or a known person's, on the routes that ask): an open invitation for
  // the token's email becomes theirs, and Attune knows them from then on by tenant + object id.
  if ((!found || deps.acceptInvitations) && identity.email && (await acceptInvitations(deps.app, { identity })) && !found) found = await lookUp(ref);
  if (!found) {
    await audit(deps.app, { actor: null, action: 'sign_in', object: { kind: 'route', id: routeName(req) }, outcome: 'refused', purpose: 'not a member of any service', subject: `${ref.tenantId}:${ref.objectId}` });
    throw new AttuneError('forbidden', 'You are signed in, but you are not part of an Attune service yet. Ask your service lead to add you.');
  }
  return found;
}

function routeName(req: Request): string {
  const path = req.getRoute()?.path;
  return typeof path === 'string' ? path.slice(0, 100) : 'unknown';
}

async function verifyWithAny(token: string, verifiers: readonly Verifier[]): Promise<{ identity: VerifiedIdentity; by: Verifier }> {
  let last: unknown = new AttuneError('unauthenticated', 'Please sign in.', ['no verifier']);
  for (const v of verifiers) {
    try {
      return { identity: await v.verify(token), by: v };
    } catch (e) {
      last = e;
      if (e instanceof AttuneError && e.code === 'unavailable') throw e;
    }
  }
  throw last;
}
