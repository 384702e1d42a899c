import { finishAuthentication } from '../teams';
import { say, stateKey } from './flow';

/** consent-end.html: Microsoft sends the person back here; Teams is told how it went and closes the window. */
async function end(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const expected = sessionStorage.getItem(stateKey);
  sessionStorage.removeItem(stateKey);
  const error = params.get('error');
  const outcome =
    error !== null
      ? { ok: false as const, reason: error === 'access_denied' ? 'CancelledByUser' : error }
      : expected !== null && params.get('state') === expected && params.has('code')
        ? { ok: true as const }
        : { ok: false as const, reason: 'state_mismatch' };
  say(outcome.ok ? 'Thank you: Attune has your permission. This window closes by itself.' : 'Permission was not given. Close this window to go back to Attune.');
  const told = await finishAuthentication(outcome);
  if (!told) say(outcome.ok ? 'Thank you: Attune has your permission. You can close this window and go back to Attune.' : 'Permission was not given. You can close this window and go back to Attune.');
}

void end();
