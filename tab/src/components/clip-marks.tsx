import { Button, Checkbox, Field, Input, makeStyles, Textarea, ToggleButton, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { toApiError, type Api, type ApiError, type ClipComment, type Moment, type MomentWarning, type PrincipleKey, type Still } from '../api';
import { formatClock, spokenClock } from '../format';
import { principleColour, principles, tagLabel } from '../principles';
import { useShared } from '../styles';
import { ErrorPanel } from './status';

/** VIG suggests up to three moments a cycle, each ten seconds or less. */
export const suggestedMomentMs = 10_000;
export const suggestedMoments = 3;

/**
 * What a person adds to a clip at a time in it: a comment (with principle tags), a moment (a time range the
 * trainee picks, with the principles it shows) and a still (a frame, with a caption).
 */
export function Tags({ tags }: { tags: readonly { key: PrincipleKey; element: string | null; vocabularyId?: string; vocabularyVersion?: number }[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.tags} aria-label="Principles">
      {tags.map((t) => (
        <li key={`${t.key}/${t.element ?? ''}`} className={styles.tag} data-principle={t.key}>
          <span className={styles.dot} style={{ background: principleColour(t.key) }} aria-hidden="true" />
          {tagLabel(t)}
          {t.element && <>: {t.element}</>}
        </li>
      ))}
    </ul>
  );
}

export function CommentComposer(props: {
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
    <form className={`${shared.card} ${styles.composer}`} onSubmit={submit} noValidate aria-labelledby="composer-heading" data-testid="comment-composer">
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

export function MomentForm(props: { api: Api; enrolmentId: string; clipId: string; nowMs: number; durationMs: number | null; existing: number; onClose: () => void; onAdded: (m: Moment, w: readonly MomentWarning[]) => void }) {
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
      <form className={shared.form} onSubmit={submit} noValidate>
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

export function StillForm({ api, enrolmentId, clipId, nowMs, onAdded, onError }: { api: Api; enrolmentId: string; clipId: string; nowMs: number; onAdded: (s: Still) => void; onError: (e: ApiError) => void }) {
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
    <form className={styles.stillForm} onSubmit={add} noValidate>
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

const useStyles = makeStyles({
  block: { margin: `${tokens.spacingVerticalM} 0` },
  composer: { display: 'grid', gap: tokens.spacingVerticalS },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalXS },
  toggles: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 220px), 1fr))' },
  dot: { forcedColorAdjust: 'none', display: 'inline-block', width: '10px', height: '10px', borderRadius: '50%', marginRight: tokens.spacingHorizontalXS, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralForeground1}`, flexShrink: 0 },
  times: { display: 'grid', gap: tokens.spacingHorizontalM, alignItems: 'end', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 160px), 1fr))' },
  tags: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  tag: { ...typographyStyles.caption1, display: 'inline-flex', alignItems: 'center' },
  stillForm: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM },
});
