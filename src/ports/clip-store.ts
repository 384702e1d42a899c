import type { Clip, UploadSession } from '../domain/clips/clip';
import type { PlaybackGrant } from '../domain/clips/playback';
import type { ClipComment, Moment, Still } from '../domain/moment';
import type { RemovableRepository, Versioned } from './data-store';

export type { RemovableRepository };

/**
 * Records about clips (never their bytes). Clips and uploads are partitioned by enrolment, so an id from
 * another enrolment is simply not found; marks on a clip are partitioned by clip.
 */
export interface ClipStore {
  readonly clips: RemovableRepository<Clip>;
  readonly uploads: RemovableRepository<UploadSession>;
  readonly moments: RemovableRepository<Moment>;
  readonly stills: RemovableRepository<Still>;
  readonly comments: RemovableRepository<ClipComment>;
}

/**
 * Playback grants, found by their secret. The secret is made here and shown once; only its digest is stored.
 */
export interface PlaybackGrants {
  issue(grant: PlaybackGrant): Promise<{ readonly secret: string }>;
  /** Null for an unknown or malformed secret. */
  find(secret: string): Promise<Versioned<PlaybackGrant> | null>;
  /** Pushes the idle expiry on; losing a race with another request is fine. */
  extend(secret: string, grant: Versioned<PlaybackGrant>, idleExpiresAt: string): Promise<void>;
}
