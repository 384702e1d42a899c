import restify, { type Request, type Response, type Server } from 'restify';
import { AttuneError } from '../domain/errors';
import type { AppDeps } from '../app/deps';
import { listPeopleForDevSignIn, personById } from '../app/people';
import { getMyProgress, listMyTrainees } from '../app/progress';
import { listVocabularies, vocabularyInForce } from '../app/vocabulary';
import { openApiDocument } from '../contract/http/openapi';
import { routes, routeTable } from '../contract/http/routes';
import type { DevelopmentTokenIssuer } from '../ports/identity';
import type { Logger } from '../ports/logger';
import { authenticate, authenticatePerson, delegatedUserOf, type Verifier } from './authenticate';
import { encodeDemoPerson, encodeMe } from './encode/people';
import { encodeProgress, encodeTrainee } from './encode/progress';
import { encodeVocabulary } from './encode/service';
import { sendError } from './errors';
import { anyone, createMount, type Mount } from './mount';
import { RateLimiter, SharedRateLimiter, type Limiter } from './rate-limit';
import type { RateWindows } from '../ports/rate-windows';
import { mountAdminRoutes } from './routes/admin';
import { mountAuditRoutes } from './routes/audit';
import { mountClipRoutes } from './routes/clips';
import { mountExternalSupervisorRoutes } from './routes/external-supervisors';
import type { ClipDeps } from '../app/clips/deps';
import { serveTab } from './routes/tab-static';
import { mountTabSchedulingRoutes } from './routes/tab-scheduling';
import { mountTabContractRoutes } from './routes/tab-contracts';
import { mountTabPracticeRoutes } from './routes/tab-practice';
import { mountReminderRoutes } from './routes/reminders';
import { mountPrincipleReportRoutes } from './routes/principle-report';
import type { ReminderStore } from '../ports/reminders';
import type { ReminderCardView } from '../domain/reminders/delivery';

export interface HttpServerOptions {
  readonly app: AppDeps;
  readonly log: Logger;
  readonly verifiers: readonly Verifier[];
  /** Present only in development mode. */
  readonly devIssuer: DevelopmentTokenIssuer | null;
  readonly clientId: string | null;
  /** The Entra authority and the delegated scopes the tab's consent page asks for (with `clientId`). */
  readonly consent?: { readonly authorityHost: string; readonly scopes: readonly string[] } | null;
  readonly tabDir: string;
  /** `/readyz`'s probes by name (tables, blobs, queue, keys): each true when its dependency answers. */
  readonly readiness: Readonly<Record<string, () => Promise<boolean>>>;
  /** True once this instance is shutting down: requests that arrive now get 503 and `Connection: close`. */
  readonly draining?: () => boolean;
  /** The bot endpoint, mounted at POST /api/messages. */
  readonly messages: ((req: Request, res: Response) => Promise<void>) | null;
  readonly maxBodyBytes?: number;
  readonly rateLimits: { readonly perAddressPerMinute: number; readonly perPersonPerMinute: number };
  /** Counters shared by every instance, so the limits hold across them; without, each process counts alone. */
  readonly rateWindows?: RateWindows;
  /** Production: tell browsers to use https only (Strict-Transport-Security). */
  readonly strictTransport?: boolean;
  /** The clip vault's use-case dependencies; without them the clip routes are not mounted. */
  readonly clips?: ClipDeps;
  /** The reminder store and the card renderer; without them the reminder pages' routes are not mounted. */
  readonly reminders?: { readonly store: ReminderStore; readonly renderCard: (view: ReminderCardView) => { readonly type: 'AdaptiveCard' } & Record<string, unknown> };
}

