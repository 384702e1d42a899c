import restify, { type Request, type Response, type Server } from 'restify';
import { AttuneError } from '../domain/errors';
import type { AppDeps } from '../app/deps';
import { listPeopleForDevSignIn, personById } from '../app/people';
import { getMyProgress, listMyTrainees } from '../app/progress';
import type { DevIssuer } from '../adapters/identity/dev-issuer';
import type { Logger } from '../ports/logger';
import { authenticate, authenticatePerson, type Verifier } from './authenticate';
import { send, sendError } from './errors';
import { RateLimiter } from './rate-limit';
import { mountAdminRoutes } from './routes/admin';
import { mountAuditRoutes } from './routes/audit';
import { mountClipRoutes } from './routes/clips';
import type { ClipDeps } from '../app/clips/deps';
import { serveTab } from './routes/tab-static';
import { mountTabContractRoutes } from './routes/tab-contracts';
import { mountTabPracticeRoutes } from './routes/tab-practice';

export interface HttpServerOptions {
  readonly app: AppDeps;
  readonly log: Logger;
  readonly verifiers: readonly Verifier[];
  /** Present only in development mode. */
  readonly devIssuer: DevIssuer | null;
  readonly clientId: string | null;
  readonly tabDir: string;
  /** True when storage answers. */
  readonly healthCheck: () => Promise<boolean>;
  /** The bot endpoint, mounted at POST /api/messages. */
  readonly messages: ((req: Request, res: Response) => Promise<void>) | null;
  readonly maxBodyBytes?: number;
  readonly rateLimits: { readonly perAddressPerMinute: number; readonly perPersonPerMinute: number };
  /** Production: tell browsers to use https only (Strict-Transport-Security). */
  readonly strictTransport?: boolean;
  /** The clip vault's use-case dependencies; without them the clip routes are not mounted. */
  readonly clips?: ClipDeps;
}

const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; " +
    "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com https://*.skype.com",
};

/** Routes are thin: authenticate, call one use case, encode. */
export function createHttpServer(o: HttpServerOptions): Server {
  const server = restify.createServer({ name: 'attune', handleUncaughtExceptions: false });
  const perAddress = new RateLimiter({ limit: o.rateLimits.perAddressPerMinute, windowMs: 60_000 });
  const perPerson = new RateLimiter({ limit: o.rateLimits.perPersonPerMinute, windowMs: 60_000 });
  server.pre((req, res, next) => {
    for (const [k, v] of Object.entries(securityHeaders)) res.header(k, v);
    if (o.strictTransport) res.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (req.url === '/healthz') return next();
    try {
      perAddress.take(req.socket.remoteAddress ?? 'unknown');
    } catch (e) {
      sendError(res, e, o.log);
      return next(false);
    }
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: o.maxBodyBytes ?? 256 * 1024, mapParams: false, rejectUnknown: true }));

  const route =
    (fn: (req: Request) => Promise<{ status?: number; body: unknown }>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const { status, body } = await fn(req);
        send(res, status ?? 200, body);
      } catch (e) {
        sendError(res, e, o.log);
      }
    };
  const caller = (req: Request) => authenticate(req, { app: o.app, verifiers: o.verifiers, limiter: perPerson });
  // Clip use cases authorise from the clip's own records, so their routes (an upload block each) skip roles.
  const person = (req: Request) => authenticatePerson(req, { app: o.app, verifiers: o.verifiers, limiter: perPerson });

  server.get('/healthz', route(async () => {
    if (!(await o.healthCheck())) throw new AttuneError('unavailable', 'Storage is not answering.');
    return { body: { status: 'ok' } };
  }));
  server.get('/api/config', route(async () => ({ body: { devSignIn: o.devIssuer !== null, clientId: o.clientId } })));
  server.get('/api/me', route(async (req) => {
    const me = await caller(req);
    return { body: { id: me.person.id, displayName: me.person.displayName, roles: me.roles } };
  }));
  server.get('/api/me/progress', route(async (req) => {
    const me = await caller(req);
    return { body: { progress: await getMyProgress(o.app, me.person.id) } };
  }));
  server.get('/api/me/trainees', route(async (req) => {
    const me = await caller(req);
    return { body: { trainees: await listMyTrainees(o.app, me.person.id) } };
  }));

  mountAuditRoutes(server, { app: o.app, route, caller });
  mountAdminRoutes(server, { app: o.app, route, caller });
  mountTabPracticeRoutes(server, { app: o.app, route, caller });
  mountTabContractRoutes(server, { app: o.app, route, caller });
  if (o.clips) mountClipRoutes(server, { clips: o.clips, route, caller: person, log: o.log });

  if (o.devIssuer) mountDevSignIn(server, { ...o, devIssuer: o.devIssuer, route });

  if (o.messages) {
    const messages = o.messages;
    server.post('/api/messages', async (req: Request, res: Response) => {
      try {
        await messages(req, res);
      } catch (e) {
        sendError(res, e, o.log);
      }
    });
  }

  const tab = serveTab(o.tabDir);
  server.get('/tab/*', async (req: Request, res: Response) => tab(req, res));
  const toTab = async (_req: Request, res: Response): Promise<void> => {
    res.writeHead(302, { Location: '/tab/' });
    res.end();
  };
  server.get('/tab', toTab);
  server.get('/', toTab);

  // eslint-disable-next-line max-params -- restify's event signature
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; body?: { code?: string } }, cb: () => void) => {
    // restify's own refusals (unknown route, wrong method, body too large, bad JSON) in our error shape.
    const status = err.statusCode ?? 500;
    const message =
      status === 413 ? 'That request is too large.' : status === 400 ? 'That request could not be read: check it is valid JSON.' : status === 404 ? 'Not found.' : status === 405 ? 'That method is not allowed here.' : status === 415 ? 'Send JSON (Content-Type: application/json).' : 'Something went wrong on our side.';
    if (status >= 500) o.log.error('unhandled error', { route: req.getRoute()?.path?.toString(), error: err.name });
    res.header('Cache-Control', 'no-store');
    (err as { toJSON?: () => unknown }).toJSON = () => ({ error: { code: status >= 500 ? 'internal' : 'invalid_request', message, details: [] } });
    return cb();
  });
  return server;
}

function mountDevSignIn(server: Server, o: HttpServerOptions & { devIssuer: DevIssuer; route: (fn: (req: Request) => Promise<{ body: unknown }>) => (req: Request, res: Response) => Promise<void> }): void {
  // The JWKS of the development issuer, at the path Entra uses, so the same verifier fetches it.
  server.get('/dev-issuer/:tenant/discovery/v2.0/keys', o.route(async () => ({ body: o.devIssuer.jwks() })));
  server.get('/api/dev/people', o.route(async () => ({ body: { people: await listPeopleForDevSignIn(o.app) } })));
  server.post('/api/dev/sign-in', o.route(async (req) => {
    const body: unknown = req.body;
    const personId = typeof body === 'object' && body !== null && 'personId' in body ? body.personId : undefined;
    if (typeof personId !== 'string' || personId.length > 200) throw new AttuneError('invalid_input', 'Choose a demo person to sign in as.');
    const person = await personById(o.app, personId);
    if (!person) throw new AttuneError('not_found', 'No such demo person.');
    const { token, expiresAt } = await o.devIssuer.issue(person);
    o.log.info('development sign-in', { tenant: person.tenantId, person: person.objectId });
    return { body: { token, expiresAt: expiresAt.toISOString() } };
  }));
}
