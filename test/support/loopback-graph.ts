import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

/**
 * A loopback stand-in for Microsoft Graph (v1.0) and the Entra ID token endpoint, answering with the shapes
 * of the Graph and identity-platform references:
 *
 * - `POST /{tenant}/oauth2/v2.0/token`, `grant_type=client_credentials`: checks the client (a signed client
 *   assertion whose `x5t#S256`/`x5t` names a registered key and whose signature, `iss`/`sub` and `aud` hold, or
 *   a client secret) and the scope `https://graph.microsoft.com/.default`; answers `{ token_type, expires_in,
 *   ext_expires_in, access_token }` or the `invalid_client` / `invalid_scope` errors with AADSTS codes.
 * - the same endpoint, on-behalf-of (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`,
 *   `requested_token_use=on_behalf_of`, `assertion`): the same client check, then the assertion must be a JWT
 *   for this client (`aud`) in this tenant naming a person (`oid`); answers a delegated token for that person
 *   (`scope`, `refresh_token` too, as Entra does), or — for a person told to via {@link LoopbackGraph.requireConsent}
 *   — the AADSTS65001 consent error in the shape asked for (`invalid_grant` + `suberror: consent_required`,
 *   `consent_required`, or `interaction_required`).
 * - getSchedule writes item statuses capitalised (`Busy`, `Tentative`), as the free/busy guide's example does.
 * - Under `/v1.0`, every call needs `Authorization: Bearer <a token it issued>` (else 401
 *   `InvalidAuthenticationToken`): `GET /users/{id}`, `GET /users/{id}/manager`,
 *   `POST /users/{id}/calendar/getSchedule`, `POST /me/calendar/getSchedule` (a delegated token only, else 400
 *   as Graph answers), `POST /users/{id}/events` (the same `transactionId` twice returns
 *   the first event), `GET|PATCH /users/{id}/events/{eventId}`, `POST /users/{id}/events/{eventId}/cancel` (202).
 *   `$select` on a user or manager returns only the fields named (and `@odata.type`), as Graph does.
 *
 * The server speaks plain HTTP on 127.0.0.1, but clients address it as `https://127.0.0.1:<port>` (msal refuses
 * a non-https authority; the Graph client attaches tokens only to https URLs) through {@link LoopbackGraph.fetch},
 * which carries exactly that origin to the server and refuses every other one, recording it in `strays`.
 * Only the times a fault is told to answer with are invented; nothing here reaches the internet.
 */
export interface LoopbackUser {
  readonly id: string;
  readonly mail: string;
  readonly displayName?: string;
  readonly managerId?: string;
  /** False: the user has no Exchange mailbox (getSchedule answers with a per-schedule error). */
  readonly mailbox?: boolean;
}

export type FreeBusyStatus = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  /** The query string as sent (`?$select=id,displayName`), decoded. */
  readonly query: string;
  /** `Date.now()` when the request arrived. */
  readonly at: number;
  readonly authorized: boolean;
  /** The person a delegated (on-behalf-of) token was issued for; null for an app-only token or none. */
  readonly delegatedFor: string | null;
  status: number;
  readonly body: string;
}

export interface Fault {
  readonly method?: string;
  readonly path: RegExp;
  /** An HTTP status answered in Graph's error shape, or `'drop'`: do the work, then close the socket unanswered. */
  readonly status: number | 'drop';
  readonly retryAfterSeconds?: number;
  /** How many matching requests it answers (default 1). */
  readonly times?: number;
}

/** How the token endpoint says a person has not consented (AADSTS65001); msal reads each shape differently. */
export type ConsentRefusal = 'invalid_grant' | 'consent_required' | 'interaction_required';

export interface OnBehalfOfRequest {
  /** The person the assertion names. */
  readonly oid: string;
  readonly scopes: readonly string[];
  readonly status: number;
}

