import type { Request } from 'restify';
import { AttuneError } from '../domain/errors';
import { identify, type Actor } from '../app/people';
import type { AppDeps } from '../app/deps';
import type { TokenVerifier } from '../adapters/identity/token-verifier';

export type Verifier = Pick<TokenVerifier, 'verify'>;

/**
 * Who is calling: a bearer token in the Authorization header only (never the query string), verified,
 * then the person looked up in the records. A valid token for someone Attune does not know is refused.
 */
export async function authenticate(req: Request, deps: { app: AppDeps; verifiers: readonly Verifier[] }): Promise<Actor> {
  const header = req.header('authorization');
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  if (!match?.[1]) throw new AttuneError('unauthenticated', 'Please sign in.', ['no bearer token']);
  const ref = await verifyWithAny(match[1], deps.verifiers);
  const actor = await identify(deps.app, ref);
  if (!actor) throw new AttuneError('forbidden', 'You are signed in, but you are not part of an Attune service yet. Ask your service lead to add you.');
  return actor;
}

async function verifyWithAny(token: string, verifiers: readonly Verifier[]): Promise<{ tenantId: string; objectId: string }> {
  let last: unknown = new AttuneError('unauthenticated', 'Please sign in.', ['no verifier']);
  for (const v of verifiers) {
    try {
      return await v.verify(token);
    } catch (e) {
      last = e;
      if (e instanceof AttuneError && e.code === 'unavailable') throw e;
    }
  }
  throw last;
}
