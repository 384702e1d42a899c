import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { isConsentRequired, type ApiError } from '../api';

/**
 * Asks the person, in Teams' authentication window, for the delegated permissions Attune uses on their behalf;
 * settles once the window reports back (rejects when they said no or closed it). Null outside Teams, where the
 * tab cannot open that window.
 */
export type AskForConsent = (() => Promise<void>) | null;

/** The consent start page, with what it needs from the Teams context (the tenant to sign in to, a login hint). */
export function consentPageUrl(context: { tenantId: string | null; loginHint: string | null }): string {
  const url = new URL('/tab/consent.html', window.location.origin);
  if (context.tenantId) url.searchParams.set('tenant', context.tenantId);
  if (context.loginHint) url.searchParams.set('loginHint', context.loginHint);
  return url.href;
}

export const consentTitle = "Attune needs your permission to read your calendar's free/busy";

const useStyles = makeStyles({
  panel: { margin: `${tokens.spacingVerticalM} 0` },
});

/**
 * The prompt itself: what Attune needs and why, with Allow (in Teams) or what to do instead (in a browser).
 * `problem` is said under it after an attempt that did not work.
 */
export function ConsentPrompt(props: { message: string; ask: AskForConsent; busy: boolean; problem: string | null; onAllow: () => void; onRetry: () => void; onDismiss: () => void }) {
  const styles = useStyles();
  const { message, ask, busy, problem, onAllow, onRetry, onDismiss } = props;
  return (
    <MessageBar intent="warning" layout="multiline" className={styles.panel} data-testid="consent-prompt" role="alertdialog" aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>{consentTitle}</MessageBarTitle>
        <p>{message}</p>
        <p>Attune sees only when you are free or busy, never what your meetings are about.</p>
        {!ask && <p data-testid="consent-outside-teams">Attune can ask for it only inside Microsoft Teams. Open Attune from Teams and try again there, or ask your IT team to give consent for everyone in your organisation; then choose Try again.</p>}
        {problem && (
          <p role="alert" data-testid="consent-problem">
            {problem}
          </p>
        )}
      </MessageBarBody>
      <MessageBarActions>
        {ask ? (
          <Button appearance="primary" onClick={onAllow} disabled={busy} data-testid="consent-allow">
            Allow
          </Button>
        ) : (
          <Button appearance="primary" onClick={onRetry} disabled={busy} data-testid="consent-retry">
            Try again
          </Button>
        )}
        <Button onClick={onDismiss} disabled={busy} data-testid="consent-dismiss">
          Not now
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export interface ConsentRetry {
  /**
   * For `createApi({ onConsentRequired })`: shows the prompt for this refusal and resolves true once the person
   * has given their permission (the request is then sent again), false when they choose Not now. Calls waiting
   * together share one prompt.
   */
  readonly request: (error: ApiError) => Promise<boolean>;
  /** Runs `work`; on a `consent_required` refusal, asks and runs it again, until it succeeds or the person says not now. */
  readonly guard: <T>(work: () => Promise<T>) => Promise<T>;
  /** The prompt while one is open (render it where the person will see it), else null. */
  readonly prompt: ReactNode;
}

interface Open {
  readonly message: string;
  readonly waiting: ((given: boolean) => void)[];
}

/**
 * Turns a 403 `consent_required` answer into a consent prompt, and the person's Allow into the original request
 * sent again. In Teams, Allow opens the consent page in Teams' authentication window (teams-js
 * `authentication.authenticate`); outside Teams the prompt says what to do instead and offers Try again.
 *
 * The tab's shell passes `request` to its API client, so every page gets this without doing anything; a page
 * that makes calls of its own wraps them in `guard` and renders `prompt`.
 */
export function useConsentRetry(ask: AskForConsent): ConsentRetry {
  const [open, setOpen] = useState<Open | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const current = useRef<Open | null>(null);

  const settle = useCallback((given: boolean) => {
    const o = current.current;
    current.current = null;
    setOpen(null);
    setBusy(false);
    setProblem(null);
    for (const resolve of o?.waiting ?? []) resolve(given);
  }, []);

  const request = useCallback((error: ApiError): Promise<boolean> => {
    return new Promise<boolean>((resolve) => {
      const o = current.current ?? { message: error.message, waiting: [] };
      o.waiting.push(resolve);
      if (!current.current) {
        current.current = o;
        setOpen(o);
      }
    });
  }, []);

  const guard = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T> => {
      for (;;) {
        try {
          return await work();
        } catch (e) {
          if (!isConsentRequired(e) || !(await request(e))) throw e;
        }
      }
    },
    [request],
  );

  const allow = useCallback(() => {
    if (!ask) return;
    setBusy(true);
    setProblem(null);
    ask().then(
      () => settle(true),
      (e: unknown) => {
        setBusy(false);
        const reason = e instanceof Error ? e.message : '';
        setProblem(/CancelledByUser|closed/i.test(reason) ? 'The permission window was closed before you chose Allow. Choose Allow to try again.' : 'Permission was not given. Choose Allow to try again, or Not now.');
      },
    );
  }, [ask, settle]);

  const prompt = open ? <ConsentPrompt message={open.message} ask={ask} busy={busy} problem={problem} onAllow={allow} onRetry={() => settle(true)} onDismiss={() => settle(false)} /> : null;
  return useMemo(() => ({ request, guard, prompt }), [request, guard, prompt]);
}
