import type { TabConfig } from '../api';
import { authorizeUrl, challengeOf, endPagePath, randomText, say, stateKey } from './flow';

/** consent.html: reads where to sign in from /api/config, then goes to Microsoft with prompt=consent. */
async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  let config: TabConfig;
  try {
    const res = await fetch('/api/config', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) throw new Error(String(res.status));
    config = (await res.json()) as TabConfig;
  } catch {
    say('Attune could not be reached. Close this window and try again.');
    return;
  }
  if (!config.clientId || !config.consent) {
    say('Attune is not set up to ask for permission here (it has no Teams sign-in app). Ask your IT team.');
    return;
  }
  const state = randomText();
  const verifier = randomText();
  sessionStorage.setItem(stateKey, state);
  window.location.assign(
    authorizeUrl({
      authorityHost: config.consent.authorityHost,
      tenant: params.get('tenant') || 'organizations',
      clientId: config.clientId,
      scopes: config.consent.scopes,
      redirectUri: new URL(endPagePath, window.location.origin).href,
      state,
      challenge: await challengeOf(verifier),
      loginHint: params.get('loginHint'),
    }),
  );
}

void start();
