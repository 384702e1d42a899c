import { Button, Field, makeStyles, Textarea, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api, ClipComment, Me } from '../api';
import { formatClock } from '../format';
import { principleLabel, tagLabel } from '../principles';
import { useShared } from '../styles';
import { RecordsToCosign } from './record-review';

type Step = 'intention' | 'commenting' | 'summary';

interface Session {
  readonly step: Step;
  readonly intention: string;
  /** Comments that existed when the session started: the session's own are the rest (no clocks compared). */
  readonly before: readonly string[] | null;
  readonly summary: string | null;
}

const fresh: Session = { step: 'intention', intention: '', before: null, summary: null };
const keyFor = (clipId: string): string => `attune.review.${clipId}`;

function load(clipId: string): Session {
  try {
    const raw = sessionStorage.getItem(keyFor(clipId));
    if (!raw) return fresh;
    const v = JSON.parse(raw) as Partial<Session>;
    return v.step === 'intention' || v.step === 'commenting' || v.step === 'summary' ? { ...fresh, ...v } : fresh;
  } catch {
    return fresh;
  }
}

/** The summary a review session produces: the intention, each comment at its time with its principles, and how often each principle came up. */
export function summarise(intention: string, comments: readonly ClipComment[]): string {
  const lines = [`Intention: ${intention.trim() || '(none written)'}`, '', 'What I saw:'];
  if (comments.length === 0) lines.push('- (no comments in this session)');
  for (const c of comments) lines.push(`- ${formatClock(c.atMs)}${c.tags.length ? ` [${c.tags.map(tagLabel).join(', ')}]` : ''} ${c.text}`);
  const counts = new Map<string, number>();
  for (const c of comments) for (const t of c.tags) counts.set(t.key, (counts.get(t.key) ?? 0) + 1);
  if (counts.size) lines.push('', `Principles seen: ${[...counts].map(([k, n]) => `${principleLabel(k)} (${n})`).join(', ')}`);
  return lines.join('\n');
}

/**
 * A supervisor's review of a clip in three steps: say what to look for (intention), comment at times in the
 * clip, then a summary that can go straight into the trainee's supervision record as the co-signing comment.
 * The session lives in this browser tab only (sessionStorage); the comments themselves are saved as they are made.
 */
export function ReviewSession(props: { api: Api; clipId: string; comments: readonly ClipComment[]; me: Me; traineeId: string; traineeName: string }) {
  const { api, clipId, comments, me, traineeId, traineeName } = props;
  const styles = useStyles();
  const shared = useShared();
  const [session, setSession] = useState<Session>(() => load(clipId));
  useEffect(() => {
    try {
      sessionStorage.setItem(keyFor(clipId), JSON.stringify(session));
    } catch {
      // Storage blocked: the session still works until the page is closed.
    }
  }, [clipId, session]);

  const mine = comments.filter((c) => c.authorId === me.id && session.before !== null && !session.before.includes(c.id)).sort((a, b) => a.atMs - b.atMs);
  const steps: { step: Step; label: string }[] = [
    { step: 'intention', label: 'Intention' },
    { step: 'commenting', label: 'Comments' },
    { step: 'summary', label: 'Summary' },
  ];

  return (
    <section className={shared.card} aria-labelledby="review-heading" data-testid="review-session" data-step={session.step}>
      <h2 id="review-heading" className={shared.subheading}>
        Review session
      </h2>
      <ol className={styles.steps} aria-label="Review steps">
        {steps.map((s, i) => (
          <li key={s.step} className={styles.step} aria-current={s.step === session.step ? 'step' : undefined}>
            {i + 1}. {s.label}
          </li>
        ))}
      </ol>

      {session.step === 'intention' && (
        <>
          <Field label="What do you want to look at in this clip?" hint={`For example: how ${traineeName} receives the family’s initiatives.`}>
            <Textarea value={session.intention} rows={3} maxLength={500} onChange={(_, d) => setSession({ ...session, intention: d.value })} data-testid="review-intention" />
          </Field>
          <Button appearance="primary" disabled={!session.intention.trim()} onClick={() => setSession({ ...session, step: 'commenting', before: comments.map((c) => c.id) })} data-testid="review-start">
            Start the review
          </Button>
        </>
      )}

      {session.step === 'commenting' && (
        <>
          <p className={shared.text}>
            <strong>Intention:</strong> {session.intention}
          </p>
          <p className={shared.muted} data-testid="review-count">
            {mine.length} {mine.length === 1 ? 'comment' : 'comments'} in this session. Comment at any time with <kbd>C</kbd>, or tag with <kbd>1</kbd>–<kbd>6</kbd>.
          </p>
          <div className={shared.row}>
            <Button appearance="primary" onClick={() => setSession({ ...session, step: 'summary', summary: summarise(session.intention, mine) })} data-testid="review-finish">
              Finish and summarise
            </Button>
            <Button onClick={() => setSession({ ...session, step: 'intention' })}>Change the intention</Button>
          </div>
        </>
      )}

      {session.step === 'summary' && (
        <>
          <Field label="Summary" hint="Edit it as you like. It can be your comment when you co-sign the supervision record.">
            <Textarea value={session.summary ?? ''} rows={8} resize="vertical" onChange={(_, d) => setSession({ ...session, summary: d.value })} data-testid="review-summary" />
          </Field>
          <div className={shared.row}>
            <Button onClick={() => setSession({ ...session, step: 'commenting' })}>Back to comments</Button>
            <Button onClick={() => setSession({ ...session, summary: summarise(session.intention, mine) })}>Rebuild from comments</Button>
            <Button appearance="subtle" onClick={() => setSession(fresh)}>
              Start a new review
            </Button>
          </div>
          <RecordsToCosign api={api} traineeId={traineeId} summary={session.summary} headingLevel={3} />
        </>
      )}
    </section>
  );
}

const useStyles = makeStyles({
  steps: { ...typographyStyles.caption1, listStyleType: 'none', display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, padding: 0, margin: `0 0 ${tokens.spacingVerticalM}`, color: tokens.colorNeutralForeground2 },
  step: { '&[aria-current="step"]': { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold, textDecorationLine: 'underline' } },
});
