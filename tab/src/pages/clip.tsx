import { Badge, Button, makeStyles, MessageBar, MessageBarBody, Switch, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type Api, type ApiError, type ClipComment, type ClipDetail, type Me, type Moment, type PracticeView, type PrincipleKey, type Still } from '../api';
import { CommentComposer, MomentForm, StillForm, suggestedMomentMs, suggestedMoments, Tags } from '../components/clip-marks';
import { ClipPlayer, type PlayerClock } from '../components/clip-player';
import { ReviewSession } from '../components/review-session';
import { ErrorPanel, Loading } from '../components/status';
import { Timeline } from '../components/timeline';
import { clipKindLabel, formatClock, formatDate, formatInstant, spokenClock, viewPurposeLabel } from '../format';
import { principleLabel, principles } from '../principles';
import { href } from '../router';
import { useShared } from '../styles';
import { useAsync } from '../use-async';


type Viewer = 'trainee' | 'supervisor';

/** Single-key shortcuts can be switched off (WCAG 2.1.4), for speech input and people who type by accident; remembered on this device. */
const shortcutsKey = 'attune.shortcuts';
function shortcutsOnAtStart(): boolean {
  try {
    return localStorage.getItem(shortcutsKey) !== 'off';
  } catch {
    return true;
  }
}

/**
 * One clip: the player, the timeline of moments (coloured by principle), comments and stills. The trainee
 * marks moments and stills; the trainee and supervisor comment at the current time; a supervisor runs a
 * review session. For a shared-review video the tags describe the guider's own behaviour.
 */
export default function ClipPage({ api, me, enrolmentId, clipId, at }: { api: Api; me: Me; enrolmentId: string; clipId: string; at: number | null }) {
  const shared = useShared();
  const load = useCallback(async (signal: AbortSignal) => {
    const [detail, practice] = await Promise.all([api.clip({ enrolmentId, clipId }, signal), api.practice(enrolmentId, signal)]);
    return { detail, practice };
  }, [api, enrolmentId, clipId]);
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
  const viewer: Viewer = result.value.practice.traineeId === me.id ? 'trainee' : 'supervisor';
  return <ClipReview api={api} me={me} viewer={viewer} detail={result.value.detail} practice={result.value.practice} enrolmentId={enrolmentId} startAtMs={at === null ? null : Math.round(at * 1000)} />;
}

