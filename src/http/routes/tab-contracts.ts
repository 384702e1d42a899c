import type { Request } from 'restify';
import { declineContract, signContract } from '../../app/contracts/sign-contract';
import { startContract } from '../../app/contracts/start-contract';
import { myContracts } from '../../app/contracts/my-contracts';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/people';
import { routes } from '../../contract/http/routes';
import { encodeContractChange, encodeMyContracts } from '../encode/contracts';
import type { Mount } from '../mount';

/**
 * The three-way VIG contract in the tab: the contracts a person is a party to, a trainee sending their first
 * one for signature, and signing or (line manager) declining with a reason. The use cases authorise.
 */
export function mountTabContractRoutes(mount: Mount, o: { app: AppDeps; caller: (req: Request) => Promise<Actor> }): void {
  mount.json(routes.myContracts, { auth: o.caller, handle: async ({ caller: actor }) => ({ body: encodeMyContracts(await myContracts(o.app, { actor })) }) });
  mount.json(routes.startContract, {
    auth: o.caller,
    handle: async ({ caller: actor, body }) => {
      const outcome = await startContract(o.app, { actor, terms: body.terms, lineManagerId: body.lineManagerId ?? null });
      return { status: outcome.kind === 'changed' ? 201 : 200, body: encodeContractChange(outcome) };
    },
  });
  mount.json(routes.signContract, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body }) => ({ body: encodeContractChange(await signContract(o.app, { actor, enrolmentId: params.enrolmentId, version: body.version })) }),
  });
  mount.json(routes.declineContract, {
    auth: o.caller,
    handle: async ({ caller: actor, params, body }) => ({ body: encodeContractChange(await declineContract(o.app, { actor, enrolmentId: params.enrolmentId, version: body.version, reason: body.reason })) }),
  });
}
