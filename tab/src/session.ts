import type { DevToken } from './api';

/**
 * The development sign-in token, kept in sessionStorage: it lasts as long as the browser tab, is not
 * shared with other tabs, and never appears in a URL. Teams SSO tokens are never stored here.
 */
const key = 'attune.devSignIn';

export function loadDevToken(now: Date = new Date()): DevToken | null {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || !('token' in parsed) || !('expiresAt' in parsed)) return null;
    const { token, expiresAt } = parsed;
    if (typeof token !== 'string' || typeof expiresAt !== 'string') return null;
    // A minute's margin, so a request does not leave with a token about to lapse.
    if (!(Date.parse(expiresAt) - 60_000 > now.getTime())) return null;
    return { token, expiresAt };
  } catch {
    return null;
  }
}

export function saveDevToken(token: DevToken): void {
  sessionStorage.setItem(key, JSON.stringify(token));
}

export function clearDevToken(): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Storage may be blocked; there is then nothing to clear.
  }
}
