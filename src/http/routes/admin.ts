import type { Request } from 'restify';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/people';
import { getMyProgressHistory } from '../../app/progress';
import { assertServiceAdmin, changeServiceSettings, savePathwayVersion, viewServiceSettings } from '../../app/service-settings';
import { publishVocabulary } from '../../app/vocabulary';
import { routes } from '../../contract/http/routes';
import { encodeProgressPoint } from '../encode/progress';
import { encodePathway, encodeServiceView, encodeVocabulary } from '../encode/service';
import type { Mount } from '../mount';

/** Service configuration for service admins, and a trainee's progress history. */
export function mountAdminRoutes(mount: Mount, o: { app: AppDeps; caller: (req: Request) => Promise<Actor> }): void {
  // Changes are read only from a service admin: anyone else cannot see the service at all (404), whatever they send.
  const admin = async (req: Request): Promise<Actor> => {
    const actor = await o.caller(req);
    await assertServiceAdmin(o.app, actor);
    return actor;
  };
  mount.json(routes.serviceSettings, { auth: o.caller, handle: async ({ caller: actor }) => ({ body: encodeServiceView(await viewServiceSettings(o.app, actor)) }) });
  mount.json(routes.changeServiceSettings, {
    auth: admin,
    handle: async ({ caller: actor, body, headers }) => ({ body: encodeServiceView(await changeServiceSettings(o.app, { actor, change: body, etag: headers['if-match'] })) }),
  });
  mount.json(routes.savePathway, {
    auth: admin,
    handle: async ({ caller: actor, body }) => ({ body: { pathway: encodePathway(await savePathwayVersion(o.app, { actor, definition: body })) } }),
  });
  mount.json(routes.publishVocabulary, {
    auth: admin,
    handle: async ({ caller: actor, body }) => ({ body: { vocabulary: encodeVocabulary(await publishVocabulary(o.app, { actor, draft: body })) } }),
  });
  mount.json(routes.myProgressHistory, {
    auth: o.caller,
    handle: async ({ caller: actor }) => {
      const points = await getMyProgressHistory(o.app, actor.person.id);
      return { body: { points: points ? points.map(encodeProgressPoint) : null } };
    },
  });
}
