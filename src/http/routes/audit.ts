import type { Request } from 'restify';
import { exportAuditLog, readAuditLog, whoViewedMyClips } from '../../app/audit-log';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/people';
import { routes } from '../../contract/http/routes';
import { encodeAuditPage, encodeClipViews } from '../encode/audit';
import type { Mount } from '../mount';

/** The audit log: a service admin pages through and exports it; a trainee sees who viewed their clips. */
export function mountAuditRoutes(mount: Mount, o: { app: AppDeps; caller: (req: Request) => Promise<Actor> }): void {
  mount.json(routes.auditLog, {
    auth: o.caller,
    handle: async ({ caller: actor, query }) => {
      const { limit, cursor, action, outcome } = query;
      return { body: encodeAuditPage(await readAuditLog(o.app, { actor, limit, cursor, filter: { action, outcome } })) };
    },
  });
  // CSV, not JSON; refusals still answer in the JSON error shape.
  mount.raw(routes.auditExport, {
    auth: o.caller,
    handle: async ({ caller: actor }, res) => {
      const csv = await exportAuditLog(o.app, { actor });
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="attune-audit.csv"', 'Cache-Control': 'no-store' });
      res.end(csv);
    },
  });
  mount.json(routes.myClipViews, {
    auth: o.caller,
    handle: async ({ caller: actor, query }) => ({ body: encodeClipViews(await whoViewedMyClips(o.app, { actor, limit: query.limit, cursor: query.cursor })) }),
  });
}
