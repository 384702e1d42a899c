import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ApiError } from '../api';

const useStyles = makeStyles({
  loading: { padding: `${tokens.spacingVerticalXXL} 0`, display: 'flex', justifyContent: 'center' },
  details: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  panel: { margin: `${tokens.spacingVerticalM} 0` },
});

/** A loading state with words: the label is what a screen reader announces. */
export function Loading({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.loading}>
      <Spinner label={label} labelPosition="below" />
    </div>
  );
}

/** A failure as the person should see it: what failed, the server's message and details, and a way to try again. */
export function ErrorPanel(props: { title: string; error: ApiError; onRetry?: () => void; children?: ReactNode }) {
  const styles = useStyles();
  const { title, error, onRetry, children } = props;
  return (
    <MessageBar intent="error" layout="multiline" className={styles.panel} data-testid="error" data-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {error.message}
        {error.details.length > 0 && (
          <ul className={styles.details}>
            {error.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      <MessageBarActions>
        {onRetry && (
          <Button appearance="primary" onClick={onRetry}>
            Try again
          </Button>
        )}
        {children}
      </MessageBarActions>
    </MessageBar>
  );
}
