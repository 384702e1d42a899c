import * as z from 'zod';
import { ErrorBody } from '../errors';
import type { RouteSpec } from './route';

/** An OpenAPI 3.1 document, loosely typed: it is data for people and tools, checked by its own test. */
export type OpenApiDocument = {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components: { readonly securitySchemes: Record<string, unknown>; readonly schemas: Record<string, unknown> };
};

export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly parameters?: readonly unknown[];
  readonly requestBody?: unknown;
  readonly responses: Record<string, { readonly description: string; readonly content?: Record<string, { readonly schema: unknown }>; readonly headers?: Record<string, unknown> }>;
  readonly security?: readonly Record<string, readonly string[]>[];
}

type Json = Record<string, unknown>;

/** JSON Schema (2020-12, which OpenAPI 3.1 uses) for a schema as a request reads it or a response writes it. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as Json;
  return rest;
}

function parameters(spec: RouteSpec): unknown[] {
  const out: unknown[] = [];
  const add = (where: 'path' | 'query' | 'header', schema: z.ZodType | undefined): void => {
    if (!schema) return;
    const s = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(s.properties ?? {})) {
      const { description, ...rest } = property as Json & { description?: string };
      out.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) });
    }
  };
  add('path', spec.params);
  add('query', spec.query);
  add('header', spec.headers);
  return out;
}

const security: Record<RouteSpec['auth'], OpenApiOperation['security']> = {
  bearer: [{ entra: [] }],
  'playback-grant': [],
  'bot-framework': [{ botFramework: [] }],
  none: [],
};

/**
 * The OpenAPI 3.1 document of a route table: every route's parameters, body and responses from its zod schemas
 * (`z.toJSONSchema`), and the one error body every refusal uses. A pure function: the server serves its result.
 */
export function openApiDocument(routes: readonly RouteSpec[], info: { version: string }): OpenApiDocument {
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  // The error body once, in components (rebuilt without its registry id, so it is not nested under $defs).
  const errorSchema = { $ref: '#/components/schemas/ErrorBody' };
  for (const spec of routes) {
    const contentType = spec.responseContentType ?? 'application/json';
    const success = { content: { [contentType]: { schema: jsonSchema(spec.response, 'output') } }, ...(spec.responseHeaders ? { headers: Object.fromEntries(Object.entries(spec.responseHeaders).map(([k, v]) => [k, { description: v, schema: { type: 'string' } }])) } : {}) };
    const responses: OpenApiOperation['responses'] = {};
    for (const status of [spec.status, ...(spec.alsoStatuses ?? [])]) responses[String(status)] = { description: status === 416 ? 'The range asked for is outside the clip.' : spec.summary, ...(status === 416 ? {} : success) };
    responses.default = { description: 'Refused or failed: a code, a message a person can act on, and details.', content: { 'application/json': { schema: errorSchema } } };
    const params = parameters(spec);
    const operation: OpenApiOperation = {
      operationId: spec.operationId,
      summary: spec.summary,
      tags: [spec.tag],
      ...(params.length ? { parameters: params } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { [spec.bodyContentType ?? 'application/json']: { schema: jsonSchema(spec.body, 'input') } } } } : {}),
      responses,
      security: security[spec.auth],
    };
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Attune', version: info.version, description: 'The HTTP API of Attune: the Teams tab, the clip vault and the bot endpoint. Errors are always `{ error: { code, message, details } }`.' },
    paths,
    components: {
      securitySchemes: {
        entra: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An Entra ID v2 access token from Teams SSO (scope access_as_user).' },
        botFramework: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Bot Framework token (checked by botbuilder).' },
      },
      schemas: { ErrorBody: jsonSchema(z.object({ error: ErrorBody.shape.error }), 'output') },
    },
  };
}