export interface StoredEvent {
  id: string;
  organiserId: string;
  transactionId: string | null;
  subject: string;
  body: { contentType: string; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  attendees: { emailAddress: { address: string }; type: string }[];
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  joinUrl: string | null;
  isCancelled: boolean;
  cancelComment: string | null;
  changeKey: number;
}

export interface LoopbackGraph {
  /** `https://127.0.0.1:<port>` — the origin clients use; {@link fetch} carries it to the server. */
  readonly origin: string;
  readonly graphBaseUrl: string;
  readonly tenantId: string;
  readonly tokenEndpoint: string;
  /** A fetch that reaches this server only; anything else is refused and recorded in {@link strays}. */
  readonly fetch: typeof fetch;
  readonly strays: string[];
  readonly requests: LoggedRequest[];
  /** Every access token issued, so tests can look for them where they must not be. */
  readonly issuedTokens: string[];
  readonly events: Map<string, StoredEvent>;
  tokenRequests(): number;
  /** A valid access token, as a managed identity endpoint would hand one out (no token request is counted). */
  mintToken(): string;
  /** Every on-behalf-of exchange asked for, in order. */
  readonly onBehalfOfRequests: OnBehalfOfRequest[];
  /** From now on, on-behalf-of for this person answers AADSTS65001 in the given shape, until {@link grantConsent}. */
  requireConsent(oid: string, refusal?: ConsentRefusal): void;
  grantConsent(oid: string): void;
  graphRequests(path?: RegExp): LoggedRequest[];
  /** `thumbprintSha256` in hex, as the Azure portal shows it. */
  registerCertificate(input: { clientId: string; thumbprintSha256: string; publicKey: KeyObject }): void;
  registerSecret(input: { clientId: string; secret: string }): void;
  addUser(user: LoopbackUser): void;
  addBusy(userId: string, item: { start: string; end: string; status: FreeBusyStatus }): void;
  fault(fault: Fault): void;
  clearFaults(): void;
  /** Changes an event as a person would in Outlook. */
  editInOutlook(eventId: string, change: { start?: string; end?: string; cancelled?: boolean; deleted?: boolean }): void;
  stop(): Promise<void>;
}

const graphScope = 'https://graph.microsoft.com/.default';
const availabilityDigit: Record<FreeBusyStatus, string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4' };
const precedence: FreeBusyStatus[] = ['free', 'tentative', 'workingElsewhere', 'busy', 'oof'];
const graphErrorCode: Record<number, [string, string]> = {
  400: ['ErrorInvalidRequest', 'Your request is invalid.'],
  401: ['InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'],
  403: ['ErrorAccessDenied', 'Access is denied. Check credentials and try again.'],
  404: ['ErrorItemNotFound', 'The specified object was not found in the store.'],
  409: ['ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.'],
  412: ['ErrorIrresolvableConflict', 'The change key does not match.'],
  429: ['ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'],
  500: ['ErrorInternalServerError', 'An internal server error occurred. The operation failed.'],
  502: ['BadGateway', 'The server, while acting as a gateway, received an invalid response.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable.'],
  504: ['GatewayTimeout', 'The gateway did not receive a timely response.'],
};

/** Graph writes `2026-12-07T09:30:00.0000000` with a separate time zone; times here are UTC only. */
const graphTime = (iso: string): { dateTime: string; timeZone: string } => ({ dateTime: new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$10000'), timeZone: 'UTC' });
const instantOf = (t: { dateTime: string; timeZone: string } | undefined): number => (t?.timeZone === 'UTC' ? Date.parse(`${t.dateTime.replace(/Z$/, '')}Z`) : Number.NaN);

export async function startLoopbackGraph(options: { tenantId?: string } = {}): Promise<LoopbackGraph> {
  const realFetch = globalThis.fetch;
  const tenantId = options.tenantId ?? '00000000-0000-4000-8000-0000000000aa';
  const certificates = new Map<string, { clientId: string; publicKey: KeyObject }>();
  const secrets = new Map<string, string>();
  /** Each access token issued: when it expires, and the person it was issued for (null: app-only). */
  const tokens = new Map<string, { expiresAt: number; user: string | null }>();
  const consentNeeded = new Map<string, ConsentRefusal>();
  const onBehalfOfRequests: OnBehalfOfRequest[] = [];
  const users = new Map<string, LoopbackUser>();
  const busy = new Map<string, { start: string; end: string; status: FreeBusyStatus }[]>();
  const events = new Map<string, StoredEvent>();
  const faults: (Fault & { left: number })[] = [];
  const requests: LoggedRequest[] = [];
  const issuedTokens: string[] = [];
  const strays: string[] = [];
  let tokenCount = 0;
  let origin = '';

  const send = (res: ServerResponse, status: number, reply: { json?: unknown; headers?: Record<string, string> } = {}): void => {
    const { json, headers = {} } = reply;
    res.writeHead(status, { ...(json === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }), 'request-id': randomUUID(), ...headers });
    res.end(json === undefined ? undefined : JSON.stringify(json));
  };
  const graphError = (res: ServerResponse, status: number, override: { code?: string; message?: string; headers?: Record<string, string> } = {}): void => {
    const [code, message] = graphErrorCode[status] ?? ['UnknownError', 'An error occurred.'];
    const json = { error: { code: override.code ?? code, message: override.message ?? message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } };
    send(res, status, { json, ...(override.headers ? { headers: override.headers } : {}) });
  };
  const notFound = (res: ServerResponse, id: string): void => graphError(res, 404, { code: 'Request_ResourceNotFound', message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.` });

  const tokenEndpointPath = `/${tenantId}/oauth2/v2.0/token`;
  const mint = (user: string | null = null): string => {
    const accessToken = `loopback.${randomBytes(24).toString('base64url')}`;
    tokens.set(accessToken, { expiresAt: Date.now() + 3_600_000, user });
    issuedTokens.push(accessToken);
    return accessToken;
  };
  const identityError = (res: ServerResponse, status: number, problem: { error: string; aadsts: number; description: string; suberror?: string }): void => {
    const { error, aadsts, description, suberror } = problem;
    send(res, status, { json: { error, error_description: `AADSTS${aadsts}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`, error_codes: [aadsts], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID(), ...(suberror ? { suberror } : {}) } });
  };
  const onBehalfOfGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
  const reservedScopes = ['openid', 'profile', 'offline_access'];

  const clientAccepted = async (form: URLSearchParams, clientId: string): Promise<boolean> => {
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null) return secrets.get(clientId) === secret;
    if (!assertion || form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return false;
    try {
      const header = decodeProtectedHeader(assertion);
      const thumbprint = (header['x5t#S256'] ?? header.x5t) as string | undefined;
      const cert = thumbprint ? certificates.get(thumbprint) : undefined;
      if (!cert || cert.clientId !== clientId) return false;
      await jwtVerify(assertion, cert.publicKey, { issuer: clientId, subject: clientId, audience: `${origin}${tokenEndpointPath}`, algorithms: ['PS256', 'RS256'], clockTolerance: 60 }); // msal rounds nbf to the nearest second; Entra allows for skew too
      return true;
    } catch {
      return false;
    }
  };

  const token = async (req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> => {
    tokenCount++;
    const form = new URLSearchParams(raw);
    const grant = form.get('grant_type');
    const onBehalfOf = grant === onBehalfOfGrant && form.get('requested_token_use') === 'on_behalf_of';
    if (req.method !== 'POST' || (grant !== 'client_credentials' && !onBehalfOf)) return identityError(res, 400, { error: 'unsupported_grant_type', aadsts: 70003, description: 'The app requested an unsupported grant type.' });
    const clientId = form.get('client_id') ?? '';
    const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s && !reservedScopes.includes(s));
    if (!onBehalfOf && scopes.join(' ') !== graphScope) return identityError(res, 400, { error: 'invalid_scope', aadsts: 1002012, description: 'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.' });
    if (!(await clientAccepted(form, clientId))) {
      const secret = form.get('client_secret') !== null;
      return identityError(res, 401, { error: 'invalid_client', aadsts: secret ? 7000215 : 700027, description: secret ? 'Invalid client secret provided.' : 'The certificate with identifier used to sign the client assertion is not registered on application.' });
    }
    if (!onBehalfOf) {
      const accessToken = mint();
      return send(res, 200, { json: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } });
    }
    // On-behalf-of: the assertion is the person's token for this app (its signature is the issuer's business; Entra checks it, Attune checked it first).
    let claims: { aud?: unknown; tid?: unknown; oid?: unknown };
    try {
      claims = decodeJwt(form.get('assertion') ?? '');
    } catch {
      claims = {};
    }
    const oid = typeof claims.oid === 'string' ? claims.oid : '';
    const answer = (status: number): void => void onBehalfOfRequests.push({ oid, scopes, status });
    if (claims.aud !== clientId || claims.tid !== tenantId || !oid) {
      answer(400);
      return identityError(res, 400, { error: 'invalid_grant', aadsts: 50013, description: 'Assertion failed signature validation or its audience is not this application.' });
    }
    if (scopes.length === 0 || !scopes.every((s) => s.startsWith('https://graph.microsoft.com/') && !s.endsWith('/.default'))) {
      answer(400);
      return identityError(res, 400, { error: 'invalid_scope', aadsts: 70011, description: 'The provided request must include a valid delegated scope.' });
    }
    const refusal = consentNeeded.get(oid);
    if (refusal) {
      answer(400);
      const description = `The user or administrator has not consented to use the application with ID '${clientId}' named 'Attune'. Send an interactive authorization request for this user and resource.`;
      return identityError(res, 400, { error: refusal, aadsts: 65001, description, ...(refusal === 'invalid_grant' ? { suberror: 'consent_required' } : {}) });
    }
    answer(200);
    const accessToken = mint(oid);
    send(res, 200, { json: { token_type: 'Bearer', scope: scopes.join(' '), expires_in: 3599, ext_expires_in: 3599, access_token: accessToken, refresh_token: `refresh.${randomBytes(24).toString('base64url')}` } });
  };

  const eventJson = (e: StoredEvent): unknown => ({
    '@odata.etag': `W/"${e.changeKey}"`,
    id: e.id,
    changeKey: String(e.changeKey),
    transactionId: e.transactionId,
    subject: e.subject,
    body: e.body,
    start: e.start,
    end: e.end,
    isCancelled: e.isCancelled,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider,
    onlineMeeting: e.joinUrl ? { joinUrl: e.joinUrl } : null,
    attendees: e.attendees.map((a) => ({ ...a, status: { response: 'none', time: '0001-01-01T00:00:00Z' } })),
    organizer: { emailAddress: { address: users.get(e.organiserId)?.mail ?? '' } },
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(e.id)}&exvsurl=1&path=/calendar/item`,
  });

  const schedule = (address: string, span: { from: number; to: number; interval: number }): unknown => {
    const { from, to, interval } = span;
    const user = [...users.values()].find((u) => u.mail.toLowerCase() === address.toLowerCase());
    if (!user || user.mailbox === false) return { scheduleId: address, availabilityView: '', scheduleItems: [], error: { message: 'The user or mailbox could not be found.', responseCode: 'ErrorMailboxNotFound' } };
    const items = (busy.get(user.id) ?? []).filter((i) => Date.parse(i.start) < to && Date.parse(i.end) > from);
    let view = '';
    for (let t = from; t < to; t += interval * 60_000) {
      const over = items.filter((i) => Date.parse(i.start) < t + interval * 60_000 && Date.parse(i.end) > t).map((i) => i.status);
      const top = over.reduce<FreeBusyStatus>((a, b) => (precedence.indexOf(b) > precedence.indexOf(a) ? b : a), 'free');
      view += availabilityDigit[top];
    }
    return {
      scheduleId: address,
      availabilityView: view,
      scheduleItems: items.map((i) => ({ isPrivate: false, status: i.status.charAt(0).toUpperCase() + i.status.slice(1), subject: 'Busy', location: '', start: graphTime(i.start), end: graphTime(i.end) })),
      workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'UTC' } },
    };
  };

