import type * as z from 'zod';

/**
 * One HTTP route of Attune, as data: the route table (routes.ts) lists them all, src/http mounts them from it
 * and the OpenAPI document is generated from it, so the three cannot drift apart.
 */
export interface RouteSpec {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI form: `/api/enrolments/{enrolmentId}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /** How the caller proves who they are: an Entra bearer token, a playback grant in the path, a Bot Framework token, or nothing. */
  readonly auth: 'bearer' | 'playback-grant' | 'bot-framework' | 'none';
  /** Mounted only while development sign-in is on (never in production). */
  readonly development?: boolean;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** Request headers the route reads (lower-case names), all optional on the wire. */
  readonly headers?: z.ZodType;
  readonly body?: z.ZodType;
  /** The message when several fields of the body are wrong (one wrong field gives that field's own message). */
  readonly heading?: string;
  /** The body's content type when it is not JSON (the raw upload block). */
  readonly bodyContentType?: string;
  /** The status of a success; `alsoStatuses` lists the other successes (201 vs 200, 206, 416). */
  readonly status: number;
  readonly alsoStatuses?: readonly number[];
  readonly response: z.ZodType;
  /** The response's content type when it is not JSON (`text/csv`, `video/*`). */
  readonly responseContentType?: string;
  readonly responseHeaders?: Readonly<Record<string, string>>;
}

/** Keeps a route's own schema types (for the mounting helper) while checking it is a RouteSpec. */
export const route = <const S extends RouteSpec>(spec: S): S => spec;
