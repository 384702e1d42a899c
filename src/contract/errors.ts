import * as z from 'zod';
import type { ErrorCode } from '../domain/errors';

/**
 * How an error crosses a wire. Every edge (HTTP routes, the bot's card actions) answers an `AttuneError`
 * with the status this gives its code, so a refusal reads the same whichever way the person came in.
 */
export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'consent_required':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'invalid_state':
      return 409;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
  }
}

/** The body of every error response: a code, a message a person can act on, and safe details. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe('An Attune error code (invalid_input, not_found, …), or internal / invalid_request.'),
      message: z.string().describe('Safe to show to the person.'),
      details: z.array(z.string()).describe('What to change, one line each (for invalid_input, the field first).'),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;
