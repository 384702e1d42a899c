import type { Request, Response, Server } from 'restify';
import { AttuneError } from '../../domain/errors';
import { exportAuditLog, readAuditLog, whoViewedMyClips, type AuditFilter } from '../../app/audit-log';
import type { AuditOutcome } from '../../ports/audit';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/people';

type Route = (fn: (req: Request) => Promise<{ status?: number; body: unknown }>) => (req: Request, res: Response) => Promise<void>;

/** The audit log: a service admin pages through and exports it; a trainee sees who viewed their clips. */
export function mountAuditRoutes(server: Server, o: { app: AppDeps; route: Route; caller: (req: Request) => Promise<Actor> }): void {
  server.get('/api/audit', o.route(async (req) => {
    const actor = await o.caller(req);
    return { body: await readAuditLog(o.app, { actor, ...pageQuery(req), filter: auditFilter(req) }) };
  }));
  server.get('/api/audit/export', async (req: Request, res: Response) => {
    // CSV, not JSON: errors still go through the JSON route wrapper.
    await o.route(async () => {
      const actor = await o.caller(req);
      const csv = await exportAuditLog(o.app, { actor });
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="attune-audit.csv"', 'Cache-Control': 'no-store' });
      res.end(csv);
      return { body: null };
    })(req, res);
  });
  server.get('/api/me/clip-views', o.route(async (req) => {
    const actor = await o.caller(req);
    return { body: await whoViewedMyClips(o.app, { actor, ...pageQuery(req) }) };
  }));
}

function pageQuery(req: Request): { limit?: number; cursor?: string | null } {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const out: { limit?: number; cursor?: string | null } = {};
  if (q.limit !== undefined) {
    if (typeof q.limit !== 'string' || !/^\d{1,3}$/.test(q.limit)) throw new AttuneError('invalid_input', 'limit must be a whole number from 1 to 500.');
    out.limit = Number(q.limit);
  }
  if (q.cursor !== undefined) {
    if (typeof q.cursor !== 'string' || q.cursor.length > 100) throw new AttuneError('invalid_input', 'That page cursor is not valid.');
    out.cursor = q.cursor;
  }
  return out;
}

function auditFilter(req: Request): AuditFilter {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const filter: { action?: string; outcome?: AuditOutcome } = {};
  if (q.action !== undefined) {
    if (typeof q.action !== 'string' || !/^[a-z_]{1,40}$/.test(q.action)) throw new AttuneError('invalid_input', 'action must be an action name such as view_clip.');
    filter.action = q.action;
  }
  if (q.outcome !== undefined) {
    if (q.outcome !== 'allowed' && q.outcome !== 'refused' && q.outcome !== 'failed') throw new AttuneError('invalid_input', 'outcome must be allowed, refused or failed.');
    filter.outcome = q.outcome;
  }
  return filter;
}