/** The version the OpenAPI document gives the API. */
const apiVersion = '0.1.0';

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
  const limiter = (name: string, limit: number): Limiter => {
    if (!o.rateWindows) return new RateLimiter({ limit, windowMs: 60_000 });
    let warned = false;
    const onUnreachable = (): void => {
      if (!warned) o.log.warn('rate-limit counters not answering: counting in this instance only', { limiter: name });
      warned = true;
    };
    return new SharedRateLimiter({ name, limit, windowMs: 60_000, windows: o.rateWindows, onUnreachable });
  };
  const perAddress = limiter('address', o.rateLimits.perAddressPerMinute);
  const perPerson = limiter('person', o.rateLimits.perPersonPerMinute);
  server.pre((req, res, next) => {
    for (const [k, v] of Object.entries(securityHeaders)) res.header(k, v);
    if (o.strictTransport) res.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (o.draining?.()) {
      // Requests already running finish; a new one is sent elsewhere (the load balancer has seen /readyz fail).
      res.header('Connection', 'close');
      sendError(res, new AttuneError('unavailable', 'Attune is restarting on this server: try again in a moment.', { retryAfterSeconds: 2 }), o.log);
      return next(false);
    }
    if (req.url === '/healthz' || req.url === '/readyz') return next();
    Promise.resolve()
      .then(() => perAddress.take(req.socket.remoteAddress ?? 'unknown'))
      .then(
        () => next(),
        (e: unknown) => {
          sendError(res, e, o.log);
          next(false);
        },
      );
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: o.maxBodyBytes ?? 256 * 1024, mapParams: false, rejectUnknown: true }));

  const caller = (req: Request) => authenticate(req, { app: o.app, verifiers: o.verifiers, limiter: perPerson });
  // Clip use cases authorise from the clip's own records, so their routes (an upload block each) skip roles.
  const person = (req: Request) => authenticatePerson(req, { app: o.app, verifiers: o.verifiers, limiter: perPerson });
  // The routes the tab opens with also accept an external supervisor's invitation waiting for the token's email.
  const guest = (req: Request) => authenticate(req, { app: o.app, verifiers: o.verifiers, limiter: perPerson, acceptInvitations: true });
  const mount = createMount({ server, log: o.log, development: o.devIssuer !== null });

  mount.json(routes.health, { auth: anyone, handle: async () => ({ body: { status: 'ok' as const } }) });
  mount.json(routes.ready, {
    auth: anyone,
    handle: async () => {
      const names = Object.keys(o.readiness);
      const answers = await Promise.all(names.map((n) => o.readiness[n]!()));
      const down = names.filter((_, i) => !answers[i]);
      if (down.length) throw new AttuneError('unavailable', `Not ready: ${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} not answering.`, down.map((n) => `${n}: not answering`));
      return { body: { status: 'ok' as const, checks: Object.fromEntries(names.map((n) => [n, 'ok' as const])) } };
    },
  });
  mount.json(routes.config, {
    auth: anyone,
    handle: async () => {
      const [inForce, vocabularies] = await Promise.all([vocabularyInForce(o.app), listVocabularies(o.app)]);
      return {
        body: { devSignIn: o.devIssuer !== null, clientId: o.clientId, consent: o.clientId && o.consent ? { authorityHost: o.consent.authorityHost, scopes: [...o.consent.scopes] } : null, vocabulary: encodeVocabulary(inForce), vocabularies: vocabularies.map(encodeVocabulary), zone: o.app.scheduling.zone },
      };
    },
  });
  mount.json(routes.me, { auth: guest, handle: async ({ caller: me }) => ({ body: encodeMe(me) }) });
  mount.json(routes.myProgress, {
    auth: caller,
    handle: async ({ caller: me }) => {
      const progress = await getMyProgress(o.app, me.person.id);
      return { body: { progress: progress ? encodeProgress(progress) : null } };
    },
  });
  mount.json(routes.myTrainees, { auth: caller, handle: async ({ caller: me }) => ({ body: { trainees: (await listMyTrainees(o.app, me.person.id)).map(encodeTrainee) } }) });

  mountAuditRoutes(mount, { app: o.app, caller });
  mountAdminRoutes(mount, { app: o.app, caller });
  mountTabPracticeRoutes(mount, { app: o.app, caller });
  mountTabContractRoutes(mount, { app: o.app, caller });
  mountTabSchedulingRoutes(mount, { app: o.app, caller, delegated: delegatedUserOf });
  if (o.clips) mountClipRoutes(server, { mount, clips: o.clips, caller: person });
  if (o.clips) mountExternalSupervisorRoutes(mount, { clips: o.clips, caller, guest });
  if (o.clips) mountPrincipleReportRoutes(mount, { clips: o.clips, caller });
  if (o.reminders) mountReminderRoutes(server, mount, { deps: { ...o.app, reminders: o.reminders.store, clips: o.clips?.clips ?? null }, caller, renderCard: o.reminders.renderCard });

  if (o.devIssuer) mountDevelopmentRoutes(mount, { app: o.app, log: o.log, devIssuer: o.devIssuer });

  if (o.messages) {
    const messages = o.messages;
    // The activity is checked to be an object here; botbuilder authenticates it and reads it from the request.
    mount.raw(routes.messages, { auth: anyone, handle: async ({ req }, res) => messages(req, res) });
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

/** Development only (never mounted in production): the demo sign-in, its issuer's keys, and the OpenAPI document. */
function mountDevelopmentRoutes(mount: Mount, o: { app: AppDeps; log: Logger; devIssuer: DevelopmentTokenIssuer }): void {
  // The JWKS of the development issuer, at the path Entra uses, so the same verifier fetches it.
  mount.json(routes.devIssuerKeys, { auth: anyone, handle: async () => ({ body: o.devIssuer.jwks() }) });
  mount.json(routes.devPeople, { auth: anyone, handle: async () => ({ body: { people: (await listPeopleForDevSignIn(o.app)).map(encodeDemoPerson) } }) });
  mount.json(routes.devSignIn, {
    auth: anyone,
    handle: async ({ body }) => {
      const person = await personById(o.app, body.personId);
      if (!person) throw new AttuneError('not_found', 'No such demo person.');
      const { token, expiresAt } = await o.devIssuer.issue(person);
      o.log.info('development sign-in', { tenant: person.tenantId, person: person.objectId });
      return { body: { token, expiresAt: expiresAt.toISOString() } };
    },
  });
  const document = openApiDocument(routeTable, { version: apiVersion });
  mount.json(routes.openApi, { auth: anyone, handle: async () => ({ body: document }) });
}
