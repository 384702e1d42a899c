/**
 * The consent pages' shared parts (consent.html → Microsoft's sign-in → consent-end.html, in Teams'
 * authentication window). The person is asked for the delegated permissions Attune uses on their behalf
 * (`prompt=consent`); the authorisation code that comes back is never redeemed: what matters is that the
 * consent is now recorded in Entra, so the server's next on-behalf-of exchange succeeds.
 */

/** Where the state and the PKCE verifier wait across the redirect (this window only). */
export const stateKey = 'attune.consent.state';

export const endPagePath = '/tab/consent-end.html';

export function say(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

export function randomText(bytes = 32): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return base64Url(values);
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The PKCE challenge (S256): an SPA redirect URI requires one, even though the code is never redeemed. */
export async function challengeOf(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** The Entra authorize URL that asks this person to consent to `scopes` for the tab's app registration. */
export function authorizeUrl(input: { authorityHost: string; tenant: string; clientId: string; scopes: readonly string[]; redirectUri: string; state: string; challenge: string; loginHint: string | null }): string {
  const url = new URL(`${input.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(input.tenant)}/oauth2/v2.0/authorize`);
  const q = url.searchParams;
  q.set('client_id', input.clientId);
  q.set('response_type', 'code');
  q.set('response_mode', 'query');
  q.set('redirect_uri', input.redirectUri);
  q.set('scope', ['openid', 'profile', ...input.scopes].join(' '));
  q.set('prompt', 'consent');
  q.set('state', input.state);
  q.set('code_challenge', input.challenge);
  q.set('code_challenge_method', 'S256');
  if (input.loginHint) q.set('login_hint', input.loginHint);
  return url.href;
}
