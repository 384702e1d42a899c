import type { Request, Response, Server } from 'restify';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/people';
import { getMyProgressHistory } from '../../app/progress';
import { changeServiceSettings, savePathwayVersion, viewServiceSettings } from '../../app/service-settings';

type Route = (fn: (req: Request) => Promise<{ status?: number; body: unknown }>) => (req: Request, res: Response) => Promise<void>;

/** Service configuration for service admins, and a trainee's progress history. */
export function mountAdminRoutes(server: Server, o: { app: AppDeps; route: Route; caller: (req: Request) => Promise<Actor> }): void {
  server.get('/api/admin/service', o.route(async (req) => {
    const actor = await o.caller(req);
    return { body: await viewServiceSettings(o.app, actor) };
  }));
  server.put('/api/admin/service', o.route(async (req) => {
    const actor = await o.caller(req);
    return { body: await changeServiceSettings(o.app, { actor, change: req.body as unknown, etag: req.header('if-match') ?? null }) };
  }));
  server.post('/api/admin/pathways', o.route(async (req) => {
    const actor = await o.caller(req);
    return { status: 201, body: { pathway: await savePathwayVersion(o.app, { actor, definition: req.body as unknown }) } };
  }));
  server.get('/api/me/progress/history', o.route(async (req) => {
    const actor = await o.caller(req);
    return { body: { points: await getMyProgressHistory(o.app, actor.person.id) } };
  }));
}
