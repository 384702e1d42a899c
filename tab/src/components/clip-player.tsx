import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { toApiError, type Api, type ApiError } from '../api';
import { ErrorPanel, Loading } from './status';

export interface PlayerClock {
  /** Where the video is, in milliseconds. */
  readonly timeMs: number;
  /** The clip's length once the browser knows it, in milliseconds. */
  readonly durationMs: number | null;
  readonly playing: boolean;
}

/**
 * The player for one clip. The video streams from the vault through a short-lived playback grant (the
 * `<video>` element cannot send a bearer token; see the vault's playback notes), which the browser fetches
 * with HTTP range requests, so seeking anywhere only decrypts the blocks it needs. Asking for the grant is
 * what writes the viewing to the audit log. A grant that lapses (ten idle minutes) is renewed where the
 * video was.
 */
export function ClipPlayer(props: { api: Api; enrolmentId: string; clipId: string; title: string; videoRef: RefObject<HTMLVideoElement | null>; startAtMs: number | null; onClock: (c: PlayerClock) => void }) {
  const { api, enrolmentId, clipId, title, videoRef, startAtMs, onClock } = props;
  const styles = useStyles();
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const resumeAt = useRef<number | null>(startAtMs);
  const renewals = useRef(0);

  useEffect(() => {
    let live = true;
    setError(null);
    api.playback({ enrolmentId, clipId }).then(
      (p) => {
        if (live) setSrc(p.path);
      },
      (e: unknown) => {
        if (live) setError(toApiError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api, enrolmentId, clipId, attempt]);

  const report = useCallback(() => {
    const v = videoRef.current;
    if (!v) return;
    onClock({ timeMs: Math.round(v.currentTime * 1000), durationMs: Number.isFinite(v.duration) ? Math.round(v.duration * 1000) : null, playing: !v.paused && !v.ended });
  }, [onClock, videoRef]);

  // While playing, report the time every frame so the playhead moves smoothly.
  useEffect(() => {
    const v = videoRef.current;
    if (!v || !src) return;
    let frame = 0;
    const tick = (): void => {
      report();
      if (!v.paused && !v.ended) frame = requestAnimationFrame(tick);
    };
    const onPlay = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    const events = ['timeupdate', 'seeked', 'pause', 'loadedmetadata', 'durationchange', 'ended'] as const;
    for (const e of events) v.addEventListener(e, report);
    v.addEventListener('play', onPlay);
    return () => {
      cancelAnimationFrame(frame);
      for (const e of events) v.removeEventListener(e, report);
      v.removeEventListener('play', onPlay);
    };
  }, [report, src, videoRef]);

  const onLoaded = (): void => {
    const v = videoRef.current;
    if (v && resumeAt.current !== null) {
      v.currentTime = resumeAt.current / 1000;
      resumeAt.current = null;
    }
    report();
  };

  const onVideoError = (): void => {
    const v = videoRef.current;
    // The grant may have lapsed: ask for a new one (a few times) and carry on from the same point.
    if (renewals.current < 3) {
      renewals.current++;
      resumeAt.current = v ? Math.round(v.currentTime * 1000) : null;
      setSrc(null);
      setAttempt((n) => n + 1);
      return;
    }
    setError(toApiError(new Error('The video could not be played. It may be in a format this device cannot play.')));
  };

  if (error) return <ErrorPanel title="The video could not be opened" error={error} onRetry={() => { renewals.current = 0; setAttempt((n) => n + 1); }} />;
  return (
    <div className={styles.frame}>
      {!src && <Loading label="Opening the video…" />}
      {src && (
        <video
          ref={videoRef}
          className={styles.video}
          src={src}
          controls
          preload="metadata"
          playsInline
          aria-label={`Video: ${title}`}
          onLoadedMetadata={onLoaded}
          onError={onVideoError}
          data-testid="clip-video"
        />
      )}
    </div>
  );
}

const useStyles = makeStyles({
  frame: { backgroundColor: tokens.colorNeutralBackgroundStatic, borderRadius: tokens.borderRadiusLarge, overflow: 'hidden', minHeight: '120px' },
  video: { display: 'block', width: '100%', maxHeight: '60vh', backgroundColor: '#000' },
});
