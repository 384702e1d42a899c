import { statusFor } from '../src/contract/errors';
import { AttuneError } from '../src/domain/errors';
import { renderNoticeCard } from './cards/practice-cards';
import type { AdaptiveCard } from './cards/template';

/**
 * The bot's one translation of errors into what a person sees: a line in chat, a card in place of the one
 * clicked, or the error response of an invoke Teams made by itself. A refusal reads in Attune's words; any
 * other failure is "something went wrong", never a stack trace or a library's message.
 */

const sorry = 'Something went wrong on my side. Please try again in a moment.';

const titles: Readonly<Record<AttuneError['code'], string>> = {
  invalid_input: 'Please check this',
  not_found: 'Not available',
  conflict: 'This changed meanwhile',
  invalid_state: 'Not possible just now',
  unauthenticated: 'Please sign in again',
  forbidden: 'Not available',
  consent_required: 'Microsoft 365 needs your permission',
  rate_limited: 'Please slow down',
  unavailable: 'Please try again shortly',
};

/** A refusal's message: someone else's object and a missing one read the same. */
export function messageOf(e: AttuneError): string {
  return e.code === 'not_found' && e.message === 'Not found.' ? 'That is not there, or not yours to see.' : e.message;
}

/** What a person sees when an action could not be done: the reason in Attune's words, never a stack trace. */
export function failureCard(e: unknown): AdaptiveCard {
  if (!(e instanceof AttuneError)) return renderNoticeCard({ title: 'Please try again', tone: 'attention', lines: [sorry] });
  return renderNoticeCard({ title: titles[e.code], tone: 'attention', lines: [messageOf(e)], details: e.details });
}

/** The answer to a chat message that failed: a line, or the failure card when there are details to list. */
export type FailureReply = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'card'; readonly card: AdaptiveCard };

export function failureReply(e: unknown): FailureReply {
  if (!(e instanceof AttuneError)) return { kind: 'text', text: sorry };
  return e.details.length ? { kind: 'card', card: failureCard(e) } : { kind: 'text', text: messageOf(e) };
}

/** An invoke's error response: the status HTTP would give the same error (statusFor), the code and message. */
export interface InvokeError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export function invokeErrorOf(e: unknown): InvokeError {
  if (!(e instanceof AttuneError)) return { status: 500, code: 'internal', message: 'Something went wrong.' };
  return { status: statusFor(e.code), code: e.code, message: messageOf(e) };
}

