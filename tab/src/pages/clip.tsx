import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback, useRef, useState } from 'react';
import { toApiError, type Api, type ApiError, type ClipComment, type ClipDetail, type Me, type Moment, type PracticeView, type PrincipleKey, type Still } from '../api';
import { ClipComments } from '../components/clip-comments';
import { ClipHeader, type Viewer } from '../components/clip-header';
import { CommentComposer, MomentForm, StillForm } from '../components/clip-marks';
import { ClipMoments } from '../components/clip-moments';
import { ClipPlayer, type PlayerClock } from '../components/clip-player';
import { ClipStills } from '../components/clip-stills';
import { ClipViewers } from '../components/clip-viewers';
import { ReviewSession } from '../components/review-session';
import { ShortcutHelp, useReviewShortcuts, useShortcutSetting } from '../components/review-shortcuts';
import { ReviewToolbar } from '../components/review-toolbar';
import { ErrorPanel, Loading } from '../components/status';
import { Timeline } from '../components/timeline';
import { spokenClock } from '../format';
import { principleLabel } from '../principles';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

/**
 * One clip: the player, the timeline of moments (coloured by principle), comments and stills. The trainee
 * marks moments and stills; the trainee and supervisor comment at the current time; a supervisor runs a
 * review session. For a shared-review video the tags describe the guider's own behaviour.
 */
export default function ClipPage({ api, me, enrolmentId, clipId, at }: { api: Api; me: Me; enrolmentId: string; clipId: string; at: number | null }) {
  const shared = useShared();
  const load = useCallback(async (signal: AbortSignal) => {
    const [detail, practice] = await Promise.all([api.clip({ enrolmentId, clipId }, signal), practiceOrExternal({ api, me, enrolmentId, signal })]);
    return { detail, ...practice };
  }, [api, me, enrolmentId, clipId]);
  const { result, retry } = useAsync(load);
  if (result.state === 'loading') return <Loading label="Loading the clip…" />;
  if (result.state === 'failed') {
    return (
      <>
        <h1 className={shared.title}>Clip</h1>
        <ErrorPanel title={result.error.status === 404 ? 'This clip is not available to you' : 'The clip could not be loaded'} error={result.error} onRetry={retry} />
      </>
    );
  }
  const viewer: Viewer = result.value.external ? 'external' : result.value.practice.traineeId === me.id ? 'trainee' : 'supervisor';
  return <ClipReview api={api} me={me} viewer={viewer} detail={result.value.detail} practice={result.value.practice} enrolmentId={enrolmentId} startAtMs={at === null ? null : Math.round(at * 1000)} />;
}

/**
 * The enrolment's practice for the header — or, for an external supervisor (who may not see the practice record,
 * only the clips shared for their meeting), just the trainee's name from their own view.
 */
async function practiceOrExternal(input: { api: Api; me: Me; enrolmentId: string; signal: AbortSignal }): Promise<{ practice: PracticeView; external: boolean }> {
  const { api, me, enrolmentId, signal } = input;
  if (me.roles.includes('external_supervisor')) {
    const stage = (await api.myExternalStages(signal)).find((s) => s.enrolmentId === enrolmentId && s.open);
    if (stage) return { practice: { enrolmentId, traineeId: '', traineeName: stage.traineeName, startedOn: '', cases: [], cycles: [], supervision: [] }, external: true };
  }
  return { practice: await api.practice(enrolmentId, signal), external: false };
}

