import { CompoundButton, makeStyles, MessageBar, MessageBarBody, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { toApiError, type Api, type ApiError, type DevToken } from '../api';
import { ErrorPanel, Loading } from '../components/status';
import { roleLabel } from '../format';
import { useAsync } from '../use-async';

/**
 * Development sign-in: pick a demo person. The server offers it only in development mode; in production
 * the tab never shows this page.
 */
export default function DevSignInPage(props: { api: Api; notice: string | null; onSignedIn: (token: DevToken) => void }) {
  const { api, notice, onSignedIn } = props;
  const styles = useStyles();
  const loadPeople = useCallback((signal: AbortSignal) => api.devPeople(signal), [api]);
  const { result, retry } = useAsync(loadPeople);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ personId: string; error: ApiError } | null>(null);

  const signInAs = (personId: string): void => {
    setBusy(personId);
    setFailure(null);
    api.devSignIn(personId).then(onSignedIn, (e: unknown) => {
      setBusy(null);
      setFailure({ personId, error: toApiError(e) });
    });
  };

  return (
    <>
      <h1 className={styles.title}>Development sign-in</h1>
      <p className={styles.text}>
        This Attune server runs in development mode. Choose a demo person to see the tab as they would. People in your organisation sign in through
        Microsoft Teams instead.
      </p>
      {notice && (
        <MessageBar intent="warning" className={styles.notice}>
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {failure && <ErrorPanel title="Sign-in failed" error={failure.error} onRetry={() => signInAs(failure.personId)} />}
      {result.state === 'loading' && <Loading label="Loading demo people…" />}
      {result.state === 'failed' && <ErrorPanel title="Could not list the demo people" error={result.error} onRetry={retry} />}
      {result.state === 'ready' && (
        <section aria-labelledby="dev-people-heading">
          <h2 id="dev-people-heading" className={styles.heading}>
            Sign in as
          </h2>
          {result.value.length === 0 ? (
            <p className={styles.text}>There are no demo people. Start the server with the demo data seeded.</p>
          ) : (
            <ul className={styles.list}>
              {result.value.map((p) => (
                <li key={p.id}>
                  <CompoundButton
                    className={styles.person}
                    data-testid="dev-person"
                    data-person-id={p.id}
                    secondaryContent={p.roles.length ? p.roles.map((r) => roleLabel[r]).join(', ') : 'No role yet'}
                    disabled={busy !== null}
                    onClick={() => signInAs(p.id)}
                  >
                    {p.displayName}
                  </CompoundButton>
                </li>
              ))}
            </ul>
          )}
          {busy && <Loading label="Signing in…" />}
        </section>
      )}
    </>
  );
}

const useStyles = makeStyles({
  title: { ...typographyStyles.title2, margin: `0 0 ${tokens.spacingVerticalM}` },
  heading: { ...typographyStyles.subtitle1, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalM}` },
  text: { ...typographyStyles.body1, maxWidth: '60ch' },
  notice: { margin: `${tokens.spacingVerticalM} 0` },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalS,
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 240px), 1fr))',
  },
  person: { width: '100%', maxWidth: 'none', justifyContent: 'flex-start' },
});