function ClipReview(props: { api: Api; me: Me; viewer: Viewer; detail: ClipDetail; practice: PracticeView; enrolmentId: string; startAtMs: number | null }) {
  const { api, me, viewer, practice, enrolmentId, startAtMs } = props;
  const styles = useStyles();
  const shared = useShared();
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
  const [shortcuts, setShortcuts] = useState(shortcutsOnAtStart);
  const toggleShortcuts = (on: boolean): void => {
    setShortcuts(on);
    try {
      localStorage.setItem(shortcutsKey, on ? 'on' : 'off');
    } catch {
      // Not remembered; still switched for this page.
    }
  };

  /** Runs a change; a failure is shown, never thrown. */
  const attempt = (p: Promise<void>, then: () => void): void => {
    setError(null);
    p.then(then, (e: unknown) => setError(toApiError(e)));
  };

  const theCase = practice.cases.find((c) => c.id === clip.caseId);
  const cycleIndex = practice.cycles.filter((y) => y.caseId === clip.caseId).reverse().findIndex((y) => y.id === clip.cycleId);
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

  // Keyboard shortcuts, unless the person is typing or a modifier is held.
  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      const key = e.key.toLowerCase();
      const principle = principles.find((p) => p.shortcut === key);
      if (key === 'c') startComment();
      else if (key === 'n') jump(1);
      else if (key === 'p') jump(-1);
      else if (key === 'm' && viewer === 'trainee') setMomentFormOpen(true);
      else if (principle) tagNow(principle.key);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [startComment, jump, tagNow, viewer, shortcuts]);

  return (
    <>
      <p className={shared.muted}>
        {viewer === 'trainee' ? <a href={href({ page: 'practice' })}>Cases and clips</a> : <a href={href({ page: 'trainee', enrolmentId })}>{practice.traineeName}</a>} › Case {theCase?.code ?? ''}
        {cycleIndex >= 0 && <> › Cycle {cycleIndex + 1}</>}
      </p>
      <h1 className={shared.title} data-testid="clip-title">
        {clip.title}
      </h1>
      <p className={styles.meta}>
        <Badge appearance="tint" color={sharedReview ? 'important' : 'brand'}>
          {clipKindLabel[clip.kind]}
        </Badge>
        <span className={shared.muted}>
          Uploaded {formatInstant(clip.uploadedAt)}
          {clip.deleteAfter && <> · deleted after {formatDate(clip.deleteAfter)}</>}
          {clip.legalHold && <> · on legal hold</>}
        </span>
      </p>
      {sharedReview && (
        <MessageBar intent="info" className={styles.block}>
          <MessageBarBody>
            This is {viewer === 'trainee' ? 'your' : `${practice.traineeName}’s`} shared-review video: here the principles describe the guider’s own attunement to the family.
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.layout}>
        <div className={styles.playerColumn}>
          <ClipPlayer api={api} enrolmentId={enrolmentId} clipId={clip.id} title={clip.title} videoRef={videoRef} startAtMs={startAtMs} onClock={setClock} />
          <Timeline durationMs={clock.durationMs} timeMs={clock.timeMs} moments={sortedMoments} comments={comments} stills={stills} onSeek={seek} />
          <div className={styles.toolbar} role="toolbar" aria-label="Review tools">
            <span className={styles.time} data-testid="current-time" data-ms={clock.timeMs}>
              {formatClock(clock.timeMs, { tenths: true })}
              {clock.durationMs !== null && <> / {formatClock(clock.durationMs)}</>}
            </span>
            <Button onClick={() => jump(-1)} aria-keyshortcuts={shortcuts ? 'P' : undefined} data-testid="previous-moment">
              Previous moment
            </Button>
            <Button onClick={() => jump(1)} aria-keyshortcuts={shortcuts ? 'N' : undefined} data-testid="next-moment">
              Next moment
            </Button>
            <Button appearance="primary" onClick={startComment} aria-keyshortcuts={shortcuts ? 'C' : undefined} data-testid="comment-now">
              Comment here
            </Button>
            {viewer === 'trainee' && (
              <Button onClick={() => setMomentFormOpen(true)} aria-keyshortcuts={shortcuts ? 'M' : undefined} data-testid="mark-moment">
                Mark a moment here
              </Button>
            )}
          </div>
          <p className={styles.live} role="status" aria-live="polite" data-testid="review-notice">
            {notice}
          </p>
          {error && <ErrorPanel title="That was not saved" error={error} />}
          <details className={styles.shortcuts}>
            <summary>Keyboard shortcuts</summary>
            <Switch checked={shortcuts} onChange={(_, d) => toggleShortcuts(d.checked)} label="Single-key shortcuts" data-testid="shortcuts-switch" />
            <ul>
              <li>
                <kbd>C</kbd> comment at the current time
              </li>
              {principles.map((p) => (
                <li key={p.key}>
                  <kbd>{p.shortcut}</kbd> tag the current time “{p.label}”
                </li>
              ))}
              <li>
                <kbd>N</kbd> / <kbd>P</kbd> next / previous moment
              </li>
              {viewer === 'trainee' && (
                <li>
                  <kbd>M</kbd> mark a moment starting here
                </li>
              )}
              <li>
                <kbd>Space</kbd> play or pause (on the video)
              </li>
            </ul>
          </details>
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

      <section aria-labelledby="moments-heading" className={shared.section}>
        <h2 id="moments-heading" className={shared.heading}>
          Moments
        </h2>
        {viewer === 'trainee' && (
          <p className={shared.muted}>
            Pick up to {suggestedMoments} “better than usual” moments a cycle, each {suggestedMomentMs / 1000} seconds or less, and tag the principles they show.
          </p>
        )}
        {sortedMoments.length === 0 ? (
          <p className={shared.text}>{viewer === 'trainee' ? 'No moments yet. Play the clip and choose “Mark a moment here”.' : 'The trainee has not marked any moments in this clip yet.'}</p>
        ) : (
          <ol className={shared.plainList} data-testid="moments">
            {sortedMoments.map((m, i) => (
              <li key={m.id} className={styles.item} data-testid="moment" data-start-ms={m.startMs} data-end-ms={m.endMs}>
                <span className={styles.itemHead}>
                  <strong>Moment {i + 1}</strong> {formatClock(m.startMs, { tenths: true })}–{formatClock(m.endMs, { tenths: true })}
                  {m.endMs - m.startMs > suggestedMomentMs && (
                    <Badge appearance="tint" color="warning">
                      longer than {suggestedMomentMs / 1000} s
                    </Badge>
                  )}
                </span>
                <Tags tags={m.tags} />
                {m.note && <p className={styles.note}>{m.note}</p>}
                <span className={shared.row}>
                  <Button size="small" onClick={() => seek(m.startMs)} data-testid="moment-play">
                    Go to moment {i + 1}
                  </Button>
                  {viewer === 'trainee' && (
                    <Button
                      size="small"
                      appearance="subtle"
                      onClick={() => attempt(api.removeMoment({ enrolmentId, clipId: clip.id, momentId: m.id }), () => setMoments((ms) => ms.filter((x) => x.id !== m.id)))}
                    >
                      Remove moment {i + 1}
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="stills-heading" className={shared.section}>
        <h2 id="stills-heading" className={shared.heading}>
          Stills
        </h2>
        {viewer === 'trainee' && <StillForm api={api} enrolmentId={enrolmentId} clipId={clip.id} nowMs={clock.timeMs} onAdded={(s) => setStills((ss) => [...ss, s].sort((a, b) => a.atMs - b.atMs))} onError={setError} />}
        {stills.length === 0 ? (
          <p className={shared.text}>No stills yet.</p>
        ) : (
          <ul className={shared.plainList} data-testid="stills">
            {stills.map((s) => (
              <li key={s.id} className={styles.item} data-testid="still">
                <span className={styles.itemHead}>
                  <strong>{formatClock(s.atMs, { tenths: true })}</strong> {s.caption ?? 'Still'}
                </span>
                <span className={shared.row}>
                  <Button
                    size="small"
                    onClick={() => {
                      videoRef.current?.pause();
                      seek(s.atMs);
                    }}
                  >
                    Show still at {formatClock(s.atMs)}
                  </Button>
                  {viewer === 'trainee' && (
                    <Button
                      size="small"
                      appearance="subtle"
                      onClick={() => attempt(api.removeStill({ enrolmentId, clipId: clip.id, stillId: s.id }), () => setStills((ss) => ss.filter((x) => x.id !== s.id)))}
                    >
                      Remove still at {formatClock(s.atMs)}
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="comments-heading" className={shared.section}>
        <h2 id="comments-heading" className={shared.heading}>
          Comments
        </h2>
        {comments.length === 0 ? (
          <p className={shared.text}>No comments yet.</p>
        ) : (
          <ol className={shared.plainList} data-testid="comments">
            {comments.map((c) => (
              <li key={c.id} className={styles.item} data-testid="comment" data-at-ms={c.atMs}>
                <span className={styles.itemHead}>
                  <Button size="small" appearance="transparent" onClick={() => seek(c.atMs)}>
                    {formatClock(c.atMs, { tenths: true })}
                    <span className={shared.visuallyHidden}>: go to this time</span>
                  </Button>
                  <strong>{author(c.authorId)}</strong>
                  <span className={shared.muted}>{formatInstant(c.createdAt)}</span>
                </span>
                <p className={styles.note}>{c.text}</p>
                {c.tags.length > 0 && <Tags tags={c.tags} />}
                {c.authorId === me.id && (
                  <span className={shared.row}>
                    <Button
                      size="small"
                      appearance="subtle"
                      onClick={() => attempt(api.removeComment({ enrolmentId, clipId: clip.id, commentId: c.id }), () => setComments((cs) => cs.filter((x) => x.id !== c.id)))}
                    >
                      Remove your comment at {formatClock(c.atMs)}
                    </Button>
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      {viewer === 'trainee' && <ClipViewers api={api} clipId={clip.id} />}
    </>
  );
}

function ClipViewers({ api, clipId }: { api: Api; clipId: string }) {
  const shared = useShared();
  const styles = useStyles();
  const load = useCallback(async (signal: AbortSignal) => (await api.myClipViews({ limit: 200 }, signal)).views.filter((v) => v.clipId === clipId), [api, clipId]);
  const { result, retry } = useAsync(load);
  return (
    <section aria-labelledby="viewers-heading" className={shared.section} data-testid="clip-viewers">
      <h2 id="viewers-heading" className={shared.heading}>
        Who viewed this clip
      </h2>
      {result.state === 'loading' && <Loading label="Loading who viewed this clip…" />}
      {result.state === 'failed' && <ErrorPanel title="The viewing record could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' &&
        (result.value.length === 0 ? (
          <p className={shared.text}>Nobody has viewed this clip yet.</p>
        ) : (
          <ul className={shared.plainList}>
            {result.value.map((v) => (
              <li key={`${v.at}/${v.viewer}`} className={styles.viewer} data-testid="clip-viewer">
                <strong>{v.viewer}</strong> · {v.purpose ? (viewPurposeLabel[v.purpose] ?? v.purpose) : 'Viewing'} · <time dateTime={v.at}>{formatInstant(v.at)}</time>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

const useStyles = makeStyles({
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: `0 0 ${tokens.spacingVerticalM}` },
  block: { margin: `${tokens.spacingVerticalM} 0` },
  layout: {
    display: 'grid',
    gap: tokens.spacingHorizontalXL,
    gridTemplateColumns: 'minmax(0, 1fr)',
    marginBottom: tokens.spacingVerticalXL,
    '@media (min-width: 900px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(280px, 2fr)' },
  },
  playerColumn: { minWidth: 0 },
  side: { display: 'grid', gap: tokens.spacingVerticalL, alignContent: 'start', minWidth: 0 },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
  time: { ...typographyStyles.body1Strong, fontVariantNumeric: 'tabular-nums', minWidth: '9ch' },
  live: { ...typographyStyles.body1, minHeight: '1.5em', margin: `${tokens.spacingVerticalS} 0` },
  shortcuts: { ...typographyStyles.caption1, '& summary': { cursor: 'pointer', color: tokens.colorBrandForegroundLink }, '& kbd': { fontFamily: tokens.fontFamilyMonospace, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusSmall, padding: '0 4px' } },
  item: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
  },
  itemHead: { ...typographyStyles.body1, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  note: { ...typographyStyles.body1, margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  viewer: { ...typographyStyles.body1 },
});
