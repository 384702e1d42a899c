import { AttuneError } from '../errors';
import type { PersonId, PersonRef } from '../people';
import type { Relationship } from '../permissions';

/**
 * A playback grant lets one browser `<video>` element fetch one clip for one viewing session.
 *
 * Why a grant: a `<video src>` cannot send an `Authorization` header, and a bearer token in a URL would be a
 * long-lived credential in places URLs end up. A cookie would be the usual answer, but a Teams tab runs in a
 * cross-site iframe (teams.microsoft.com around our origin), where `SameSite=Strict` cookies are not sent and
 * third-party cookies are increasingly blocked. So the tab, already holding its SSO bearer token, asks for a
 * grant (`POST …/playback`, which is authorised and writes the one audit entry for the viewing) and receives
 * an opaque 256-bit secret that it puts in the media path. The grant:
 * - opens exactly one clip, for the person it was issued to, and is re-checked against the records on every
 *   range request (so withdrawn consent or a changed supervisor stops playback at once);
 * - dies after ten idle minutes and four hours at most, however it is used;
 * - is stored only as a SHA-256 digest, so the grant table leaking opens nothing.
 * Media responses carry `Cache-Control: no-store` and `Referrer-Policy: no-referrer`, and the path is never logged.
 */
export type ViewPurpose = 'own_practice' | 'supervision' | 'shared_review' | 'assessment';
export const viewPurposes: readonly ViewPurpose[] = ['own_practice', 'supervision', 'shared_review', 'assessment'];

export interface PlaybackGrant {
  readonly clipId: string;
  readonly enrolmentId: string;
  readonly caseId: string;
  readonly person: PersonRef;
  readonly personId: PersonId;
  readonly purpose: ViewPurpose;
  readonly issuedAt: string;
  readonly idleExpiresAt: string;
  readonly expiresAt: string;
}

export const grantIdleMs = 10 * 60_000;
export const grantMaxMs = 4 * 60 * 60_000;
/** A grant's idle expiry is pushed on at most once a minute (one write, not one per range request). */
export const grantExtendAfterMs = 60_000;

export function newGrant(input: Omit<PlaybackGrant, 'issuedAt' | 'idleExpiresAt' | 'expiresAt'> & { now: Date }): PlaybackGrant {
  const { now, ...rest } = input;
  const t = now.getTime();
  return { ...rest, issuedAt: now.toISOString(), idleExpiresAt: new Date(Math.min(t + grantIdleMs, t + grantMaxMs)).toISOString(), expiresAt: new Date(t + grantMaxMs).toISOString() };
}

export function grantUsable(g: PlaybackGrant, now: Date): boolean {
  const at = now.toISOString();
  return at < g.idleExpiresAt && at < g.expiresAt;
}

/** The new idle expiry if it is time to push it on, else null. */
export function grantExtension(g: PlaybackGrant, now: Date): string | null {
  const t = now.getTime();
  if (Date.parse(g.idleExpiresAt) - t > grantIdleMs - grantExtendAfterMs) return null;
  return new Date(Math.min(t + grantIdleMs, Date.parse(g.expiresAt))).toISOString();
}

/** The purpose written to the audit log: what the person said, or the usual one for how they relate to the trainee. */
export function viewPurpose(input: unknown, relationships: readonly Relationship[]): ViewPurpose {
  if (input !== undefined && input !== null) {
    if (typeof input === 'string' && (viewPurposes as readonly string[]).includes(input)) return input as ViewPurpose;
    throw new AttuneError('invalid_input', `Say why you are viewing: one of ${viewPurposes.join(', ')}.`, ['purpose']);
  }
  if (relationships.includes('trainee')) return 'own_practice';
  if (relationships.includes('external_supervisor')) return 'assessment';
  return 'supervision';
}
