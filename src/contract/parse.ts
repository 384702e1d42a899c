import type * as z from 'zod';
import { AttuneError } from '../domain/errors';

/**
 * Parses what came over a wire against its contract schema. A failure is the one `invalid_input` error:
 * its message is the schema's own when one field is wrong (so a field's message reads as the person should
 * act on it), or `heading` when several are; its details name each field with what is wrong with it.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, heading = 'That request could not be read.'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const details = issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
  const only = issues.length === 1 ? issues[0] : undefined;
  throw new AttuneError('invalid_input', only ? only.message : heading, details);
}
