import { GraphClientError, GraphError } from '@microsoft/microsoft-graph-client';
import { AttuneError } from '../../domain/errors';

/**
 * The one translation of Microsoft Graph (and token) failures into Attune's error codes. Each message says
 * what did not happen and, where IT must act, which permission or consent is missing. Graph's own message
 * and request id go to the log (see {@link failureFields}), never into what a person is shown.
 */
export type GraphAction = 'read_schedule' | 'read_schedule_as_person' | 'book' | 'read_meeting' | 'reschedule' | 'cancel' | 'read_manager';

interface ActionWords {
  /** What did not happen, said after the reason. */
  readonly outcome: string;
  /** The Graph permission the call needs: an application permission, unless `delegated`. */
  readonly permission: string;
  /** Made with the signed-in person's own token (on-behalf-of), so the permission is a delegated one. */
  readonly delegated?: true;
  readonly missing: string;
}

const words: Record<GraphAction, ActionWords> = {
  read_schedule: { outcome: 'free and busy times could not be read', permission: 'Calendars.ReadBasic', missing: 'That person has no calendar Attune can read.' },
  read_schedule_as_person: { outcome: 'free and busy times could not be read', permission: 'Calendars.ReadBasic', delegated: true, missing: 'Your calendar was not found in Outlook.' },
  book: { outcome: 'nothing was booked', permission: 'Calendars.ReadWrite', missing: "The organiser's calendar was not found." },
  read_meeting: { outcome: 'the meeting could not be checked', permission: 'Calendars.ReadBasic', missing: 'That meeting is no longer in Outlook.' },
  reschedule: { outcome: 'the meeting was not moved', permission: 'Calendars.ReadWrite', missing: 'That meeting is no longer in Outlook.' },
  cancel: { outcome: 'the meeting was not cancelled', permission: 'Calendars.ReadWrite', missing: 'That meeting is no longer in Outlook.' },
  read_manager: { outcome: 'the line manager could not be looked up', permission: 'User.Read.All', missing: 'That person is not in the directory.' },
};

/** Seconds to suggest when Graph gave no Retry-After of its own. */
const defaultRetryAfterSeconds = 30;

export function retryAfterSeconds(headers: Headers | undefined | null): number | undefined {
  const value = headers?.get('Retry-After');
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}

/** The HTTP status Graph answered with; undefined when it did not answer (or a token could not be had). */
export function graphStatus(e: unknown): number | undefined {
  return e instanceof GraphError && e.statusCode > 0 ? e.statusCode : undefined;
}

/** A failure raised on purpose inside the Graph client's pipeline (the token source) carries its AttuneError. */
export function carriedError(e: unknown): AttuneError | undefined {
  if (e instanceof AttuneError) return e;
  const custom: unknown = e instanceof GraphClientError ? (e as GraphClientError & { customError?: unknown }).customError : undefined;
  return custom instanceof AttuneError ? custom : undefined;
}

export function graphError(e: unknown, action: GraphAction): AttuneError {
  const carried = carriedError(e);
  if (carried) return carried;
  const w = words[action];
  const status = graphStatus(e);
  const headers = e instanceof GraphError ? e.headers : undefined;
  const wait = retryAfterSeconds(headers);
  const details = e instanceof GraphError && e.code ? [`Graph: ${e.code}`] : [];
  switch (status) {
    case undefined:
    case 500:
    case 502:
    case 503:
    case 504:
      return new AttuneError('unavailable', `Outlook could not be reached; ${w.outcome}. Please try again in a few minutes.`, { details, retryAfterSeconds: wait ?? defaultRetryAfterSeconds });
    case 429:
      return new AttuneError('rate_limited', `Outlook is busy just now; ${w.outcome}. Please try again shortly.`, { details, retryAfterSeconds: wait ?? defaultRetryAfterSeconds });
    case 401:
      return new AttuneError('forbidden', `Microsoft Graph did not accept Attune's sign-in; ${w.outcome}. IT: check that Attune's app registration (GRAPH_CLIENT_ID in GRAPH_TENANT_ID) still has its certificate and admin consent.`, details);
    case 403:
      if (w.delegated) return new AttuneError('forbidden', `Outlook did not let Attune read calendars as you; ${w.outcome}. IT: grant Attune's app registration the delegated permission ${w.permission}.`, details);
      return new AttuneError('forbidden', `Attune is not allowed to do this in Outlook; ${w.outcome}. IT: grant Attune's app registration the application permission ${w.permission} with admin consent, and check that no application access policy excludes this mailbox.`, details);
    case 404:
      return new AttuneError('not_found', w.missing, details);
    case 409:
    case 412:
      return new AttuneError('conflict', `The meeting changed in Outlook at the same time; ${w.outcome}. Reload and try again.`, details);
    case 400:
      return new AttuneError('invalid_input', `Outlook refused the details as invalid; ${w.outcome}.`, details);
    default:
      return new AttuneError('unavailable', `Outlook refused the request (${status}); ${w.outcome}.`, { details, retryAfterSeconds: wait ?? defaultRetryAfterSeconds });
  }
}

/** What may be logged about a failure: status, Graph's error code and request id (never a token, address or body). */
export function failureFields(e: unknown): { status: number | null; graphCode: string | null; requestId: string | null } {
  if (!(e instanceof GraphError)) return { status: null, graphCode: null, requestId: null };
  return { status: e.statusCode > 0 ? e.statusCode : null, graphCode: e.code ?? null, requestId: e.requestId ?? e.headers?.get('request-id') ?? null };
}
