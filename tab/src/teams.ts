/**
 * The tab's only contact with the Teams client (the only file that imports @microsoft/teams-js).
 *
 * teams-js is loaded on demand and only when the page sits in a frame, so a page opened in a plain
 * browser neither downloads it nor waits for a host that will never answer.
 */

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsContext {
  readonly tenantId: string | null;
  readonly userObjectId: string | null;
  /** The person's sign-in name, for the consent page to hint with (never shown or stored). */
  readonly loginHint: string | null;
  readonly theme: TeamsTheme;
  readonly locale: string | null;
  /** The page a deep link opened the tab at (its `subEntityId`), e.g. "supervision/{enrolmentId}"; null when none. */
  readonly subPageId: string | null;
}

export interface TeamsHost {
  readonly context: TeamsContext;
  /** An Entra SSO token for the tab's API (teams-js caches and refreshes it). */
  readonly getAuthToken: () => Promise<string>;
  /** Teams calls this when the person switches theme. One handler at a time, as in teams-js. */
  readonly onThemeChange: (handler: (theme: TeamsTheme) => void) => void;
  /**
   * Opens `url` (a page of this tab's origin) in Teams' authentication window and settles when that page calls
   * {@link finishAuthentication}: resolves on success, rejects with the page's reason (or the person closing it).
   */
  readonly authenticate: (url: string) => Promise<void>;
}

/** How long to wait for a Teams host to answer before treating the page as outside Teams. */
const defaultTimeoutMs = 3000;

/** Connects to the hosting Teams client, or answers null when the page is not inside Teams. */
export async function connectToTeams(options: { timeoutMs?: number } = {}): Promise<TeamsHost | null> {
  if (!inFrame()) return null;
  const { app, authentication } = await import('@microsoft/teams-js');
  const initialised = await withTimeout(app.initialize().then(() => true), { ms: options.timeoutMs ?? defaultTimeoutMs, fallback: false }).catch(() => false);
  if (!initialised) return null;
  const ctx = await app.getContext();
  return {
    context: {
      tenantId: ctx.user?.tenant?.id ?? null,
      userObjectId: ctx.user?.id ?? null,
      loginHint: ctx.user?.loginHint ?? null,
      theme: teamsTheme(ctx.app.theme),
      locale: ctx.app.locale || null,
      subPageId: ctx.page.subPageId || null,
    },
    getAuthToken: () => authentication.getAuthToken(),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(teamsTheme(theme))),
    authenticate: async (url) => {
      await authentication.authenticate({ url, width: 600, height: 535 });
    },
  };
}

/**
 * For the last page in Teams' authentication window: tells the tab that opened it how it went, and Teams closes
 * the window. Answers false when the page is not in such a window (opened in a plain browser), so the page can
 * say what to do instead.
 */
export async function finishAuthentication(outcome: { readonly ok: true } | { readonly ok: false; readonly reason: string }, options: { timeoutMs?: number } = {}): Promise<boolean> {
  if (!window.opener && !inFrame()) return false;
  const { app, authentication } = await import('@microsoft/teams-js');
  const initialised = await withTimeout(app.initialize().then(() => true), { ms: options.timeoutMs ?? defaultTimeoutMs, fallback: false }).catch(() => false);
  if (!initialised) return false;
  if (outcome.ok) authentication.notifySuccess();
  else authentication.notifyFailure(outcome.reason);
  return true;
}

function inFrame(): boolean {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}

function teamsTheme(theme: string | undefined): TeamsTheme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

function withTimeout<T>(promise: Promise<T>, o: { ms: number; fallback: T }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => resolve(o.fallback), o.ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
