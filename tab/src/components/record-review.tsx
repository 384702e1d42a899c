import { Button, Field, makeStyles, MessageBar, MessageBarBody, Textarea, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { toApiError, type Api, type ApiError, type RecordView } from '../api';
import { formatDate, formatMinutes } from '../format';
import { principleLabel } from '../principles';
import { useShared } from '../styles';
import { useAsync } from '../use-async';
import { ErrorPanel, Loading } from './status';

const maxComment = 1000;

/**
 * Supervision records a trainee wrote that wait for the supervisor's co-signature. A review session's
 * summary becomes the supervisor's comment, so what was seen in the clip feeds the record.
 */
export function RecordsToCosign({ api, traineeId, summary, headingLevel = 2 }: { api: Api; traineeId: string; summary: string | null; headingLevel?: 2 | 3 }) {
  const shared = useShared();
  const load = useCallback(async (signal: AbortSignal) => (await api.recordsToCosign(signal)).filter((r) => r.traineeId === traineeId), [api, traineeId]);
  const { result, retry } = useAsync(load);
  const H = `h${headingLevel}` as const;
  return (
    <section aria-labelledby="records-heading" className={shared.section} data-testid="records-to-cosign">
      <H id="records-heading" className={shared.heading}>
        Supervision records to co-sign
      </H>
      {result.state === 'loading' && <Loading label="Loading records…" />}
      {result.state === 'failed' && <ErrorPanel title="Records could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' &&
        (result.value.length === 0 ? (
          <p className={shared.text} data-testid="no-records">
            No supervision records are waiting for you. When the trainee writes up a session with the Attune bot, it appears here to co-sign.
          </p>
        ) : (
          <ul className={shared.plainList}>
            {result.value.map((r) => (
              <RecordCard key={`${r.record.id}/${r.record.revision}`} api={api} view={r} summary={summary} Sub={headingLevel === 2 ? 'h3' : 'h4'} />
            ))}
          </ul>
        ))}
    </section>
  );
}

type Done = { readonly decision: 'cosign' | 'return'; readonly note: string };

function RecordCard({ api, view, summary, Sub }: { api: Api; view: RecordView; summary: string | null; Sub: 'h3' | 'h4' }) {
  const styles = useStyles();
  const shared = useShared();
  const c = view.record.content;
  const [comment, setComment] = useState(summary ? summary.slice(0, maxComment) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  const decide = (decision: 'cosign' | 'return'): void => {
    setBusy(true);
    setError(null);
    api.reviewRecord({ enrolmentId: view.enrolmentId, recordId: view.record.id, revision: view.record.revision, decision, comment }).then(
      (r) => {
        setBusy(false);
        const status = r.value.record.state.status;
        setDone({ decision, note: r.outcome === 'changed' ? (decision === 'cosign' ? 'Co-signed.' : 'Returned to the trainee.') : `Nothing changed: the record is now ${status.replace('_', ' ')}.` });
      },
      (e: unknown) => {
        setBusy(false);
        setError(toApiError(e));
      },
    );
  };

  return (
    <li className={shared.card} data-testid="record" data-record-id={view.record.id}>
      <Sub className={shared.subheading}>
        Session on <time dateTime={view.session.heldOn}>{formatDate(view.session.heldOn)}</time> ({formatMinutes(view.session.minutes)})
      </Sub>
      <dl className={styles.fields}>
        <dt>Learning question</dt>
        <dd>{c.learningQuestion}</dd>
        <dt>What was working</dt>
        <dd>
          {c.whatWasWorking}
          <span className={shared.muted}> ({c.principles.map(principleLabel).join(', ')})</span>
        </dd>
        <dt>Learning points</dt>
        <dd>{c.learningPoints}</dd>
        <dt>Next steps</dt>
        <dd>{c.nextSteps}</dd>
        {view.caseCodes.length > 0 && (
          <>
            <dt>Cases discussed</dt>
            <dd>{view.caseCodes.join(', ')}</dd>
          </>
        )}
      </dl>
      {done ? (
        <MessageBar intent="success" data-testid="record-done">
          <MessageBarBody>{done.note}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Field label="Your comment" hint={`Shown to the trainee with the record. At most ${maxComment} characters; needed to return a record.`} validationMessage={comment.length > maxComment ? 'That is too long.' : undefined}>
            <Textarea value={comment} onChange={(_, d) => setComment(d.value)} resize="vertical" rows={4} data-testid="record-comment" />
          </Field>
          {error && <ErrorPanel title="The record was not changed" error={error} />}
          <div className={styles.actions}>
            {summary !== null && summary !== comment && (
              <Button onClick={() => setComment(summary.slice(0, maxComment))} data-testid="record-use-summary">
                Use the review summary
              </Button>
            )}
            <Button appearance="primary" disabled={busy || comment.length > maxComment} onClick={() => decide('cosign')} data-testid="record-cosign">
              Co-sign
            </Button>
            <Button disabled={busy || !comment.trim() || comment.length > maxComment} onClick={() => decide('return')}>
              Return to the trainee
            </Button>
          </div>
        </>
      )}
    </li>
  );
}

const useStyles = makeStyles({
  fields: {
    ...typographyStyles.body1,
    margin: `0 0 ${tokens.spacingVerticalM}`,
    '& dt': { fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalS },
    '& dd': { margin: 0, whiteSpace: 'pre-wrap' },
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
});
