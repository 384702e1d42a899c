import type { Request } from 'restify';
import type { ClipDeps } from '../../app/clips/deps';
import type { Actor } from '../../app/people';
import { viewPrincipleReport } from '../../app/vocabulary';
import { routes } from '../../contract/http/routes';
import { encodePrincipleReport } from '../encode/service';
import type { Mount } from '../mount';

/** A trainee's principles over time, from the moments on their clips (trainee and supervisor). */
export function mountPrincipleReportRoutes(mount: Mount, o: { clips: ClipDeps; caller: (req: Request) => Promise<Actor> }): void {
  mount.json(routes.principleReport, { auth: o.caller, handle: async ({ caller: actor, params }) => ({ body: encodePrincipleReport(await viewPrincipleReport(o.clips, { actor, enrolmentId: params.enrolmentId })) }) });
}