  /** A user as Graph returns them, cut to `$select` when it is given. */
  const userJson = (user: LoopbackUser, select: string | null, extra: Record<string, unknown> = {}): unknown => {
    const all: Record<string, unknown> = { ...extra, id: user.id, displayName: user.displayName ?? null, mail: user.mail, userPrincipalName: user.mail };
    if (!select) return all;
    const fields = new Set(select.split(',').map((f) => f.trim()));
    return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('@') || fields.has(k)));
  };

  const graph = (req: IncomingMessage, res: ServerResponse, call: { path: string; body: unknown; select: string | null; delegatedFor: string | null }): void => {
    const { path, body, select } = call;
    const b = (body ?? {}) as Record<string, unknown>;
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;
    if ((m = /^\/users\/([^/]+)$/.exec(path)) && method === 'GET') {
      const user = users.get(decodeURIComponent(m[1]!));
      return user ? send(res, 200, { json: userJson(user, select) }) : notFound(res, m[1]!);
    }
    if ((m = /^\/users\/([^/]+)\/manager$/.exec(path)) && method === 'GET') {
      const manager = users.get(users.get(decodeURIComponent(m[1]!))?.managerId ?? '');
      return manager ? send(res, 200, { json: userJson(manager, select, { '@odata.type': '#microsoft.graph.user' }) }) : notFound(res, 'manager');
    }
    if ((m = /^\/(?:users\/([^/]+)|me)\/calendar\/getSchedule$/.exec(path)) && method === 'POST') {
      const me = m[1] === undefined;
      if (me && !call.delegatedFor) return graphError(res, 400, { code: 'BadRequest', message: '/me request is only valid with delegated authentication flow.' });
      if (!users.has(me ? call.delegatedFor! : decodeURIComponent(m[1]!))) return notFound(res, m[1] ?? 'me');
      const schedules = b.schedules;
      const from = instantOf(b.startTime as { dateTime: string; timeZone: string } | undefined);
      const to = instantOf(b.endTime as { dateTime: string; timeZone: string } | undefined);
      const interval = Number(b.availabilityViewInterval ?? 30);
      if (!Array.isArray(schedules) || !schedules.every((s) => typeof s === 'string') || !(from < to) || !(interval >= 5 && interval <= 1440)) return graphError(res, 400);
      return send(res, 200, { json: { value: schedules.map((s) => schedule(s, { from, to, interval })) } });
    }
    if ((m = /^\/users\/([^/]+)\/events$/.exec(path)) && method === 'POST') {
      const organiserId = decodeURIComponent(m[1]!);
      if (!users.has(organiserId)) return notFound(res, organiserId);
      const transactionId = typeof b.transactionId === 'string' ? b.transactionId : null;
      const earlier = transactionId ? [...events.values()].find((e) => e.organiserId === organiserId && e.transactionId === transactionId) : undefined;
      if (earlier) return send(res, 201, { json: eventJson(earlier) });
      const start = b.start as StoredEvent['start'] | undefined;
      const end = b.end as StoredEvent['end'] | undefined;
      if (typeof b.subject !== 'string' || !start || !end || !(instantOf(start) < instantOf(end)) || !Array.isArray(b.attendees)) return graphError(res, 400);
      const id = `AAMkAD${randomBytes(30).toString('base64url')}=`;
      const online = b.isOnlineMeeting === true && b.onlineMeetingProvider === 'teamsForBusiness';
      const event: StoredEvent = {
        id,
        organiserId,
        transactionId,
        subject: b.subject,
        body: (b.body as StoredEvent['body'] | undefined) ?? { contentType: 'text', content: '' },
        start: graphTime(new Date(instantOf(start)).toISOString()),
        end: graphTime(new Date(instantOf(end)).toISOString()),
        attendees: b.attendees as StoredEvent['attendees'],
        isOnlineMeeting: online,
        onlineMeetingProvider: online ? 'teamsForBusiness' : 'unknown',
        joinUrl: online ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${randomBytes(12).toString('hex')}%40thread.v2/0` : null,
        isCancelled: false,
        cancelComment: null,
        changeKey: 1,
      };
      events.set(id, event);
      return send(res, 201, { json: eventJson(event) });
    }
    if ((m = /^\/users\/([^/]+)\/events\/([^/]+)(\/cancel)?$/.exec(path))) {
      const event = events.get(decodeURIComponent(m[2]!));
      if (!event || event.organiserId !== decodeURIComponent(m[1]!)) return notFound(res, m[2]!);
      if (m[3] && method === 'POST') {
        event.isCancelled = true;
        event.cancelComment = typeof b.Comment === 'string' ? b.Comment : null;
        event.changeKey++;
        return send(res, 202);
      }
      if (!m[3] && method === 'GET') return send(res, 200, { json: eventJson(event) });
      if (!m[3] && method === 'PATCH') {
        const start = (b.start as StoredEvent['start'] | undefined) ?? event.start;
        const end = (b.end as StoredEvent['end'] | undefined) ?? event.end;
        if (!(instantOf(start) < instantOf(end))) return graphError(res, 400);
        event.start = graphTime(new Date(instantOf(start)).toISOString());
        event.end = graphTime(new Date(instantOf(end)).toISOString());
        if (typeof b.subject === 'string') event.subject = b.subject;
        event.changeKey++;
        return send(res, 200, { json: eventJson(event) });
      }
    }
    graphError(res, 400, { code: 'BadRequest', message: `Unsupported request: ${method} ${path}` });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', origin);
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const issued = bearer === undefined ? undefined : tokens.get(bearer);
      const authorized = issued !== undefined && issued.expiresAt > Date.now();
      const delegatedFor = authorized ? issued.user : null;
      const entry: LoggedRequest = { method: req.method ?? '', path: url.pathname, query: decodeURIComponent(url.search), at: Date.now(), authorized, delegatedFor, status: 0, body: raw };
      requests.push(entry);
      res.on('finish', () => (entry.status = res.statusCode));
      if (url.pathname === tokenEndpointPath) {
        void token(req, res, raw);
        return;
      }
      if (!url.pathname.startsWith('/v1.0/')) return graphError(res, 404, { code: 'NotFound', message: 'Resource not found.' });
      if (!authorized) return graphError(res, 401, { code: 'InvalidAuthenticationToken', message: bearer ? 'Access token has expired or is not yet valid.' : 'Access token is empty.' });
      const fault = faults.find((f) => f.left > 0 && (!f.method || f.method === req.method) && f.path.test(url.pathname));
      if (fault) fault.left--;
      if (fault && fault.status !== 'drop') return graphError(res, fault.status, fault.retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(fault.retryAfterSeconds) } });
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        return graphError(res, 400, { code: 'BadRequest', message: 'Unable to read JSON request payload.' });
      }
      if (fault?.status === 'drop') {
        // The work is done, then the connection goes before the answer does: the client sees a network failure.
        graph(req, { writeHead: () => undefined, end: () => undefined } as unknown as ServerResponse, { path: url.pathname.slice('/v1.0'.length), body, select: url.searchParams.get('$select'), delegatedFor });
        entry.status = -1;
        req.socket.destroy();
        return;
      }
      graph(req, res, { path: url.pathname.slice('/v1.0'.length), body, select: url.searchParams.get('$select'), delegatedFor });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  origin = `https://127.0.0.1:${port}`;

  const loopbackFetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = typeof input === 'string' || input instanceof URL ? null : input;
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.origin !== origin) {
      strays.push(url.origin);
      throw new TypeError(`fetch refused by the loopback Graph: ${url.origin} is not ${origin}`);
    }
    const body = init?.body ?? (request && request.method !== 'GET' && request.method !== 'HEAD' ? await request.arrayBuffer() : undefined);
    return realFetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, { method: init?.method ?? request?.method ?? 'GET', headers: init?.headers ?? request?.headers, body, redirect: 'manual' });
  }) as typeof fetch;

  return {
    origin,
    graphBaseUrl: `${origin}/v1.0`,
    tenantId,
    tokenEndpoint: `${origin}${tokenEndpointPath}`,
    fetch: loopbackFetch,
    strays,
    requests,
    issuedTokens,
    events,
    tokenRequests: () => tokenCount,
    mintToken: () => mint(),
    onBehalfOfRequests,
    requireConsent: (oid, refusal = 'invalid_grant') => void consentNeeded.set(oid, refusal),
    grantConsent: (oid) => void consentNeeded.delete(oid),
    graphRequests: (path) => requests.filter((r) => r.path.startsWith('/v1.0/') && (!path || path.test(r.path))),
    // msal sends the SHA-256 thumbprint (hex) as the base64url `x5t#S256` header, as Entra expects it.
    registerCertificate: ({ clientId, thumbprintSha256, publicKey }) => certificates.set(Buffer.from(thumbprintSha256, 'hex').toString('base64url'), { clientId, publicKey }),
    registerSecret: ({ clientId, secret }) => secrets.set(clientId, secret),
    addUser: (user) => users.set(user.id, user),
    addBusy: (userId, item) => busy.set(userId, [...(busy.get(userId) ?? []), item]),
    fault: (fault) => faults.push({ ...fault, left: fault.times ?? 1 }),
    clearFaults: () => void faults.splice(0),
    editInOutlook(eventId, change) {
      const event = events.get(eventId);
      if (!event) throw new Error(`no event ${eventId}`);
      if (change.deleted) {
        events.delete(eventId);
        return;
      }
      if (change.start) event.start = graphTime(change.start);
      if (change.end) event.end = graphTime(change.end);
      if (change.cancelled) event.isCancelled = true;
      event.changeKey++;
    },
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
