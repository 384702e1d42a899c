import { Badge, Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Textarea, ToggleButton, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { toApiError, type Api, type ApiError, type ClipComment, type ClipDetail, type Me, type Moment, type MomentWarning, type PracticeView, type PrincipleKey, type Still } from '../api';
import { ClipPlayer, type PlayerClock } from '../components/clip-player';
import { ReviewSession } from '../components/review-session';
import { ErrorPanel, Loading } from '../components/status';
import { Timeline } from '../components/timeline';
import { clipKindLabel, formatClock, formatDate, formatInstant, spokenClock, viewPurposeLabel } from '../format';
import { principleColour, principleLabel, principles } from '../principles';
import { href } from '../router';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

/** VIG suggests up to three moments a cycle, each ten seconds or less. */
const suggestedMomentMs = 10_000;
const suggestedMoments = 3;

type Viewer = 'trainee' | 'supervisor';

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
  }, [startComment, jump, tagNow, viewer]);

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
            <Button onClick={() => jump(-1)} aria-keyshortcuts="P" data-testid="previous-moment">
              Previous moment
            </Button>
            <Button onClick={() => jump(1)} aria-keyshortcuts="N" data-testid="next-moment">
              Next moment
            </Button>
            <Button appearance="primary" onClick={startComment} aria-keyshortcuts="C" data-testid="comment-now">
              Comment here
            </Button>
            {viewer === 'trainee' && (
              <Button onClick={() => setMomentFormOpen(true)} aria-keyshortcuts="M" data-testid="mark-moment">
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

function Tags({ tags }: { tags: readonly { key: PrincipleKey; element: string | null }[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.tags} aria-label="Principles">
      {tags.map((t) => (
        <li key={`${t.key}/${t.element ?? ''}`} className={styles.tag} data-principle={t.key}>
          <span className={styles.dot} style={{ background: principleColour(t.key) }} aria-hidden="true" />
          {principleLabel(t.key)}
          {t.element && <>: {t.element}</>}
        </li>
      ))}
    </ul>
  );
}

function CommentComposer(props: {
  api: Api;
  enrolmentId: string;
  clipId: string;
  atMs: number;
  pinned: boolean;
  onUseNow: () => void;
  boxRef: RefObject<HTMLTextAreaElement | null>;
  onAdded: (c: ClipComment) => void;
  sharedReview: boolean;
}) {
  const { api, enrolmentId, clipId, atMs, pinned, onUseNow, boxRef, onAdded, sharedReview } = props;
  const styles = useStyles();
  const shared = useShared();
  const [text, setText] = useState('');
  const [tags, setTags] = useState<PrincipleKey[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = (e?: FormEvent): void => {
    e?.preventDefault();
    if (!text.trim()) {
      setError(toApiError(new Error('Write a comment first.')));
      return;
    }
    setBusy(true);
    setError(null);
    api.addComment({ enrolmentId, clipId, atMs, text: text.trim(), tags }).then(
      (c) => {
        setBusy(false);
        setText('');
        setTags([]);
        onAdded(c);
      },
      (err: unknown) => {
        setBusy(false);
        setError(toApiError(err));
      },
    );
  };

  return (
    <form className={`${shared.card} ${styles.composer}`} onSubmit={submit} aria-labelledby="composer-heading" data-testid="comment-composer">
      <h2 id="composer-heading" className={shared.subheading}>
        Comment at <span data-testid="comment-at" data-ms={atMs}>{formatClock(atMs, { tenths: true })}</span>
      </h2>
      {pinned && (
        <Button size="small" appearance="subtle" onClick={onUseNow}>
          Use the current time instead
        </Button>
      )}
      <Field label={`Your comment at ${spokenClock(atMs)}`} validationMessage={error?.message}>
        <Textarea
          ref={boxRef}
          value={text}
          rows={3}
          resize="vertical"
          maxLength={4000}
          onChange={(_, d) => setText(d.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
            // Escape leaves the box, so the review shortcuts work again.
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          data-testid="comment-text"
        />
      </Field>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{sharedReview ? 'Principles the guider shows' : 'Principles'}</legend>
        <div className={styles.toggles}>
          {principles.map((p) => {
            const on = tags.includes(p.key);
            return (
              <ToggleButton key={p.key} size="small" checked={on} onClick={() => setTags((ts) => (on ? ts.filter((t) => t !== p.key) : [...ts, p.key]))} data-principle={p.key}>
                <span className={styles.dot} style={{ background: principleColour(p.key) }} aria-hidden="true" />
                {p.label}
              </ToggleButton>
            );
          })}
        </div>
      </fieldset>
      <div className={shared.row}>
        <Button type="submit" appearance="primary" disabled={busy} aria-keyshortcuts="Control+Enter" data-testid="comment-add">
          Add comment
        </Button>
        <span className={shared.muted}>Ctrl+Enter adds it; Esc leaves the box.</span>
      </div>
    </form>
  );
}

function MomentForm(props: { api: Api; enrolmentId: string; clipId: string; nowMs: number; durationMs: number | null; existing: number; onClose: () => void; onAdded: (m: Moment, w: readonly MomentWarning[]) => void }) {
  const { api, enrolmentId, clipId, nowMs, durationMs, existing, onClose, onAdded } = props;
  const styles = useStyles();
  const shared = useShared();
  const end = (from: number): number => Math.min(from + 5000, durationMs ?? from + 5000);
  const [start, setStart] = useState(() => nowMs / 1000);
  const [stop, setStop] = useState(() => Math.max(nowMs + 100, end(nowMs)) / 1000);
  const [tags, setTags] = useState<PrincipleKey[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const lengthMs = Math.round((stop - start) * 1000);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.addMoment({ enrolmentId, clipId, startMs: Math.round(start * 1000), endMs: Math.round(stop * 1000), tags, note: note.trim() || null }).then(
      (r) => onAdded(r.moment, r.warnings),
      (err: unknown) => {
        setBusy(false);
        setError(toApiError(err));
      },
    );
  };

  return (
    <section className={`${shared.card} ${styles.block}`} aria-labelledby="moment-form-heading" data-testid="moment-form">
      <h2 id="moment-form-heading" ref={heading} tabIndex={-1} className={shared.subheading}>
        Mark a moment
      </h2>
      <form className={shared.form} onSubmit={submit}>
        <div className={styles.times}>
          <Field label="Starts at (seconds)">
            <Input type="number" min={0} step={0.1} value={String(Math.round(start * 10) / 10)} onChange={(_, d) => setStart(Number(d.value))} data-testid="moment-start" />
          </Field>
          <Button onClick={() => setStart(nowMs / 1000)}>Start now ({formatClock(nowMs, { tenths: true })})</Button>
          <Field label="Ends at (seconds)">
            <Input type="number" min={0} step={0.1} value={String(Math.round(stop * 10) / 10)} onChange={(_, d) => setStop(Number(d.value))} data-testid="moment-end" />
          </Field>
          <Button onClick={() => setStop(nowMs / 1000)}>End now ({formatClock(nowMs, { tenths: true })})</Button>
        </div>
        <p className={shared.muted} aria-live="polite">
          {lengthMs > 0 ? `${(lengthMs / 1000).toFixed(1)} seconds long.` : 'The moment must end after it starts.'}
          {lengthMs > suggestedMomentMs && ` Moments work best at ${suggestedMomentMs / 1000} seconds or less.`}
          {existing >= suggestedMoments && ` This clip already has ${existing} moments; a cycle usually uses up to ${suggestedMoments}.`}
        </p>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Principles this moment shows</legend>
          <div className={styles.checks}>
            {principles.map((p) => (
              <Checkbox
                key={p.key}
                checked={tags.includes(p.key)}
                onChange={(_, d) => setTags((ts) => (d.checked ? [...ts, p.key] : ts.filter((t) => t !== p.key)))}
                label={
                  <>
                    <span className={styles.dot} style={{ background: principleColour(p.key) }} aria-hidden="true" />
                    {p.label}
                  </>
                }
                data-principle={p.key}
              />
            ))}
          </div>
        </fieldset>
        <Field label="Note (optional)">
          <Textarea value={note} onChange={(_, d) => setNote(d.value)} maxLength={2000} rows={2} />
        </Field>
        {error && <ErrorPanel title="The moment was not saved" error={error} />}
        <div className={shared.row}>
          <Button type="submit" appearance="primary" disabled={busy || lengthMs <= 0} data-testid="moment-save">
            Save moment
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}

function StillForm({ api, enrolmentId, clipId, nowMs, onAdded, onError }: { api: Api; enrolmentId: string; clipId: string; nowMs: number; onAdded: (s: Still) => void; onError: (e: ApiError) => void }) {
  const shared = useShared();
  const styles = useStyles();
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const add = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    api.addStill({ enrolmentId, clipId, atMs: nowMs, caption: caption.trim() || null }).then(
      (s) => {
        setBusy(false);
        setCaption('');
        onAdded(s);
      },
      (err: unknown) => {
        setBusy(false);
        onError(toApiError(err));
      },
    );
  };
  return (
    <form className={styles.stillForm} onSubmit={add}>
      <Field label="Caption for a still (optional)">
        <Input value={caption} maxLength={200} onChange={(_, d) => setCaption(d.value)} data-testid="still-caption" />
      </Field>
      <Button type="submit" disabled={busy} data-testid="still-add">
        Add a still at {formatClock(nowMs, { tenths: true })}
      </Button>
      <span className={shared.visuallyHidden}>The still is the frame at the current time of the video.</span>
    </form>
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
  composer: { display: 'grid', gap: tokens.spacingVerticalS },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalXS },
  toggles: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 220px), 1fr))' },
  dot: { forcedColorAdjust: 'none', display: 'inline-block', width: '10px', height: '10px', borderRadius: '50%', marginRight: tokens.spacingHorizontalXS, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralForeground1}`, flexShrink: 0 },
  times: { display: 'grid', gap: tokens.spacingHorizontalM, alignItems: 'end', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 160px), 1fr))' },
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
  tags: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  tag: { ...typographyStyles.caption1, display: 'inline-flex', alignItems: 'center' },
  stillForm: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM },
  viewer: { ...typographyStyles.body1 },
});
