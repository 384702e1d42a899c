import type { Request, Response, Server } from 'restify';
import type * as z from 'zod';
import type { Encoded } from '../contract/http/common';
import type { RouteSpec } from '../contract/http/route';
import { parseInput } from '../contract/parse';
import type { Logger } from '../ports/logger';
import { send, sendError } from './errors';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a route's handler is given: the caller, and its params, query, headers and body as the contract read them. */
export interface Decoded<S extends RouteSpec, A> {
  readonly caller: A;
  readonly params: Out<S['params']>;
  readonly query: Out<S['query']>;
  readonly headers: Out<S['headers']>;
  readonly body: Out<S['body']>;
  readonly req: Request;
}

/** A JSON route's answer: the status (the spec's unless said) and a body the response schema encodes. */
export interface Answer<S extends RouteSpec> {
  readonly status?: number;
  readonly body: Encoded<S['response']>;
}

export interface JsonRoute<S extends RouteSpec, A> {
  /** Who is asking: runs before anything is parsed, so a stranger is refused (401) before being told what is wrong with a body. */
  readonly auth: (req: Request) => Promise<A>;
  readonly handle: (input: Decoded<S, A>) => Promise<Answer<S>>;
}

export interface RawRoute<S extends RouteSpec, A> {
  readonly auth: (req: Request) => Promise<A>;
  /** Writes the response itself (bytes, CSV, a stream, the bot's answer). */
  readonly handle: (input: Decoded<S, A>, res: Response) => Promise<void>;
}

/** Restify's form of a contract path: `{enrolmentId}` → `:enrolmentId`. */
export const restifyPath = (path: string): string => path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');

/** No one in particular: for the open routes. */
export const anyone = async (): Promise<null> => null;

/**
 * Mounts routes from the contract's route table. Each request: authenticate, parse params, query, headers and
 * body with the route's schemas (one `invalid_input` when they do not fit), call the handler (one use case),
 * and for JSON routes encode the answer through the response schema, so a field the contract does not name
 * (the bot's channel ids, say) never leaves the server. Restify's own refusals (404, 405, 413, bad JSON) stay
 * with its `restifyError` event.
 */
export interface MountOptions {
  readonly server: Server;
  readonly log: Logger;
  /** Whether development routes may be mounted (development sign-in is on; never in production). */
  readonly development: boolean;
}

export function createMount(o: MountOptions) {
  const add = (spec: RouteSpec, handler: (req: Request, res: Response) => Promise<void>): void => {
    // A second lock on the development routes: even a mistake in server.ts cannot mount one in production.
    if (spec.development && !o.development) throw new Error(`${spec.operationId} is a development route`);
    const path = restifyPath(spec.path);
    switch (spec.method) {
      case 'GET':
        o.server.get(path, handler);
        return;
      case 'HEAD':
        o.server.head(path, handler);
        return;
      case 'POST':
        o.server.post(path, handler);
        return;
      case 'PUT':
        o.server.put(path, handler);
        return;
      case 'DELETE':
        o.server.del(path, handler);
        return;
    }
  };

  async function decode<S extends RouteSpec, A>(spec: S, req: Request, auth: (req: Request) => Promise<A>): Promise<Decoded<S, A>> {
    const caller = await auth(req);
    const part = (schema: z.ZodType | undefined, value: unknown): unknown => (schema ? parseInput(schema, value) : undefined);
    const jsonBody = spec.body && !spec.bodyContentType;
    return {
      caller,
      params: part(spec.params, req.params ?? {}) as Out<S['params']>,
      query: part(spec.query, req.query ?? {}) as Out<S['query']>,
      headers: part(spec.headers, req.headers) as Out<S['headers']>,
      body: (jsonBody ? parseInput(spec.body, req.body ?? {}, spec.heading) : undefined) as Out<S['body']>,
      req,
    };
  }

  return {
    json<S extends RouteSpec, A>(spec: S, route: JsonRoute<S, A>): void {
      add(spec, async (req, res) => {
        try {
          const answer = await route.handle(await decode(spec, req, route.auth));
          const encoded = spec.response.safeParse(answer.body);
          if (!encoded.success) {
            o.log.error('response does not fit its contract', { route: spec.operationId, fields: encoded.error.issues.map((i) => i.path.join('.')).join(' ') });
            throw new Error('response does not fit its contract');
          }
          send(res, answer.status ?? spec.status, encoded.data);
        } catch (e) {
          sendError(res, e, o.log);
        }
      });
    },
    raw<S extends RouteSpec, A>(spec: S, route: RawRoute<S, A>): void {
      add(spec, async (req, res) => {
        try {
          await route.handle(await decode(spec, req, route.auth), res);
        } catch (e) {
          if (res.headersSent) {
            // A failure mid-stream (a tampered segment, storage gone): cut the response; never send unverified bytes.
            o.log.warn('response stopped', { route: spec.operationId, code: e instanceof Error ? e.name : 'unknown' });
            res.destroy();
            return;
          }
          // A refused upload block may be unread: close the connection rather than read a body nobody wants.
          if (!req.complete) res.setHeader('Connection', 'close');
          sendError(res, e, o.log);
        }
      });
    },
  };
}

export type Mount = ReturnType<typeof createMount>;
