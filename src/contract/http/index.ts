/**
 * The HTTP contract: one zod schema per route's params, query, body and response, the route table, and the
 * OpenAPI document generated from it. The tab imports these types with `import type` only, so zod stays out
 * of its bundle.
 */
export * from './common';
export * from './progress';
export * from './service';
export * from './audit';
export * from './people';
export * from './practice';
export * from './contracts';
export * from './clips';
export * from './external-supervisors';
export * from './scheduling';
export * from './reminders';
export * from './route';
export * from './routes';
export * from './openapi';