/** The clip's marks and the player's clock live here; the parts below show them and report what was done. */
function ClipReview(props: { api: Api; me: Me; viewer: Viewer; detail: ClipDetail; practice: PracticeView; enrolmentId: string; startAtMs: number | null }) {
  const { api, me, viewer, practice, enrolmentId, startAtMs } = props;
  const styles = useStyles();
  const clip = props.detail.clip;
  const [moments, setMoments] = useState<readonly Moment[]>(props.detail.moments);
  const [stills, setStills] = useState<readonly Still[]>(props.detail.stills);
  const [comments, setComments] = useState<readonly ClipComment[]>(props.detail.comments);
  const [clock, setClock] = useState<PlayerClock>({ timeMs: startAtMs ?? 0, durationMs: null, playing: false });
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const commentBox = useRef<HTMLTextAreaElement | null>(null);
  const [commentAt, setCommentAt] = useState<number | null>(null);
  const [momentFormOpen, setMomentFormOpen] = useState(false);
  const [shortcuts, toggleShortcuts] = useShortcutSetting();

  /** Runs a change; a failure is shown, never thrown. */
  const attempt = (p: Promise<void>, then: () => void): void => {
    setError(null);
    p.then(then, (e: unknown) => setError(toApiError(e)));
  };

  const sharedReview = clip.kind === 'shared_review';
  const author = (id: string): string => (id === me.id ? 'You' : id === practice.traineeId ? practice.traineeName : 'Supervisor');

  const seek = useCallback((ms: number) => {
    const v = videoRef.current;
    if (!v) return;
    v.currentTime = ms / 1000;
    setClock((c) => ({ ...c, timeMs: ms }));
  }, []);

  const sortedMoments = [...moments].sort((a, b) => a.startMs - b.startMs);
  const jump = useCallback(
    (direction: 1 | -1) => {
      const now = videoRef.current ? videoRef.current.currentTime * 1000 : clock.timeMs;
      const list = [...moments].sort((a, b) => a.startMs - b.startMs);
      const target = direction === 1 ? list.find((m) => m.startMs > now + 250) : [...list].reverse().find((m) => m.startMs < now - 250);
      if (target) {
        seek(target.startMs);
        setNotice(`Moment ${list.indexOf(target) + 1} of ${list.length}, at ${spokenClock(target.startMs)}.`);
      } else {
        setNotice(direction === 1 ? 'There is no later moment.' : 'There is no earlier moment.');
      }
    },
    [moments, clock.timeMs, seek],
  );

  const startComment = useCallback(() => {
    const v = videoRef.current;
    v?.pause();
    setCommentAt(Math.round((v?.currentTime ?? 0) * 1000));
    commentBox.current?.focus();
  }, []);

  const tagNow = useCallback(
    (key: PrincipleKey) => {
      const atMs = Math.round((videoRef.current?.currentTime ?? 0) * 1000);
      setError(null);
      api.addComment({ enrolmentId, clipId: clip.id, atMs, text: `Tagged: ${principleLabel(key)}`, tags: [key] }).then(
        (c) => {
          setComments((cs) => [...cs, c].sort((a, b) => a.atMs - b.atMs));
          setNotice(`Tagged ${principleLabel(key)} at ${spokenClock(atMs)}.`);
        },
        (e: unknown) => setError(toApiError(e)),
      );
    },
    [api, enrolmentId, clip.id],
  );

  const openMomentForm = useCallback(() => setMomentFormOpen(true), []);
  const markMoment = viewer === 'trainee' ? openMomentForm : null;
  useReviewShortcuts({ enabled: shortcuts, onComment: startComment, onJump: jump, onTag: tagNow, onMarkMoment: markMoment });

  return (
    <>
      <ClipHeader clip={clip} practice={practice} viewer={viewer} enrolmentId={enrolmentId} />

      <div className={styles.layout}>
        <div className={styles.playerColumn}>
          <ClipPlayer api={api} enrolmentId={enrolmentId} clipId={clip.id} title={clip.title} videoRef={videoRef} startAtMs={startAtMs} onClock={setClock} />
          <Timeline durationMs={clock.durationMs} timeMs={clock.timeMs} moments={sortedMoments} comments={comments} stills={stills} onSeek={seek} />
          <ReviewToolbar clock={clock} shortcuts={shortcuts} onPrevious={() => jump(-1)} onNext={() => jump(1)} onComment={startComment} onMarkMoment={markMoment} />
          <p className={styles.live} role="status" aria-live="polite" data-testid="review-notice">
            {notice}
          </p>
          {error && <ErrorPanel title="That was not saved" error={error} />}
          <ShortcutHelp shortcuts={shortcuts} onToggle={toggleShortcuts} canMarkMoments={viewer === 'trainee'} />
        </div>

        <div className={styles.side}>
          <CommentComposer
            api={api}
            enrolmentId={enrolmentId}
            clipId={clip.id}
            atMs={commentAt ?? clock.timeMs}
            pinned={commentAt !== null}
            onUseNow={() => setCommentAt(clock.timeMs)}
            boxRef={commentBox}
            onAdded={(c) => {
              setComments((cs) => [...cs, c].sort((a, b) => a.atMs - b.atMs));
              setCommentAt(null);
              setNotice(`Comment added at ${spokenClock(c.atMs)}.`);
            }}
            sharedReview={sharedReview}
          />
          {viewer === 'supervisor' && <ReviewSession api={api} clipId={clip.id} comments={comments} me={me} traineeId={practice.traineeId} traineeName={practice.traineeName} />}
        </div>
      </div>

      {viewer === 'trainee' && momentFormOpen && (
        <MomentForm
          api={api}
          enrolmentId={enrolmentId}
          clipId={clip.id}
          nowMs={clock.timeMs}
          durationMs={clock.durationMs}
          existing={moments.length}
          onClose={() => setMomentFormOpen(false)}
          onAdded={(m, warnings) => {
            setMoments((ms) => [...ms, m]);
            setMomentFormOpen(false);
            setNotice(`Moment added: ${spokenClock(m.startMs)} to ${spokenClock(m.endMs)}.${warnings.map((w) => ` ${w.message}`).join('')}`);
          }}
        />
      )}

      <ClipMoments
        moments={sortedMoments}
        viewer={viewer}
        onSeek={seek}
        onRemove={(m) => attempt(api.removeMoment({ enrolmentId, clipId: clip.id, momentId: m.id }), () => setMoments((ms) => ms.filter((x) => x.id !== m.id)))}
      />

      <ClipStills
        stills={stills}
        viewer={viewer}
        onShow={(ms) => {
          videoRef.current?.pause();
          seek(ms);
        }}
        onRemove={(s) => attempt(api.removeStill({ enrolmentId, clipId: clip.id, stillId: s.id }), () => setStills((ss) => ss.filter((x) => x.id !== s.id)))}
      >
        {viewer === 'trainee' && <StillForm api={api} enrolmentId={enrolmentId} clipId={clip.id} nowMs={clock.timeMs} onAdded={(s) => setStills((ss) => [...ss, s].sort((a, b) => a.atMs - b.atMs))} onError={setError} />}
      </ClipStills>

      <ClipComments
        comments={comments}
        meId={me.id}
        author={author}
        onSeek={seek}
        onRemove={(c) => attempt(api.removeComment({ enrolmentId, clipId: clip.id, commentId: c.id }), () => setComments((cs) => cs.filter((x) => x.id !== c.id)))}
      />

      {viewer === 'trainee' && <ClipViewers api={api} clipId={clip.id} />}
    </>
  );
}

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gap: tokens.spacingHorizontalXL,
    gridTemplateColumns: 'minmax(0, 1fr)',
    marginBottom: tokens.spacingVerticalXL,
    '@media (min-width: 900px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(280px, 2fr)' },
  },
  playerColumn: { minWidth: 0 },
  side: { display: 'grid', gap: tokens.spacingVerticalL, alignContent: 'start', minWidth: 0 },
  live: { ...typographyStyles.body1, minHeight: '1.5em', margin: `${tokens.spacingVerticalS} 0` },
});
