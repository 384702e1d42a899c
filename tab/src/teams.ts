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
      theme: teamsTheme(ctx.app.theme),
      locale: ctx.app.locale || null,
      subPageId: ctx.page.subPageId || null,
    },
    getAuthToken: () => authentication.getAuthToken(),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(teamsTheme(theme))),
  };
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
