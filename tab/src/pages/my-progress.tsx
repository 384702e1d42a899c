import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { Api } from '../api';
import { ProgressView } from '../components/progress-view';
import { ErrorPanel, Loading } from '../components/status';
import { useAsync } from '../use-async';

const useStyles = makeStyles({
  heading: { ...typographyStyles.title3, margin: `0 0 ${tokens.spacingVerticalS}` },
  text: { ...typographyStyles.body1, maxWidth: '60ch' },
});

/** The trainee's own page: their progress on their current pathway. */
export default function MyProgress({ api }: { api: Api }) {
  const styles = useStyles();
  const load = useCallback((signal: AbortSignal) => api.myProgress(signal), [api]);
  const { result, retry } = useAsync(load);
  switch (result.state) {
    case 'loading':
      return <Loading label="Loading your progress…" />;
    case 'failed':
      return <ErrorPanel title="Your progress could not be loaded" error={result.error} onRetry={retry} />;
    case 'ready':
      return result.value ? (
        <ProgressView progress={result.value} headingLevel={2} />
      ) : (
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading" className={styles.heading}>
            Your progress
          </h2>
          <p className={styles.text}>You are not enrolled on a training pathway yet. Your supervisor or service lead can enrol you.</p>
        </section>
      );
  }
}
