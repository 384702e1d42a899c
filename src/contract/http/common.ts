import * as z from 'zod';

/**
 * Building blocks of the HTTP wire. Everything under src/contract/http stands on its own: it imports nothing
 * from the domain, the use cases or the ports, so a refactor inside Attune never silently changes what the
 * tab (or anyone else) sends and receives. Encoders in src/http/encode map the domain onto these types.
 */

/** A path segment naming an object. The use case decides whether it exists for the person asking (404 if not). */
export const PathId = (what: string) => z.string({ error: `Say which ${what}.` }).max(1000, { error: `That ${what} id is too long.` });

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.string().describe('A calendar date, YYYY-MM-DD.');
/** An instant, ISO 8601 in UTC. */
export const Instant = z.string().describe('An instant, ISO 8601 in UTC.');
/** A person, as `{tenantId}:{objectId}`. */
export const PersonId = z.string().describe('A person: `{tenantId}:{objectId}`.');

export const Role = z.enum(['trainee', 'supervisor', 'line_manager', 'service_admin', 'external_supervisor']);
export type Role = z.infer<typeof Role>;

/** Bytes that are not JSON (a video, a CSV file, an upload block): described by their content type. */
export const Bytes = z.string().meta({ format: 'binary' });

/** An empty object: what a request with nothing to say sends (any fields it does send are ignored). */
export const Empty = z.object({});

/** The page query of the paged reads (the audit log, who viewed my clips). */
export const PageQuery = z.object({
  limit: z
    .string({ error: 'limit must be a whole number from 1 to 500.' })
    .regex(/^\d{1,3}$/, { error: 'limit must be a whole number from 1 to 500.' })
    .transform(Number)
    .optional()
    .describe('How many entries, 1 to 500 (default 50).'),
  cursor: z.string({ error: 'That page cursor is not valid.' }).max(100, { error: 'That page cursor is not valid.' }).optional().describe('The `next` of the page before.'),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** What a change did: changed the object, or left it as it was (already done, or asked of an older version). */
export const ChangeKind = z.enum(['changed', 'unchanged']);
export const UnchangedWhy = z.enum(['already_done', 'stale']);

/** Read-only view of a wire type, so an encoder can return the domain's readonly values where a wire type is asked for. */
export type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
/** What an encoder returns for a wire schema: its input type, read-only. */
export type Encoded<S extends z.ZodType> = DeepReadonly<z.input<S>>;
