import { InteractionRequiredAuthError, ServerError, type ConfidentialClientApplication } from '@azure/msal-node';
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { AttuneError } from '../../domain/errors';
import type { DelegatedUser } from '../../ports/calendar';
import type { Logger } from '../../ports/logger';
import { confidentialClient, tokenError, type AccessTokenSource, type MsalTokenSourceOptions } from './msal-token-source';

export interface OnBehalfOfTokensOptions extends Omit<MsalTokenSourceOptions, 'scope'> {
  /** The delegated Graph permissions asked for (default `Calendars.ReadBasic`: free/busy only). */
  readonly scopes?: readonly string[];
  /** How many people's tokens are kept at once; the one least recently asked for goes first (default 500). */
  readonly maxPeople?: number;
}

/** What the person is told when Entra wants them (or their admin) to agree first; the tab turns it into a consent prompt. */
export const consentMessage = 'Attune needs your permission to read your calendar\'s free/busy. Choose "Allow" when asked.';

export const delegatedCalendarScopes = ['https://graph.microsoft.com/Calendars.ReadBasic'] as const;

interface PersonEntry {
  readonly assertionHash: string;
  readonly app: ConfidentialClientApplication;
  pending: Promise<string> | null;
}

/**
 * Delegated Graph tokens, exchanged on behalf of the person from their Teams SSO token (msal-node's
 * `acquireTokenOnBehalfOf`). Each person has a client application of their own, so msal's in-memory cache
 * is partitioned per person (and, inside it, per assertion, as msal keys OBO tokens by the assertion's hash):
 * a token is reused until near expiry, and a new SSO token replaces the person's cache. At most `maxPeople`
 * are kept. Nothing here is logged but Entra's error codes: never an assertion, a token or who it was for.
 */
export class OnBehalfOfTokens {
  private readonly options: OnBehalfOfTokensOptions;
  private readonly scopes: string[];
  private readonly maxPeople: number;
  private readonly people = new Map<string, PersonEntry>();

  constructor(options: OnBehalfOfTokensOptions) {
    this.options = options;
    this.scopes = [...(options.scopes ?? delegatedCalendarScopes)];
    this.maxPeople = Math.max(1, options.maxPeople ?? 500);
  }

  /** How many people's tokens are held just now. */
  get size(): number {
    return this.people.size;
  }

  /** A token source for this one person, for a request made as them. */
  forPerson(user: DelegatedUser): AccessTokenSource {
    return { accessToken: () => this.accessToken(user) };
  }

  private accessToken(user: DelegatedUser): Promise<string> {
    const key = personKey(user.assertion);
    const assertionHash = sha256(user.assertion);
    let entry = this.people.get(key);
    if (!entry || entry.assertionHash !== assertionHash) entry = { assertionHash, app: confidentialClient(this.options), pending: null };
    // Map order is the eviction order: re-inserting marks the person as the most recently asked for.
    this.people.delete(key);
    this.people.set(key, entry);
    while (this.people.size > this.maxPeople) this.people.delete(this.people.keys().next().value!);
    const current = entry;
    // Calls made together share one request; msal's cache answers the ones after it.
    current.pending ??= this.acquire(current, user.assertion).finally(() => (current.pending = null));
    return current.pending;
  }

  private async acquire(entry: PersonEntry, assertion: string): Promise<string> {
    try {
      const result = await entry.app.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: this.scopes });
      if (!result?.accessToken) throw new AttuneError('unavailable', 'Microsoft sign-in gave Attune no token for you; nothing was read from Outlook. Please try again.', { retryAfterSeconds: 30 });
      return result.accessToken;
    } catch (e) {
      throw onBehalfOfError(e, this.options.logger);
    }
  }
}

/** The person a (verified) SSO token is for, as tenant and object id; the token's hash when it names none. */
function personKey(assertion: string): string {
  try {
    const { tid, oid } = decodeJwt(assertion);
    if (typeof tid === 'string' && typeof oid === 'string') return `${tid}:${oid}`;
  } catch {
    // not a JWT: Entra will refuse it; keep it apart from everyone else's
  }
  return `assertion:${sha256(assertion)}`;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/**
 * Entra's answer to an on-behalf-of exchange, in Attune's words. Consent not given (AADSTS65001, whether msal
 * reports it as `consent_required`, `interaction_required` or `invalid_grant`) and a fresh sign-in being
 * needed (MFA, conditional access) become `consent_required`: the tab asks the person, then tries again.
 */
export function onBehalfOfError(e: unknown, logger: Logger): AttuneError {
  if (e instanceof AttuneError) return e;
  const fields = e as { errorCode?: unknown; subError?: unknown; errorMessage?: unknown } | null;
  const code = typeof fields?.errorCode === 'string' ? fields.errorCode : 'unknown';
  const subError = typeof fields?.subError === 'string' && fields.subError ? fields.subError : null;
  const aadsts = /AADSTS(\d+)/.exec(typeof fields?.errorMessage === 'string' ? fields.errorMessage : '')?.[1] ?? null;
  const interaction = e instanceof InteractionRequiredAuthError || ['interaction_required', 'consent_required', 'login_required'].includes(code) || subError === 'consent_required' || aadsts === '65001';
  if (interaction) {
    logger.info('graph delegated token needs the person', { errorCode: code, subError, aadsts });
    return new AttuneError('consent_required', consentMessage, aadsts ? [`Entra: AADSTS${aadsts}`] : [`Entra: ${code}`]);
  }
  if (e instanceof ServerError && code === 'invalid_grant') {
    logger.warn('graph delegated token refused', { errorCode: code, subError, aadsts });
    // AADSTS500133: the SSO token expired between the check and the exchange. A new one from Teams will do.
    if (aadsts === '500133') return new AttuneError('unauthenticated', 'Your sign-in has expired. Please sign in again.', ['Entra: AADSTS500133']);
    return new AttuneError('forbidden', "Microsoft sign-in would not let Attune read Outlook as you; nothing was read. IT: on-behalf-of needs GRAPH_CLIENT_ID to be the tab's SSO app registration (AAD_APP_CLIENT_ID) with the delegated permission Calendars.ReadBasic.", aadsts ? [`Entra: AADSTS${aadsts}`] : [`Entra: ${code}`]);
  }
  return tokenError(e, logger);
}
