import { Button, FluentProvider, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { ApiError, createApi, toApiError, type DevToken } from './api';
import { Nav, Pages } from './shell';
import { consentPageUrl, useConsentRetry, type AskForConsent } from './components/consent-prompt';
import { ErrorPanel, Loading } from './components/status';
import { setServiceZone } from './format';
import { setVocabulary } from './principles';
import { clearDevToken, loadDevToken, saveDevToken } from './session';
import { href, viewOfSubPage } from './router';
import { connectToTeams, type TeamsHost, type TeamsTheme } from './teams';
import { themes, useThemeName } from './theme';
import { useAsync } from './use-async';

// Pages load on demand, so the first view carries only the shell.
const DevSignInPage = lazy(() => import('./pages/dev-sign-in'));

/** Where the tab is in signing the person in. */
type Boot =
  | { readonly kind: 'starting' }
  | { readonly kind: 'failed'; readonly title: string; readonly error: ApiError; readonly offerDevSignIn: boolean }
  | { readonly kind: 'open-in-teams' }
  | { readonly kind: 'choose-person'; readonly notice: string | null }
  | { readonly kind: 'teams'; readonly host: TeamsHost }
  | { readonly kind: 'dev'; readonly token: DevToken };

const openApi = createApi();

async function boot(onTeams: (host: TeamsHost) => void): Promise<Boot> {
  // The configuration carries the principle vocabulary the pages tag with: it is set before any page shows.
  const config = openApi.config().then((c) => {
    setVocabulary(c.vocabulary, c.vocabularies);
    setServiceZone(c.zone);
    return c;
  });
  const configOrNull = config.catch(() => null);
  const host = await connectToTeams();
  if (host) {
    onTeams(host);
    try {
      await host.getAuthToken();
    } catch (e) {
      const c = await configOrNull;
      return { kind: 'failed', title: 'Teams could not sign you in to Attune', error: ssoError(e), offerDevSignIn: c?.devSignIn ?? false };
    }
    // Without the configuration the pages would have no principles to tag with: say so, and offer to try again.
    try {
      await config;
    } catch (e) {
      return { kind: 'failed', title: 'Attune could not start', error: toApiError(e), offerDevSignIn: false };
    }
    return { kind: 'teams', host };
  }
  try {
    const c = await config;
    if (!c.devSignIn) return { kind: 'open-in-teams' };
    const token = loadDevToken();
    return token ? { kind: 'dev', token } : { kind: 'choose-person', notice: null };
  } catch (e) {
    return { kind: 'failed', title: 'Attune could not start', error: toApiError(e), offerDevSignIn: false };
  }
}

/** A deep link's page (its subEntityId) opens once, when the tab starts with no route of its own: a reload stays where the person was. */
function openDeepLinkedPage(subPageId: string | null): void {
  const view = viewOfSubPage(subPageId);
  if (view && (window.location.hash === '' || window.location.hash === '#' || window.location.hash === '#/')) window.history.replaceState(null, '', href(view));
}

function ssoError(e: unknown): ApiError {
  const reason = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return new ApiError({
    status: 401,
    code: 'sso_failed',
    message: 'Teams did not give Attune a sign-in token. If this is the first time you use Attune, your organisation may need to grant it consent.',
    details: reason ? [reason] : [],
  });
}

export function App() {
  const [state, setBoot] = useState<Boot>({ kind: 'starting' });
  const [teamsTheme, setTeamsTheme] = useState<TeamsTheme | null>(null);
  const [attempt, setAttempt] = useState(0);
  const themeName = useThemeName(teamsTheme);
  const styles = useStyles();

  useEffect(() => {
    let live = true;
    const onTeams = (host: TeamsHost): void => {
      openDeepLinkedPage(host.context.subPageId);
      setTeamsTheme(host.context.theme);
      host.onThemeChange(setTeamsTheme);
    };
    void boot(onTeams).then((b) => {
      if (live) setBoot(b);
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  const restart = useCallback(() => {
    setBoot({ kind: 'starting' });
    setAttempt((n) => n + 1);
  }, []);
  const chooseAgain = useCallback((notice: string | null) => {
    clearDevToken();
    setBoot({ kind: 'choose-person', notice });
  }, []);
  const signedIn = useCallback((token: DevToken) => {
    saveDevToken(token);
    setBoot({ kind: 'dev', token });
  }, []);

  return (
    <FluentProvider theme={themes[themeName]} className={styles.provider} data-theme={themeName}>
      <Screen boot={state} restart={restart} chooseAgain={chooseAgain} signedIn={signedIn} />
    </FluentProvider>
  );
}

function Screen(props: { boot: Boot; restart: () => void; chooseAgain: (notice: string | null) => void; signedIn: (token: DevToken) => void }) {
  const { boot: b, restart, chooseAgain, signedIn } = props;
  const styles = useStyles();
  switch (b.kind) {
    case 'starting':
      return (
        <Layout>
          <Loading label="Starting Attune…" />
        </Layout>
      );
    case 'failed':
      return (
        <Layout>
          <h1 className={styles.title}>Attune</h1>
          <ErrorPanel title={b.title} error={b.error} onRetry={restart}>
            {b.offerDevSignIn && <Button onClick={() => chooseAgain(null)}>Use development sign-in</Button>}
          </ErrorPanel>
        </Layout>
      );
    case 'open-in-teams':
      return (
        <Layout>
          <h1 className={styles.title}>Open Attune from Microsoft Teams</h1>
          <p className={styles.text}>Attune runs inside Microsoft Teams, where it signs you in with your work account. Open Teams and choose Attune from your apps.</p>
        </Layout>
      );
    case 'choose-person':
      return (
        <Layout dev>
          <Suspense fallback={<Loading label="Loading sign-in…" />}>
            <DevSignInPage api={openApi} notice={b.notice} onSignedIn={signedIn} />
          </Suspense>
        </Layout>
      );
    case 'teams':
      return <SignedIn key="teams" getToken={b.host.getAuthToken} onUnauthorized={null} onSwitchPerson={null} askForConsent={() => b.host.authenticate(consentPageUrl(b.host.context))} />;
    case 'dev':
      return (
        <SignedIn
          key={b.token.token}
          getToken={async () => b.token.token}
          onUnauthorized={() => chooseAgain('Your development sign-in has ended. Choose a person to sign in again.')}
          onSwitchPerson={() => chooseAgain(null)}
          askForConsent={null}
        />
      );
  }
}

function SignedIn(props: { getToken: () => Promise<string>; onUnauthorized: (() => void) | null; onSwitchPerson: (() => void) | null; askForConsent: AskForConsent }) {
  const { getToken, onUnauthorized, onSwitchPerson, askForConsent } = props;
  // Any request answered 403 consent_required shows the consent prompt, and is sent again once the person allows it.
  const consent = useConsentRetry(askForConsent);
  // The token source is fixed for the life of this component: a new sign-in remounts it.
  const [api] = useState(() => createApi({ getToken, onConsentRequired: consent.request, ...(onUnauthorized ? { onUnauthorized } : {}) }));
  const loadMe = useCallback((signal: AbortSignal) => api.me(signal), [api]);
  const { result, retry } = useAsync(loadMe);
  const styles = useStyles();
  const me = result.state === 'ready' ? result.value : null;

  const headerEnd = (
    <>
      {me && (
        <span className={styles.who} data-testid="signed-in-as">
          {me.displayName}
        </span>
      )}
      {onSwitchPerson && (
        <Button size="small" onClick={onSwitchPerson}>
          Switch person
        </Button>
      )}
    </>
  );

  return (
    <Layout dev={onSwitchPerson !== null} headerEnd={headerEnd} nav={me ? <Nav me={me} /> : null}>
      {result.state === 'loading' && <Loading label="Signing you in…" />}
      {result.state === 'failed' && (
        <>
          <h1 className={styles.title}>Attune</h1>
          <ErrorPanel title="Attune could not load your details" error={result.error} onRetry={retry} />
        </>
      )}
      {consent.prompt}
      {me && <Pages api={api} me={me} />}
    </Layout>
  );
}

function Layout(props: { children: ReactNode; headerEnd?: ReactNode; dev?: boolean; nav?: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <a href="#main" className={styles.skip} onClick={skipToMain}>
        Skip to content
      </a>
      <header className={styles.header}>
        <div className={styles.headerInner}>
          <span className={styles.brand}>Attune</span>
          {props.dev && <span className={styles.devTag}>Development</span>}
          <span className={styles.headerEnd}>{props.headerEnd}</span>
        </div>
        {props.nav}
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        {props.children}
      </main>
    </>
  );
}

/** The skip link moves focus without touching the hash, which holds the tab's own route. */
function skipToMain(e: MouseEvent<HTMLAnchorElement>): void {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  header: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
  headerInner: {
    maxWidth: '1100px',
    margin: '0 auto',
    boxSizing: 'border-box',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  brand: { ...typographyStyles.subtitle2, color: tokens.colorBrandForeground1 },
  devTag: {
    ...typographyStyles.caption1Strong,
    color: tokens.colorNeutralForeground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `0 ${tokens.spacingHorizontalS}`,
  },
  headerEnd: { marginLeft: 'auto', display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  who: { ...typographyStyles.body1 },
  main: { maxWidth: '1100px', margin: '0 auto', boxSizing: 'border-box', padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXXL}`, outlineStyle: 'none' },
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalS,
    top: '-40px',
    zIndex: 10,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    ':focus': { top: tokens.spacingVerticalS },
  },
  title: { ...typographyStyles.title2, margin: `0 0 ${tokens.spacingVerticalL}` },
  text: { ...typographyStyles.body1, maxWidth: '60ch' },
});
